Component({ properties: { label: String }, lifetimes: { attached() { console.log('fancy ' + this.data.label) } } })
