Component({
  properties: { label: { type: String, value: 'component page' } },
  lifetimes: {
    created() { console.log('created') },
    attached() { console.log('attached') },
    ready() { console.log('ready') },
    detached() { console.log('detached') }
  },
  methods: {
    onLoad(query) { console.log('onLoad ' + query.k) },
    onShow() { console.log('onShow') },
    onReady() { console.log('onReady') },
    onUnload() { console.log('onUnload') }
  }
})
