// The gallery's built-in components, through `wxemu test`.

const launch = (page) => wxemu.launch({ project: '..', page })

describe('the index', () => {
  test('lists every kind of component', () => {
    const page = launch().currentPage()
    expect(page.$$('.kind')).toHaveLength(9)
    expect(page.$$('.kind-name').map(n => n.text())).toContain('表单组件')
  })

  test('a navigator opens its page', () => {
    const app = launch()
    app.currentPage().$$('.kind')[4].tap()
    expect(app.currentPage().path).toBe('pages/form/form')
    expect(app.pageStack()).toHaveLength(2)
  })

  test('looks as the client draws it', () => {
    expect(launch().currentPage()).toMatchScreenshot('index')
  })
})

describe('the form components', () => {
  test('a tapped switch turns', () => {
    const app = launch('pages/form/form')
    const second = app.currentPage().$$('switch')[1]
    expect(second.attribute('checked')).toBe(null)
    second.tap()
    expect(second.attribute('checked')).toBe(true)
  })

  test('a label checks its checkbox', () => {
    const app = launch('pages/form/form')
    const page = app.currentPage()
    page.$$('checkbox-group label')[1].tap()
    expect(page.$$('checkbox')[1].attribute('checked')).toBe(true)
  })

  test('a radio is chosen only once in its group', () => {
    const app = launch('pages/form/form')
    const page = app.currentPage()
    page.$$('radio')[1].tap()
    expect(page.$$('radio').map(r => r.attribute('checked'))).toEqual([false, true])
  })

  test('inputs take typing up to their maxlength', () => {
    const app = launch('pages/form/form')
    const input = app.currentPage().$('.input')
    input.input('你好')
    expect(input.attribute('value')).toBe('你好')
    expect(() => app.currentPage().$('button').input('x')).toThrow('not an input or textarea')
  })

  test('disabled buttons are marked', () => {
    const page = launch('pages/form/form').currentPage()
    expect(page.$$('button').filter(b => b.attribute('disabled') === true)).toHaveLength(1)
  })
})

describe('navigators', () => {
  test('open a new page', () => {
    const app = launch('pages/navigator/navigator')
    app.currentPage().$$('navigator')[0].tap()
    expect(app.pageStack().map(p => p.path)).toEqual(['pages/navigator/navigator', 'pages/view/view'])
  })

  test('redirect in place', () => {
    const app = launch('pages/navigator/navigator')
    app.currentPage().$$('navigator')[1].tap()
    expect(app.pageStack().map(p => p.path)).toEqual(['pages/form/form'])
  })

  test('go back', () => {
    const app = launch()
    app.navigateTo('/pages/navigator/navigator')
    app.currentPage().$$('navigator')[2].tap()
    expect(app.currentPage().path).toBe('pages/index/index')
  })
})

describe('pickers', () => {
  test('a picker shows its choice and opens its popup on a tap', () => {
    const app = launch('pages/picker/picker')
    const page = app.currentPage()
    expect(page.$('.picker').text()).toBe('当前选择：巴西')
    page.$('picker').tap()
    expect(app.prompts()[0]).toEqual({ type: 'picker', columns: [['中国', '美国', '巴西', '日本']], selected: [2] })
    app.answer(false)
    expect(app.prompts()).toEqual([])
  })

  test('a picker-view shows the rows its value chooses', () => {
    const page = launch('pages/picker/picker').currentPage()
    expect(page.$('picker-view').attribute('value')).toEqual([6, 10, 22])
    expect(page.$$('picker-view-column')).toHaveLength(3)
  })

  test('textareas take typing', () => {
    const page = launch('pages/picker/picker').currentPage()
    const area = page.$('.textarea')
    area.input('两行\n文字')
    expect(area.attribute('value')).toBe('两行\n文字')
  })
})

// A selector query answers after the code that made it: run it, then read what it left.
const measure = (app, query) => {
  app.evaluate(query)
  return app.evaluate(() => globalThis.measured)
}

describe('scrolling', () => {
  test('scroll-views start where their attributes put them', () => {
    const app = launch('pages/scroll/scroll')
    const offsets = measure(app, () => wx.createSelectorQuery().selectAll('scroll-view').scrollOffset(r => { globalThis.measured = r.map(o => [o.scrollTop, o.scrollLeft]) }).exec())
    expect(offsets[0]).toEqual([60, 0])
    expect(offsets[1]).toEqual([0, 80])
  })

  test('the page scrolls with pageScrollTo', () => {
    const app = launch()
    app.evaluate(() => wx.pageScrollTo({ scrollTop: 100, duration: 0 }))
    app.advance(0)
    expect(measure(app, () => wx.createSelectorQuery().selectViewport().scrollOffset(r => { globalThis.measured = r.scrollTop }).exec())).toBe(100)
  })
})

describe('views', () => {
  test('a swiper starts at its current item', () => {
    const page = launch('pages/view/view').currentPage()
    expect(page.$('swiper').attribute('current')).toBe('1')
    expect(page.$$('swiper-item').length).toBeGreaterThan(1)
  })

  test('flex rows lay their blocks side by side', () => {
    const app = launch('pages/view/view')
    const rects = measure(app, () => wx.createSelectorQuery().selectAll('.flex-row .block').boundingClientRect(r => { globalThis.measured = r.map(b => [b.left, b.top]) }).exec())
    expect(rects).toHaveLength(3)
    expect(rects[0][1]).toBe(rects[1][1])
    expect(rects[1][0]).toBeGreaterThan(rects[0][0])
  })
})
