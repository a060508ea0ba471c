Component({ properties: { p: Number }, data: { q: 2 }, lifetimes: { attached() { console.log((this.properties === this.data) + ' ' + this.properties.q + ' ' + this.data.p) } } })
