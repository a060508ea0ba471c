var found = [];
['__wxemuSource', '__wxemuResolve', '__wxemuCompile', '__wxemuRequire', '__wxemuCall', '__wxemuPost', '__wxemu', '__wxemuKit', '__wxemuSdk'].forEach(function (n) {
  try { if (eval('typeof ' + n) !== 'undefined') found.push(n); } catch (e) {}
});
Object.getOwnPropertyNames(Function('return this')()).forEach(function (n) { if (/wxemu/i.test(n)) found.push(n); });
var read = 'nothing';
try { read = __wxemuSource('../secret.txt'); } catch (e) { read = e.name; }
console.log('app found: [' + found.join(',') + '] read: ' + read);
App({})