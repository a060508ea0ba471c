// The network half of wx in the logic layer: wx.request, downloadFile, uploadFile,
// connectSocket (and the old global socket functions) with their task objects. Loaded
// after framework.js and binary.js; the host (crates/wx) does the I/O and answers with
// __wxemu.apiResult (the call) and __wxemu.taskEvent (the task object's events).
void function (global) {
  'use strict';

  var kit = __wxemuKit;
  var isBinary = kit.isBinary, toHost = kit.toHost, fromHost = kit.fromHost;
  var tasks = kit.tasks;   // call id -> task object

  // ---- task objects ---------------------------------------------------------------------

  // A task: `events` are the names of its onX/offX listener pairs; the host's events reach
  // the listeners (and for the last socket, wx.onSocketX's).
  function makeTask(events) {
    var task = { __listeners: {} };
    task.__event = function (name, payload) {
      if (payload && payload.data !== undefined) payload.data = fromHost(payload.data);
      var listeners = (task.__listeners[name] || []).concat(lastSocket && lastSocket.__id === task.__id ? socketListeners[name] || [] : []);
      listeners.forEach(function (fn) { kit.run(fn, [payload], 'wx task ' + name + ' listener'); });
      if (name === 'close') delete tasks[task.__id];
    };
    events.forEach(function (event) {
      var key = event.charAt(0).toLowerCase() + event.slice(1);
      task['on' + event] = function (fn) {
        if (typeof fn === 'function') (task.__listeners[key] = task.__listeners[key] || []).push(fn);
      };
      task['off' + event] = function (fn) {
        task.__listeners[key] = fn === undefined ? [] : (task.__listeners[key] || []).filter(function (l) { return l !== fn; });
      };
    });
    return task;
  }

  // Starts a network call that returns its task object (never a Promise, as on the
  // platform: "downloadFile, request, uploadFile, connectSocket … 本身就有返回值").
  var TASK_CLASSES = { request: 'RequestTask', downloadFile: 'DownloadTask', uploadFile: 'UploadTask', connectSocket: 'SocketTask' };

  function startTask(name, o, payload, events, decode) {
    var task = makeTask(events);
    var error = payload.error;
    var id = kit.callHost(name, o, payload, {
      decode: decode,
      promised: false,
      settled: function () { if (name !== 'connectSocket') delete tasks[id]; }
    });
    tasks[id] = task;
    task.__id = id;
    if (name !== 'connectSocket') {
      task.abort = function () { if (tasks[id] && !error) kit.post('api', { api: 'abortTask', call: 0, task: id }); };
    }
    return kit.loud(task, TASK_CLASSES[name]);
  }

  var decodeData = function (r) { r.data = fromHost(r.data); return r; };

  // ---- wx.request -----------------------------------------------------------------------

  function queryString(data) {
    var parts = [];
    for (var key in data) parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(data[key]));
    return parts.join('&');
  }

  function contentType(header) {
    for (var key in header) if (key.toLowerCase() === 'content-type') return String(header[key]);
    return 'application/json';
  }

  // The platform's data rules: GET data becomes the query string; otherwise a body, JSON
  // for application/json (the default) and a query string for x-www-form-urlencoded.
  function requestPayload(o) {
    var method = String(o.method || 'GET').toUpperCase();
    var header = o.header || {};
    var payload = {
      url: o.url, method: method, header: header, dataType: o.dataType, responseType: o.responseType,
      timeout: o.timeout, enableChunked: o.enableChunked
    };
    var data = o.data;
    if (data === undefined || data === null) return payload;
    if (method === 'GET') {
      var query = typeof data === 'string' ? data : isBinary(data) ? '' : queryString(data);
      if (query) payload.url = o.url + (o.url.indexOf('?') < 0 ? '?' : '&') + query;
    } else if (isBinary(data)) {
      payload.body = toHost(data);
    } else if (typeof data === 'string') {
      payload.body = data;
    } else {
      payload.body = /x-www-form-urlencoded/i.test(contentType(header)) ? queryString(data) : JSON.stringify(data);
    }
    return payload;
  }

  var REQUEST_SPEC = { url: 'String!', header: 'Object', method: 'String', dataType: 'String', responseType: 'String', timeout: 'Number', enableChunked: 'Boolean' };

  kit.define('request', function (options) {
    var o = options || {};
    var error = kit.parameterError('request', o, REQUEST_SPEC);
    var payload = error ? { error: error } : requestPayload(o);
    return startTask('request', o, payload, ['HeadersReceived', 'ChunkReceived'], decodeData);
  });

  // ---- downloadFile / uploadFile --------------------------------------------------------

  kit.define('downloadFile', function (options) {
    var o = options || {};
    var error = kit.parameterError('downloadFile', o, { url: 'String!', header: 'Object', timeout: 'Number', filePath: 'String' });
    var payload = error ? { error: error } : { url: o.url, header: o.header, timeout: o.timeout, filePath: o.filePath };
    return startTask('downloadFile', o, payload, ['ProgressUpdate', 'HeadersReceived']);
  });

  kit.define('uploadFile', function (options) {
    var o = options || {};
    var error = kit.parameterError('uploadFile', o, { url: 'String!', filePath: 'String!', name: 'String!', header: 'Object', formData: 'Object', timeout: 'Number' });
    var payload = error ? { error: error } : { url: o.url, filePath: o.filePath, name: o.name, header: o.header, formData: o.formData, timeout: o.timeout };
    return startTask('uploadFile', o, payload, ['ProgressUpdate', 'HeadersReceived']);
  });

  // ---- sockets ----------------------------------------------------------------------------

  var lastSocket = null;   // what the old global socket functions act on
  var socketListeners = {};   // wx.onSocketOpen/Message/Error/Close listeners

  // SocketTask.send / close (and wx.sendSocketMessage / closeSocket) on socket `id`.
  function socketCall(name, id, options, promised) {
    var o = options || {};
    var payload = { task: id, code: o.code, reason: o.reason };
    if (name === 'sendSocketMessage') {
      if (typeof o.data === 'string' || isBinary(o.data)) payload = { task: id, data: isBinary(o.data) ? toHost(o.data) : o.data };
      else payload = { error: 'sendSocketMessage:fail parameter error: parameter.data should be String instead of ' + kit.typeName(o.data) + ';' };
    }
    return kit.callHost(name, o, payload, { promised: promised });
  }

  kit.define('connectSocket', function (options) {
    var o = options || {};
    var error = kit.parameterError('connectSocket', o, { url: 'String!', header: 'Object', protocols: 'Array', timeout: 'Number' });
    var payload = error ? { error: error } : { url: o.url, header: o.header, protocols: o.protocols, timeout: o.timeout };
    var task = startTask('connectSocket', o, payload, ['Open', 'Message', 'Error', 'Close']);
    var id = task.__id;
    task.send = function (opts) { return socketCall('sendSocketMessage', id, opts, false); };
    task.close = function (opts) { return socketCall('closeSocket', id, opts, false); };
    if (!error) lastSocket = task;
    return task;
  });

  // wx.onSocketOpen/…/sendSocketMessage/closeSocket: the old API, on the last socket opened.
  ['open', 'message', 'error', 'close'].forEach(function (event) {
    kit.define('onSocket' + event.charAt(0).toUpperCase() + event.slice(1), function (fn) {
      if (typeof fn === 'function') (socketListeners[event] = socketListeners[event] || []).push(fn);
    });
  });
  function globalSocketCall(name) {
    return function (o) {
      if (lastSocket) return socketCall(name, lastSocket.__id, o, true);
      return kit.callHost(name, o, { error: name + ':fail WebSocket is not connected' }, { promised: true });
    };
  }
  kit.define('sendSocketMessage', globalSocketCall('sendSocketMessage'));
  kit.define('closeSocket', globalSocketCall('closeSocket'));
}(globalThis);
