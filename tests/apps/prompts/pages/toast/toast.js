Page({ onLoad() { wx.showToast({ title: '已保存' }) } })
