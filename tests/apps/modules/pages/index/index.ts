import shout, { greet } from '../../utils/greet'
import * as math from '../../utils/math'
import type { Op } from '../../utils/math'

const total: number = math.apply(math.Op.Times, 6, 7)

Page({
  data: { text: shout(greet('page')), total: `${total}${math.unit}` },
  broken() {
    const missing: any = undefined
    return missing.field
  },
  onLoad() {
    const op: Op = math.Op.Add
    console.log('sum ' + math.apply(op, 1, 2))
  },
})
