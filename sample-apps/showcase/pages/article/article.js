const app = getApp()

Page({
  data: { article: null, error: '', liked: false },

  onLoad(query) {
    this.id = Number(query.id)
    this.setData({ liked: (wx.getStorageSync('liked') || []).includes(this.id) })
    wx.request({
      url: `${app.globalData.api}/articles/${this.id}`,
      success: (res) => {
        if (res.statusCode === 200) this.setData({ article: res.data })
        else this.setData({ error: `${res.statusCode}: ${res.data.error}` })
      }
    })
  },

  like() {
    wx.showModal({
      title: 'Like this article?',
      success: ({ confirm }) => {
        if (!confirm) return
        wx.request({
          url: `${app.globalData.api}/likes`,
          method: 'POST',
          data: { article: this.id },
          success: () => {
            const liked = wx.getStorageSync('liked') || []
            wx.setStorageSync('liked', liked.concat(this.id))
            this.setData({ liked: true, 'article.likes': this.data.article.likes + 1 })
            wx.showToast({ title: 'Liked' })
          }
        })
      }
    })
  },

  back() {
    wx.navigateBack()
  }
})
