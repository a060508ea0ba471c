Component({ pageLifetimes: { resize(s) { console.log('probe resize ' + s.size.windowWidth) }, hide() { console.log('probe hide') }, show() { console.log('probe show') } } })
