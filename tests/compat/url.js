// url: fileURLToPath/pathToFileURL and the legacy parse/format/resolve.
var url = require('url');
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function tryLog(name, f) { try { log(name, f()); } catch (e) { log(name, e.name, e.code, e.message); } }
['http://user:pa%20ss@Example.COM:8080/p/a/t/h?query=string&a=1#hash', 'https://example.com', 'HTTP://x.org/a b<c>?q=1 2',
  '/just/a/path?x=1', '//host/path', 'mailto:someone@example.com', 'file:///etc/passwd', 'http://[::1]:3000/x',
  'javascript:alert(1)', 'relative/path#frag', '?only=query', 'http://a.com\\b\\c?d\\e', '  http://trim.me/  ',
  'http://x.com:/p', 'ws://sock.et/chat', 'git+ssh://git@github.com:org/repo.git'].forEach(function (s) {
  log('parse', s, url.parse(s));
});
log('parse query', url.parse('http://x.com/p?a=1&a=2&b', true).query);
log('parse no query', url.parse('http://x.com/p', true).query, url.parse('/p', true).search);
log('slashesDenoteHost', url.parse('//host/p', false, true).host, url.parse('//host/p').host);
tryLog('parse bad', function () { return url.parse(5); });
log('format', [url.format({ protocol: 'https', hostname: 'example.com', pathname: '/some/path', query: { page: 1, format: 'json' } }),
  url.format({ protocol: 'http:', host: 'a.com:81', pathname: 'x#y?z', search: 'q=1', hash: 'h' }),
  url.format({ protocol: 'file', pathname: '/tmp/x' }), url.format('http://A.com/b c'), url.format({ hostname: '::1', port: 8 }),
  url.format({ protocol: 'http', auth: 'u:p w', hostname: 'h.com' })]);
log('resolve', [url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'),
  url.resolve('http://example.com/one', '/two'), url.resolve('http://a/b/c/d;p?q', '../g'), url.resolve('http://a/b/c/d;p?q', './g/'),
  url.resolve('http://a/b/c/d;p?q', '?y'), url.resolve('http://a/b/c/d;p?q', '#s'), url.resolve('http://a/b/c/d;p?q', '//g/x'),
  url.resolve('http://a/b/c/d;p?q', 'https://other/'), url.resolve('http://a/b/c/', '../../../../g'), url.resolve('http://a/b', '')]);
log('fileURLToPath', [url.fileURLToPath('file:///tmp/a%20b/%E2%82%AC.txt'), url.fileURLToPath('file://localhost/etc/hosts')]);
tryLog('fileURLToPath Url', function () { return url.fileURLToPath(url.parse('file:///x')); });
tryLog('fileURLToPath http', function () { return url.fileURLToPath('http://x.com/'); });
tryLog('fileURLToPath host', function () { return url.fileURLToPath('file://host/x'); });
tryLog('fileURLToPath %2F', function () { return url.fileURLToPath('file:///a%2Fb'); });
tryLog('fileURLToPath num', function () { return url.fileURLToPath(5); });
var f = url.pathToFileURL('/tmp/a b#c?d%e/€');
log('pathToFileURL', f.href, f.protocol, f.pathname, String(f), url.pathToFileURL('/dir/').href,
  url.pathToFileURL('rel/x').href === 'file://' + encodeURI(process.cwd()) + '/rel/x', url.fileURLToPath(f));
