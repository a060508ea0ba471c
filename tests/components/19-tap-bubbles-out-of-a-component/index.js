Component({ methods: { onOuter(e) { console.log('outer tap target=' + e.target.id + ' current=' + e.currentTarget.id) } } })
