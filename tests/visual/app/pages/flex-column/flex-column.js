Page({ data: {"chips": ["WXML", "WXSS", "WXS", "JSON", "setData", "Component", "Behavior", "wx.request"]} })
