Page({ log(e) { console.log(e.type + ' ' + e.currentTarget.id + '@' + e.timeStamp) } })
