Page({
  data: { list: null.items }
})
