const fmt = require('fmt-lib')

// devDependencies are not built: the app never sees them.
let devOnly = 'built'
try {
  require('dev-only')
} catch (e) {
  devOnly = 'not built'
}

Page({
  data: { price: fmt.money(5), devOnly },
})
