Component({ methods: { onTop(e) { console.log('top got deep') }, onOuter(e) { console.log('outer host got deep') } } })
