Component({ methods: { onCapture() { console.log('capture') }, onBubble() { console.log('bubble') } } })
