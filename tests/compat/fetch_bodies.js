// Response and Request (WHATWG Fetch) without the network: construction,
// defaults and errors, the body readers, bodyUsed, clone and the statics.
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function err(f) { try { f(); log('no error'); } catch (e) { log(e.name, e.message, e instanceof TypeError); } }
function pairs(h) { return Array.from(h); }
function bytesOf(ab) { return Array.from(new Uint8Array(ab)); }
var steps = [];
function later(name, f) { steps.push(function () { return Promise.resolve().then(f).then(function (v) { if (v !== undefined) log(name, v); }, function (e) { log(name, 'rejected', e.name, e.message); }); }); }

var r = new Response('hi', { status: 201, statusText: 'Made', headers: { 'X-A': 'b' } });
log('fields', r.status, r.statusText, r.ok, r.type, r.url, r.redirected, r.bodyUsed, pairs(r.headers));
var d = new Response();
log('defaults', d.status, d.statusText, d.ok, d.type, d.body, pairs(d.headers), d.bodyUsed);
log('not ok', new Response(null, { status: 404 }).ok, new Response(null, { status: 299 }).ok, new Response(null, { status: 300 }).ok);
log('tags', Object.prototype.toString.call(r), Object.prototype.toString.call(new Request('http://x.test/')));
log('content types', new Response('s').headers.get('content-type'), new Response(new Uint8Array([1])).headers.get('content-type'),
  new Response(new ArrayBuffer(2)).headers.get('content-type'), new Response(new Blob(['x'], { type: 'Text/X' })).headers.get('content-type'),
  new Response(new Blob(['x'])).headers.get('content-type'), new Response('s', { headers: { 'content-type': 'a/b' } }).headers.get('content-type'));
err(function () { new Response(null, { status: 199 }); });
err(function () { new Response(null, { status: 600 }); });
err(function () { new Response('x', { status: 204 }); });
err(function () { new Response('x', { status: 304 }); });
err(function () { new Response(null, { statusText: 'bad\n' }); });
log('null body 204', new Response(null, { status: 204 }).status);

var j = Response.json({ a: [1, 'x'] }, { status: 202, headers: { 'x-j': '1' } });
log('json static', j.status, pairs(j.headers));
later('json static body', function () { return j.text(); });
err(function () { Response.json(function () {}); });
var e = Response.error();
log('error', e.type, e.status, e.ok, e.statusText, pairs(e.headers), e.body);
var rd = Response.redirect('http://x.test/a', 301);
log('redirect', rd.status, rd.headers.get('location'), rd.type, Response.redirect('http://x.test/b').status);
err(function () { Response.redirect('http://x.test/', 200); });
[301, 302, 303, 307, 308].forEach(function (s) { log('redirect status', Response.redirect('http://x.test/', s).status); });

later('text', function () { return new Response('héllo').text(); });
later('json', function () { return new Response('{"x":[1,2]}').json().then(JSON.stringify); });
later('arrayBuffer', function () { return new Response('abc').arrayBuffer().then(bytesOf).then(JSON.stringify); });
later('bytes', function () { return new Response(new Uint8Array([1, 2, 255])).bytes().then(function (b) { return b.constructor.name + ' ' + Array.from(b); }); });
later('blob', function () { return new Response('abc', { headers: { 'content-type': 'Text/Plain' } }).blob().then(function (b) { return b.size + ' ' + b.type + ' ' + (b instanceof Blob); }); });
later('blob body', function () { return new Response(new Blob(['x', 'yz'])).text(); });
later('buffer body', function () { return new Response(new Uint8Array([104, 105]).buffer).text(); });
later('view body', function () { return new Response(new Uint8Array([0, 104, 105, 0]).subarray(1, 3)).text(); });
later('empty text', function () { return new Response().text().then(JSON.stringify); });
later('bad json', function () { return new Response('nope').json().then(null, function (x) { return x.name; }); });
later('used twice', function () {
  var u = new Response('once');
  return u.text().then(function (t) { log('first', t, u.bodyUsed); return u.text(); });
});
later('clone', function () {
  var a = new Response('cl', { status: 203, headers: { k: 'v' } }), b = a.clone();
  return Promise.all([a.text(), b.text()]).then(function (t) { return t.join('+') + ' ' + b.status + ' ' + b.headers.get('k') + ' ' + (a.headers !== b.headers); });
});
later('clone used', function () {
  var a = new Response('x');
  return a.text().then(function () { try { a.clone(); return 'cloned'; } catch (x) { return x.name + ': ' + x.message; } });
});
later('bodyUsed null', function () {
  var n = new Response(null);
  return n.text().then(function (t) { return JSON.stringify(t) + ' ' + n.bodyUsed; });
});

var q = new Request('http://x.test/p?q#frag', { method: 'post', body: 'abc', headers: { a: 'b' } });
log('request', q.method, q.url, pairs(q.headers), q.redirect, q.signal instanceof AbortSignal, q.signal.aborted, q.mode, q.credentials, q.cache, q.bodyUsed);
log('request defaults', new Request('HTTP://X.TEST').url, new Request('http://x.test/').method, new Request('http://x.test/').body);
['get', 'head', 'post', 'put', 'delete', 'options', 'patch', 'Patch', 'PROPFIND'].forEach(function (m) { log('method', m, new Request('http://x.test/', { method: m }).method); });
err(function () { new Request('http://x.test/', { method: 'CONNECT' }); });
err(function () { new Request('http://x.test/', { method: 'trace' }); });
err(function () { new Request('http://x.test/', { method: 'bad method' }); });
err(function () { new Request('http://x.test/', { body: 'a' }); });
err(function () { new Request('http://x.test/', { method: 'HEAD', body: 'a' }); });
err(function () { new Request('/relative'); });
err(function () { new Request('http://x.test/', { redirect: 'sometimes' }); });
err(function () { new Request('http://u:p@x.test/'); });
err(function () { new Request('http://x.test/', { signal: {} }); });
log('redirect modes', ['follow', 'manual', 'error'].map(function (m) { return new Request('http://x.test/', { redirect: m }).redirect; }));
var ac = new AbortController(), qs = new Request('http://x.test/', { signal: ac.signal });
ac.abort();
log('signal follows', qs.signal.aborted, qs.signal !== ac.signal, qs.signal.reason && qs.signal.reason.name);
var q2 = new Request(q, { headers: { c: 'd' } });
log('from request', q2.method, q2.url, pairs(q2.headers));
later('request text', function () { return q.clone().text(); });
later('request json', function () { return new Request('http://x.test/', { method: 'PUT', body: '[1]' }).json().then(JSON.stringify); });
later('request used', function () { return q.text().then(function (t) { log('q', t, q.bodyUsed); return new Request(q); }).then(function () { return 'made'; }); });
later('request content types', function () {
  return [new Request('http://x.test/', { method: 'POST', body: new Uint8Array(1) }).headers.get('content-type'),
    new Request('http://x.test/', { method: 'POST', body: 'x' }).headers.get('content-type')].join(' ');
});

steps.reduce(function (p, s) { return p.then(s); }, Promise.resolve());
