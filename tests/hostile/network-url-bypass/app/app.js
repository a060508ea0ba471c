['https://127.0.0.1:1\\@api.example.com/x', 'https://api.example.com@127.0.0.1:1/x', 'https://api.example.com.:1/x'].forEach(function (url, i) {
  wx.request({ url: url, fail: (e) => console.log('url ' + i + ': ' + e.errMsg), success: () => console.log('reached ' + url) });
});
App({})