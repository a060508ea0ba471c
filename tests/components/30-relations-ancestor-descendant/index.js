Component({ methods: { count() { console.log('fields ' + this.selectComponent('#f').getRelationNodes('./field').map(n => n.data.name).join(',')) } } })
