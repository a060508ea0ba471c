Page({
  data: { windowApi: '', profileApi: '', portal: false, avatar: '' },
  onLoad() {
    this.setData({
      // Guarded by the member's presence (wx has only its base library's members).
      windowApi: wx.getWindowInfo ? 'getWindowInfo' : 'getSystemInfoSync',
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
