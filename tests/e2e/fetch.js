// fetch against tests/e2e/fetch_server.py, run by tests/e2e/fetch.sh in a
// worker and under Node 20, whose outputs must be the same.  The servers'
// base URLs come from the environment: FETCH_HTTP, FETCH_HTTPS (a
// certificate the client trusts), FETCH_BADHTTPS (one it does not),
// FETCH_REFUSED (a port nothing listens on).
var env = process.env, H = env.FETCH_HTTP, S = env.FETCH_HTTPS, BAD = env.FETCH_BADHTTPS;
var steps = [];

function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function port(u) { return u.replace(/^.*:(\d+)$/, '$1'); }
/* ports differ between runs: they are named, not printed */
function clean(s) { return String(s).split(port(H)).join('HTTP').split(port(S)).join('HTTPS').split(env.FETCH_REFUSED).join('REFUSED'); }
function step(name, fn) { steps.push({ name: name, fn: fn }); }
function failure(e) {
  var c = e.cause || {};
  return [e.name, e.message, clean(c.message), c.code, c.errno, c.syscall, c.address, c.port === undefined ? undefined : clean(c.port), c.hostname];
}
function pick(r) { return [r.status, r.statusText, r.ok, r.type, clean(r.url), r.redirected, r.bodyUsed]; }
function echo(r) { return r.json().then(function (j) { j.headers.host = clean(j.headers.host); return j; }); }

