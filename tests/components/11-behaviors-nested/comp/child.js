const base = Behavior({ data: { a: 1 }, lifetimes: { created() { console.log('base created') } } })
const mid = Behavior({ behaviors: [base], data: { b: 2 }, lifetimes: { created() { console.log('mid created') } } })
Component({ behaviors: [mid], data: { c: 3 }, lifetimes: { created() { console.log('own created') } } })
