// The wx APIs that read or move the laid-out view: createSelectorQuery and
// createIntersectionObserver (wx's and each page's and component's, scoped to its own
// template), createAnimation, the keyframe animations of this.animate, and pageScrollTo. The host
// (view_apis/query.rs beside it) answers from the view layer's layout. Loaded after
// framework.js.
void function (global) {
  'use strict';

  var kit = __wxemuKit;

  function SelectorQuery(scope) {
    this.__scope = scope;
    this.__queries = [];
    this.__callbacks = [];
  }
  // Selects within `component`'s template instead.
  SelectorQuery.prototype.in = function (component) {
    if (component && component.__wxExparserNodeId__) this.__scope = component.__wxExparserNodeId__;
    return this;
  };
  SelectorQuery.prototype.select = function (selector) { return new NodesRef(this, { selector: String(selector), single: true }); };
  SelectorQuery.prototype.selectAll = function (selector) { return new NodesRef(this, { selector: String(selector), single: false }); };
  SelectorQuery.prototype.selectViewport = function () { return new NodesRef(this, { viewport: true, single: true }); };
  SelectorQuery.prototype.__add = function (target, fields, callback) {
    this.__queries.push({ selector: target.selector, single: target.single, viewport: target.viewport, fields: fields || {} });
    this.__callbacks.push(callback);
    return this;
  };
  // A scroll-view's node: its ScrollViewContext.
  function ScrollViewContext(page, path) {
    this.__page = page;
    this.__path = path;
  }
  ScrollViewContext.prototype.__call = function (op, payload) {
    payload.op = op;
    payload.page = this.__page;
    payload.path = this.__path;
    var report = { fail: function (res) { console.error('ScrollViewContext.' + op + ': ' + res.errMsg); } };
    kit.callHost('scrollViewContext', report, payload, { promised: false });
  };
  ScrollViewContext.prototype.scrollTo = function (o) { this.__call('scrollTo', { left: (o || {}).left, top: (o || {}).top }); };
  ScrollViewContext.prototype.scrollIntoView = function (selector) { this.__call('scrollIntoView', { selector: String(selector) }); };
  function withNodes(result) {
    if (Array.isArray(result)) return result.map(withNodes);
    if (result && result.node && result.node.__scrollView) result.node = new ScrollViewContext(result.node.__page, result.node.__scrollView);
    return result;
  }

  // Runs the queries: each NodesRef's callback, then exec's with all results.
  SelectorQuery.prototype.exec = function (callback) {
    var callbacks = this.__callbacks;
    kit.callHost('selectorQuery', {
      success: function (res) {
        res.results = res.results.map(withNodes);
        res.results.forEach(function (result, i) { if (typeof callbacks[i] === 'function') callbacks[i](result); });
        if (typeof callback === 'function') callback(res.results);
      },
      fail: function (res) { console.error('SelectorQuery.exec: ' + res.errMsg); }
    }, { scope: this.__scope, queries: this.__queries }, { promised: false });
  };

  function NodesRef(query, target) {
    this.__query = query;
    this.__target = target;
  }
  NodesRef.prototype.fields = function (fields, callback) { return this.__query.__add(this.__target, fields, callback); };
  NodesRef.prototype.boundingClientRect = function (callback) { return this.fields({ id: true, dataset: true, rect: true, size: true }, callback); };
  NodesRef.prototype.scrollOffset = function (callback) { return this.fields({ id: true, dataset: true, scrollOffset: true }, callback); };
  NodesRef.prototype.node = function (callback) { return this.fields({ node: true }, callback); };
  NodesRef.prototype.context = function (callback) { return this.fields({ context: true }, callback); };

  // Pages and components: this.createSelectorQuery() (framework.js calls it); wx's selects
  // on the current page.
  kit.createSelectorQuery = function (scope) { return new SelectorQuery(scope); };
  kit.define('createSelectorQuery', function () { return new SelectorQuery(undefined); });

  // Intersection observers: the host checks each time the page changes or scrolls and
  // calls back when a target's intersection ratio crosses a threshold.
  function IntersectionObserver(scope, options) {
    var o = options || {};
    this.__scope = scope;
    this.__options = { thresholds: o.thresholds || [0], initialRatio: o.initialRatio || 0, observeAll: !!o.observeAll };
    this.__relative = { margins: {} };
    this.__ids = [];
  }
  IntersectionObserver.prototype.relativeTo = function (selector, margins) {
    this.__relative = { selector: String(selector), margins: margins || {} };
    return this;
  };
  IntersectionObserver.prototype.relativeToViewport = function (margins) {
    this.__relative = { margins: margins || {} };
    return this;
  };
  IntersectionObserver.prototype.observe = function (target, callback) {
    var o = this.__options;
    var id = kit.callHost('intersectionObserver', {}, {
      op: 'observe', scope: this.__scope, target: String(target), relative: this.__relative.selector,
      margins: this.__relative.margins, thresholds: o.thresholds, initialRatio: o.initialRatio, observeAll: o.observeAll
    }, { promised: false });
    kit.tasks[id] = { __event: function (name, result) { kit.run(callback, [result], 'IntersectionObserver callback'); } };
    this.__ids.push(id);
  };
  IntersectionObserver.prototype.disconnect = function () {
    this.__ids.forEach(function (id) {
      delete kit.tasks[id];
      kit.callHost('intersectionObserver', {}, { op: 'disconnect', observer: id }, { promised: false });
    });
    this.__ids = [];
  };
  kit.createIntersectionObserver = function (scope, options) { return new IntersectionObserver(scope, options); };
  // wx.createIntersectionObserver(component, options): in the component's template (or the
  // current page's without one).
  kit.define('createIntersectionObserver', function (component, options) {
    var scoped = component && component.__wxExparserNodeId__;
    return new IntersectionObserver(scoped ? component.__wxExparserNodeId__ : undefined, scoped ? options : component);
  });

  // wx.createAnimation: steps of style and transform changes; export() gives the data the
  // `animation` attribute takes (and starts a new queue).
  var ANIMATION_DEFAULTS = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0' };
  var TRANSFORMS = ['rotate', 'rotateX', 'rotateY', 'rotateZ', 'rotate3d', 'scale', 'scaleX', 'scaleY', 'scaleZ', 'scale3d',
    'translate', 'translateX', 'translateY', 'translateZ', 'translate3d', 'skew', 'skewX', 'skewY', 'matrix', 'matrix3d'];
  var STYLES = ['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'right', 'bottom'];

  function Animation(options) {
    this.__options = {};
    for (var key in ANIMATION_DEFAULTS) this.__options[key] = (options || {})[key] !== undefined ? options[key] : ANIMATION_DEFAULTS[key];
    this.__animates = [];
    this.__actions = [];
  }
  TRANSFORMS.forEach(function (type) {
    Animation.prototype[type] = function () {
      this.__animates.push({ type: type, args: Array.prototype.slice.call(arguments) });
      return this;
    };
  });
  STYLES.forEach(function (name) {
    Animation.prototype[name] = function (value) {
      this.__animates.push({ type: 'style', args: [name, value] });
      return this;
    };
  });
  Animation.prototype.step = function (options) {
    var o = {};
    for (var key in this.__options) o[key] = (options || {})[key] !== undefined ? options[key] : this.__options[key];
    this.__actions.push({
      animates: this.__animates,
      option: { transformOrigin: o.transformOrigin, transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay } }
    });
    this.__animates = [];
    return this;
  };
  Animation.prototype.export = function () {
    var actions = this.__actions;
    this.__actions = [];
    return { actions: actions };
  };
  kit.define('createAnimation', function (options) { return new Animation(options); });

  // The host call's options that run an animation callback (called with nothing) at the end.
  function completing(callback) {
    return { complete: function () { if (typeof callback === 'function') callback(); } };
  }
  // this.animate(selector, keyframes, duration, callback): the keyframes play on what the
  // selector finds in the caller's template, on the simulator's clock; the last one stays
  // until this.clearAnimation. (A scroll-driven one, with a scrollSource, is not here yet.)
  kit.animate = function (scope, selector, keyframes, duration, callback) {
    if (callback !== null && typeof callback === 'object') {
      throw new Error('not supported by wxemu yet: this.animate with a scrollSource (scroll-driven animations)');
    }
    if (!Array.isArray(keyframes)) throw new TypeError('animate: keyframes should be an array');
    var payload = { scope: scope, selector: String(selector), keyframes: JSON.parse(JSON.stringify(keyframes)), duration: Number(duration) || 0 };
    kit.callHost('animate', completing(callback), payload, { promised: false });
  };
  // this.clearAnimation(selector, options, callback): `options` names the properties to
  // clear ({ opacity: true }); without it every property is.
  kit.clearAnimation = function (scope, selector, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = null;
    }
    var properties = options ? Object.keys(options).filter(function (name) { return options[name]; }) : null;
    kit.callHost('clearAnimation', completing(callback), { scope: scope, selector: String(selector), properties: properties }, { promised: false });
  };

  kit.define('pageScrollTo', function (options) {
    var o = options || {};
    var spec = { scrollTop: 'Number', duration: 'Number', selector: 'String', offsetTop: 'Number' };
    var error = kit.parameterError('pageScrollTo', o, spec);
    var payload = {};
    for (var key in spec) if (o[key] !== undefined) payload[key] = o[key];
    return kit.callHost('pageScrollTo', o, error ? { error: error } : payload, { promised: true });
  });
}(globalThis);
