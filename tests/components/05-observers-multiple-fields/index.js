Component({ data: { a: 1, b: 2, sum: 0 }, observers: { 'a, b'(a, b) { console.log('a,b ' + a + ' ' + b); this.setData({ sum: a + b }) } }, methods: { go() { this.setData({ a: 10 }) } } })
