Page({
  log(e) {
    const at = e.detail.x === undefined ? '' : ` at ${e.detail.x},${e.detail.y}`
    console.log(`${e.type} ${e.currentTarget.id} touches=${e.touches.length} changed=${e.changedTouches.length} page=${e.changedTouches[0].pageX},${e.changedTouches[0].pageY}${at}`)
  }
})
