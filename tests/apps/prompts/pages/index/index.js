const say = (what) => (res) => console.log(what + ' ' + JSON.stringify(res))
Page({
  toast() { wx.showToast({ title: '已保存', success: say('toast') }) },
  toastNone() { wx.showToast({ title: 'A longer message without an icon', icon: 'none', duration: 3000 }) },
  loading() { wx.showLoading({ title: '加载中', mask: true }) },
  modal() { wx.showModal({ title: '删除这一项？', content: '删除后无法恢复。', confirmColor: '#fa5151', success: say('modal') }) },
  editable() { wx.showModal({ title: 'Rename', editable: true, placeholderText: 'a new name' }).then(say('renamed')) },
  sheet() { wx.showActionSheet({ itemList: ['拍照', '从相册选择'], alertText: '上传头像', success: say('sheet'), fail: say('sheet failed') }) },
  wrong() {
    wx.showToast({ title: 3, fail: say('toast failed') })
    wx.showActionSheet({ itemList: [1, 2, 3, 4, 5, 6, 7] }).catch(say('sheet rejected'))
    wx.hideLoading({ fail: say('hideLoading failed') })
  }
})
