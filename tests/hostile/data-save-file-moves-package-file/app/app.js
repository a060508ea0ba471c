var fs = wx.getFileSystemManager();
try { fs.saveFileSync('app.js'); console.log('saved'); } catch (e) { console.log('saveFileSync: ' + e.message); }
fs.saveFile({ tempFilePath: 'pages/index/index.js', success: () => console.log('saved'), fail: (e) => console.log('saveFile: ' + e.errMsg) });
App({})