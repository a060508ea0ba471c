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
