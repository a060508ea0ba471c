// Binary data between the logic layer and the host: ArrayBuffers cross as
// {__arrayBuffer: base64}. Also wx.arrayBufferToBase64 / wx.base64ToArrayBuffer. Loaded
// after framework.js; adds isBinary, toHost and fromHost to __wxemuKit.
void function (global) {
  'use strict';

  var kit = __wxemuKit;

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  var CODES = {};
  for (var c = 0; c < ALPHABET.length; c++) CODES[ALPHABET.charAt(c)] = c;

  function arrayBufferToBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += ALPHABET.charAt(n >> 18 & 63) + ALPHABET.charAt(n >> 12 & 63) +
        (i + 1 < bytes.length ? ALPHABET.charAt(n >> 6 & 63) : '=') + (i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : '=');
    }
    return out;
  }

  function base64ToArrayBuffer(text) {
    var clean = String(text).replace(/[^A-Za-z0-9+/]/g, '');
    var bytes = new Uint8Array(Math.floor(clean.length * 3 / 4));
    var at = 0;
    for (var i = 0; i < clean.length; i += 4) {
      var n = (CODES[clean.charAt(i)] << 18) | (CODES[clean.charAt(i + 1)] << 12) | ((CODES[clean.charAt(i + 2)] || 0) << 6) | (CODES[clean.charAt(i + 3)] || 0);
      bytes[at++] = n >> 16 & 255;
      if (i + 2 < clean.length) bytes[at++] = n >> 8 & 255;
      if (i + 3 < clean.length) bytes[at++] = n & 255;
    }
    return bytes.buffer.slice(0, at);
  }

  function isBinary(data) {
    return data instanceof ArrayBuffer || ArrayBuffer.isView(data);
  }
  function toHost(data) {
    var buffer = data instanceof ArrayBuffer ? data : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    return { __arrayBuffer: arrayBufferToBase64(buffer) };
  }
  function fromHost(value) {
    return value && typeof value === 'object' && typeof value.__arrayBuffer === 'string' ? base64ToArrayBuffer(value.__arrayBuffer) : value;
  }

  kit.define('arrayBufferToBase64', arrayBufferToBase64);
  kit.define('base64ToArrayBuffer', base64ToArrayBuffer);
  kit.isBinary = isBinary;
  kit.toHost = toHost;
  kit.fromHost = fromHost;
}(globalThis);
