Component({
  lifetimes: {
    error(e) { console.log('error lifetime got ' + e.message) }
  },
  methods: {
    boom() {
      const settings = undefined
      return settings.volume
    }
  }
})
