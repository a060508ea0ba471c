Page({
  data: { swap: '/images/pattern.png' },
  log(e) { console.log(e.type + ' ' + e.currentTarget.id + ' ' + JSON.stringify(e.detail)) },
  change() { this.setData({ swap: '/images/missing.png' }) }
})
