Page({
  data: { triggered: false, rows: ['first', 'second', 'third'] },
  onPulling(e) { console.log('pulling', e.detail.dy) },
  onRefresh(e) {
    console.log('refresh', e.detail.dy)
    this.setData({ triggered: true })
    setTimeout(() => this.setData({ triggered: false, rows: ['fresh', 'first', 'second', 'third'] }), 1000)
  },
  onRestore() { console.log('restore') },
})
