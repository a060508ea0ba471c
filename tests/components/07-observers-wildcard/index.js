Component({ data: { a: 1, b: 1 }, observers: { '**'(all) { console.log('** ' + JSON.stringify(all)) } }, methods: { go() { this.setData({ a: 2 }); this.setData({ b: 3 }) } } })
