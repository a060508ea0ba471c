Component({
  options: { multipleSlots: true },
  properties: {
    title: { type: String, value: 'default', observer(n, o) { console.log('observer ' + o + '->' + n) } },
    count: Number
  },
  data: { taps: 0 },
  observers: {
    'title, count'(title, count) { console.log('observers ' + title + ' ' + count) }
  },
  lifetimes: {
    created() { console.log('created ' + this.is) },
    attached() { console.log('attached ' + this.data.title + ' id=' + this.id + ' x=' + this.dataset.x) },
    ready() { console.log('ready') },
    detached() { console.log('detached') }
  },
  pageLifetimes: {
    hide() { console.log('page hidden') }
  },
  methods: {
    onInner() {
      this.setData({ taps: this.data.taps + 1 })
      this.triggerEvent('change', { title: this.data.title, taps: this.data.taps })
    }
  }
})
