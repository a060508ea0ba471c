var got = 'nothing';
try { got = require('./lib.js'); } catch (e) { got = String(e.message || e); }
console.log('require: ' + got);
Page({ onLoad() { wx.getImageInfo({ src: 'pic.png', success: (r) => console.log('image: ' + r.width), fail: (e) => console.log('image: ' + e.errMsg) }) } })