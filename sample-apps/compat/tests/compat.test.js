// The compat sample takes its fallbacks on old base libraries: run it with
// `wxemu test sample-apps/compat --sdk 2.10.0,3.0.0` (each test checks the one it runs on).

const launch = () => wxemu.launch({ project: '..' })

test('reports the base library it runs on', () => {
  const app = launch()
  const sdk = app.evaluate(() => wx.getSystemInfoSync().SDKVersion)
  expect(app.currentPage().$('#sdk').text()).toBe('base library ' + sdk)
})

test('takes the window API its base library has', () => {
  const app = launch()
  const hasWindowInfo = app.evaluate(() => typeof wx.getWindowInfo === 'function')
  const text = app.currentPage().$('#window-api').text()
  expect(text).toBe('window size from wx.' + (hasWindowInfo ? 'getWindowInfo' : 'getSystemInfoSync') + ': 603 px high')
})

test('floats a root-portal only where there is one', () => {
  const app = launch()
  const portal = app.evaluate(() => wx.canIUse('root-portal'))
  const page = app.currentPage()
  expect(page.$('#portal') !== null).toBe(portal)
  expect(page.$('#portal-fallback') !== null).toBe(!portal)
})

test('an unguarded new API is missing on an old base library', () => {
  const app = launch()
  const has = app.evaluate(() => typeof wx.showShareImageMenu === 'function')
  app.currentPage().$('#share').tap()
  const errors = app.console().filter(l => l.level === 'error').map(l => l.text)
  // Where the base library has it, wxemu says it does not carry it out yet.
  if (has) expect(errors).toEqual(['Uncaught (in promise) showShareImageMenu:fail not supported by wxemu yet'])
  else expect(errors).toEqual(['TypeError: not a callable function (in pages/index/index.onShareImage)'])
})
