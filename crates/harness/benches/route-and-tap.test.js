// The target for a native test: launch + 10 route changes + 10 taps + data asserts.
test('launch, 10 route changes, 10 taps', () => {
  const app = wxemu.launch({ project: '../../../sample-apps/todo' })
  for (let i = 0; i < 5; i++) {
    expect(app.switchTab('/pages/about/about').path).toBe('pages/about/about')
    expect(app.switchTab('/pages/index/index').path).toBe('pages/index/index')
  }
  const page = app.currentPage()
  const filters = ['all', 'active', 'done']
  for (let i = 0; i < 10; i++) {
    page.$$('.filter')[i % 3].tap()
    expect(page.data('filter')).toBe(filters[i % 3])
  }
})
