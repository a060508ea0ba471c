// Writes storage on every turn of the event loop: a counter and a big value that ends with
// it, stored in the same turn. A kill at any moment must leave the two in step.
App({
  onLaunch() {
    let n = wx.getStorageSync('n') || 0
    setInterval(() => {
      n += 1
      wx.setStorageSync('n', n)
      wx.setStorageSync('blob', 'x'.repeat(300000) + n)
    }, 1)
  }
})
