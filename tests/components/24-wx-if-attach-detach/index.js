Component({ data: { show: true }, methods: { toggle() { this.setData({ show: !this.data.show }) } } })
