Page({
  log(e) { console.log(e.type + '@' + e.timeStamp) },
  onPullDownRefresh() { console.log('onPullDownRefresh') },
  onReachBottom() { console.log('onReachBottom') },
  onPageScroll(e) { console.log('onPageScroll ' + e.scrollTop) },
  onResize(e) { console.log('onResize ' + e.size.windowWidth + 'x' + e.size.windowHeight) },
  onTabItemTap(item) { console.log('onTabItemTap ' + JSON.stringify(item)) },
  onHide() { console.log('index.onHide') },
  onShow() { console.log('index.onShow') }
})
