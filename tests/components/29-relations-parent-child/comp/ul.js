Component({ relations: { './li': { type: 'child', linked(t) { console.log('ul linked ' + t.data.name) }, unlinked(t) { console.log('ul unlinked ' + t.data.name) } } } })
