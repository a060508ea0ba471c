Page({ onLoad() { wx.showLoading({ title: '加载中' }) } })
