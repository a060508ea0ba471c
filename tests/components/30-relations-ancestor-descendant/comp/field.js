Component({ properties: { name: String }, relations: { './form': { type: 'ancestor', linked(t) { console.log(this.data.name + ' found its form') } } } })
