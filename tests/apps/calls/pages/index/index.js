// Records every callback and task event a test's calls get, in order, in globalThis.seen.
globalThis.seen = []
globalThis.record = function (what) {
  return function (res) {
    var copy = {}
    for (var k in res) copy[k] = res[k] instanceof ArrayBuffer ? { byteLength: res[k].byteLength, bytes: Array.from(new Uint8Array(res[k])) } : res[k]
    globalThis.seen.push([what, copy])
  }
}
globalThis.callbacks = function (name) {
  return { success: record(name + ' success'), fail: record(name + ' fail') }
}
Page({ data: { status: '' } })
