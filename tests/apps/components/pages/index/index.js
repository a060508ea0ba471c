Page({
  data: { t: 'hello', n: '3', show: true },
  onLoad() { console.log('page onLoad') },
  onShow() { console.log('page onShow') },
  onReady() { console.log('page onReady') },
  onChange(e) { console.log('page got change ' + JSON.stringify(e.detail) + ' from #' + e.target.id) },
  onBubbled() { console.log('bubbled to the page view') },
  hideCard() { this.setData({ show: false }) }
})
