Page({
  data: { version: '0.1.0', features: ['WXML', 'WXS', 'templates'] }
})
