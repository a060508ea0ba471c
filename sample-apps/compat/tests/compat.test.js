// The compat sample takes its fallbacks on old base libraries: run it with
// `wxemu test sample-apps/compat --sdk 2.10.0,3.0.0`. What each version has comes from the
// platform's documentation ("基础库 X 开始支持"), not from wxemu, which is under test here.

const SINCE = {
  getWindowInfo: '2.20.1', // wx.getWindowInfo
  rootPortal: '2.25.2', // <root-portal>
  showShareImageMenu: '2.14.3' // wx.showShareImageMenu
}
// Without --sdk the project runs on the newest base library.
const sdk = wxemu.sdk || '3.17.0'

function atLeast(version, since) {
  const a = version.split('.').map(Number)
  const b = since.split('.').map(Number)
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i]
  return true
}

const launch = () => wxemu.launch({ project: '..' })

test('reports the base library it runs on', () => {
  expect(launch().currentPage().$('#sdk').text()).toBe('base library ' + sdk)
})

test('takes the window API its base library has', () => {
  const api = atLeast(sdk, SINCE.getWindowInfo) ? 'getWindowInfo' : 'getSystemInfoSync'
  expect(launch().currentPage().$('#window-api').text()).toBe('window size from wx.' + api + ': 603 px high')
})

test('floats a root-portal only where there is one', () => {
  const portal = atLeast(sdk, SINCE.rootPortal)
  const page = launch().currentPage()
  expect(page.$('#portal') !== null).toBe(portal)
  expect(page.$('#portal-fallback') !== null).toBe(!portal)
})

test('an unguarded new API is missing on an old base library', () => {
  const app = launch()
  app.currentPage().$('#share').tap()
  const errors = app.console().filter(l => l.level === 'error').map(l => l.text)
  // Where the base library has it, wxemu says it does not carry it out yet.
  if (atLeast(sdk, SINCE.showShareImageMenu)) expect(errors).toEqual(['Uncaught (in promise) showShareImageMenu:fail not supported by wxemu yet'])
  else expect(errors).toEqual(['TypeError: not a callable function (in pages/index/index.onShareImage)'])
})
