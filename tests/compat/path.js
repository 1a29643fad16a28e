// path (posix): the cases real code hits, and the edge cases Node's own
// tests pin down.
var path = require('path');
function show(name, f) {
  try { console.log(name, JSON.stringify(f())); } catch (e) { console.log(name, e.name, e.code, e.message); }
}
var inputs = ['', '/', '//', '///a', 'a', 'a/', '/a/b/', 'a/b/c.txt', '/a/b/c.tar.gz', '.', '..', '../a',
  './a/../../b', '/foo/bar//baz/asdf/quux/..', '.bashrc', 'a/.bashrc', 'file.', '/x/y/..', 'a//b', '//a//b//', '/..', '/.x', '/a/..', 'a/b..', '..a', '/a/.b.c'];
inputs.forEach(function (p) {
  show('normalize ' + JSON.stringify(p), function () { return path.normalize(p); });
  show('dirname ' + JSON.stringify(p), function () { return path.dirname(p); });
  show('basename ' + JSON.stringify(p), function () { return path.basename(p); });
  show('extname ' + JSON.stringify(p), function () { return path.extname(p); });
  show('parse ' + JSON.stringify(p), function () { return path.parse(p); });
  show('isAbsolute ' + JSON.stringify(p), function () { return path.isAbsolute(p); });
});
show('basename ext', function () { return [path.basename('/a/b.html', '.html'), path.basename('/a/b.html', 'html'),
  path.basename('aaa', 'a'), path.basename('a', 'a'), path.basename('/a/b/', 'b')]; });
show('join', function () { return [path.join('/foo', 'bar', 'baz/asdf', 'quux', '..'), path.join(), path.join(''),
  path.join('a', ''), path.join('/', '..', 'x'), path.join('a', '../..', 'b')]; });
show('join bad', function () { return path.join('a', {}); });
show('resolve', function () { return [path.resolve('/foo/bar', './baz'), path.resolve('/foo/bar', '/tmp/file/'),
  path.resolve('/a', 'b', '../c', './d/'), path.resolve('/'), path.resolve('/a/b', '..', '..', '..')]; });
show('resolve cwd', function () { return path.resolve('x') === process.cwd() + '/x' && path.resolve() === process.cwd(); });
show('relative', function () { return [path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'),
  path.relative('/a/b', '/a/b'), path.relative('/a', '/a/b/c'), path.relative('/a/b/c', '/a'), path.relative('/', '/x'),
  path.relative('/x', '/')]; });
show('format', function () { return [path.format({ root: '/ignored', dir: '/home/user/dir', base: 'file.txt' }),
  path.format({ root: '/', base: 'file.txt', ext: 'ignored' }), path.format({ root: '/', name: 'file', ext: '.txt' }),
  path.format({ name: 'x', ext: 'js' }), path.format({ dir: 'd', name: 'n' })]; });
show('format bad', function () { return path.format(null); });
show('consts', function () { return [path.sep, path.delimiter, path.posix === path, typeof path.toNamespacedPath('/a')]; });
show('path/posix', function () { return require('path/posix') === path.posix; });
show('dirname bad', function () { return path.dirname(5); });
