// The files half of wx in the logic layer: wx.getFileSystemManager(), each method with
// callbacks and (most) as …Sync, saved files included. The host (crates/wx/src/fs.rs) does the
// work inside the app's sandbox. Loaded after framework.js and binary.js.
void function (global) {
  'use strict';

  var kit = __wxemuKit;

  // Stats objects get isDirectory() / isFile(); a recursive stat gives path -> Stats.
  function statsObject(fields) {
    var directory = fields.__directory;
    delete fields.__directory;
    fields.isDirectory = function () { return directory; };
    fields.isFile = function () { return !directory; };
    return fields;
  }
  function withStats(stats) {
    if (typeof stats.__directory === 'boolean') return statsObject(stats);
    var all = {};
    for (var path in stats) all[path] = statsObject(stats[path]);
    return all;
  }

  // Each method: its options in the order the Sync form takes them, their types as the
  // platform checks them, and the result field the Sync form returns (decoded).
  var METHODS = {
    access: { args: ['path'], spec: { path: 'String!' } },
    readFile: { args: ['filePath', 'encoding', 'position', 'length'], spec: { filePath: 'String!', encoding: 'String', position: 'Number', length: 'Number' }, result: 'data' },
    writeFile: { args: ['filePath', 'data', 'encoding'], spec: { filePath: 'String!', encoding: 'String' } },
    appendFile: { args: ['filePath', 'data', 'encoding'], spec: { filePath: 'String!', encoding: 'String' } },
    copyFile: { args: ['srcPath', 'destPath'], spec: { srcPath: 'String!', destPath: 'String!' } },
    rename: { args: ['oldPath', 'newPath'], spec: { oldPath: 'String!', newPath: 'String!' } },
    unlink: { args: ['filePath'], spec: { filePath: 'String!' } },
    mkdir: { args: ['dirPath', 'recursive'], spec: { dirPath: 'String!', recursive: 'Boolean' } },
    rmdir: { args: ['dirPath', 'recursive'], spec: { dirPath: 'String!', recursive: 'Boolean' } },
    readdir: { args: ['dirPath'], spec: { dirPath: 'String!' }, result: 'files' },
    stat: { args: ['path', 'recursive'], spec: { path: 'String!', recursive: 'Boolean' }, result: 'stats' },
    saveFile: { args: ['tempFilePath', 'filePath'], spec: { tempFilePath: 'String!', filePath: 'String' }, result: 'savedFilePath' },
    unzip: { args: ['zipFilePath', 'targetPath'], spec: { zipFilePath: 'String!', targetPath: 'String!' }, async: true },
    getFileInfo: { args: ['filePath', 'digestAlgorithm'], spec: { filePath: 'String!', digestAlgorithm: 'String' }, async: true },
    getSavedFileList: { args: [], spec: {}, async: true },
    removeSavedFile: { args: ['filePath'], spec: { filePath: 'String!' }, async: true }
  };

  function payloadOf(method, o) {
    var payload = {};
    METHODS[method].args.forEach(function (key) {
      if (o[key] === undefined) return;
      payload[key] = key === 'data' && kit.isBinary(o[key]) ? kit.toHost(o[key]) : o[key];
    });
    return payload;
  }

  function decode(result) {
    if (result.data !== undefined) result.data = kit.fromHost(result.data);
    if (result.stats !== undefined) result.stats = withStats(result.stats);
    return result;
  }

  function asyncMethod(method) {
    return function (options) {
      var o = options || {};
      var error = kit.parameterError(method, o, METHODS[method].spec);
      kit.callHost(method, o, error ? { error: error } : payloadOf(method, o), { decode: decode, promised: false });
    };
  }

  function syncMethod(method) {
    return function () {
      var o = {};
      var positional = arguments;
      METHODS[method].args.forEach(function (key, i) { o[key] = positional[i]; });
      var error = kit.parameterError(method + 'Sync', o, METHODS[method].spec);
      if (error) throw new Error(error);
      var result = decode(__wxemuCall(method + 'Sync', payloadOf(method, o)));
      return METHODS[method].result ? result[METHODS[method].result] : undefined;
    };
  }

  // The FileSystemManager: its methods take callbacks, never return a Promise (as
  // documented: "以 Promise 风格 调用：不支持").
  var manager = {};
  Object.keys(METHODS).forEach(function (method) {
    manager[method] = asyncMethod(method);
    if (!METHODS[method].async) manager[method + 'Sync'] = syncMethod(method);
  });

  var loudManager = kit.loud(manager, 'FileSystemManager');
  kit.define('getFileSystemManager', function () { return loudManager; });
}(globalThis);
