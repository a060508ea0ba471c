Component({ methods: { onOuter() { console.log('outer (should not run)') } } })
