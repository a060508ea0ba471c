Page({
  data: { counter: 0 },
  onChange(e) { console.log('change ' + JSON.stringify(e.detail.value)) },
  onSubmit(e) { console.log('submit ' + JSON.stringify(e.detail.value)) },
  onReset() { console.log('reset') },
  bump() { this.setData({ counter: this.data.counter + 1 }) },
  onField(e) { console.log(e.type + ' ' + e.currentTarget.id + ' ' + JSON.stringify(e.detail)) }
})
