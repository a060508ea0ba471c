// The framework half of the logic layer (the platform's AppService), loaded into the one JS
// context of a running mini-program. It keeps App/Page definitions and instances, runs
// lifecycles and handlers, and implements setData. Everything that leaves the context goes
// through __wxemuPost(kind, json) to the Rust host, which owns the clock, the page stack and
// the view.
(function (global) {
  'use strict';

  var post = function (kind, payload) { __wxemuPost(kind, JSON.stringify(payload)); };

  var appDefinition = null;
  var appInstance = null;
  var pageDefinitions = {};   // route -> { kind: 'page' | 'component', options }
  var loadingRoute = null;    // the page whose script is running: Page() binds to it
  var instances = {};         // id -> page instance
  var nextInstanceId = 1;
  var stack = [];             // page instances, bottom first (getCurrentPages)
  var setDataCallbacks = {};
  var nextCallbackId = 1;

  var WARN_BYTES = 256 * 1024;
  var MAX_BYTES = 1024 * 1024;

  // ---- registration -------------------------------------------------------------------

  global.App = function (options) {
    if (appDefinition) throw new Error('App() can only be called once');
    appDefinition = options || {};
    appInstance = {};
    for (var key in appDefinition) appInstance[key] = appDefinition[key];
    if (!appInstance.globalData) appInstance.globalData = {};
  };

  global.getApp = function () {
    return appInstance;
  };

  global.Page = function (options) {
    if (!loadingRoute) throw new Error('Page() must be called by a page script listed in app.json');
    pageDefinitions[loadingRoute] = { kind: 'page', options: options || {} };
  };

  global.Component = function (options) {
    if (!loadingRoute) throw new Error('not supported by wxemu yet: custom components (Component() outside a page)');
    pageDefinitions[loadingRoute] = { kind: 'component', options: options || {} };
  };

  global.Behavior = function (options) {
    return { __behavior: true, options: options || {} };
  };

  global.getCurrentPages = function () {
    return stack.slice();
  };

  global.requirePlugin = function (name) {
    throw new Error('not supported by wxemu yet: plugins (requirePlugin("' + name + '"))');
  };

  // The wx API arrives with its own issue; until then every member fails loudly.
  global.wx = new Proxy({}, {
    get: function (_, key) {
      if (typeof key !== 'string') return undefined;
      throw new Error('not supported by wxemu yet: wx.' + key);
    }
  });

  // ---- data -----------------------------------------------------------------------------

  // setData's conversion: what JSON.stringify keeps (functions and undefined dropped, Date to
  // its ISO string), as a fresh copy.
  function toJSONData(value) {
    if (value === undefined) return undefined;
    var text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  }

  // 'a.b[2].c' -> ['a', 'b', 2, 'c']
  function parsePath(path) {
    var parts = [];
    var re = /([^.[\]]+)|\[(\d+)\]/g;
    var m;
    while ((m = re.exec(path))) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    return parts;
  }

  function setPath(root, path, value) {
    var parts = parsePath(path);
    var target = root;
    for (var i = 0; i < parts.length - 1; i++) {
      var key = parts[i];
      var next = target[key];
      if (next === null || typeof next !== 'object') {
        next = typeof parts[i + 1] === 'number' ? [] : {};
        target[key] = next;
      }
      target = next;
    }
    var last = parts[parts.length - 1];
    if (value === undefined) delete target[last];
    else target[last] = value;
  }

  function setData(instance, patch, callback) {
    if (typeof patch !== 'object' || patch === null) throw new Error('setData: data should be an object');
    var converted = {};
    var keys = Object.keys(patch);
    for (var i = 0; i < keys.length; i++) converted[keys[i]] = toJSONData(patch[keys[i]]);
    var text = JSON.stringify(converted);
    if (text.length > MAX_BYTES) {
      throw new Error('setData: data exceeds the maximum size of 1 MiB (' + text.length + ' bytes) and was not applied');
    }
    if (text.length > WARN_BYTES) {
      console.warn('setData: ' + text.length + ' bytes in one call; keep it under 256 KB for performance');
    }
    for (var j = 0; j < keys.length; j++) setPath(instance.data, keys[j], converted[keys[j]]);
    var callbackId = 0;
    if (typeof callback === 'function') {
      callbackId = nextCallbackId++;
      setDataCallbacks[callbackId] = { instance: instance, fn: callback };
    }
    post('setData', { instance: instance.__wxExparserNodeId__, patch: converted, callback: callbackId });
  }

  // ---- pages ----------------------------------------------------------------------------

  function copyMembers(from, to) {
    for (var key in from) if (key !== 'data') to[key] = from[key];
  }

  function collectComponentData(options, into) {
    var behaviors = options.behaviors || [];
    for (var i = 0; i < behaviors.length; i++) {
      if (behaviors[i] && behaviors[i].__behavior) collectComponentData(behaviors[i].options, into);
    }
    var props = options.properties || {};
    for (var name in props) into[name] = propertyDefault(props[name]);
    var data = toJSONData(options.data || {});
    for (var key in data) into[key] = data[key];
    return into;
  }

  function propertyDefault(prop) {
    var full = prop && typeof prop === 'object' && !Array.isArray(prop);
    if (full && 'value' in prop) return toJSONData(prop.value);
    var type = full ? prop.type : prop;
    if (type === String) return '';
    if (type === Number) return 0;
    if (type === Boolean) return false;
    if (type === Array) return [];
    return null;
  }

  // A page built with Page() keeps its options as members; one built with Component() gets
  // its `methods` (page lifecycles such as onLoad live there).
  function createPage(route, query) {
    var definition = pageDefinitions[route];
    if (!definition) throw new Error('page `' + route + '` did not call Page() or Component()');
    var options = definition.options;
    var page = {};
    if (definition.kind === 'page') {
      copyMembers(options, page);
      page.data = toJSONData(options.data || {}) || {};
    } else {
      copyMembers(options.methods || {}, page);
      page.data = collectComponentData(options, {});
      page.__lifetimes = options.lifetimes || {};
    }
    page.__wxExparserNodeId__ = nextInstanceId++;
    page.route = route;
    page.__route__ = route;
    page.options = query;
    page.is = route;
    page.setData = function (patch, callback) { setData(this, patch, callback); };
    instances[page.__wxExparserNodeId__] = page;
    return page;
  }

  // ---- calls from the host ------------------------------------------------------------

  // Runs app code. An exception escapes to the host, which locates it (the engine's
  // backtrace is exact where error.stack is not), reports it and calls App.onError;
  // `__wxemu.during` tells it what was running.
  function run(fn, self, args, where) {
    if (typeof fn !== 'function') return undefined;
    global.__wxemu.during = where;
    return fn.apply(self, args || []);
  }

  function invoke(target, name, args, where) {
    return run(target && target[name], target, args, where);
  }

  global.__wxemu = {
    // Runs a page's script with Page()/Component() bound to its route.
    definePage: function (route, load) {
      loadingRoute = route;
      try { load(); } finally { loadingRoute = null; }
      if (!pageDefinitions[route]) throw new Error('page script `' + route + '.js` called neither Page() nor Component()');
    },
    hasApp: function () { return appInstance !== null; },
    hasPage: function (route) { return pageDefinitions.hasOwnProperty(route); },
    appLifecycle: function (name, arg) {
      invoke(appInstance, name, arg === undefined ? [] : [arg], 'App.' + name);
    },
    createPage: function (route, query) {
      var page = createPage(route, query);
      return page.__wxExparserNodeId__;
    },
    setPageStack: function (ids) {
      stack = ids.map(function (id) { return instances[id]; });
    },
    destroyPage: function (id) { delete instances[id]; },
    pageData: function (id) { return JSON.stringify(instances[id].data); },
    // A page lifecycle (onLoad, onShow, onReady, onHide, onUnload, …); for pages built with
    // Component(), `methods` carry them.
    pageLifecycle: function (id, name, arg) {
      var page = instances[id];
      invoke(page, name, arg === undefined ? [] : [arg], page.route + '.' + name);
    },
    callMethod: function (id, name, eventJSON) {
      var page = instances[id];
      if (typeof page[name] !== 'function') {
        console.warn('Component "' + page.route + '" does not have a method "' + name + '" to handle event "' + JSON.parse(eventJSON).type + '".');
        return;
      }
      invoke(page, name, [JSON.parse(eventJSON)], page.route + '.' + name);
    },
    setDataApplied: function (callbackId) {
      var entry = setDataCallbacks[callbackId];
      delete setDataCallbacks[callbackId];
      if (entry) run(entry.fn, entry.instance, [], entry.instance.route + ' setData callback');
    },
    // The host reports an uncaught error to the app (message and stack, as the platform).
    appError: function (text) {
      invoke(appInstance, 'onError', [text], 'App.onError');
    },
    during: ''
  };

  // ---- timers and console ----------------------------------------------------------------

  var timers = {};
  var nextTimerId = 1;

  function addTimer(fn, delay, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('not supported by wxemu yet: string code in setTimeout/setInterval');
    var id = nextTimerId++;
    timers[id] = { fn: fn, args: args, repeat: repeat };
    post('timer', { id: id, delay: Math.max(0, Number(delay) || 0), repeat: repeat });
    return id;
  }

  global.setTimeout = function (fn, delay) { return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), false); };
  global.setInterval = function (fn, delay) { return addTimer(fn, delay, Array.prototype.slice.call(arguments, 2), true); };
  global.clearTimeout = global.clearInterval = function (id) {
    if (timers[id]) {
      delete timers[id];
      post('clearTimer', { id: id });
    }
  };

  global.__wxemu.fireTimer = function (id) {
    var timer = timers[id];
    if (!timer) return;
    if (!timer.repeat) delete timers[id];
    run(timer.fn, undefined, timer.args, 'timer callback');
  };

  function format(args) {
    return Array.prototype.map.call(args, function (a) {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return String(a);
      if (typeof a === 'function') return 'function ' + (a.name || '') + '() {…}';
      try { var text = JSON.stringify(a); return text === undefined ? String(a) : text; } catch (e) { return String(a); }
    }).join(' ');
  }

  global.console = {};
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    global.console[level] = function () { post('log', { level: level, text: format(arguments) }); };
  });
})(globalThis);
