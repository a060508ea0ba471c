// Each handler changes the page in one way a setData can: text, a class, the list's
// length, an inline style, an attribute of a built-in component.
Page({
  data: {
    rows: [
      { id: 1, title: 'First row with a title long enough to be cut with an ellipsis at the end', done: false },
      { id: 2, title: '第二行：中文标题', done: true },
      { id: 3, title: 'Third', done: false }
    ],
    note: 'A note with an <inline> part',
    width: 120,
    checked: false,
    count: 0
  },
  retitle() {
    this.setData({ 'rows[1].title': '第二行：改过的标题 ' + (++this.data.count), note: 'The note changed' })
  },
  toggle() {
    this.setData({ 'rows[0].done': !this.data.rows[0].done, checked: !this.data.checked })
  },
  grow() {
    const id = this.data.rows.length + 1
    this.setData({ rows: this.data.rows.concat([{ id, title: 'Row ' + id, done: id % 2 === 0 }]) })
  },
  resize() {
    this.setData({ width: this.data.width + 40 })
  }
})
