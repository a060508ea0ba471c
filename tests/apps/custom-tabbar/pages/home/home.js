Page({
  onShow() {
    // The pattern the docs give: each tab page tells the bar which item is selected.
    this.getTabBar().setData({ selected: 0 })
    console.log('home shows tab ' + this.getTabBar().data.selected)
  }
})
