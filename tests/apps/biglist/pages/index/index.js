Page({
  data: { rows: [] },
  onLoad() {
    const rows = []
    for (let i = 0; i < 1000; i++) rows.push({ id: i, title: 'Item ' + i, price: i * 1.5, count: i % 7, done: i % 3 === 0 })
    this.setData({ rows })
    this.touches = 0
  },
  onTouch() {
    this.touches++
    this.setData({ 'rows[500].title': 'Touched ' + this.touches })
  }
})
