Page({ onLoad() {
  // Ten slow requests fill the ten slots; the refused ones wait behind them, and each fails
  // at once when it gets a slot.
  var failed = 0, n = 20000;
  for (var i = 0; i < 10; i++) wx.request({ url: 'https://api.example.com/slow' });
  for (var i = 0; i < n; i++) {
    wx.request({ url: 'https://not-listed.example/' + i, fail() { if (++failed === n) console.log('all ' + n + ' failed') } });
  }
} })
