Component({ methods: { onTap() { this.triggerEvent('pick', { value: 'v1' }) } } })
