// The framework half of the logic layer (the platform's AppService), loaded into the one JS
// context of a running mini-program. It keeps App, page and component definitions and
// instances, runs lifecycles, observers and handlers, and implements setData and
// triggerEvent. Everything that leaves the context goes through __wxemuPost(kind, json) to
// the Rust host, which owns the clock, the page stack and the views. The host loads every
// file of runtime-js/ inside one function that is given the natives (__wxemuPost,
// __wxemuCall, …) and returns __wxemu, so none of them, nor __wxemu and __wxemuKit, is a
// global that app code could reach. Each file is `void function () {…}()`, not the usual
// `(function () {…})()`: boa's parser copies the whole tree of a parenthesized expression,
// which made a launch parse the framework three times over.
void function (global) {
  'use strict';

  var post = function (kind, payload) { __wxemuPost(kind, JSON.stringify(payload)); };

  var appInstance = null;
  var definitions = {};       // page route or component path -> { kind: 'page' | 'component', options }
  var loading = null;         // the script being loaded: Page()/Component() bind to it
  var normalized = {};        // path -> merged component definition (behaviors applied)
  var instances = {};         // id -> page or component instance
  var nextInstanceId = 1;
  var stack = [];             // page instances, bottom first (getCurrentPages)
  var viewCallbacks = {};   // setData and wx.nextTick callbacks waiting for the view, by id
  var nextCallbackId = 1;

  var WARN_BYTES = 256 * 1024;
  var MAX_BYTES = 1024 * 1024;

  // ---- registration -------------------------------------------------------------------

  global.App = function (options) {
    if (appInstance) throw new Error('App() can only be called once');
    appInstance = {};
    var given = options || {};
    for (var key in given) appInstance[key] = given[key];
    if (!appInstance.globalData) appInstance.globalData = {};
  };

  global.getApp = function () {
    return appInstance === null ? undefined : appInstance;
  };

  function register(kind) {
    return function (options) {
      if (!loading) throw new Error(kind === 'page' ? 'Page() must be called by a page script listed in app.json' : 'Component() must be called by a page or component script');
      definitions[loading] = { kind: kind, options: options || {} };
    };
  }

  global.Page = register('page');
  global.Component = register('component');

  global.Behavior = function (options) {
    return { __behavior: true, options: options || {} };
  };

  global.getCurrentPages = function () {
    return stack.slice();
  };

  // `global`: as on the platform, one plain object that every script shares, which is not
  // the global object itself (`global.Object` is not `Object`).
  global.global = {};

  global.requirePlugin = function (name) {
    throw new Error('not supported by wxemu yet: plugins (requirePlugin("' + name + '"))');
  };

  // ---- wx: the router, prompt, bar, system-information and storage APIs; every other member fails loudly

  var apiCalls = {};
  var nextApiCall = 1;

  // Whether the base library the app runs on is at least `wanted` (x.y.z).
  function sdkAtLeast(wanted) {
    var have = __wxemuSdk.split('.').map(Number);
    var want = wanted.split('.').map(Number);
    for (var i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
    return true;
  }

  // Asynchronous APIs return a Promise when given no callback from base library 2.10.2.
  var promises = sdkAtLeast('2.10.2');

  // The platform's convention for asynchronous APIs: success / fail / complete callbacks,
  // or a Promise when none is given. The host answers with __wxemu.apiResult.
  // `decode`, when given, turns a successful result into what the app gets.
  function asyncApi(name, options, payload, decode) {
    return callHost(name, options, payload, { decode: decode, promised: true });
  }

  // Posts call `name` to the host; `how.decode` turns a successful result into what the app
  // gets, `how.settled` hears every result, `how.promised` makes a Promise when no callback
  // is given (APIs that return a task object never do). Returns the call's id and Promise.
  function callHost(name, options, payload, how) {
    var o = options || {};
    var id = nextApiCall++;
    var usesCallbacks = typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
    var promise;
    var entry = { name: name, options: o, decode: how.decode, settled: how.settled };
    if (!usesCallbacks && promises && how.promised) {
      promise = new Promise(function (resolve, reject) { entry.resolve = resolve; entry.reject = reject; });
    }
    apiCalls[id] = entry;
    payload.api = name;
    payload.call = id;
    post('api', payload);
    return how.promised ? promise : id;
  }

  // EventChannel between an opener page and the page it opened with navigateTo.
  function EventChannel() {
    this.__listeners = {};
    this.__peer = null;
  }
  EventChannel.prototype.on = function (name, fn) { (this.__listeners[name] = this.__listeners[name] || []).push({ fn: fn, once: false }); };
  EventChannel.prototype.once = function (name, fn) { (this.__listeners[name] = this.__listeners[name] || []).push({ fn: fn, once: true }); };
  EventChannel.prototype.off = function (name, fn) {
    this.__listeners[name] = (this.__listeners[name] || []).filter(function (l) { return fn !== undefined && l.fn !== fn; });
  };
  EventChannel.prototype.emit = function (name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var target = this.__peer;
    if (!target) return;
    var listeners = target.__listeners[name] || [];
    target.__listeners[name] = listeners.filter(function (l) { return !l.once; });
    listeners.forEach(function (l) { l.fn.apply(null, args); });
  };

  var channels = {};
  var nextChannel = 1;

  // A connected pair of channels; the opener gets one (with `events` as its listeners),
  // the opened page the other.
  function openChannel(events) {
    var opener = new EventChannel();
    var opened = new EventChannel();
    opener.__peer = opened;
    opened.__peer = opener;
    for (var name in events || {}) opener.on(name, events[name]);
    var id = nextChannel++;
    channels[id] = { opener: opener, opened: opened };
    return id;
  }

  // The type names the platform's parameter errors use.
  function typeName(v) {
    if (v === null) return 'Null';
    if (Array.isArray(v)) return 'Array';
    var t = typeof v;
    return t.charAt(0).toUpperCase() + t.slice(1);
  }

  // An API whose options are checked as the platform checks them (`spec`: key → expected
  // type, `!` when required) and then sent to the host; a wrong one fails with the
  // platform's `parameter error` message.
  function checkedApi(name, options, spec) {
    var o = options || {};
    var payload = {};
    for (var key in spec) if (o[key] !== undefined) payload[key] = o[key];
    var error = parameterError(name, o, spec);
    if (error) payload.error = error;
    return asyncApi(name, o, payload);
  }

  // The platform's `parameter error` message for options `o` against `spec`, or ''.
  function parameterError(name, o, spec) {
    var error = '';
    for (var key in spec) {
      var expected = spec[key].replace('!', '');
      var required = spec[key].charAt(spec[key].length - 1) === '!';
      var value = o[key];
      if (value === undefined && !required) continue;
      if (typeName(value) !== expected) error += 'parameter.' + key + ' should be ' + expected + ' instead of ' + typeName(value) + ';';
    }
    return error ? name + ':fail parameter error: ' + error : '';
  }

  // wx's members, by name; each family's JS (beside its Rust half) adds its own with
  // __wxemuKit.define.
  var wxApi = {};

  // A synchronous API the host carries out: its result, or the platform's Error.
  function syncApi(name, options) {
    return __wxemuCall(name, options || {});
  }

  // The members declared in crates/wx/src/apis.rs that need nothing of their own: an
  // asynchronous API whose options are checked as the platform checks them, or a
  // synchronous one without arguments (the host answers with the fields of the app's base
  // library).
  JSON.parse(__wxemuApis).forEach(function (member) {
    var name = member[0], spec = member[2];
    wxApi[name] = member[1] === 'sync' ? function () { return syncApi(name); } : function (o) { return checkedApi(name, o, spec); };
  });

  // wx.nextTick: in the next time slice (like setTimeout), once the view has taken the
  // setData calls made before it, as exparser applies them at once: a component's children
  // have their new properties and templates by then.
  wxApi.nextTick = function (fn) {
    if (typeof fn !== 'function') return;
    var callbackId = nextCallbackId++;
    viewCallbacks[callbackId] = { instance: undefined, fn: fn, label: 'wx.nextTick callback' };
    post('nextTick', { callback: callbackId });
  };

  // The update manager of a package run from disk: the check finds no new version.
  var mockedWx = {};   // the real wx members tests replaced, by name
  var updateManager = null;
  wxApi.getUpdateManager = function () {
    if (!updateManager) {
      updateManager = __wxemuKit.loud({
        onCheckForUpdate: function (fn) { global.setTimeout(function () { fn({ hasUpdate: false }); }, 0); },
        onUpdateReady: function () {},
        onUpdateFailed: function () {},
        applyUpdate: function () { console.warn('applyUpdate: no new version is ready (wxemu runs the package on disk)'); }
      }, 'UpdateManager');
    }
    return updateManager;
  };

  // App-wide events with wx.onX / wx.offX listeners; the host fires them with
  // __wxemu.appEvent(name, payload).
  var appListeners = {};
  function listenerApi(event) {
    wxApi['on' + event] = function (listener) {
      if (typeof listener !== 'function') throw new TypeError('wx.on' + event + ': the listener should be a Function');
      (appListeners[event] = appListeners[event] || []).push(listener);
    };
    wxApi['off' + event] = function (listener) {
      appListeners[event] = listener === undefined ? [] : (appListeners[event] || []).filter(function (l) { return l !== listener; });
    };
  }
  // MenuButtonBoundingClientRectWeightChange and BackgroundFetchData are heard but never
  // come: the menu button keeps its size, and background fetches need WeChat's servers.
  ['ThemeChange', 'AppShow', 'AppHide', 'Error', 'PageNotFound', 'UnhandledRejection', 'NetworkStatusChange',
    'MenuButtonBoundingClientRectWeightChange', 'BackgroundFetchData', 'NeedPrivacyAuthorization'].forEach(listenerApi);

  // A/B experiments are set up in the mini-program's admin console: run from disk, the
  // app is in none, so it gets no parameters.
  wxApi.getExptInfoSync = function () { return {}; };

  // Cloud development needs WeChat's cloud: wx.cloud is there, and every use of it says so.
  // init only says it (an app's onLaunch goes on past it); the calls fail as a failed call
  // does (fail/complete, or a rejected Promise); the rest throw.
  var cloud = {};
  var cloudUnsupported = function (name) { return 'not supported by wxemu yet: wx.cloud.' + name + ' (cloud development runs on WeChat\'s servers)'; };
  cloud.init = function () { console.error(cloudUnsupported('init')); };
  ['callFunction', 'callContainer', 'uploadFile', 'downloadFile', 'getTempFileURL', 'deleteFile'].forEach(function (name) {
    cloud[name] = function (o) {
      var result = { errMsg: 'cloud.' + name + ':fail ' + cloudUnsupported(name) };
      var options = o || {};
      if (typeof options.fail === 'function' || typeof options.complete === 'function' || typeof options.success === 'function') {
        global.setTimeout(function () {
          run(options.fail, undefined, [result], 'wx.cloud.' + name + ' fail');
          run(options.complete, undefined, [result], 'wx.cloud.' + name + ' complete');
        }, 0);
        return undefined;
      }
      return Promise.reject(result);
    };
  });
  ['database', 'CloudID', 'extend', 'Cloud'].forEach(function (name) {
    cloud[name] = function () { throw new Error(cloudUnsupported(name)); };
  });
  // Ads come from WeChat's ad servers and wxemu has none: an ad is never filled, which the
  // platform reports as errCode 1004 (无合适的广告) to load()/show() and the onError
  // listeners, also right after the ad object is made (it loads itself).
  var NO_FILL = 1004;
  var noAdsWarned = false;
  function UnfilledAd(kind) {
    this.destroy();   // (no listeners yet)
    if (!noAdsWarned) {
      noAdsWarned = true;
      console.warn('wxemu serves no ads: ' + kind + ' and every other ad fail with errCode ' + NO_FILL + ' (no ad to show), as when WeChat has none');
    }
    var ad = this;
    Promise.resolve().then(function () { ad.__fail('load').catch(function () {}); });
  }
  UnfilledAd.prototype.__fail = function (method) {
    var error = { errMsg: method + ':fail no advertisement', errCode: NO_FILL };
    this.__listeners.Error.slice().forEach(function (fn) { fn(error); });
    return Promise.reject(error);
  };
  UnfilledAd.prototype.load = function () { return this.__fail('load'); };
  UnfilledAd.prototype.show = function () { return this.__fail('show'); };
  UnfilledAd.prototype.destroy = function () { this.__listeners = { Load: [], Error: [], Close: [] }; };
  ['Load', 'Error', 'Close'].forEach(function (event) {
    UnfilledAd.prototype['on' + event] = function (fn) { if (typeof fn === 'function') this.__listeners[event].push(fn); };
    UnfilledAd.prototype['off' + event] = function (fn) {
      this.__listeners[event] = fn === undefined ? [] : this.__listeners[event].filter(function (f) { return f !== fn; });
    };
  });
  wxApi.createInterstitialAd = function () { return new UnfilledAd('InterstitialAd'); };
  wxApi.createRewardedVideoAd = function () { return new UnfilledAd('RewardedVideoAd'); };

  // The App lifecycles whose wx.onX listeners hear them too (after the App's own method).
  var LIFECYCLE_EVENTS = { onShow: 'AppShow', onHide: 'AppHide', onPageNotFound: 'PageNotFound' };

  // wx.canIUse: the base library the app runs on (--sdk) against the availability database.
  wxApi.canIUse = function (schema) {
    if (typeof schema !== 'string') throw new TypeError('wx.canIUse: the schema should be a String');
    return __wxemuCanIUse(schema);
  };

  // wx has the members its base library has, as on a client of that version (so
  // `if (wx.getWindowInfo)` takes the fallback on an old one). Calling one the version has
  // that wxemu does not carry out fails loudly: an asynchronous API with the platform's
  // fail ("<name>:fail not supported by wxemu yet"), any other by throwing.
  // The members wxemu carries out are wx's own properties (plain property reads: a Proxy
  // costs microseconds per read in boa); every other name reaches the Proxy behind them.
  var unimplemented = new Proxy({}, {
    get: function (target, key) {
      if (typeof key !== 'string' || !__wxemuCanIUse(key)) return undefined;
      if (__wxemuCanIUse(key + '.object.success')) return function (o) { return asyncApi(key, o, {}); };
      return function () { throw new Error('not supported by wxemu yet: wx.' + key); };
    },
    has: function (target, key) {
      return typeof key === 'string' && __wxemuCanIUse(key);
    }
  });
  global.wx = Object.create(unimplemented);
  function defineWx(name, fn) {
    if (__wxemuCanIUse(name)) global.wx[name] = fn;
  }
  Object.keys(wxApi).forEach(function (name) { defineWx(name, wxApi[name]); });
  global.wx.cloud = cloud;
  // The app's own files live under USER_DATA_PATH (crates/wx/src/files.rs maps it).
  global.wx.env = { USER_DATA_PATH: __wxemuUserDataPath };

  // What the other runtime-js files (network.js) build their wx members with.
  __wxemuKit = {
    // Objects the host sends events to by id (network tasks, intersection observers): each
    // has __event(name, payload).
    tasks: {},
    callHost: callHost, asyncApi: asyncApi, syncApi: syncApi, checkedApi: checkedApi, parameterError: parameterError, typeName: typeName, post: post, define: defineWx,
    // The EventChannel pair of a page navigateTo opens (`events`: the opener's listeners).
    openChannel: openChannel,
    // The wx.onX listeners of app-wide event X.
    listeners: function (event) { return appListeners[event] || []; },
    run: function (fn, args, where) { return run(fn, undefined, args, where); },
    // `object` (an instance of the platform's class `className`) as the app sees it: a
    // member of the class that wxemu does not carry out throws "not supported by wxemu
    // yet" instead of being undefined.
    loud: function (object, className) {
      return new Proxy(object, {
        get: function (target, key) {
          if (typeof key !== 'string' || key in target || !__wxemuCanIUse(className + '.' + key)) return target[key];
          return function () { throw new Error('not supported by wxemu yet: ' + className + '.' + key); };
        }
      });
    }
  };

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

  function getPath(root, parts) {
    var value = root;
    for (var i = 0; i < parts.length && value !== undefined && value !== null; i++) value = value[parts[i]];
    return value;
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
    var before = instance.__definition ? snapshotProperties(instance, keys) : null;
    for (var j = 0; j < keys.length; j++) setPath(instance.data, keys[j], converted[keys[j]]);
    var callbackId = 0;
    if (typeof callback === 'function') {
      callbackId = nextCallbackId++;
      viewCallbacks[callbackId] = { instance: instance, fn: callback, label: instance.is + ' setData callback' };
    }
    post('setData', { instance: instance.__wxExparserNodeId__, patch: withoutPureData(instance, converted), callback: callbackId });
    if (before) runObservers(instance, keys, before);
  }

  // Pure data fields (options.pureDataPattern) live in this.data but never reach the view.
  function isPure(instance, path) {
    var pattern = instance.__definition && instance.__definition.options.pureDataPattern;
    return pattern instanceof RegExp && pattern.test(String(parsePath(path)[0]));
  }

  function withoutPureData(instance, data) {
    var out = {};
    for (var key in data) if (!isPure(instance, key)) out[key] = data[key];
    return out;
  }

  // ---- components -----------------------------------------------------------------------

  var TYPE_DEFAULTS = [[String, ''], [Number, 0], [Boolean, false], [Array, []], [Object, null]];

  function typeDefault(type) {
    for (var i = 0; i < TYPE_DEFAULTS.length; i++) if (TYPE_DEFAULTS[i][0] === type) return toJSONData(TYPE_DEFAULTS[i][1]);
    return null;
  }

  // A property definition in its full form: { type, value, observer, optionalTypes }.
  function fullProperty(def) {
    if (def && typeof def === 'object' && !Array.isArray(def) && ('type' in def || 'value' in def || 'observer' in def)) {
      var full = { type: def.type === undefined ? null : def.type, observer: def.observer, optionalTypes: def.optionalTypes || [] };
      full.value = 'value' in def ? toJSONData(def.value) : typeDefault(full.type);
      return full;
    }
    return { type: def === undefined ? null : def, value: typeDefault(def), optionalTypes: [] };
  }

  // The value a property takes when its owner passes `value` (exparser's coercion).
  function coerce(prop, value) {
    var accepts = [prop.type].concat(prop.optionalTypes);
    var is = function (type) {
      if (type === null) return true;
      if (type === String) return typeof value === 'string';
      if (type === Number) return typeof value === 'number';
      if (type === Boolean) return typeof value === 'boolean';
      if (type === Array) return Array.isArray(value);
      if (type === Object) return value !== null && typeof value === 'object' && !Array.isArray(value);
      return false;
    };
    for (var i = 0; i < accepts.length; i++) if (is(accepts[i])) return value;
    if (value === null || value === undefined) return toJSONData(prop.value);
    if (prop.type === String) return String(value);
    if (prop.type === Number) return isNaN(Number(value)) ? 0 : Number(value);
    if (prop.type === Boolean) return !!value;
    return toJSONData(prop.value);
  }

  // selectComponent & co: the view finds instances; a component with the built-in
  // behavior wx://component-export is seen through its export() result.
  function selectAll(self, selector) {
    return JSON.parse(__wxemuSelectComponents(self.__wxExparserNodeId__, String(selector))).map(function (id) {
      var found = instances[id];
      var def = found && found.__definition;
      return def && def.exports ? def.exports.call(found) : found;
    });
  }

  // The members pages and components share: selectors, groupSetData, getPageId, the
  // routers relative to the instance (`router`: the component's own path; `pageRouter`:
  // its page's), hasBehavior.
  // (An app's own member of the same name stays.)
  function addInstanceMembers(target) {
    var shared = {
      groupSetData: function (callback) { run(callback, this, [], (this.is || this.route) + ' groupSetData'); },
      getPageId: function () { return 'pageId:' + (this.__page || this.__wxExparserNodeId__); },
      hasBehavior: function (behavior) {
        var known = this.__definition && this.__definition.behaviors;
        if (!known) return false;
        return typeof behavior === 'string' ? known.names.indexOf(behavior) >= 0 : known.objects.indexOf(behavior) >= 0;
      }
    };
    shared.animate = function (selector, keyframes, duration, callback) { __wxemuKit.animate(this.__wxExparserNodeId__, selector, keyframes, duration, callback); };
    shared.clearAnimation = function (selector, options, callback) { __wxemuKit.clearAnimation(this.__wxExparserNodeId__, selector, options, callback); };
    for (var name in shared) if (!(name in target)) target[name] = shared[name];
    if (!('router' in target)) Object.defineProperty(target, 'router', { get: function () { return routerFrom(this.is || this.route); } });
    if (!('pageRouter' in target)) Object.defineProperty(target, 'pageRouter', { get: function () { var page = instances[this.__page] || this; return routerFrom(page.route || page.is); } });
    target.selectComponent = function (selector) { return selectAll(this, selector)[0] || null; };
    target.selectAllComponents = function (selector) { return selectAll(this, selector); };
    target.createSelectorQuery = function () { return __wxemuKit.createSelectorQuery(this.__wxExparserNodeId__); };
    target.createIntersectionObserver = function (options) { return __wxemuKit.createIntersectionObserver(this.__wxExparserNodeId__, options); };
  }

  // A Router whose relative urls (`./detail?id=1`, `../b/b`) are relative to `from`.
  function routerFrom(from) {
    var resolved = function (url) {
      var text = String(url);
      if (text.charAt(0) === '/') return text;
      var parts = String(from || '').split('/');
      parts.pop();
      text.split('/').forEach(function (segment) {
        if (segment === '..') parts.pop();
        else if (segment !== '.' && segment !== '') parts.push(segment);
      });
      return '/' + parts.join('/');
    };
    var go = function (api) {
      return function (options) {
        var o = Object.assign({}, options);
        if (o.url !== undefined) o.url = resolved(o.url);
        return global.wx[api](o);
      };
    };
    return { navigateTo: go('navigateTo'), redirectTo: go('redirectTo'), switchTab: go('switchTab'), reLaunch: go('reLaunch'), navigateBack: function (o) { return global.wx.navigateBack(o); } };
  }

  // ---- relations: linked in the composed tree when a component is attached --------------

  var RECIPROCAL = { parent: 'child', child: 'parent', ancestor: 'descendant', descendant: 'ancestor' };

  // A relation key resolved against the component's own path.
  function relationPath(from, key) {
    var parts = key.charAt(0) === '/' ? [] : from.split('/').slice(0, -1);
    key.split('/').forEach(function (p) {
      if (p === '..') parts.pop();
      else if (p && p !== '.') parts.push(p);
    });
    return parts.join('/');
  }

  function relationTo(instance, path, type) {
    var rels = instance.__definition.relations;
    for (var key in rels) if (rels[key].path === path && rels[key].type === type) return rels[key];
    return null;
  }

  function callRelation(rel, self, event, other) {
    run(rel[event], self, [other], self.is + ' relation ' + rel.key + ' ' + event);
  }

  // On attach: link to the nearest component above (parent) or any above (ancestor) that
  // declares the reciprocal relation to this component.
  function linkRelations(c) {
    var above = JSON.parse(__wxemuAncestors(c.__wxExparserNodeId__));
    var rels = c.__definition.relations;
    for (var key in rels) {
      var rel = rels[key];
      if (rel.type !== 'parent' && rel.type !== 'ancestor') continue;
      var candidates = rel.type === 'parent' ? above.slice(0, 1) : above;
      for (var i = 0; i < candidates.length; i++) {
        var other = instances[candidates[i]];
        var back = other && other.__definition && other.is === rel.path && relationTo(other, c.is, RECIPROCAL[rel.type]);
        if (!back) continue;
        c.__links[key] = [other];
        other.__links[back.key] = (other.__links[back.key] || []).concat([c]);
        callRelation(back, other, 'linked', c);
        callRelation(rel, c, 'linked', other);
        break;
      }
    }
  }

  function unlinkRelations(c) {
    var rels = c.__definition.relations;
    for (var key in rels) {
      var rel = rels[key];
      (c.__links[key] || []).forEach(function (other) {
        var back = relationTo(other, c.is, RECIPROCAL[rel.type]);
        if (!back) return;
        other.__links[back.key] = (other.__links[back.key] || []).filter(function (x) { return x !== c; });
        // The pair unlinks once, whichever of the two goes first: the parent side first.
        var parentSide = rel.type === 'child' || rel.type === 'descendant';
        callRelation(parentSide ? rel : back, parentSide ? c : other, 'unlinked', parentSide ? other : c);
        callRelation(parentSide ? back : rel, parentSide ? other : c, 'unlinked', parentSide ? c : other);
      });
      c.__links[key] = [];
    }
  }

  var LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];

  // The platform's built-in behaviors, named by string. A form-field submits its `value`
  // under its `name`; a form-field-button submits or resets its form like a button's
  // form-type; form-field-group only marks a component whose fields the form collects (wxemu's
  // forms always look inside components).
  var BUILTIN_BEHAVIORS = {
    'wx://form-field': { __behavior: true, options: { properties: { name: { type: String, value: '' }, value: { type: null, value: null } } } },
    'wx://form-field-group': { __behavior: true, options: {} },
    'wx://form-field-button': { __behavior: true, options: { properties: { formType: { type: String, value: '' } } } },
    'wx://component-export': { __behavior: true, options: {} },
    // Marks a component that wraps a scroll-view for Skyline's scroll-driven features
    // (sticky headers, nested scrolling); the WebView renderer wxemu draws as does not
    // use the mark, so it has no properties or effect.
    'wx://proxy-scroll-view': { __behavior: true, options: {} }
  };

  function builtinBehavior(name, path) {
    if (BUILTIN_BEHAVIORS[name]) return BUILTIN_BEHAVIORS[name];
    throw new Error('not supported by wxemu yet: behavior "' + name + '" (used by ' + path + ')');
  }

  // Merges behaviors (depth first, behaviors before the component's own definition).
  function normalize(path) {
    if (normalized[path]) return normalized[path];
    var merged = { properties: {}, data: {}, methods: {}, lifetimes: {}, pageLifetimes: {}, observers: [], options: {}, externalClasses: [], relations: {} };
    LIFETIMES.forEach(function (l) { merged.lifetimes[l] = []; });
    ['show', 'hide', 'resize'].forEach(function (l) { merged.pageLifetimes[l] = []; });
    var seen = [];
    var names = [];
    function apply(options) {
      (options.behaviors || []).forEach(function (b) {
        if (typeof b === 'string') {
          names.push(b);
          b = builtinBehavior(b, path);
        }
        if (b && b.__behavior && seen.indexOf(b) < 0) {
          seen.push(b);
          apply(b.options);
        }
      });
      var props = options.properties || {};
      for (var name in props) merged.properties[name] = fullProperty(props[name]);
      var data = toJSONData(options.data || {}) || {};
      for (var key in data) merged.data[key] = data[key];
      var methods = options.methods || {};
      for (var m in methods) merged.methods[m] = methods[m];
      var lifetimes = options.lifetimes || {};
      LIFETIMES.forEach(function (l) {
        var fn = lifetimes[l] || options[l];
        if (typeof fn === 'function') merged.lifetimes[l].push(fn);
      });
      var pageLifetimes = options.pageLifetimes || {};
      for (var p in pageLifetimes) if (merged.pageLifetimes[p]) merged.pageLifetimes[p].push(pageLifetimes[p]);
      var observers = options.observers || {};
      for (var fields in observers) {
        merged.observers.push({ fields: fields.split(',').map(function (f) { return f.trim(); }), fn: observers[fields] });
      }
      if ((options.behaviors || []).indexOf('wx://component-export') >= 0 && typeof options.export === 'function') merged.exports = options.export;
      var relations = options.relations || {};
      for (var r in relations) {
        merged.relations[r] = { key: r, path: relationPath(path, r), type: relations[r].type, linked: relations[r].linked, linkChanged: relations[r].linkChanged, unlinked: relations[r].unlinked };
      }
      var opts = options.options || {};
      for (var o in opts) merged.options[o] = opts[o];
      merged.externalClasses = merged.externalClasses.concat(options.externalClasses || []);
    }
    apply(definitions[path].options);
    // What hasBehavior() answers: the behaviors applied, and the built-in ones by name.
    merged.behaviors = { objects: seen, names: names };
    normalized[path] = merged;
    return merged;
  }

  function snapshotProperties(instance, keys) {
    var props = instance.__definition.properties;
    var before = {};
    keys.forEach(function (k) {
      var top = parsePath(k)[0];
      if (props.hasOwnProperty(top) && !before.hasOwnProperty(top)) before[top] = toJSONData(instance.data[top]);
    });
    return before;
  }

  // Whether setting the path `changed` triggers an observer of `field`: when it is the
  // field or one of its ancestors (`obj` for `obj.x`); for `field.**` (and `**`) also when
  // it is inside the field.
  function overlaps(field, changed) {
    if (field === '**') return true;
    var deep = /\.\*\*$/.test(field);
    var f = parsePath(deep ? field.slice(0, -3) : field);
    var c = parsePath(changed);
    if (c.length > f.length && !deep) return false;
    for (var i = 0; i < Math.min(f.length, c.length); i++) if (String(f[i]) !== String(c[i])) return false;
    return true;
  }

  function observedValue(instance, field) {
    if (field === '**') return instance.data;
    return getPath(instance.data, parsePath(field.replace(/\.\*\*$/, '')));
  }

  // `observers` whose fields overlap a changed path, then (as exparser orders them) the
  // property observers (new, old) of properties whose value changed.
  function runObservers(instance, keys, before) {
    var def = instance.__definition;
    def.observers.forEach(function (o) {
      var hit = o.fields.some(function (field) { return keys.some(function (k) { return overlaps(field, k); }); });
      if (hit) run(o.fn, instance, o.fields.map(function (f) { return observedValue(instance, f); }), instance.is + ' observer `' + o.fields.join(', ') + '`');
    });
    for (var name in before) {
      var prop = def.properties[name];
      var now = instance.data[name];
      if (prop.observer && JSON.stringify(now) !== JSON.stringify(before[name])) {
        var observer = typeof prop.observer === 'string' ? instance[prop.observer] : prop.observer;
        run(observer, instance, [now, before[name]], instance.is + ' property observer `' + name + '`');
      }
    }
  }

  function setProperties(instance, props) {
    var def = instance.__definition;
    var patch = {};
    for (var name in props) {
      if (!def.properties.hasOwnProperty(name)) continue;
      var value = coerce(def.properties[name], props[name]);
      if (JSON.stringify(value) !== JSON.stringify(instance.data[name])) patch[name] = value;
    }
    if (Object.keys(patch).length) setData(instance, patch);
  }

  // Constructs an instance with its default data. The host runs `created` once the
  // instance's own template is built, then passes the owner's properties.
  function createComponent(path, pageId, host) {
    var def = normalize(path);
    var c = {};
    for (var m in def.methods) c[m] = def.methods[m];
    c.__definition = def;
    c.__wxExparserNodeId__ = nextInstanceId++;
    c.__page = pageId;
    c.is = path;
    c.id = host.id || '';
    c.dataset = host.dataset || {};
    c.data = toJSONData(def.data) || {};
    for (var name in def.properties) c.data[name] = toJSONData(def.properties[name].value);
    c.properties = c.data;
    c.setData = function (patch, callback) { setData(this, patch, callback); };
    addInstanceMembers(c);
    // The opener's channel of the page the component is on.
    c.getOpenerEventChannel = function () {
      var page = instances[this.__page];
      return page && page !== this && page.getOpenerEventChannel ? page.getOpenerEventChannel() : new EventChannel();
    };
    c.selectOwnerComponent = function () { return instances[__wxemuOwnerOf(this.__wxExparserNodeId__)] || null; };
    c.__links = {};
    c.getRelationNodes = function (key) {
      var rel = this.__definition.relations[key];
      if (!rel) throw new Error('getRelationNodes: no relation `' + key + '` in component ' + this.is);
      return (this.__links[key] || []).slice();
    };
    // The handlers the event reaches run now, before triggerEvent returns.
    c.triggerEvent = function (name, detail, options) {
      var o = options || {};
      var request = { instance: this.__wxExparserNodeId__, name: String(name), detail: toJSONData(detail === undefined ? {} : detail), bubbles: !!o.bubbles, composed: !!o.composed, capturePhase: !!o.capturePhase };
      JSON.parse(__wxemuTriggerEvent(JSON.stringify(request))).forEach(function (call) {
        __wxemu.callMethod(call.instance, call.method, call.event);
      });
    };
    instances[c.__wxExparserNodeId__] = c;
    return c.__wxExparserNodeId__;
  }

  // Relations link after `attached`; they unlink when the instance is destroyed, which the
  // host does once every instance removed with it has had `detached` (as exparser does).
  function lifetime(c, name) {
    c.__definition.lifetimes[name].forEach(function (fn) { run(fn, c, [], c.is + ' ' + name); });
    if (name === 'attached') linkRelations(c);
  }

  // ---- pages ----------------------------------------------------------------------------

  // A page built with Page() keeps its options as members; one built with Component() is a
  // component instance whose `methods` carry the page lifecycles.
  function createPage(route, query) {
    var definition = definitions[route];
    if (!definition) throw new Error('page `' + route + '` did not call Page() or Component()');
    var page;
    if (definition.kind === 'page') {
      page = {};
      // A page's `behaviors` (base library 2.9.2): their methods and data, under the page's own.
      var fromBehaviors = { methods: {}, data: {} };
      (function merge(list) {
        (list || []).forEach(function (b) {
          if (!b || !b.__behavior) return;
          merge(b.options.behaviors);
          var methods = b.options.methods || {};
          for (var m in methods) fromBehaviors.methods[m] = methods[m];
          var data = toJSONData(b.options.data || {}) || {};
          for (var d in data) fromBehaviors.data[d] = data[d];
        });
      })(definition.options.behaviors);
      for (var method in fromBehaviors.methods) page[method] = fromBehaviors.methods[method];
      for (var key in definition.options) if (key !== 'data') page[key] = definition.options[key];
      page.data = toJSONData(definition.options.data || {}) || {};
      for (var field in fromBehaviors.data) if (!(field in page.data)) page.data[field] = fromBehaviors.data[field];
      page.__wxExparserNodeId__ = nextInstanceId++;
      page.setData = function (patch, callback) { setData(this, patch, callback); };
      addInstanceMembers(page);
      instances[page.__wxExparserNodeId__] = page;
    } else {
      // (The host runs its `created` next, reporting an error there as it does one in
      // `attached`, and the page goes on.)
      page = instances[createComponent(route, 0, {})];
      page.__page = page.__wxExparserNodeId__;
    }
    page.route = route;
    page.__route__ = route;
    // The custom tab bar's instance on a tab page (app.json tabBar.custom), else null.
    page.getTabBar = function () { return this.selectComponent('custom-tab-bar'); };
    page.options = query;
    page.is = route;
    return page;
  }

  // ---- calls from the host ------------------------------------------------------------

  // Runs app code. An exception escapes to the host, which locates it (the engine's
  // backtrace is exact where error.stack is not), reports it and calls App.onError;
  // `__wxemu.during` tells it what was running.
  function run(fn, self, args, where) {
    if (typeof fn !== 'function') return undefined;
    __wxemu.during = where;
    var errorLifetimes = self && self.__definition ? self.__definition.lifetimes.error : [];
    if (!errorLifetimes.length) return fn.apply(self, args || []);
    try {
      return fn.apply(self, args || []);
    } catch (error) {
      // A component's `error` lifetime sees errors thrown by its methods; the error is then
      // reported as any other.
      errorLifetimes.forEach(function (handler) { handler.call(self, error); });
      __wxemu.during = where;
      throw error;
    }
  }

  function instanceOf(id) {
    if (!instances[id]) throw new Error('no page or component ' + id);
    return instances[id];
  }

  function invoke(target, name, args, where) {
    return run(target && target[name], target, args, where);
  }

  __wxemu = {
    // Runs a page's or component's script with Page()/Component() bound to its path.
    define: function (path) {
      loading = path;
      try { __wxemuRequire('', '/' + path + '.js'); } finally { loading = null; }
      if (!definitions[path]) throw new Error('script `' + path + '.js` called neither Page() nor Component()');
    },
    isDefined: function (path) { return definitions.hasOwnProperty(path); },
    hasApp: function () { return appInstance !== null; },
    // A page's or component's query options, data at a path ('' for all), setData and method
    // calls, by id (for the automation server and wxemu test).
    instanceOptions: function (id) { return (instances[id] || {}).options || {}; },
    instanceDataAt: function (id, path) {
      return String(path).split(/[.\[\]]/).filter(Boolean).reduce(function (d, k) { return d == null ? d : d[k]; }, instanceOf(id).data);
    },
    instanceSetData: function (id, data) { instanceOf(id).setData(data); },
    instanceCall: function (id, method, args) {
      var target = instanceOf(id);
      if (typeof target[method] !== 'function') throw new Error('no method ' + method);
      return target[method].apply(target, args);
    },
    appLifecycle: function (name, arg) {
      invoke(appInstance, name, arg === undefined ? [] : [arg], 'App.' + name);
      if (LIFECYCLE_EVENTS[name]) __wxemu.appEvent(LIFECYCLE_EVENTS[name], arg === null ? {} : arg);
    },
    // An app-wide event (`ThemeChange`, …): the wx.onX listeners, in the order they were added.
    appEvent: function (event, payload) {
      (appListeners[event] || []).slice().forEach(function (listener) { run(listener, undefined, [payload], 'wx.on' + event + ' listener'); });
    },
    createPage: function (route, query, channel) {
      var page = createPage(route, query);
      var pair = channel ? channels[channel] : null;
      page.getOpenerEventChannel = function () { return pair ? pair.opened : new EventChannel(); };
      return page.__wxExparserNodeId__;
    },
    createComponent: function (path, pageId, host) {
      return createComponent(path, pageId, host);
    },
    setProperties: function (id, props) { setProperties(instances[id], props); },
    // A component lifetime; pages built with Page() have none.
    componentLifetime: function (id, name) {
      if (instances[id] && instances[id].__definition) lifetime(instances[id], name);
    },
    // show / hide / resize for every component of a page.
    pageLifetime: function (pageId, name, arg) {
      for (var id in instances) {
        var c = instances[id];
        if (c.__page === pageId && c.__definition) c.__definition.pageLifetimes[name].forEach(function (fn) { run(fn, c, arg === null ? [] : [arg], c.is + ' pageLifetimes.' + name); });
      }
    },
    // Data the view changed itself (model: bindings): setData on the owner, observers run.
    setDataFromView: function (id, patch) {
      var target = instances[id];
      if (target) run(function () { setData(target, patch); }, target, [], target.is + ' model: binding');
    },
    setPageStack: function (ids) {
      stack = ids.map(function (id) { return instances[id]; });
    },
    destroy: function (id) {
      if (instances[id] && instances[id].__links) unlinkRelations(instances[id]);
      delete instances[id];
    },
    // (Read by the host only, through its depth-checked JSON reader: no depth walk here.)
    instanceData: function (id) { return __wxemuStringify(instances[id].data); },
    // A component's `options` (multipleSlots, virtualHost, …), merged with its behaviors'.
    componentOptions: function (id) {
      var def = instances[id] && instances[id].__definition;
      return def ? JSON.parse(JSON.stringify(def.options, function (k, v) { return v instanceof RegExp ? String(v) : v; })) : {};
    },
    externalClasses: function (id) {
      var def = instances[id] && instances[id].__definition;
      return def ? def.externalClasses.slice() : [];
    },
    viewData: function (id) { return __wxemuStringify(withoutPureData(instances[id], instances[id].data)); },
    // A page lifecycle (onLoad, onShow, onReady, onHide, onUnload, …); for pages built with
    // Component(), `methods` carry them.
    pageLifecycle: function (id, name, arg) {
      var page = instances[id];
      invoke(page, name, arg === undefined ? [] : [arg], page.route + '.' + name);
    },
    callMethod: function (id, name, event) {
      var target = instances[id];
      if (!target) return;
      if (typeof target[name] !== 'function') {
        console.warn('Component "' + target.is + '" does not have a method "' + name + '" to handle event "' + event.type + '".');
        return;
      }
      invoke(target, name, [event], target.is + '.' + name);
    },
    setDataApplied: function (callbackId) {
      var entry = viewCallbacks[callbackId];
      delete viewCallbacks[callbackId];
      if (entry) run(entry.fn, entry.instance, [], entry.label);
    },
    unhandledRejection: function (reason, promise) {
      invoke(appInstance, 'onUnhandledRejection', [{ reason: reason, promise: promise }], 'App.onUnhandledRejection');
      __wxemu.appEvent('UnhandledRejection', { reason: reason, promise: promise });
    },
    // The host reports an uncaught error to the app (message and stack, as the platform).
    appError: function (text) {
      invoke(appInstance, 'onError', [text], 'App.onError');
      __wxemu.appEvent('Error', text);
    },
    // A test's stand-in for wx[name] (`wxemu test`'s mockWx, automator's mockWxMethod):
    // `{value}` is the result; `{fn, extra}` (function source) makes it, called with the
    // call's arguments and then `extra`, and `this.origin`, the real API; null restores the
    // real one. A synchronous API returns the result; an asynchronous one gives it, with
    // `errMsg`, to success/complete or as a Promise.
    mockWx: function (name, mock) {
      if (!(name in mockedWx)) mockedWx[name] = global.wx[name];
      var origin = mockedWx[name];
      if (!mock) {
        global.wx[name] = origin;
        delete mockedWx[name];
        return;
      }
      var make = mock.fn ? (0, eval)('(' + mock.fn + ')') : null;
      var asynchronous = __wxemuCanIUse(name + '.object.success');
      global.wx[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = make ? make.apply({ origin: origin }, args.concat(mock.extra || [])) : mock.value;
        if (!asynchronous) return result;
        var o = args[0] || {};
        var settled = Promise.resolve(result).then(function (r) {
          return r !== null && typeof r === 'object' && !Array.isArray(r) && r.errMsg === undefined ? Object.assign({ errMsg: name + ':ok' }, r) : r;
        });
        if (typeof o.success !== 'function' && typeof o.fail !== 'function' && typeof o.complete !== 'function') return settled;
        settled.then(function (r) {
          run(o.success, undefined, [r], 'wx.' + name + ' success');
          run(o.complete, undefined, [r], 'wx.' + name + ' complete');
        });
      };
    },
    // An event for a task object (see __wxemuKit.tasks).
    taskEvent: function (id, name, payload) {
      var task = __wxemuKit.tasks[id];
      if (task) task.__event(name, payload);
    },
    // The host finished an asynchronous wx call: success or fail, then complete (or the
    // Promise settles).
    apiResult: function (id, result) {
      var entry = apiCalls[id];
      delete apiCalls[id];
      if (!entry) return;
      var ok = /:ok$/.test(result.errMsg);
      if (entry.settled) entry.settled(result);
      if (ok && entry.decode) result = entry.decode(result);
      if (ok && result.channel) {
        result.eventChannel = channels[result.channel].opener;
        delete result.channel;
      }
      var o = entry.options;
      run(ok ? o.success : o.fail, undefined, [result], 'wx.' + entry.name + (ok ? ' success' : ' fail'));
      run(o.complete, undefined, [result], 'wx.' + entry.name + ' complete');
      if (entry.resolve) (ok ? entry.resolve : entry.reject)(result);
    },
    during: ''
  };

  // ---- Date -------------------------------------------------------------------------------

  // The date strings apps parse that the phones' engines read and boa does not:
  // "2020/01/02 03:04:05", "01/02/2020", "Jan 2, 2020 03:04" (local time). "2020-01-02
  // 03:04:05" (a space, not "T") is a date on Android and NaN on iOS, which the DevTools
  // warn about; wxemu answers as the phone it plays.
  var NativeDate = global.Date;
  var MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
  var warnedDates = {};
  function looseDate(text) {
    var s = String(text).trim();
    var local = function (y, mo, d, h, mi, sec) { return new NativeDate(+y, +mo - 1, +d, +(h || 0), +(mi || 0), +(sec || 0)).getTime(); };
    var m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(s);
    if (m) return local(m[1], m[2], m[3], m[4], m[5], m[6]);
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(s);
    if (m) return local(m[3], m[1], m[2], m[4], m[5], m[6]);
    m = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
    if (m && MONTHS.indexOf(m[1].toLowerCase()) >= 0) return local(m[3], MONTHS.indexOf(m[1].toLowerCase()) + 1, m[2], m[4], m[5], m[6]);
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
    if (m) {
      if (!warnedDates[s]) {
        warnedDates[s] = true;
        console.warn('new Date("' + s + '") 在部分 iOS 下无法正常使用，iOS 只支持 "yyyy/MM/dd"、"yyyy/MM/dd HH:mm:ss"、"yyyy-MM-dd"、"yyyy-MM-ddTHH:mm:ss"、"yyyy-MM-ddTHH:mm:ss+HH:mm" 的格式');
      }
      return syncApi('getSystemInfoSync').platform === 'ios' ? NaN : local(m[1], m[2], m[3], m[4], m[5], m[6]);
    }
    return undefined;
  }
  function parsed(text) {
    var native = NativeDate.parse(text);
    if (native === native) return native;
    var loose = looseDate(text);
    return loose === undefined ? native : loose;
  }
  var WxDate = function Date(value) {
    if (!new.target) return NativeDate();
    if (arguments.length === 1 && typeof value === 'string') return new NativeDate(parsed(value));
    return Reflect.construct(NativeDate, arguments, new.target);
  };
  Object.getOwnPropertyNames(NativeDate).forEach(function (key) {
    if (key !== 'prototype' && key !== 'name' && key !== 'length') Object.defineProperty(WxDate, key, Object.getOwnPropertyDescriptor(NativeDate, key));
  });
  Object.defineProperty(WxDate, 'length', { value: 7 });
  Object.defineProperty(WxDate, 'prototype', { value: NativeDate.prototype });
  WxDate.parse = function (text) { return parsed(String(text)); };
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: WxDate, writable: true, configurable: true });
  global.Date = WxDate;

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

  __wxemu.fireTimer = function (id) {
    var timer = timers[id];
    if (!timer) return;
    if (!timer.repeat) delete timers[id];
    run(timer.fn, undefined, timer.args, 'timer callback');
  };

  // Console arguments as the DevTools print them: strings as they are, numbers as numbers
  // (NaN and Infinity too), objects as JSON with those numbers kept and cycles marked.
  function format(args) {
    return Array.prototype.map.call(args, function (a) { return typeof a === 'string' ? a : shown(a, []); }).join(' ');
  }

  function shown(a, seen) {
    if (typeof a === 'number') return String(a);
    if (typeof a === 'string') return JSON.stringify(a);
    if (a === null || a === undefined || typeof a === 'boolean' || typeof a === 'symbol' || typeof a === 'bigint') return String(a);
    if (typeof a === 'function') return 'function ' + (a.name || '') + '() {…}';
    if (a instanceof Error) return String(a);
    if (typeof a.toJSON === 'function') return shown(a.toJSON(), seen);
    if (seen.indexOf(a) >= 0) return '[Circular]';
    if (seen.length > 20) return Array.isArray(a) ? '[…]' : '{…}';
    seen.push(a);
    var text = Array.isArray(a)
      ? '[' + a.map(function (item) { return item === undefined || typeof item === 'function' ? 'null' : shown(item, seen); }).join(',') + ']'
      : '{' + Object.keys(a).filter(function (k) { return a[k] !== undefined && typeof a[k] !== 'function'; }).map(function (k) { return JSON.stringify(k) + ':' + shown(a[k], seen); }).join(',') + '}';
    seen.pop();
    return text;
  }

  global.console = {};
  var indent = '';
  function print(level, args) { post('log', { level: level, text: indent + format(args) }); }
  ['log', 'info', 'warn', 'error', 'debug'].forEach(function (level) {
    global.console[level] = function () { print(level, arguments); };
  });
  // The rest of the console people use, as the DevTools print them (times on the app's clock).
  var counts = {}, started = {};
  function label(l) { return l === undefined ? 'default' : String(l); }
  global.console.trace = global.console.dir = global.console.log;
  global.console.assert = function (ok) {
    if (!ok) print('error', ['Assertion failed:'].concat(Array.prototype.slice.call(arguments, 1)));
  };
  global.console.count = function (l) { l = label(l); counts[l] = (counts[l] || 0) + 1; print('log', [l + ': ' + counts[l]]); };
  global.console.countReset = function (l) { counts[label(l)] = 0; };
  global.console.time = function (l) { started[label(l)] = Date.now(); };
  global.console.timeLog = function (l) { l = label(l); print('log', [l + ': ' + (Date.now() - started[l]) + ' ms']); };
  global.console.timeEnd = function (l) { global.console.timeLog(l); delete started[label(l)]; };
  global.console.group = global.console.groupCollapsed = function () {
    if (arguments.length) print('log', arguments);
    indent += '  ';
  };
  global.console.groupEnd = function () { indent = indent.slice(2); };
  global.console.table = function (data) { print('log', [data]); };
}(globalThis);
