Component({ options: { styleIsolation: 'shared' } })
