var n = 0; function again() { n++; return Promise.resolve().then(again); }
App({ onLaunch() { again(); setTimeout(() => console.log('still running'), 10); } })