// Headers (WHATWG Fetch): case-insensitive names, values combined with
// ", ", set-cookie kept apart, sorted iteration, validation errors.
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function err(f) { try { f(); log('no error'); } catch (e) { log(e.name, e.message, e instanceof TypeError); } }
function all(h) { var out = []; h.forEach(function (v, k, self) { out.push([k, v, self === h]); }); return out; }

var h = new Headers({ 'Content-Type': 'text/plain', 'X-B': ' padded \t', 'x-a': '1' });
h.append('X-A', '2');
h.append('Set-Cookie', 'a=1');
h.append('set-cookie', 'b=2');
log('get', h.get('x-a'), h.get('X-B'), h.get('missing'), h.get('SET-COOKIE'));
log('has', h.has('CONTENT-TYPE'), h.has('nope'));
log('getSetCookie', h.getSetCookie(), new Headers().getSetCookie());
log('forEach', all(h));
log('entries', Array.from(h.entries()));
log('keys', Array.from(h.keys()), 'values', Array.from(h.values()));
log('spread', Array.from(h));
h.set('x-a', 'only');
h.delete('Set-Cookie');
h.delete('never');
log('after set/delete', Array.from(h));
log('tag', Object.prototype.toString.call(h), Object.prototype.toString.call(h.entries()), String(h));
var it = h.keys();
log('iterator', typeof it.next, it[Symbol.iterator]() === it, JSON.stringify(it.next()));
h.append('zz', 'late');
log('live iterator', JSON.stringify(it.next()), JSON.stringify(it.next()), JSON.stringify(it.next()));
log('copy', Array.from(new Headers(h)), Array.from(new Headers([['a', '1'], ['A', '2']])));
log('map init', Array.from(new Headers(new Map([['m', 'v']]))));
log('undefined init', Array.from(new Headers(undefined)), Array.from(new Headers()));
log('values coerced', Array.from(new Headers({ n: 1, b: true, u: undefined, o: null })));
log('empty value', new Headers({ e: '' }).get('e'), new Headers({ e: '  ' }).get('e'));
log('tab inside', new Headers({ t: 'a\tb' }).get('t'));
log('instance', h instanceof Headers, typeof Headers, Headers.length, Headers.name);

err(function () { new Headers([['a b', '1']]); });
err(function () { new Headers([['a', 'x\ny']]); });
try { new Headers([['a', 'x\0y']]); } catch (e) { log('nul', e.name); }
err(function () { new Headers([['', '1']]); });
err(function () { new Headers([['a']]); });
err(function () { new Headers([['a', 'b', 'c']]); });
err(function () { new Headers(5); });
err(function () { new Headers('abc'); });
err(function () { new Headers([5]); });
err(function () { h.get(); });
err(function () { h.append('a'); });
err(function () { h.set(); });
err(function () { h.has('a:b'); });
err(function () { h.delete('(x)'); });
err(function () { h.set('é', 'v'); });
err(function () { h.set('a', '\u0100'); });
err(function () { h.forEach(); });
err(function () { Headers.prototype.get.call({}, 'a'); });
log('latin1 value', new Headers({ l: '\u00e9' }).get('l'));
var many = new Headers();
['d', 'B', 'a', 'set-cookie', 'c', 'Set-Cookie'].forEach(function (n, i) { many.append(n, 'v' + i); });
log('sorted', Array.from(many));
var r = Response.error();
err(function () { r.headers.set('a', 'b'); });
err(function () { r.headers.append('a', 'b'); });
err(function () { r.headers.delete('a'); });
