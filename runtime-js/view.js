// The wx APIs that read the laid-out view: createSelectorQuery (wx's and each page's and
// component's, scoped to its own template) and pageScrollTo. The host
// (crates/core/src/query.rs) answers from the view layer's layout. Loaded after
// framework.js.
(function (global) {
  'use strict';

  var kit = global.__wxemuKit;

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
  // Runs the queries: each NodesRef's callback, then exec's with all results.
  SelectorQuery.prototype.exec = function (callback) {
    var callbacks = this.__callbacks;
    kit.callHost('selectorQuery', {
      success: function (res) {
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

  kit.define('pageScrollTo', function (options) {
    var o = options || {};
    var spec = { scrollTop: 'Number', duration: 'Number', selector: 'String', offsetTop: 'Number' };
    var error = kit.parameterError('pageScrollTo', o, spec);
    var payload = {};
    for (var key in spec) if (o[key] !== undefined) payload[key] = o[key];
    return kit.callHost('pageScrollTo', o, error ? { error: error } : payload, { promised: true });
  });
})(globalThis);
