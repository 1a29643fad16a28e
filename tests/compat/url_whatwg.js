// url_whatwg: the WHATWG URL and URLSearchParams globals, require('url').URL, their errors.
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function tryLog(name, f) { try { log(name, f()); } catch (e) { log(name, e.name, e.code, e.message, e.input, e.base); } }
var PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
function parts(u) { return PARTS.map(function (k) { return u[k]; }); }
[['https://user:pa ss@EXAMPLE.com:443/a/../b/./c?x=1 2&y=ü#frag ment'], ['../x/%2e%2E/y?q#h', 'http://a/b/c/d'],
  ['//other.org:81/p', 'https://base.org/'], ['?only', 'http://h/p/q?old#f'], ['#new', 'http://h/p?q#old'],
  ['http://[0:0:0:0:0:ffff:192.168.0.1]:8080/'], ['http://0x7F.0.1/'], ['http://3232235777/'], ['HTTP://MÜNCHEN.de/straße'],
  ['http://xn--nxasmq6b.com/'], ['file:///C|/dir/../x.txt'], ['file://localhost/etc/hosts'], ['C:\\Windows\\x', 'file:///D:/y'],
  ['mailto:Someone@Example.com?subject=hi there'], ['javascript:alert(1) '], ['data:text/plain,a b#c'],
  ['blob:https://example.org:443/uuid'], ['blob:ftp://x/y'], ['non-special://h:9/p/../q'], ['sc:\\../x'],
  ['ws://a:80/'], ['wss://a:443/'], ['http://a/\t\nb\rc'], ['  http://trim.me/ \u0001'], ['http://h/%zz%41?%zz#%41'],
  ['http://h/\uD800x?\uDC00#\uD83D\uDE00']
].forEach(function (c) { log(c[0], c[1] === undefined ? '' : c[1], parts(c[1] === undefined ? new URL(c[0]) : new URL(c[0], c[1]))); });
['http://', 'http://a b/', 'http://[::1/', 'http://1.2.3.256/', 'http://a:99999/', 'relative', 'http://%zz/', 'http://xn--/',
  'https://\u00AD/', 'file://a\u007Fb/'].forEach(function (s) { tryLog('bad ' + s, function () { return new URL(s).href; }); });
tryLog('bad base', function () { return new URL('x', 'not a base'); });
tryLog('no args', function () { return new URL(); });
tryLog('call', function () { return URL('http://a/'); });
log('canParse', URL.canParse('http://a/'), URL.canParse('x'), URL.canParse('x', 'http://a/'), URL.canParse('x', 'nope'));
log('parse', URL.parse('x', 'http://a/b').href, URL.parse('nope'), new URL('../y?q', new URL('http://u:p@a/b/c#f')).href);
var u = new URL('http://user@h.org:8080/p/q?a=1#f');
[['protocol', 'https'], ['protocol', 'mailto'], ['username', 'me@x y'], ['password', 'p:w'], ['host', 'ex.com:81'],
  ['hostname', 'new.org:99'], ['port', '443'], ['port', '99999'], ['port', '12ab'], ['port', ''], ['pathname', 'a b/../c'],
  ['search', '?x=1 2'], ['search', ''], ['hash', 'h h'], ['hash', ''], ['href', 'ftp://f.org/'], ['hostname', 'a:b']
].forEach(function (s) { u[s[0]] = s[1]; log('set', s[0], s[1], u.href); });
tryLog('set bad href', function () { u.href = 'nope'; });
var o = new URL('sc:opaque  ?q#f'); o.hash = ''; o.search = ''; log('opaque strip', o.href, o.pathname);
var w = new URL('https://h/?a=1&b=2&a=3'), sp = w.searchParams;
log('searchParams same', w.searchParams === sp, sp.get('a'), sp.getAll('a'), sp.has('b'), sp.has('a', '3'), sp.has('a', '9'), sp.size);
sp.append('c d', 'e&f'); log('append', w.href, w.search);
sp.delete('a', '1'); log('delete value', w.href);
sp.set('a', 'x'); sp.sort(); log('set sort', w.href);
w.search = '?z=1&z=2'; log('follows search', sp.getAll('z'), sp.toString());
sp.delete('z'); log('empty', w.href, JSON.stringify(w.search));
w.href = 'https://h/?k=v'; log('follows href', sp.get('k'));
var p = new URLSearchParams('?a=1&b=%zz&c=%F0%9F%98%80&d=x+y&&e&=f');
log('parsed', Array.from(p), p.toString());
log('from record', new URLSearchParams({ a: 1, 'b c': 'd=e' }).toString(), new URLSearchParams([['x', 'y'], ['x', 'z']]).toString());
log('from params', new URLSearchParams(new URLSearchParams('q=1')).toString(), new URLSearchParams(undefined).toString());
log('encode', new URLSearchParams({ s: ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~é\u00A0€😀' }).toString());
var keys = p.keys(); log('iter', Object.prototype.toString.call(keys), keys.next(), Array.from(p.values()), Array.from(p.entries()).length);
var seen = []; p.forEach(function (v, k, self) { seen.push(k + '=' + v + (self === p)); }); log('forEach', seen);
var live = new URLSearchParams('a=1&b=2'), it = live.keys(); it.next(); live.append('c', '3'); log('live iter', it.next(), it.next(), it.next());
var st = new URLSearchParams('z=1&a=2&z=0&é=1&e=2&A=3'); st.sort(); log('stable sort', st.toString());
tryLog('bad tuple', function () { return new URLSearchParams([['a']]); });
tryLog('bad pairs', function () { return new URLSearchParams([1]); });
tryLog('get()', function () { return new URLSearchParams().get(); });
tryLog('append(a)', function () { return new URLSearchParams().append('a'); });
log('toJSON', JSON.stringify({ u: new URL('http://a/b c') }), String(new URL('http://a')), Object.keys(new URL('http://a')));
log('tags', Object.prototype.toString.call(new URL('http://a')), Object.prototype.toString.call(new URLSearchParams()));
log('globals', typeof URL, typeof URLSearchParams, Object.keys(globalThis).indexOf('URL'), require('url').URL === URL,
  require('node:url').URLSearchParams === URLSearchParams, require('url').pathToFileURL('/tmp/a b') instanceof URL);
log('domainToASCII', require('url').domainToASCII('español.com'), require('url').domainToASCII('xn--iñvalid.com'));
log('fileURLToPath', require('url').fileURLToPath(new URL('file:///tmp/a%20b')), require('url').format(new URL('http://a/b')));

// A URL base is read as a string: a toString of its own is called.
{
	const u = new URL('about:blank');
	u.toString = () => { throw new Error('base read'); };
	for (const f of [() => new URL(u), () => new URL('about:blank', u)]) {
		try {
			f();
			console.log('no throw');
		} catch (e) {
			console.log(e.message);
		}
	}
	console.log(new URL('x', new URL('http://a/b/c')).href);
}
