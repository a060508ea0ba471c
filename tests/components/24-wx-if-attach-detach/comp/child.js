Component({ lifetimes: { attached() { console.log('attached') }, detached() { console.log('detached') } } })
