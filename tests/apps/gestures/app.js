App({ onHide() { console.log('App.onHide') }, onShow(o) { console.log('App.onShow ' + o.scene) } })
