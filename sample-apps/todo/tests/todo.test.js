// Page tests for the todo sample, run with `wxemu test sample-apps/todo`.

describe('the todo list', () => {
  test('starts with three todos, one of them done', () => {
    const app = wxemu.launch({ project: '..' })
    const page = app.currentPage()
    expect(page.path).toBe('pages/index/index')
    expect(page.data('todos')).toHaveLength(3)
    expect(page.data('todos[0].done')).toBe(true)
    expect(page.$('.summary').text()).toMatch(/2/)
    expect(page.$('.title')).toBeNull()
    expect(page.$('todo-item').$('.title').text()).toBe('Read the WXML guide')
  })

  test('adds a todo typed into the input', () => {
    const app = wxemu.launch({ project: '..' })
    const page = app.currentPage()
    page.$('.draft').input('Buy milk')
    expect(page.data('draft')).toBe('Buy milk')
    page.$('button').tap()
    expect(page.data('todos')).toHaveLength(4)
    expect(page.data('todos[3].title')).toBe('Buy milk')
    expect(page.data('draft')).toBe('')
    const titles = page.$$('todo-item >>> .title').map(t => t.text())
    expect(titles).toContain('Buy milk')
  })

  test('completes and deletes todos through the item component', () => {
    const app = wxemu.launch({ project: '..' })
    const page = app.currentPage()
    page.$('todo-item >>> #check-2').tap()
    expect(page.data('todos[1].done')).toBe(true)
    expect(page.$('todo-item >>> #check-2').attribute('checked')).toBe(true)
    page.$('todo-item >>> #check-2').tap()
    expect(page.$('todo-item >>> #check-2').attribute('checked')).toBe(false)
    page.$('todo-item >>> #check-2').tap()
    page.$('todo-item >>> #delete-1').tap()
    expect(page.data('todos').map(t => t.id)).toEqual([2, 3])
  })

  test('filters by state', () => {
    const app = wxemu.launch({ project: '..' })
    const page = app.currentPage()
    page.$$('.filter')[2].tap()
    expect(page.data('filter')).toBe('done')
    expect(page.$$('todo-item >>> .title').map(t => t.text())).toEqual(['Read the WXML guide'])
    expect(page.$$('.filter')[2].attribute('class')).toContain('current')
  })

  test('switches to the about tab', () => {
    const app = wxemu.launch({ project: '..' })
    const about = app.switchTab('/pages/about/about')
    expect(about.path).toBe('pages/about/about')
    expect(about.$('.name').text()).toMatch(/^wxemu sample: todo v/)
    expect(() => app.navigateTo('/pages/nowhere/nowhere')).toThrow('not found')
  })
})

describe('how the list looks', () => {
  test('at the start', () => {
    const page = wxemu.launch({ project: '..' }).currentPage()
    expect(page).toMatchScreenshot('start')
  })

  test('with a todo added and one completed', () => {
    const app = wxemu.launch({ project: '..' })
    const page = app.currentPage()
    page.$('.draft').input('Buy milk')
    page.$('button').tap()
    page.$('todo-item >>> #check-3').tap()
    expect(page).toMatchScreenshot('changed')
  })
})

describe('more of the list', () => {
  test('the active filter hides done todos', () => {
    const page = wxemu.launch({ project: '..' }).currentPage()
    page.$$('.filter')[1].tap()
    expect(page.$$('todo-item >>> .title').map(t => t.text())).toEqual(['Write a page test', 'Ship the mini-program'])
  })

  test('deleting every todo shows the empty template', () => {
    const page = wxemu.launch({ project: '..' }).currentPage()
    for (const id of [1, 2, 3]) page.$('todo-item >>> #delete-' + id).tap()
    expect(page.data('todos')).toEqual([])
    expect(page.wxml()).toContain('Nothing to do')
  })

  test('an empty draft adds nothing', () => {
    const page = wxemu.launch({ project: '..' }).currentPage()
    page.$('.draft').input('   ')
    page.callMethod('onAdd')
    expect(page.data('todos')).toHaveLength(3)
  })

  test('runs on another phone', () => {
    const app = wxemu.launch({ project: '..', device: 'iPhone X' })
    expect(app.evaluate(() => wx.getSystemInfoSync().model)).toMatch(/iPhone X/)
    expect(app.currentPage().data('todos')).toHaveLength(3)
  })
})
