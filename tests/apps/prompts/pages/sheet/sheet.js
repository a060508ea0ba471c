Page({ onLoad() { wx.showActionSheet({ itemList: ['拍照', '从相册选择'], alertText: '上传头像' }) } })
