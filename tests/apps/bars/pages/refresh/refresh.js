Page({
  onLoad() {
    wx.startPullDownRefresh()
    wx.setTabBarBadge({ index: 0, text: '1', fail: (res) => console.log('badge ' + res.errMsg) })
  },
  onPullDownRefresh() {
    console.log('onPullDownRefresh')
    setTimeout(() => wx.stopPullDownRefresh(), 1000)
  }
})
