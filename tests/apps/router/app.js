App({
  onLaunch(o) { console.log('App.onLaunch ' + o.path + ' ' + o.scene) },
  onShow() { console.log('App.onShow') },
  onPageNotFound(r) { console.log('App.onPageNotFound ' + r.path) },
  onError(msg) { console.log('App.onError ' + msg.split('\n')[0]) },
  onUnhandledRejection(r) { console.log('App.onUnhandledRejection ' + r.reason.errMsg + ' ' + (r.promise instanceof Promise)) },
  onThemeChange(t) { console.log('App.onThemeChange ' + t.theme) }
})
