Component({ data: { rows: [{ id: 1, label: 'one' }, { id: 2, label: 'two' }, { id: 3, label: 'three' }] }, methods: { drop() { this.setData({ rows: this.data.rows.slice(1) }) } } })
