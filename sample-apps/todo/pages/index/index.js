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

  onAdd() {
    const title = this.data.draft.trim()
    if (!title) return
    this.setData({ todos: this.data.todos.concat({ id: nextId++, title, done: false }), draft: '' })
  },

  onToggle(e) {
    const index = this.data.todos.findIndex(t => t.id === e.detail.id)
    this.setData({ [`todos[${index}].done`]: !this.data.todos[index].done })
  },

  onDelete(e) {
    this.setData({ todos: this.data.todos.filter(t => t.id !== e.detail.id) })
  },

  onFilter(e) {
    this.setData({ filter: e.currentTarget.dataset.filter })
  }
})
