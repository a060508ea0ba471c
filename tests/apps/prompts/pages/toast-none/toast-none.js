Page({ onLoad() { wx.showToast({ title: 'A longer message without an icon wraps onto two lines', icon: 'none' }) } })
