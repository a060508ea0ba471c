var fs = wx.getFileSystemManager();
var all = fs.statSync('/pages', true);
console.log('stat: ' + Object.keys(all).sort().join(' '));
App({})