// The system-information family as an app sees it: launch sees the entry page's window.
// (wx.onThemeChange is from base library 2.11.0.)
if (wx.onThemeChange) wx.onThemeChange(function (res) { console.log('wx.onThemeChange ' + res.theme) })

App({
  onLaunch() {
    console.log('onLaunch windowHeight ' + wx.getSystemInfoSync().windowHeight)
  },
  onThemeChange(res) {
    console.log('App.onThemeChange ' + res.theme)
  }
})
