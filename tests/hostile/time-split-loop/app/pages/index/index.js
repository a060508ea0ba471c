function step() { for (var i = 0; i < 1000000; i++) {} }
Page({ onLoad() { for (var j = 0; j < 1000000; j++) step(); } })