function down(n) { return down(n + 1) + 1; }
Page({ onLoad() { down(0); }, onReady() { console.log('still running'); } })