Component({ properties: { value: { type: Number, value: 0, observer(n, o) { console.log('observer ' + o + ' -> ' + n) } } } })
