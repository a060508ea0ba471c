var fs = wx.getFileSystemManager();
fs.writeFileSync(wx.env.USER_DATA_PATH + '/a.txt', 'x', 'utf8');
fs.rmdirSync('wxfile://usr/.', true);
fs.writeFileSync(wx.env.USER_DATA_PATH + '/b.txt', 'y', 'utf8');
console.log('after: ' + fs.readdirSync(wx.env.USER_DATA_PATH).join(','));
App({})