const range = (n) => Array.from({ length: n }, (_, i) => i)
Page({
  data: { items: range(20), rows: range(10), into: '' },
  log(e) { console.log(`tap ${e.currentTarget.id} page=${e.changedTouches[0].pageY} client=${e.changedTouches[0].clientY}`) },
  jump() { this.setData({ into: 'item12' }) },
  onScroll(e) { const d = e.detail; console.log(`scroll ${d.scrollTop} h=${d.scrollHeight} dy=${d.deltaY}`) },
  onEnd(e) { console.log(`${e.type} ${e.detail.direction}`) },
  onPageScroll(e) { console.log(`onPageScroll ${e.scrollTop}`) },
  onReachBottom() { console.log('onReachBottom') }
})
