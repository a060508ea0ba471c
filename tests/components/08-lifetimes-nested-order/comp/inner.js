Component({ lifetimes: { created() { console.log('inner created') }, attached() { console.log('inner attached') }, ready() { console.log('inner ready') } } })
