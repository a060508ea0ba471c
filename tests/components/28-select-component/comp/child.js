Component({ properties: { name: String }, methods: { hello() { return 'hello from ' + this.data.name }, ask() { console.log('owner is page: ' + (typeof this.selectOwnerComponent().go)) } } })
