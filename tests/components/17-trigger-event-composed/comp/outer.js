Component({ methods: { onShell() { console.log('shell got deep') } } })
