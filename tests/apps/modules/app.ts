import { greet } from './utils/greet'

interface Globals { greeting: string }

App<Globals & WechatMiniprogram.IAnyObject>({
  globalData: { greeting: greet('app') },
  onLaunch() {
    console.log(this.globalData.greeting)
  },
})
