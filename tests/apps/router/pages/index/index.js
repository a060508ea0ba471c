const log = (what, arg) => console.log('index.' + what + (arg === undefined ? '' : ' ' + JSON.stringify(arg)))
Page({
  data: { title: 'index' },
  onLoad(query) { log('onLoad', query) },
  onShow() { log('onShow') },
  onReady() { log('onReady') },
  onHide() { log('onHide') },
  onUnload() { log('onUnload') },
})
