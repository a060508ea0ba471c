const log = (what, arg) => console.log('list.' + what + (arg === undefined ? '' : ' ' + JSON.stringify(arg)))
Page({
  data: { title: 'list' },
  onLoad(query) { log('onLoad', query) },
  onShow() { log('onShow') },
  onReady() { log('onReady') },
  onHide() { log('onHide') },
  onUnload() { log('onUnload') },
})
