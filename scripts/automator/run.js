// Automator tests written as a miniprogram-automator user would write them, run against
// `wxemu auto`: `node run.js <path to wxemu>`. Tests share one app through connect() (wxemu
// auto started here) and launch() (the client starts wxemu itself). Prints a line per test
// and `N passed, N failed`; exits 1 on a failure.
const automator = require('miniprogram-automator')
const assert = require('assert')
const path = require('path')
const { spawn } = require('child_process')

const wxemu = path.resolve(process.argv[2] || '../../target/release/wxemu')
const samples = path.resolve(__dirname, '../../sample-apps')
const results = []

async function test(name, body) {
  try {
    await body()
    results.push([name, null])
    console.log('✓ ' + name)
  } catch (e) {
    results.push([name, e])
    console.log('✗ ' + name + '\n    ' + (e && e.stack || e))
  }
}

// wxemu auto started by hand, then connect()ed to.
async function started(project, port) {
  const child = spawn(wxemu, ['auto', '--project', project, '--auto-port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] })
  for (let i = 0; i < 50; i++) {
    try { return { child, miniProgram: await automator.connect({ wsEndpoint: 'ws://127.0.0.1:' + port }) } } catch (e) { await new Promise(r => setTimeout(r, 100)) }
  }
  throw new Error('wxemu auto did not start')
}

async function main() {
  const { child, miniProgram } = await started(path.join(samples, 'todo'), 9431)
  let page

  await test('connect() reaches the running app and its first page', async () => {
    page = await miniProgram.currentPage()
    assert.strictEqual(page.path, 'pages/index/index')
  })
  await test('page.data() reads the page data', async () => {
    const todos = await page.data('todos')
    assert.strictEqual(todos.length, 3)
    assert.strictEqual(await page.data('todos[0].title'), 'Read the WXML guide')
  })
  await test('page.$() finds an element and reads its text', async () => {
    const summary = await page.$('.summary')
    assert.match(await summary.text(), /2/)
  })
  await test('page.$() of nothing is null', async () => {
    assert.strictEqual(await page.$('.nothing-here'), null)
  })
  await test('page.$$() finds every element', async () => {
    const filters = await page.$$('.filter')
    assert.strictEqual(filters.length, 3)
    assert.strictEqual(await filters[2].text(), 'done')
  })
  await test('element.attribute() reads an attribute', async () => {
    const filter = await page.$('.filter')
    assert.match(await filter.attribute('class'), /current/)
  })
  await test('element.tap() runs the handler', async () => {
    const filters = await page.$$('.filter')
    await filters[1].tap()
    assert.strictEqual(await page.data('filter'), 'active')
    await filters[0].tap()
  })
  await test('input.input() types into an input bound with model:value', async () => {
    const draft = await page.$('.draft')
    await draft.input('Buy milk')
    assert.strictEqual(await page.data('draft'), 'Buy milk')
    await (await page.$('button')).tap()
    assert.strictEqual((await page.data('todos')).length, 4)
  })
  await test('a custom element reads its own data and template', async () => {
    const item = await page.$('todo-item')
    assert.strictEqual((await item.data('todo')).title, 'Read the WXML guide')
    assert.strictEqual(await (await item.$('.title')).text(), 'Read the WXML guide')
  })
  await test('page.setData() and page.callMethod()', async () => {
    await page.setData({ draft: 'from the test' })
    assert.strictEqual(await page.data('draft'), 'from the test')
    await page.callMethod('onAdd')
    assert.strictEqual((await page.data('todos')).length, 5)
  })
  await test('miniProgram.evaluate() runs in the logic layer', async () => {
    assert.strictEqual(await miniProgram.evaluate(() => getCurrentPages().length), 1)
    assert.strictEqual(await miniProgram.evaluate((a, b) => a + b, 2, 3), 5)
  })
  await test('callWxMethod() calls wx', async () => {
    const info = await miniProgram.callWxMethod('getSystemInfoSync')
    assert.strictEqual(info.windowWidth, 375)
    await miniProgram.callWxMethod('setStorageSync', 'k', 'v')
    assert.strictEqual(await miniProgram.callWxMethod('getStorageSync', 'k'), 'v')
  })
  await test('systemInfo() answers for the device', async () => {
    const info = await miniProgram.systemInfo()
    assert.strictEqual(info.pixelRatio, 2)
  })
  await test('mockWxMethod() with a result, then restoreWxMethod()', async () => {
    await miniProgram.mockWxMethod('getStorageSync', 'mocked')
    assert.strictEqual(await miniProgram.callWxMethod('getStorageSync', 'k'), 'mocked')
    await miniProgram.restoreWxMethod('getStorageSync')
    assert.strictEqual(await miniProgram.callWxMethod('getStorageSync', 'k'), 'v')
  })
  await test('mockWxMethod() with a function and its extra arguments', async () => {
    await miniProgram.mockWxMethod('getStorageSync', function (key, suffix) { return 'mocked-' + key + suffix }, '-x')
    assert.strictEqual(await miniProgram.callWxMethod('getStorageSync', 'k'), 'mocked-k-x')
    await miniProgram.restoreWxMethod('getStorageSync')
  })
  await test('a mocked showModal answers the app', async () => {
    await miniProgram.mockWxMethod('showModal', { confirm: true, cancel: false })
    const res = await miniProgram.callWxMethod('showModal', { title: 't' })
    assert.strictEqual(res.confirm, true)
    await miniProgram.restoreWxMethod('showModal')
  })
  await test('switchTab() changes page', async () => {
    const about = await miniProgram.switchTab('/pages/about/about')
    assert.strictEqual(about.path, 'pages/about/about')
    const stack = await miniProgram.pageStack()
    assert.strictEqual(stack[stack.length - 1].path, 'pages/about/about')
  })
  await test('screenshot() gives a PNG', async () => {
    const png = Buffer.from(await miniProgram.screenshot(), 'base64')
    assert.strictEqual(png.slice(1, 4).toString(), 'PNG')
  })
  await test('page.size() and element.size()', async () => {
    const about = await miniProgram.currentPage()
    const size = await about.size()
    assert.strictEqual(size.width, 375)
    const name = await about.$('.name')
    assert.ok((await name.size()).height > 0)
  })
  await miniProgram.close()
  await new Promise(r => child.on('exit', r))

  const gallery = await started(path.join(samples, 'gallery'), 9433)
  const mp = gallery.miniProgram
  await test('navigateTo() and navigateBack() move through pages', async () => {
    const view = await mp.navigateTo('/pages/view/view')
    assert.strictEqual(view.path, 'pages/view/view')
    const back = await mp.navigateBack()
    assert.strictEqual(back.path, 'pages/index/index')
  })
  await test('page.xpath() finds an element by XPath', async () => {
    const index = await mp.currentPage()
    const title = await index.xpath('//view[@class="page-head-title"]')
    assert.strictEqual(await title.text(), 'wxemu 组件示例')
  })
  await test('on("console") hears the app console', async () => {
    const lines = []
    mp.on('console', line => lines.push(line))
    await mp.evaluate(() => console.log('hello from the app'))
    await new Promise(r => setTimeout(r, 50))
    assert.deepStrictEqual(lines[lines.length - 1], { type: 'log', args: ['hello from the app'] })
  })
  await test('exposeFunction() is callable by the app', async () => {
    let got = null
    await mp.exposeFunction('reportToTest', (...args) => { got = args })
    await mp.evaluate(() => reportToTest(1, 'two'))
    await new Promise(r => setTimeout(r, 50))
    assert.deepStrictEqual(got, [1, 'two'])
  })
  await test('swiper.swipeTo()', async () => {
    const page = await mp.reLaunch('/pages/view/view')
    const swiper = await page.$('swiper')
    await swiper.swipeTo(2)
    assert.strictEqual(await swiper.attribute('current'), 2)
  })
  await test('slider.slideTo() and switch.tap()', async () => {
    const page = await mp.reLaunch('/pages/form/form')
    const slider = await page.$('slider')
    await slider.slideTo(80)
    assert.strictEqual(await slider.attribute('value'), 80)
    const switches = await page.$$('switch')
    await switches[1].tap()
    assert.strictEqual(await switches[1].attribute('checked'), true)
  })
  await test('scroll-view scrollTo() and its scroll properties', async () => {
    const page = await mp.reLaunch('/pages/scroll/scroll')
    const view = await page.$('scroll-view')
    assert.strictEqual(await view.property('scrollTop'), 60)
    await view.scrollTo(0, 100)
    assert.strictEqual(await view.property('scrollTop'), 100)
    assert.ok(await view.scrollHeight() > 100)
  })
  await mp.close()
  await new Promise(r => gallery.child.on('exit', r))

  await test('launch() starts wxemu itself and close() ends it', async () => {
    const mp = await automator.launch({ cliPath: wxemu, projectPath: path.join(samples, 'showcase'), port: 9432 })
    const first = await mp.currentPage()
    assert.strictEqual(first.path, 'pages/index/index')
    assert.strictEqual(await (await first.$('.muted')).text(), 'Visit 1 · 0 liked')
    await mp.close()
  })

  const failed = results.filter(r => r[1]).length
  console.log(`${results.length - failed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch(e => { console.error(e); process.exit(1) })
