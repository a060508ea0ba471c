Component({ lifetimes: { created() { console.log('outer created') }, attached() { console.log('outer attached') }, ready() { console.log('outer ready') } } })
