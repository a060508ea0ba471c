function deep(n) { var s = ''; for (var i = 0; i < n; i++) s += '['; for (var i = 0; i < n; i++) s += ']'; return s; }
console.log('1000: ' + JSON.stringify(JSON.parse(deep(1000))).length);
try { JSON.parse(deep(100000)); } catch (e) { console.log('100000: ' + e.name + ': ' + e.message); }
App({})