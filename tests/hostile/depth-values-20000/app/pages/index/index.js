var o = {}; for (var i = 0; i < 20000; i++) o = { a: o };
Page({ onLoad() {
  try { JSON.stringify(o); } catch (e) { console.log('stringify: ' + e.name); }
  try { wx.setStorageSync('k', o); } catch (e) { console.log('storage: ' + e.name); }
  try { console.log(o); } catch (e) { console.log('console: ' + e.name); }
  this.setData({ deep: o });
} })