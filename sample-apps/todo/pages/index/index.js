const app = getApp()
let nextId = 4

Page({
  data: {
    draft: '',
    filter: 'all',
    todos: [
      { id: 1, title: 'Read the WXML guide', done: true },
      { id: 2, title: 'Write a page test', done: false },
      { id: 3, title: 'Ship the mini-program', done: false }
    ]
  },

  // The list is kept in wx storage: it is there again the next time the app opens.
  onLoad() {
    const saved = wx.getStorageSync(app.globalData.storageKey)
    if (Array.isArray(saved)) {
      nextId = saved.reduce((max, t) => Math.max(max, t.id + 1), 1)
      this.setData({ todos: saved })
    }
  },

  save() {
    wx.setStorageSync(app.globalData.storageKey, this.data.todos)
  },

  onAdd() {
    const title = this.data.draft.trim()
    if (!title) return
    this.setData({ todos: this.data.todos.concat({ id: nextId++, title, done: false }), draft: '' }, () => this.save())
  },

  onToggle(e) {
    const index = this.data.todos.findIndex(t => t.id === e.detail.id)
    this.setData({ [`todos[${index}].done`]: !this.data.todos[index].done }, () => this.save())
  },

  onDelete(e) {
    this.setData({ todos: this.data.todos.filter(t => t.id !== e.detail.id) }, () => this.save())
  },

  onFilter(e) {
    this.setData({ filter: e.currentTarget.dataset.filter })
  }
})
