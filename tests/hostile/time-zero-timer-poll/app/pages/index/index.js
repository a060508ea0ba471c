Page({ onLoad() {
  var start = Date.now(), polls = 0;
  var poll = () => { polls++; if (Date.now() - start >= 100) console.log('done after ' + (Date.now() - start) + ' ms, ' + polls + ' polls'); else setTimeout(poll, 0); };
  setTimeout(poll, 0);
} })