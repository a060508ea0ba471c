// The test API of `wxemu test`, in the test file's own JS context (never the app's):
// test/describe, wxemu.launch and the App, Page and Element handles (close to
// miniprogram-automator's, but synchronous: time moves only with app.advance), and expect.
// Everything reaches the Simulator through __wxemuHarness(op, args).
void function (global) {
  'use strict';

  var call = __wxemuHarness;
  var tests = [];
  // The describe blocks, outermost first, each with its hooks; a test keeps the chain of
  // blocks it was declared in.
  var root = { name: null, parent: null, beforeAll: [], afterAll: [], beforeEach: [], afterEach: [], started: false };
  var block = root;

  global.describe = function (name, body) {
    var outer = block;
    block = { name: String(name), parent: outer, beforeAll: [], afterAll: [], beforeEach: [], afterEach: [], started: false };
    try { body(); } finally { block = outer; }
  };
  ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'].forEach(function (hook) {
    global[hook] = function (fn) { block[hook].push(fn); };
  });
  function blocksOf(b) {
    var chain = [];
    for (; b; b = b.parent) chain.unshift(b);
    return chain;
  }
  function nameOf(b, name) {
    return blocksOf(b).filter(function (x) { return x.name !== null; }).map(function (x) { return x.name; }).concat([String(name)]).join(' › ');
  }
  global.test = global.it = function (name, body) {
    tests.push({ name: nameOf(block, name), body: body, block: block });
  };
  global.test.skip = global.it.skip = function (name) {
    tests.push({ name: nameOf(block, name), skip: true, block: block });
  };

  // Runs `steps` (functions, each may return a promise) one after the other; the first
  // error is kept in `state`; with `stopOnError` the steps after it do not run.
  function series(steps, stopOnError, state, done) {
    var i = 0;
    function fail(e) {
      if (!state.failed) { state.failed = true; state.error = e; }
    }
    function next() {
      while (i < steps.length && !(stopOnError && state.failed)) {
        var result;
        try { result = steps[i++](); } catch (e) { fail(e); continue; }
        if (result && typeof result.then === 'function') {
          result.then(next, function (e) { fail(e); next(); });
          return;
        }
      }
      done();
    }
    next();
  }

  global.__harness = {
    list: function () { return tests.map(function (t) { return { name: t.name, skip: !!t.skip }; }); },
    // Runs test i with its hooks: beforeAll of the blocks it enters first, beforeEach
    // outermost first, the body, afterEach innermost first, then afterAll of the blocks no
    // later test in `selected` (the indices that run) belongs to. A body or hook that
    // returns a promise is awaited. How it ends is in __harness.state once the jobs ran.
    run: function (i, selected) {
      var t = tests[i];
      var chain = blocksOf(t.block);
      var later = selected.filter(function (j) { return j > i; }).map(function (j) { return blocksOf(tests[j].block); });
      var setup = [];
      chain.forEach(function (b) {
        if (!b.started) {
          b.started = true;
          b.beforeAll.forEach(function (fn) { setup.push(fn); });
        }
      });
      chain.forEach(function (b) { b.beforeEach.forEach(function (fn) { setup.push(fn); }); });
      var teardown = [];
      chain.slice().reverse().forEach(function (b) { b.afterEach.forEach(function (fn) { teardown.push(fn); }); });
      chain.slice().reverse().forEach(function (b) {
        var more = later.some(function (c) { return c.indexOf(b) >= 0; });
        if (!more) b.afterAll.forEach(function (fn) { teardown.push(fn); });
      });
      var state = { finished: false, failed: false, error: undefined };
      global.__harness.state = state;
      series(setup.concat([function () { return t.body(); }]), true, state, function () {
        series(teardown, false, state, function () { state.finished = true; });
      });
    },
    state: null
  };

  // console in a test file: its lines go to the terminal, with the test file's name.
  var counts = {}, timers = {}, depth = 0;
  function print(level, args) {
    var text = Array.prototype.map.call(args, function (a) { return typeof a === 'string' ? a : show(a); }).join(' ');
    call('log', { level: level, text: new Array(depth + 1).join('  ') + text });
  }
  global.console = {
    assert: function (ok) { if (!ok) print('error', ['Assertion failed:'].concat(Array.prototype.slice.call(arguments, 1))); },
    count: function (label) { label = label === undefined ? 'default' : String(label); counts[label] = (counts[label] || 0) + 1; print('log', [label + ': ' + counts[label]]); },
    countReset: function (label) { counts[label === undefined ? 'default' : String(label)] = 0; },
    time: function (label) { timers[label === undefined ? 'default' : String(label)] = Date.now(); },
    timeLog: function (label) { label = label === undefined ? 'default' : String(label); print('log', [label + ': ' + (Date.now() - timers[label]) + ' ms']); },
    timeEnd: function (label) { label = label === undefined ? 'default' : String(label); print('log', [label + ': ' + (Date.now() - timers[label]) + ' ms']); delete timers[label]; },
    group: function () { if (arguments.length) print('log', arguments); depth++; },
    groupEnd: function () { depth = Math.max(0, depth - 1); },
    table: function (data) { print('log', [data]); }
  };
  global.console.groupCollapsed = global.console.group;
  ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'].forEach(function (level) {
    global.console[level] = function () { print(level === 'trace' || level === 'dir' ? 'log' : level, arguments); };
  });

  function App(id) { this.__id = id; }
  App.prototype.__call = function (op, args) {
    var a = args || {};
    a.app = this.__id;
    return call(op, a);
  };
  App.prototype.currentPage = function () { return new Page(this, this.__call('currentPage')); };
  App.prototype.pageStack = function () {
    var app = this;
    return this.__call('pageStack').map(function (route) { return { path: route, route: route, app: app }; });
  };
  ['navigateTo', 'redirectTo', 'reLaunch', 'switchTab'].forEach(function (method) {
    App.prototype[method] = function (url) {
      this.__call('route', { method: method, url: String(url) });
      return this.currentPage();
    };
  });
  App.prototype.navigateBack = function (delta) {
    this.__call('route', { method: 'navigateBack', delta: delta === undefined ? 1 : delta });
    return this.currentPage();
  };
  App.prototype.advance = function (ms) { this.__call('advance', { ms: ms }); return this; };
  // Mock routes (a JSON file, relative to the test file) answer the app's requests from now on.
  App.prototype.routes = function (file) { this.__call('routes', { file: String(file) }); return this; };
  App.prototype.now = function () { return this.__call('now'); };
  // wx.<name> answers `result` from now on (a value: what success gets; a function: called
  // in the app's context with the call's arguments and this.origin, the real API, what it
  // returns is the result). See mockWx in runtime-js/framework.js.
  App.prototype.mockWx = function (name, result) {
    var mock = typeof result === 'function' ? { fn: String(result) } : { value: result === undefined ? {} : result };
    this.__call('mockWx', { name: String(name), mock: mock });
  };
  App.prototype.evaluate = function (fn) {
    return this.__call('evaluate', { fn: String(fn), args: Array.prototype.slice.call(arguments, 1) });
  };
  App.prototype.prompts = function () { return this.__call('prompts'); };
  // Answers the prompt shown: true/false (a modal's or dialog's buttons), a number (an
  // action sheet's item), or {confirm, content, data}.
  App.prototype.answer = function (answer) {
    var a = typeof answer === 'object' && answer !== null ? answer : (typeof answer === 'number' ? { item: answer } : { confirm: !!answer });
    this.__call('answer', a);
    return this;
  };
  App.prototype.console = function () { return this.__call('console'); };
  App.prototype.requests = function () { return this.__call('requests'); };
  App.prototype.storage = function (key) { return this.evaluate('k => wx.getStorageSync(k)', key); };
  App.prototype.close = function () { this.__call('close'); };

  function Page(app, info) {
    this.app = app;
    this.path = info.route;
    this.route = info.route;
    this.query = info.query;
  }
  Page.prototype.data = function (path) { return this.app.__call('data', { path: path === undefined ? '' : String(path) }); };
  Page.prototype.setData = function (data) { this.app.__call('setData', { data: data }); };
  Page.prototype.callMethod = function (name) {
    return this.app.__call('callMethod', { method: String(name), args: Array.prototype.slice.call(arguments, 1) });
  };
  Page.prototype.$ = function (selector) { return this.$$(selector)[0] || null; };
  Page.prototype.$$ = function (selector) {
    var app = this.app;
    return app.__call('select', { selector: String(selector) }).map(function (path) { return new Element(app, path, String(selector)); });
  };
  Page.prototype.wxml = function () { return this.app.__call('wxml', {}); };
  // The page drawn with its chrome, as a base64 PNG.
  Page.prototype.screenshot = function () { return this.app.__call('screenshot'); };
  // Waits on the virtual clock: `ms`, or until a selector matches or a function (run here,
  // in the test) returns something truthy — checked every 16 ms, for at most `timeout` ms.
  Page.prototype.waitFor = function (what, timeout) {
    if (typeof what === 'number') { this.app.advance(what); return; }
    var page = this;
    var done = typeof what === 'string' ? function () { return page.$(what) !== null; } : what;
    var limit = timeout === undefined ? 5000 : timeout;
    for (var waited = 0; !done(); waited += 16) {
      if (waited >= limit) throw new Error('waitFor: ' + (typeof what === 'string' ? what : 'the condition') + ' still not so after ' + limit + ' ms of virtual time');
      this.app.advance(16);
    }
  };

  function Element(app, path, selector) {
    this.app = app;
    this.__path = path;
    this.selector = selector;
  }
  Element.prototype.__call = function (op, args) {
    var a = args || {};
    a.path = this.__path;
    return this.app.__call(op, a);
  };
  Element.prototype.tap = function () { this.__call('tap'); return this; };
  Element.prototype.input = function (text) { this.__call('input', { text: String(text) }); return this; };
  Element.prototype.trigger = function (type, detail) { this.__call('trigger', { type: String(type), detail: detail === undefined ? {} : detail }); return this; };
  Element.prototype.text = function () { return this.__call('text'); };
  Element.prototype.attribute = function (name) { return this.__call('attribute', { name: String(name) }); };
  Element.prototype.wxml = function () { return this.__call('wxml'); };
  Element.prototype.tagName = function () { return this.__call('tag'); };
  Element.prototype.$ = function (selector) { return this.$$(selector)[0] || null; };
  Element.prototype.$$ = function (selector) {
    var app = this.app;
    var inside = this.__path;
    return app.__call('select', { selector: String(selector), within: inside }).map(function (path) { return new Element(app, path, String(selector)); });
  };

  global.wxemu = {
    launch: function (options) { return new App(call('launch', options || {})); },
    // The base library this run of the suite is on (`--sdk`), or null for each project's own.
    sdk: call('sdk', {})
  };

  // ---- expect ---------------------------------------------------------------------------

  function show(value) {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'function') return 'function';
    if (value instanceof Page) return 'Page ' + value.route;
    if (value instanceof Element) return 'Element ' + value.selector;
    try { var text = JSON.stringify(value); return text === undefined ? String(value) : text; } catch (e) { return String(value); }
  }

  function equal(a, b) {
    if (a === b) return a !== 0 || 1 / a === 1 / b;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var ka = Object.keys(a).filter(function (k) { return a[k] !== undefined; });
    var kb = Object.keys(b).filter(function (k) { return b[k] !== undefined; });
    if (ka.length !== kb.length) return false;
    return ka.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]); });
  }

  var MATCHERS = {
    toBe: function (actual, expected) { return [Object.is(actual, expected), 'to be ' + show(expected)]; },
    toEqual: function (actual, expected) { return [equal(actual, expected), 'to equal ' + show(expected)]; },
    toBeTruthy: function (actual) { return [!!actual, 'to be truthy']; },
    toBeFalsy: function (actual) { return [!actual, 'to be falsy']; },
    toBeNull: function (actual) { return [actual === null, 'to be null']; },
    toBeUndefined: function (actual) { return [actual === undefined, 'to be undefined']; },
    toBeDefined: function (actual) { return [actual !== undefined, 'to be defined']; },
    toContain: function (actual, item) {
      var has = typeof actual === 'string' ? actual.indexOf(item) >= 0 : Array.isArray(actual) && actual.some(function (a) { return equal(a, item); });
      return [has, 'to contain ' + show(item)];
    },
    toMatch: function (actual, pattern) {
      var re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return [typeof actual === 'string' && re.test(actual), 'to match ' + String(pattern)];
    },
    toHaveLength: function (actual, length) { return [actual != null && actual.length === length, 'to have length ' + length]; },
    toBeGreaterThan: function (actual, n) { return [actual > n, 'to be greater than ' + n]; },
    toBeGreaterThanOrEqual: function (actual, n) { return [actual >= n, 'to be at least ' + n]; },
    toBeLessThan: function (actual, n) { return [actual < n, 'to be less than ' + n]; },
    toBeLessThanOrEqual: function (actual, n) { return [actual <= n, 'to be at most ' + n]; },
    toBeCloseTo: function (actual, n, digits) { return [Math.abs(actual - n) < Math.pow(10, -(digits === undefined ? 2 : digits)) / 2, 'to be close to ' + n]; },
    toHaveProperty: function (actual, key) { return [actual != null && Object.prototype.hasOwnProperty.call(actual, key), 'to have property ' + show(key)]; },
    // expect(page).toMatchScreenshot(name, {tolerance}): against the golden
    // __screenshots__/<test file>/<name>.png beside the test (--update-snapshots writes it).
    toMatchScreenshot: function (actual, name, options) {
      if (!(actual instanceof Page)) return [false, 'to be a page'];
      var result = actual.app.__call('matchScreenshot', { name: String(name), tolerance: (options || {}).tolerance || 0 });
      return [result.ok, result.message];
    },
    toThrow: function (actual, message) {
      var thrown = null;
      try { actual(); } catch (e) { thrown = e; }
      var text = thrown && (thrown.message || String(thrown));
      var ok = thrown !== null && (message === undefined || (message instanceof RegExp ? message.test(text) : text.indexOf(message) >= 0));
      return [ok, 'to throw' + (message === undefined ? '' : ' ' + show(String(message))) + (thrown ? ' (threw ' + show(text) + ')' : '')];
    }
  };

  global.expect = function (actual) {
    function matchers(negated) {
      var made = {};
      Object.keys(MATCHERS).forEach(function (name) {
        made[name] = function () {
          var args = [actual].concat(Array.prototype.slice.call(arguments));
          var result = MATCHERS[name].apply(null, args);
          if (result[0] === negated) {
            var shown = typeof actual === 'function' ? 'the function' : show(actual);
            throw new Error('expected ' + shown + (negated ? ' not ' : ' ') + result[1]);
          }
        };
      });
      return made;
    }
    var positive = matchers(false);
    positive.not = matchers(true);
    return positive;
  };
}(globalThis);
