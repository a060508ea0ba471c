Component({ properties: { value: { type: Number, observer(n, o) { console.log('observer ' + o + ' -> ' + n) } } }, methods: { bump() { this.setData({ value: this.data.value + 10 }) } } })
