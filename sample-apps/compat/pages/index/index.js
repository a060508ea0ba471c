Page({
  data: { windowApi: '', windowHeight: 0, sdk: '', profileApi: '', portal: false, avatar: '' },
  onLoad() {
    // Guarded by the member's presence (wx has only its base library's members).
    const info = wx.getWindowInfo ? wx.getWindowInfo() : wx.getSystemInfoSync()
    this.setData({
      windowApi: wx.getWindowInfo ? 'getWindowInfo' : 'getSystemInfoSync',
      windowHeight: info.windowHeight,
      sdk: wx.getSystemInfoSync().SDKVersion,
      // Guarded by wx.canIUse.
      profileApi: wx.canIUse('getUserProfile') ? 'getUserProfile' : 'getUserInfo',
      portal: wx.canIUse('root-portal'),
    })
  },
  onAvatar(e) {
    this.setData({ avatar: e.detail.avatarUrl })
  },
  onShareImage() {
    // Not guarded: base library 2.14.3 and later only.
    wx.showShareImageMenu({ path: '/images/share.png' })
  },
})
