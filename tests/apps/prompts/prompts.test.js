// Toasts, loading, modals and action sheets, answered by the test.

const launch = () => wxemu.launch({ project: '.' })
const last = (app) => app.console().map(l => l.text).pop()

test('a toast shows for 1.5 s', () => {
  const app = launch()
  const page = app.currentPage()
  page.$('#toast').tap()
  expect(app.prompts()).toEqual([{ type: 'toast', title: '已保存', icon: 'success' }])
  expect(last(app)).toBe('toast {"errMsg":"showToast:ok"}')
  app.advance(1499)
  expect(app.prompts()).toHaveLength(1)
  app.advance(1)
  expect(app.prompts()).toEqual([])
})

test('a modal waits for its answer', () => {
  const app = launch()
  app.currentPage().$('#modal').tap()
  expect(app.prompts()[0]).toEqual({ type: 'modal', title: '删除这一项？', content: '删除后无法恢复。', editable: false })
  app.advance(60000)
  expect(app.prompts()).toHaveLength(1)
  app.answer(false)
  expect(last(app)).toBe('modal {"errMsg":"showModal:ok","confirm":false,"cancel":true}')
})

test('an editable modal gives back the text typed', () => {
  const app = launch()
  app.currentPage().$('#editable').tap()
  app.answer({ confirm: true, content: 'new name' })
  expect(last(app)).toBe('renamed {"errMsg":"showModal:ok","confirm":true,"cancel":false,"content":"new name"}')
})

test('an action sheet answers with the item tapped, or fails when cancelled', () => {
  const app = launch()
  const page = app.currentPage()
  page.$('#sheet').tap()
  expect(app.prompts()[0].items).toEqual(['拍照', '从相册选择'])
  app.answer(1)
  expect(last(app)).toBe('sheet {"errMsg":"showActionSheet:ok","tapIndex":1}')
  page.$('#sheet').tap()
  app.answer({ confirm: false })
  expect(last(app)).toBe('sheet failed {"errMsg":"showActionSheet:fail cancel"}')
})

test('wrong arguments fail as the platform words them', () => {
  const app = launch()
  app.currentPage().$('#wrong').tap()
  const log = app.console().map(l => l.text)
  expect(log).toContain('toast failed {"errMsg":"showToast:fail parameter error: parameter.title should be String instead of Number;"}')
  expect(log).toContain('sheet rejected {"errMsg":"showActionSheet:fail parameter error: itemList should not be large than 6"}')
})

test('a policy answers instead of the test', () => {
  const app = wxemu.launch({ project: '.', answer: 'modal=confirm,actionsheet=0' })
  const page = app.currentPage()
  page.$('#modal').tap()
  expect(last(app)).toBe('modal {"errMsg":"showModal:ok","confirm":true,"cancel":false}')
  page.$('#sheet').tap()
  expect(last(app)).toBe('sheet {"errMsg":"showActionSheet:ok","tapIndex":0}')
  expect(() => app.answer(true)).toThrow('no prompt waits for an answer')
})
