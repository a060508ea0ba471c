Page({
  data: { id: '', pages: 0 },
  onLoad(query) { this.setData({ id: query.id || '', pages: getCurrentPages().length }) },
  onUnload() { console.log('detail.onUnload ' + this.data.id) }
})
