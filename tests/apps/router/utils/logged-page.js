// Page options that log every lifecycle as `<name>.<lifecycle> [argument]`.
module.exports = function loggedPage(name) {
  const log = (what, arg) => console.log(name + '.' + what + (arg === undefined ? '' : ' ' + JSON.stringify(arg)))
  return {
    data: { title: name },
    onLoad(query) { log('onLoad', query) },
    onShow() { log('onShow') },
    onReady() { log('onReady') },
    onHide() { log('onHide') },
    onUnload() { log('onUnload') }
  }
}