step('get text', function () {
  return fetch(H + '/text').then(function (r) { log(pick(r), r.headers.get('content-type'), r.headers.get('content-length')); return r.text(); });
});
step('get json', function () { return fetch(H + '/json').then(function (r) { return r.json(); }); });
step('head', function () {
  return fetch(H + '/text', { method: 'HEAD' }).then(function (r) { log(pick(r), r.headers.get('content-length')); return r.text(); });
});
step('404', function () {
  return fetch(H + '/nowhere').then(function (r) { log(pick(r)); return r.text(); });
});
step('status line', function () {
  return fetch(H + '/status?code=418&reason=Short%20and%20stout').then(function (r) { return pick(r); });
});
step('response headers', function () {
  return fetch(H + '/headers').then(function (r) {
    return [r.headers.get('x-one'), r.headers.get('X-Multi'), r.headers.getSetCookie(), r.headers.get('set-cookie'),
      r.headers.get('x-latin'), r.headers.has('date'), r.headers.get('server') !== null];
  });
});
step('response headers immutable', function () {
  return fetch(H + '/text').then(function (r) { try { r.headers.set('a', 'b'); return 'set'; } catch (e) { return e.name + ': ' + e.message; } });
});
step('request headers', function () {
  return fetch(H + '/echo', { headers: { 'X-Custom': 'yes', 'x-two': 'caf\u00e9' } }).then(echo);
});
step('post string', function () { return fetch(H + '/echo', { method: 'POST', body: 'a body' }).then(echo); });
step('post empty', function () { return fetch(H + '/echo', { method: 'POST' }).then(echo); });
step('put bytes', function () { return fetch(H + '/echo', { method: 'PUT', body: new Uint8Array([104, 105]) }).then(echo); });
step('patch arraybuffer', function () { return fetch(H + '/echo', { method: 'PATCH', body: new Uint8Array([1, 2, 3]).buffer }).then(echo); });
step('post blob', function () {
  return fetch(H + '/echo', { method: 'POST', body: new Blob(['blob', ' parts'], { type: 'text/x-blob' }) }).then(echo);
});
step('post URLSearchParams', function () {
  return fetch(H + '/echo', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) }).then(echo);
});
step('post json with type', function () {
  return fetch(H + '/echo', { method: 'POST', body: JSON.stringify({ k: 1 }), headers: { 'content-type': 'application/json' } }).then(echo);
});
step('delete', function () { return fetch(H + '/echo', { method: 'DELETE' }).then(echo); });
step('a Request', function () {
  var q = new Request(H + '/echo', { method: 'POST', body: 'from a Request', headers: { 'x-custom': 'q' } });
  return fetch(q).then(function (r) { log('input used', q.bodyUsed); return echo(r); });
});
step('redirect follow', function () {
  return fetch(H + '/redirect?n=3').then(function (r) { log(pick(r)); return echo(r); });
});
step('redirect 303 after POST', function () {
  return fetch(H + '/redirect?code=303', { method: 'POST', body: 'gone' }).then(function (r) { log(pick(r)); return echo(r); });
});
step('redirect 307 keeps POST', function () {
  return fetch(H + '/redirect?code=307', { method: 'POST', body: 'kept' }).then(echo);
});
step('redirect 301 after POST', function () {
  return fetch(H + '/redirect?code=301', { method: 'POST', body: 'dropped' }).then(echo);
});
step('redirect relative', function () {
  return fetch(H + '/redirect?to=text').then(function (r) { log(pick(r)); return r.text(); });
});
step('redirect manual', function () {
  return fetch(H + '/redirect', { redirect: 'manual' }).then(function (r) { log(pick(r), r.headers.get('location')); return r.text(); });
});
step('redirect error', function () { return fetch(H + '/redirect', { redirect: 'error' }).then(null, failure); });
step('redirect count exceeded', function () { return fetch(H + '/redirect?n=21').then(null, failure); });
step('redirect 20 is fine', function () { return fetch(H + '/redirect?n=20').then(function (r) { return pick(r); }); });
step('gzip', function () {
  return fetch(H + '/gzip').then(function (r) { log(r.headers.get('content-encoding')); return r.text(); }).then(function (t) { return [t.length, t.slice(0, 18)]; });
});
step('deflate', function () {
  return fetch(H + '/deflate').then(function (r) { return r.text(); }).then(function (t) { return [t.length, t.slice(0, 18)]; });
});
step('10 MB body', function () {
  return fetch(H + '/big?n=10485760').then(function (r) { return r.arrayBuffer(); }).then(function (b) {
    var u = new Uint8Array(b);
    return [b.byteLength, u[0], u[b.byteLength - 1]];
  });
});
step('body read twice', function () {
  return fetch(H + '/text').then(function (r) { return r.text().then(function () { return r.text(); }); }).then(null, function (e) { return [e.name, e.message]; });
});
step('clone', function () {
  return fetch(H + '/json').then(function (r) { var c = r.clone(); return Promise.all([r.json(), c.text()]); });
});
step('keep-alive', function () {
  var before;
  return fetch(H + '/conns').then(function (r) { return r.text(); }).then(function (t) {
    before = +t;
    return fetch(H + '/text').then(function (r) { return r.text(); });
  }).then(function () { return fetch(H + '/text'); }).then(function (r) { return r.text(); })
    .then(function () { return fetch(H + '/conns'); }).then(function (r) { return r.text(); })
    .then(function (t) { return ['new connections', +t - before]; });
});
step('connection close', function () {
  return fetch(H + '/close').then(function (r) { return r.text(); }).then(function (t) { return fetch(H + '/text').then(function (r) { return [t, r.status]; }); });
});
/* by name: a pool of its own, so that no other step meets the connection */
step('kept-alive connection closed as it is reused', function () {
  var L = H.replace('127.0.0.1', 'localhost');
  return fetch(L + '/drop').then(function (r) { return r.text(); }).then(function (t) {
    return fetch(L + '/text').then(function (r) { return r.text(); }).then(function (u) { return [t, u]; });
  });
});
step('parallel', function () {
  return Promise.all([1, 2, 3, 4, 5].map(function (i) { return fetch(H + '/echo?i=' + i).then(echo).then(function (j) { return j.path; }); }));
});
step('abort before', function () {
  return fetch(H + '/text', { signal: AbortSignal.abort() }).then(null, function (e) { return [e.name, e.message, e.code, e instanceof DOMException]; });
});
step('abort with a reason', function () {
  return fetch(H + '/text', { signal: AbortSignal.abort('my reason') }).then(null, function (e) { return e; });
});
step('abort during', function () {
  var ac = new AbortController(), p = fetch(H + '/slow?s=2', { signal: ac.signal });
  setTimeout(function () { ac.abort(); }, 50);
  return p.then(null, function (e) { return [e.name, e.message, e.code]; });
});
step('abort after the response', function () {
  var ac = new AbortController();
  return fetch(H + '/text', { signal: ac.signal }).then(function (r) {
    ac.abort();
    return r.text().then(function () { return 'read'; }, function (e) { return [e.name, e.message, e.code, r.bodyUsed]; });
  });
});
step('timeout', function () {
  return fetch(H + '/slow?s=2', { signal: AbortSignal.timeout(100) }).then(null, function (e) { return [e.name, e.message, e.code]; });
});
/* The rest of a reader's chunks, decoded and joined. */
function readRest(reader, dec, got) {
  return reader.read().then(function (c) {
    if (c.done)
      return got;
    got.push(dec.decode(c.value, { stream: true }));
    return readRest(reader, dec, got);
  });
}
/* The first piece of a streamed body, read before the server sends the
 * rest: a fetch that waited for the whole body would never get here. */
