// The router as the platform has it, driven through `wxemu test` (a regression folder: this
// app and its test).

const launch = () => wxemu.launch({ project: '.' })
const lines = (app) => app.console().map(l => l.text)

describe('the router', () => {
  test('launches the entry page through its lifecycles', () => {
    const app = launch()
    expect(app.currentPage().path).toBe('pages/index/index')
    expect(lines(app)).toEqual(['App.onLaunch pages/index/index 1001', 'App.onShow', 'index.onLoad {}', 'index.onShow', 'index.onReady'])
  })

  test('navigateTo opens a page over the current one with its query', () => {
    const app = launch()
    const detail = app.navigateTo('/pages/detail/detail?id=7')
    expect(detail.path).toBe('pages/detail/detail')
    expect(detail.query).toEqual({ id: '7' })
    expect(detail.data()).toEqual({ id: '7', pages: 2 })
    expect(detail.$('view').text()).toBe('detail 7 of 2')
    expect(app.pageStack().map(p => p.path)).toEqual(['pages/index/index', 'pages/detail/detail'])
    expect(lines(app)).toContain('index.onHide')
  })

  test('navigateBack unloads the top page and shows the one below', () => {
    const app = launch()
    app.navigateTo('/pages/detail/detail?id=1')
    app.navigateTo('/pages/detail/detail?id=2')
    expect(app.navigateBack(2).path).toBe('pages/index/index')
    const log = lines(app)
    expect(log).toContain('detail.onUnload 2')
    expect(log).toContain('detail.onUnload 1')
    expect(() => app.navigateBack()).toThrow('navigateBack:fail cannot navigate back at first page.')
  })

  test('redirectTo replaces the page; tab pages refuse it', () => {
    const app = launch()
    app.navigateTo('/pages/detail/detail?id=1')
    app.redirectTo('/pages/detail/detail?id=2')
    expect(app.pageStack()).toHaveLength(2)
    expect(() => app.redirectTo('/pages/list/list')).toThrow('can not redirectTo a tabbar page')
  })

  test('reLaunch leaves one page', () => {
    const app = launch()
    app.navigateTo('/pages/detail/detail')
    app.navigateTo('/pages/detail/detail')
    app.reLaunch('/pages/detail/detail?id=9')
    expect(app.pageStack().map(p => p.path)).toEqual(['pages/detail/detail'])
  })

  test('switchTab goes to tab pages only', () => {
    const app = launch()
    expect(app.switchTab('/pages/list/list').path).toBe('pages/list/list')
    expect(() => app.switchTab('/pages/detail/detail')).toThrow("can not switch to no-tabBar page")
    expect(() => app.navigateTo('/pages/index/index')).toThrow('can not navigateTo a tabbar page')
  })

  test('at most ten pages', () => {
    const app = launch()
    for (let i = 0; i < 9; i++) app.navigateTo('/pages/detail/detail?id=' + i)
    expect(app.pageStack()).toHaveLength(10)
    expect(() => app.navigateTo('/pages/detail/detail')).toThrow('webview count limit exceed')
  })

  test('a page that does not exist', () => {
    const app = launch()
    expect(() => app.navigateTo('/pages/nowhere/nowhere')).toThrow('page "pages/nowhere/nowhere" is not found')
  })
})

describe('timers', () => {
  test('run on the virtual clock', () => {
    const app = launch()
    const page = app.navigateTo('/pages/timer/timer')
    expect(page.data('count')).toBe(0)
    app.advance(2500)
    expect(page.data()).toEqual({ count: 2, done: true })
    app.advance(10000)
    expect(page.data('count')).toBe(5)
    expect(app.now()).toBe(12500)
  })

  test('an error in a timer is reported and the app keeps running', () => {
    const app = launch()
    app.navigateTo('/pages/timer/timer')
    app.advance(100)
    const errors = app.console().filter(l => l.level === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].text).toBe("TypeError: cannot convert 'null' or 'undefined' to object (in timer callback)")
    expect(lines(app)).toContain('App.onError TypeError: cannot convert \'null\' or \'undefined\' to object')
    app.advance(1000)
    expect(app.currentPage().data('count')).toBe(1)
  })
})
