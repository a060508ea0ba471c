Component({ properties: { s: String, n: Number, b: Boolean, o: Object, a: Array, v: { type: String, value: 'given' } }, lifetimes: { attached() { console.log(JSON.stringify(this.data)) } } })
