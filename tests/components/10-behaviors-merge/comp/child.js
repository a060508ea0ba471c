const beh = require('./beh.js')
Component({ behaviors: [beh], data: { shared: 'own' }, attached() { console.log('own attached ' + this.hello() + ' / ' + this.bye()) }, methods: { bye() { return 'own bye' } } })
