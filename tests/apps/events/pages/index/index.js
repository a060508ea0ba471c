Page({
  data: {
    items: [{ id: 1, label: 'one' }, { id: 2, label: 'two' }],
    log: []
  },
  record(name, e) {
    this.setData({ log: this.data.log.concat(`${name}:${e.currentTarget.id}<-${e.target.id || e.target.dataset.itemId || "none"}:${JSON.stringify(e.mark)}`) })
  },
  onCapture(e) { this.record('capture', e) },
  onOuter(e) { this.record('outer', e) },
  onRow(e) { this.record('row', e) },
  onDelete(e) {
    this.record('delete', e)
    this.setData({ items: this.data.items.filter(i => i.id !== e.currentTarget.dataset.itemId) })
  },
  onMutOuter(e) { this.record('mutOuter', e) },
  onMutInner(e) { this.record('mutInner', e) }
})
