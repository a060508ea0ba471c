Component({ properties: { label: String }, lifetimes: { attached() { console.log('plain ' + this.data.label) } } })
