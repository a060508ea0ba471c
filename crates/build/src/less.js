// wxemu's Less compiler: the official less.js, run by Node, reading every file through
// wxemu (the package sandbox). One JSON message per line each way.
//   in, first: {"less": "<less.js folder>", "file": "pages/a/a.less", "source": "..."}
//   out: {"read": "pages/a/vars.less", "id": 1}   in: {"id": 1, "text": "..."} | {"id": 1, "error": "..."}
//   out, last: {"css": "..."} | {"error": {"message", "filename", "line", "column"}}
'use strict';
const path = require('path').posix;
const readline = require('readline');

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const pending = new Map();
let next = 0;
let start = null;

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  if (start === null) {
    start = message;
    compile(message);
    return;
  }
  const waiting = pending.get(message.id);
  pending.delete(message.id);
  if (message.error !== undefined) waiting.reject(Object.assign(new Error(message.error), { type: 'File' }));
  else waiting.resolve(message.text);
});

function read(file) {
  const id = ++next;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ read: file, id });
  });
}

function compile({ less: lessDir, file, source }) {
  const less = require(lessDir);
  // `@plugin` would run the plugin's JavaScript in Node, outside every sandbox.
  const refuse = () => Promise.reject(Object.assign(new Error('@plugin is not supported by wxemu (a Less plugin is JavaScript that would run outside the sandbox)'), { type: 'Plugin' }));
  less.PluginLoader.prototype.loadPlugin = refuse;
  less.PluginLoader.prototype.evalPlugin = () => { throw new Error('@plugin is not supported by wxemu'); };
  class PackageFiles extends less.FileManager {
    supports() { return true; }
    supportsSync() { return false; }
    loadFile(name, currentDirectory) {
      // `~pkg/file` is a file of an npm package (webpack's less-loader convention).
      let file = name.startsWith('~') ? name : name.startsWith('/') ? name.slice(1) : path.join(currentDirectory || '', name);
      if (path.extname(file) === '') file += '.less';
      return read(file).then((contents) => ({ contents, filename: file }));
    }
  }
  const plugin = { install(_less, manager) { manager.addFileManager(new PackageFiles()); } };
  less.render(source, { filename: file, plugins: [plugin], javascriptEnabled: false })
    .then((output) => send({ css: output.css }))
    .catch((e) => send({ error: { message: String(e.message), filename: e.filename || file, line: e.line || 1, column: e.column || 0 } }))
    .finally(() => process.stdin.destroy());
}
