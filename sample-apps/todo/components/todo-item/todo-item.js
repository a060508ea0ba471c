Component({
  properties: {
    todo: { type: Object, value: {} }
  },
  methods: {
    onToggle() { this.triggerEvent('toggle', { id: this.data.todo.id }) },
    onDelete() { this.triggerEvent('delete', { id: this.data.todo.id }) }
  }
})
