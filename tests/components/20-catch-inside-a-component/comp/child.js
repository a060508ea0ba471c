Component({ methods: { onInner() { console.log('inner caught') } } })
