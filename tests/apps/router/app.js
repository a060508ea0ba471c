App({
  onLaunch(o) { console.log('App.onLaunch ' + o.path + ' ' + o.scene) },
  onShow() { console.log('App.onShow') },
  onPageNotFound(r) { console.log('App.onPageNotFound ' + r.path) },
  onError(msg) { console.log('App.onError ' + msg.split('\n')[0]) }
})
