Page({ onLoad() {
  var s = 'x', kept = [];
  for (var k = 0; k < 24; k++) s = s + s;
  for (var i = 0; i < 1000; i++) kept.push(s + i);
  console.log('kept ' + kept.length);
} })
