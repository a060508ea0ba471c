Page({
  go() {
    wx.navigateTo({
      url: '/pages/channel/channel?from=opener',
      events: { hello(d) { console.log('opener got ' + d) } },
      success(res) {
        console.log('success ' + res.errMsg)
        res.eventChannel.emit('reply', 'hi back')
      },
      complete() { console.log('complete') }
    })
  },
  bad() {
    wx.navigateTo({ url: '/pages/nope/nope' }).catch(e => console.log('caught ' + e.errMsg))
  },
  lost() {
    wx.navigateTo({ url: '/pages/nope/nope' })
  },
  tab() {
    wx.switchTab({ url: '/pages/list/list' }).then(r => console.log('then ' + r.errMsg))
  }
})
