const say = (what) => (res) => console.log(what + ' ' + res.errMsg)
Page({
  onLoad() {
    wx.setNavigationBarTitle({ title: 'Set by the page' })
    wx.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: '#07c160' })
    wx.showNavigationBarLoading()
    wx.setTabBarBadge({ index: 1, text: '12' })
    wx.showTabBarRedDot({ index: 0, success: say('red dot') })
    wx.setTabBarBadge({ index: 5, text: 'x', fail: say('badge') })
    wx.setNavigationBarColor({ frontColor: '#ff0000', backgroundColor: '#000000', fail: say('color') })
  },
  onPullDownRefresh() { console.log('refreshing') }
})
