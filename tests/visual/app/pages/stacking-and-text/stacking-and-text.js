Page({ data: { long: 'A title far too long for one line of a phone screen gets an ellipsis at its end', zh: '很长的中文标题在两行之后被截断并加上省略号，这是小程序列表里最常见的写法之一，用来保持卡片高度一致。' } })
