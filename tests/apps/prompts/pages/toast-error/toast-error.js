Page({ onLoad() { wx.showToast({ title: '保存失败', icon: 'error' }) } })
