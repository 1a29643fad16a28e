// Package resolution: exports maps (conditions, subpaths, patterns, null
// targets), imports, main, node: names, and the errors Node gives.
function show(what, f) {
  try {
    var v = f();
    console.log(what, JSON.stringify(v && v.which !== undefined ? v.which : v));
  } catch (e) {
    console.log(what, e.name, e.code, JSON.stringify(e.message.split(__dirname).join('DIR')),
      JSON.stringify((e.requireStack || []).map(function (p) { return p.split(__dirname).join('DIR'); })));
  }
}
show('uuid', function () { return require('uuid'); });
show('uuid v4', function () { return require('uuid').v4(); });
show('uuid/package.json', function () { return require('uuid/package.json').version; });
show('uuid/dist/v4', function () { return require('uuid/dist/v4'); });
show('entities', function () { return require('entities'); });
show('entities decode', function () { return require('entities').decode('a &amp; &lt;b'); });
show('entities/lib/decode.js', function () { return require('entities/lib/decode.js'); });
show('entities/lib/decode', function () { return require('entities/lib/decode'); });
show('patterns', function () { return require('patterns'); });
show('patterns internals', function () { var m = require('patterns'); return [m.util, m.dep, m.internal, m.self, m.nope && m.nope[1]]; });
show('patterns/features/x.js', function () { return require('patterns/features/x.js'); });
show('patterns/features/x', function () { return require('patterns/features/x'); });
show('patterns/features/internal/y', function () { return require('patterns/features/internal/y'); });
show('patterns/data/d.json', function () { return require('patterns/data/d.json'); });
show('patterns/missing', function () { return require('patterns/missing'); });
show('patterns/cond', function () { return require('patterns/cond'); });
show('patterns/nope', function () { return require('patterns/nope'); });
show('plain', function () { return require('plain'); });
show('plain/other', function () { return require('plain/other'); });
show('badexports', function () { return require('badexports'); });
show('resolve uuid', function () { return require.resolve('uuid').split(__dirname).join('DIR'); });
show('resolve path', function () { return require.resolve('path'); });
show('resolve node:path', function () { return require.resolve('node:path'); });
show('paths path', function () { return require.resolve.paths('path'); });
show('node:path is path', function () { return require('node:path') === require('path'); });
show('node:nope', function () { return require('node:nope'); });
show('nope', function () { return require('nope'); });
show('./nope', function () { return require('./nope'); });
show('nested', function () { return require('./lib/deep/needs'); });
show('#x outside a package', function () { return require('#x'); });
show('typeof events', function () { return typeof require('events'); });
show('util/types', function () { return typeof require('util/types').isDate; });
show('assert/strict', function () { return typeof require('node:assert/strict'); });
