Component({ relations: { './field': { type: 'descendant', linked(t) { console.log('form linked ' + t.data.name) } } } })
