Page({
  data: { from: '' },
  onLoad(query) {
    this.setData({ from: query.from })
    const channel = this.getOpenerEventChannel()
    channel.on('reply', d => console.log('opened got ' + d))
    channel.emit('hello', 'from opened')
  },
  back() {
    wx.navigateBack({ success: r => console.log('back ' + r.errMsg) })
  }
})
