Component({ properties: { label: String }, data: { clicks: 0 }, lifetimes: { attached() { console.log('attached ' + this.data.label) }, detached() { console.log('detached ' + this.data.label) } } })
