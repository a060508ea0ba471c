Component({ data: { items: ['a', 'b', 'c'], n: 1 } })
