Component({ methods: { onTap() { this.triggerEvent('ping', {}, { bubbles: true }); this.triggerEvent('ping', {}, {}) } } })
