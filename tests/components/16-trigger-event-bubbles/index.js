Component({ methods: { onHost(e) { console.log('host ' + e.currentTarget.id) }, onWrap(e) { console.log('wrap ' + e.currentTarget.id + ' target=' + e.target.id) } } })
