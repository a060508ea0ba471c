Page({ onLoad() { wx.showModal({ title: '删除这一项？', content: '删除后无法恢复。', confirmColor: '#fa5151' }) } })
