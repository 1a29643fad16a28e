// module: createRequire from a path, a directory and a file: URL;
// builtinModules and isBuiltin; a native addon that cannot be loaded.
var Module = require('module');
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
var r = Module.createRequire(__dirname + '/lib/deep/x.js');
log('createRequire', r('uuid').which, r.resolve('uuid').split(__dirname).join('DIR'), typeof r.cache);
log('from a directory', Module.createRequire(__dirname + '/').resolve('./main.js').split(__dirname).join('DIR'));
log('from a URL', Module.createRequire('file://' + __dirname + '/main.js')('plain').which);
try { Module.createRequire('rel'); } catch (e) { log(e.name, e.code, e.message); }
log('isBuiltin', [Module.isBuiltin('fs'), Module.isBuiltin('node:path'), Module.isBuiltin('nope'), Module.isBuiltin('node:nope'),
  Module.isBuiltin('test'), Module.isBuiltin('node:test')]);
log('builtinModules', ['path', 'fs', 'events', 'node:test', 'test'].map(function (n) { return Module.builtinModules.indexOf(n) >= 0; }),
  Module.builtinModules.every(function (n) { return Module.isBuiltin(n); }));
log('Module', typeof Module, Module.Module === Module, typeof Module.prototype.require, require('node:module') === Module);
try { require('./addon/bad.node'); } catch (e) { log('native addon', e.name, e.code, Object.keys(e), e.message.indexOf(__dirname + '/addon/bad.node: ') === 0); }
