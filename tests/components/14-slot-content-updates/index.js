Component({ data: { n: 0 }, methods: { inc() { this.setData({ n: this.data.n + 1 }) } } })
