Page({ data: {"text": "小程序是一种全新的连接用户与服务的方式，它可以在微信内被便捷地获取和传播，同时具有出色的使用体验。", "mixed": "微信小程序（WeChat Mini Program）使用 WXML、WXSS 和 JavaScript 开发，基础库版本 3.0.0。"} })
