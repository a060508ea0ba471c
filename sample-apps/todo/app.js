App({
  globalData: { storageKey: 'todos' }
})