var run = String(Date.now()) + String(Math.random()).slice(2);
function streamed(query) {
  query = 'id=' + run + query;
  return fetch(H + '/stream?' + query).then(function (r) {
    var reader = r.body.getReader(), dec = new TextDecoder(), first;

    return reader.read().then(function (c) {
      first = dec.decode(c.value, { stream: true });
      return fetch(H + '/release?' + query.split('&')[0]);
    }).then(function (rel) { return rel.text(); }).then(function () {
      return readRest(reader, dec, []);
    }).then(function (rest) { return [r.status, first, rest.join('')]; });
  });
}
step('streamed body', function () { return streamed('plain'); });
step('streamed gzip body', function () { return streamed('gz&gzip=1'); });
step('streamed body cancelled', function () {
  return fetch(H + '/stream?id=' + run + 'cancel').then(function (r) {
    var reader = r.body.getReader();

    return reader.read().then(function (c) {
      return reader.cancel('enough').then(function () { return [c.value.length, r.bodyUsed]; });
    });
  }).then(function (v) {
    return fetch(H + '/release?id=' + run + 'cancel').then(function () { return v; });
  });
});
step('body cut short', function () {
  return fetch(H + '/cut').then(function (r) {
    return r.text().then(function () { return 'read'; }, function (e) {
      return [e.name, e.message, e.cause.code, e.cause.message];
    });
  });
});
step('10 MB body read piece by piece', function () {
  return fetch(H + '/big?n=10000000').then(function (r) {
    var reader = r.body.getReader(), n = 0;

    function next() {
      return reader.read().then(function (c) {
        if (c.done)
          return n;
        n += c.value.length;
        /* a slow reader: the connection pauses meanwhile */
        return new Promise(function (res) { setTimeout(res, 0); }).then(next);
      });
    }
    return next();
  });
});
step('refused', function () { return fetch('http://127.0.0.1:' + env.FETCH_REFUSED + '/').then(null, failure); });
step('refused over TLS', function () { return fetch('https://127.0.0.1:' + env.FETCH_REFUSED + '/').then(null, failure); });
/* the Fetch standard's bad ports: never connected to, also when redirected to */
step('bad port', function () { return fetch('http://127.0.0.1:25/').then(null, failure); });
step('bad port after a redirect', function () {
  return fetch(H + '/redirect?to=' + encodeURIComponent('http://127.0.0.1:6667/')).then(null, failure);
});
step('not found', function () { return fetch('http://no-such-host.invalid/').then(null, failure); });
step('unknown scheme', function () { return fetch('ftp://127.0.0.1/x').then(null, failure); });
step('bad url', function () { return fetch('/relative').then(null, function (e) { return [e.name, e.message]; }); });
step('get method body', function () { return fetch(H + '/echo', { body: 'x' }).then(null, function (e) { return [e.name, e.message]; }); });
step('https', function () {
  return fetch(S + '/text').then(function (r) { log(pick(r)); return r.text(); });
});
step('https post', function () { return fetch(S + '/echo', { method: 'POST', body: 'over tls' }).then(echo); });
step('https by name', function () {
  return fetch(S.replace('127.0.0.1', 'localhost') + '/json').then(function (r) { return r.json(); });
});
step('https untrusted', function () { return fetch(BAD + '/text').then(null, failure); });

steps.reduce(function (p, s) {
  return p.then(function () { return s.fn(); }).then(function (v) { log(s.name, v); }, function (e) { log(s.name, 'FAILED', failure(e)); });
}, Promise.resolve()).then(function () { log('done'); });
