// The showcase: articles from the network (mock/routes.json answers them under wxemu),
// likes kept in storage, the phone's details, a modal and page navigation.
App({
  globalData: { api: 'https://api.showcase.example' },
  onLaunch() {
    const visits = (wx.getStorageSync('visits') || 0) + 1
    wx.setStorageSync('visits', visits)
  }
})
