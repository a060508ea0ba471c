function fail() {
  console.log('about to fail')
  const user = undefined
  return user.name
}

Page({
  data: { count: 0, done: false },
  onLoad() {
    this.interval = setInterval(() => {
      this.setData({ count: this.data.count + 1 }, () => console.log('applied ' + this.data.count))
      if (this.data.count === 5) clearInterval(this.interval)
    }, 1000)
    setTimeout(() => this.setData({ done: true }), 2500)
    setTimeout(fail, 100)
  }
})
