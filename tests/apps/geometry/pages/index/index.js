globalThis.seen = []
Page({
  data: { items: ['a', 'b', 'c'], scrollerTop: 40 },
  onPageScroll(e) { globalThis.seen.push(['scroll', e]) }
})
