// Page tests for the showcase, with its mock routes: `wxemu test sample-apps/showcase`.

const launch = () => wxemu.launch({ project: '..', routes: '../mock/routes.json' })

test('articles arrive from the mock route after its delay', () => {
  const app = launch()
  const page = app.currentPage()
  expect(app.prompts()).toEqual([{ type: 'loading', title: 'Loading' }])
  app.advance(299)
  expect(page.$$('.article')).toHaveLength(0)
  app.advance(1)
  expect(page.$$('.article').map(a => a.$('.title').text())).toEqual(['Hello, wxemu', 'Mock routes', 'Storage'])
  expect(app.prompts()).toEqual([])
  expect(app.requests()[0].url).toBe('https://api.showcase.example/articles')
})

test('liking an article asks first, then posts', () => {
  const app = launch()
  app.advance(300)
  app.currentPage().$('.article').tap()
  const article = app.currentPage()
  expect(article.path).toBe('pages/article/article')
  app.advance(100)
  expect(article.$('.title').text()).toBe('Hello, wxemu')
  article.$('.like').tap()
  expect(app.prompts()[0]).toEqual({ type: 'modal', title: 'Like this article?', content: '', editable: false })
  app.answer(true)
  app.advance(50)
  expect(article.data('liked')).toBe(true)
  expect(article.data('article.likes')).toBe(42)
  expect(app.storage('liked')).toEqual([1])
  const post = app.requests().find(r => r.method === 'POST')
  expect(post.body).toBe('{"article":1}')
})

test('a missing article shows the error', () => {
  const app = launch()
  const page = app.navigateTo('/pages/article/article?id=9')
  app.advance(100)
  expect(page.$('.error').text()).toBe('404: no such article')
})

test('a mocked wx API answers instead of the host', () => {
  const app = launch()
  app.mockWx('getDeviceInfo', { model: 'Test Phone' })
  app.reLaunch('/pages/index/index')
  expect(app.currentPage().$('.card view').text()).toMatch(/^Test Phone · 375×603$/)
})

test('looks as the client draws it once the articles are in', () => {
  const app = launch()
  app.advance(300)
  expect(app.currentPage()).toMatchScreenshot('articles')
})

test('an answer policy confirms the like and the forgetting', () => {
  const app = wxemu.launch({ project: '..', routes: '../mock/routes.json', answer: 'modal=confirm' })
  app.advance(300)
  app.currentPage().$('.article').tap()
  app.advance(100)
  app.currentPage().$('.like').tap()
  app.advance(50)
  app.navigateBack()
  const index = app.currentPage()
  expect(index.$('.muted').text()).toBe('Visit 1 · 1 liked')
  index.$('.reset').tap()
  expect(index.$('.muted').text()).toBe('Visit 1 · 0 liked')
  expect(app.prompts()).toEqual([{ type: 'toast', title: 'Cleared', icon: 'none' }])
})

test('without its mock routes the domain check refuses the request', () => {
  const app = wxemu.launch({ project: '..' })
  expect(app.currentPage().$('.error').text()).toBe('request:fail url not in domain list')
})

test('an old base library still runs the showcase', () => {
  const app = wxemu.launch({ project: '..', routes: '../mock/routes.json', sdk: '2.21.0' })
  app.advance(300)
  expect(app.currentPage().$$('.article')).toHaveLength(3)
})

test('routes given later answer the next requests; waitFor waits on the clock', () => {
  const app = wxemu.launch({ project: '..' })
  app.routes('../mock/routes.json')
  const page = app.reLaunch('/pages/index/index')
  page.waitFor('.article')
  expect(app.now()).toBeGreaterThanOrEqual(300)
  expect(page.$$('.article')).toHaveLength(3)
})

test('a mock function can call the real API as this.origin', () => {
  const app = launch()
  app.mockWx('getDeviceInfo', function () { const real = this.origin(); return { model: 'Mocked ' + real.model } })
  const page = app.reLaunch('/pages/index/index')
  expect(page.$('.card view').text()).toMatch(/^Mocked iPhone 8/)
})
