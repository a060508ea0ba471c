const app = getApp()

Page({
  data: { articles: [], loading: true, error: '', device: '', visits: 0, liked: 0 },

  onLoad() {
    const device = wx.getDeviceInfo()
    const windowInfo = wx.getWindowInfo()
    this.setData({
      device: `${device.model} · ${windowInfo.windowWidth}×${windowInfo.windowHeight}`,
      visits: wx.getStorageSync('visits')
    })
    wx.showLoading({ title: 'Loading' })
    wx.request({
      url: `${app.globalData.api}/articles`,
      success: (res) => this.setData({ articles: res.data }),
      fail: (res) => this.setData({ error: res.errMsg }),
      complete: () => {
        this.setData({ loading: false })
        wx.hideLoading()
      }
    })
  },

  onShow() {
    this.setData({ liked: (wx.getStorageSync('liked') || []).length })
  },

  open(e) {
    wx.navigateTo({ url: `/pages/article/article?id=${e.currentTarget.dataset.id}` })
  },

  reset() {
    wx.showModal({
      title: 'Forget likes?',
      content: 'This clears the likes stored on this phone.',
      success: (res) => {
        if (!res.confirm) return
        wx.removeStorageSync('liked')
        this.setData({ liked: 0 })
        wx.showToast({ title: 'Cleared', icon: 'none' })
      }
    })
  }
})
