// The storage half of wx in the logic layer: setStorage(Sync), getStorage(Sync) and the
// rest, with each value kept as its type and text (crates/wx/src/storage/mod.rs keeps them,
// with the platform's limits). Loaded after runtime-js/framework.js.
void function (global) {
  'use strict';

  var kit = __wxemuKit;

  // Storage keeps each value as its type and text, so it comes back as it went in (a Date
  // as a Date, a number as a number).
  // (The common types are checked first and directly: this runs on every storage call.)
  function storageItem(value) {
    var t = typeof value;
    if (t === 'string') return { type: 'String', data: value };
    if (t === 'boolean' || (t === 'number' && isFinite(value))) return { type: t === 'number' ? 'Number' : 'Boolean', data: String(value) };
    if (value instanceof Date) return { type: 'Date', data: String(value.getTime()) };
    var type = kit.typeName(value);
    var text = JSON.stringify(value);
    return text === undefined ? { type: 'Undefined', data: '' } : { type: type, data: text };
  }
  function storedValue(item) {
    if (!item) return '';
    if (item.type === 'String') return item.data;
    if (item.type === 'Undefined') return undefined;
    if (item.type === 'Date') return new Date(Number(item.data));
    // (JSON.parse is slow in boa: the simple types are read directly.)
    if (item.type === 'Number') return Number(item.data);
    if (item.type === 'Boolean') return item.data === 'true';
    if (item.type === 'Null') return null;
    return JSON.parse(item.data);
  }
  function keyError(key) {
    return typeof key === 'string' ? '' : 'parameter error: parameter.key should be String instead of ' + kit.typeName(key) + ';';
  }
  function listError(name, list) {
    return Array.isArray(list) ? '' : 'parameter error: parameter.' + name + ' should be Array instead of ' + kit.typeName(list) + ';';
  }
  // A synchronous API whose arguments failed the platform's check throws its message.
  function checkedSync(name, error, options) {
    if (error) throw new Error(name + ':fail ' + error);
    return __wxemuCall(name, options);
  }
  // An asynchronous one fails with it.
  function checkedAsync(name, o, error, payload, decode) {
    return kit.asyncApi(name, o, error ? { error: name + ':fail ' + error } : payload, decode);
  }
  function kvItems(kvList) {
    return kvList.map(function (kv) { return { key: String(kv && kv.key), value: storageItem(kv && kv.value) }; });
  }
  var decodeData = function (r) { r.data = storedValue(r.data); return r; };
  var decodeDataList = function (r) { r.dataList = r.dataList.map(storedValue); return r; };

  kit.define('setStorageSync', function (key, data) { checkedSync('setStorageSync', keyError(key), { key: key, data: storageItem(data) }); });
  kit.define('getStorageSync', function (key) { return storedValue(checkedSync('getStorageSync', keyError(key), { key: key }).data); });
  kit.define('removeStorageSync', function (key) { checkedSync('removeStorageSync', keyError(key), { key: key }); });
  kit.define('clearStorageSync', function () { kit.syncApi('clearStorageSync'); });
  kit.define('getStorageInfoSync', function () { return kit.syncApi('getStorageInfoSync'); });
  kit.define('batchSetStorageSync', function (kvList) {
    checkedSync('batchSetStorageSync', listError('kvList', kvList), { kvList: Array.isArray(kvList) ? kvItems(kvList) : [] });
  });
  kit.define('batchGetStorageSync', function (keyList) {
    return checkedSync('batchGetStorageSync', listError('keyList', keyList), { keyList: keyList }).dataList.map(storedValue);
  });
  kit.define('setStorage', function (o) {
    var opts = o || {};
    return checkedAsync('setStorage', o, keyError(opts.key), { key: opts.key, data: storageItem(opts.data) });
  });
  kit.define('getStorage', function (o) { return checkedAsync('getStorage', o, keyError((o || {}).key), { key: (o || {}).key }, decodeData); });
  kit.define('removeStorage', function (o) { return checkedAsync('removeStorage', o, keyError((o || {}).key), { key: (o || {}).key }); });
  kit.define('clearStorage', function (o) { return kit.asyncApi('clearStorage', o, {}); });
  kit.define('getStorageInfo', function (o) { return kit.asyncApi('getStorageInfo', o, {}); });
  kit.define('batchSetStorage', function (o) {
    var list = (o || {}).kvList;
    return checkedAsync('batchSetStorage', o, listError('kvList', list), { kvList: Array.isArray(list) ? kvItems(list) : [] });
  });
  kit.define('batchGetStorage', function (o) {
    return checkedAsync('batchGetStorage', o, listError('keyList', (o || {}).keyList), { keyList: (o || {}).keyList }, decodeDataList);
  });
}(globalThis);
