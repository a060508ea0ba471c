Component({ methods: { onInner(e) { console.log('inner tap target=' + e.target.id + ' current=' + e.currentTarget.id) } } })
