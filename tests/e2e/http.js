// Node's http and https clients against tests/e2e/fetch_server.py, run by
// tests/e2e/fetch.sh in a worker and under Node 20, whose outputs must be
// the same (the servers' addresses come from the environment, as for
// fetch.js).  With HTTP_AXIOS set, axios (Debian's node-axios, on the
// http adapter with follow-redirects) asks the same server too.
var http = require('http'), https = require('https'), zlib = require('zlib');
var env = process.env, H = env.FETCH_HTTP, S = env.FETCH_HTTPS, BAD = env.FETCH_BADHTTPS;
var steps = [];

function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function port(u) { return u.replace(/^.*:(\d+)$/, '$1'); }
function clean(s) { return String(s).split(port(H)).join('HTTP').split(port(S)).join('HTTPS').split(port(BAD)).join('BADHTTPS').split(env.FETCH_REFUSED).join('REFUSED'); }
function step(name, fn) { steps.push({ name: name, fn: fn }); }
function failure(e) {
  return [e.name, clean(e.message), e.code, e.errno, e.syscall, e.address, e.port === undefined ? undefined : clean(e.port)];
}
/* the response's head, then its body as text, with the events in order */
function collect(req, events, binary) {
  return new Promise(function (resolve, reject) {
    // here 'finish' comes with the response's head (docs/worker-api.md): only
    // whether it came before the response is compared
    var finished = false;
    req.on('finish', function () { finished = true; });
    ['socket', 'close'].forEach(function (n) { req.on(n, function () { events.push('req ' + n); }); });
    req.on('error', function (e) { events.push('req error'); reject(e); });
    req.on('response', function (res) {
      var parts = [];
      events.push(finished ? 'req finish' : 'not finished', 'response');
      if (!binary) res.setEncoding('utf8');
      res.on('data', function (d) { parts.push(d); });
      res.on('end', function () {
        events.push('res end');
        resolve({ status: res.statusCode, message: res.statusMessage, version: res.httpVersion, complete: res.complete,
          body: binary ? Buffer.concat(parts) : parts.join(''), res: res });
      });
      res.on('close', function () { events.push('res close'); });
    });
  });
}
function get(u, opts) { var ev = []; return collect(opts ? http.get(u, opts) : http.get(u), ev).then(function (r) { r.events = ev; return r; }); }
function headOf(r) { return [r.status, r.message, r.version, r.complete, r.res.headers['content-type'], r.res.headers['content-length']]; }
function echoed(r) { var j = JSON.parse(r.body); j.headers.host = clean(j.headers.host); return j; }
function settle() { return new Promise(function (resolve) { setTimeout(resolve, 20); }); }

step('get text', function () {
  return get(H + '/text').then(function (r) { return settle().then(function () { log(headOf(r), r.body); return r.events; }); });
});
step('get with options', function () {
  var u = new URL(H);
  return get({ hostname: u.hostname, port: u.port, path: '/json', headers: { 'X-Custom': 'yes' } }).then(function (r) { return [headOf(r), JSON.parse(r.body)]; });
});
step('url and options', function () {
  return get(H + '/nowhere', { path: '/echo?q=1', headers: { 'x-two': 'two' } }).then(echoed);
});
step('request post', function () {
  var req = http.request(H + '/echo', { method: 'POST', headers: { 'Content-Type': 'text/plain', 'X-Custom': 'c' } });
  var ev = [], p = collect(req, ev);
  req.end('a body');
  return p.then(function (r) { return [echoed(r), req.method, req.path, req.getHeader('content-type'), req.headersSent]; });
});
step('request headers API', function () {
  var req = http.request(H + '/echo', { method: 'PUT' });
  req.setHeader('X-Custom', ['a', 'b']);
  req.setHeader('Content-Type', 'application/json');
  req.setHeader('Content-Length', 7);
  req.setHeader('x-gone', '1');
  req.removeHeader('X-GONE');
  log(req.getHeaderNames(), clean(JSON.stringify(req.getHeaders())), req.hasHeader('x-custom'), req.hasHeader('x-gone'));
  var p = collect(req, []);
  req.write('{"k":');
  try { req.setHeader('x-late', '1'); } catch (e) { log(e.code, e.message); }
  req.end('1}', function () { log('end callback'); });
  return p.then(echoed);
});
step('head', function () {
  var req = http.request(H + '/text', { method: 'HEAD' });
  var p = collect(req, []);
  req.end();
  return p.then(function (r) { return [headOf(r), r.body]; });
});
step('response headers', function () {
  return get(H + '/headers').then(function (r) {
    var h = r.res.headers;
    return [h['x-one'], h['x-multi'], h['set-cookie'], h['x-latin'], 'date' in h, r.res.rawHeaders.filter(function (x, i, a) {
      return /^(x-|set-cookie)/i.test(i % 2 ? a[i - 1] : x);
    }), r.res.headersDistinct['x-multi'], r.res.rawTrailers, r.res.trailers];
  });
});
step('status line', function () {
  return get(H + '/status?code=418&reason=Short%20and%20stout').then(headOf);
});
step('no redirect following', function () {
  return get(H + '/redirect?to=/text').then(function (r) { return [r.status, r.res.headers.location, r.body]; });
});
step('gzip is not decoded', function () {
  var ev = [];
  return collect(http.get(H + '/gzip'), ev, true).then(function (r) {
    return [r.res.headers['content-encoding'], r.body.length, zlib.gunzipSync(r.body).toString().slice(0, 18)];
  });
});
step('streamed body', function () {
  // the server's gates outlive a run: an id of this run's own
  var seen = [], id = 'http' + Date.now() + Math.random();
  return new Promise(function (resolve, reject) {
    http.get(H + '/stream?id=' + id, function (res) {
      res.setEncoding('utf8');
      res.on('data', function (d) {
        seen.push(d);
        if (seen.length === 1) http.get(H + '/release?id=' + id, function (r2) { r2.resume(); });
      });
      res.on('end', function () { resolve(seen.join('').split('\n').length); });
    }).on('error', reject);
  }).then(function (n) { return [seen[0], n]; });
});
step('pause and resume', function () {
  return new Promise(function (resolve, reject) {
    http.get(H + '/big?n=300000', function (res) {
      var n = 0, paused = false;
      res.on('data', function (d) {
        n += d.length;
        if (!paused) {
          paused = true;
          res.pause();
          setTimeout(function () { res.resume(); }, 30);
        }
      });
      res.on('end', function () { resolve([n, res.isPaused(), res.readableEnded]); });
    }).on('error', reject);
  });
});
step('body cut short', function () {
  var ev = [];
  return new Promise(function (resolve) {
    var req = http.get(H + '/cut', function (res) {
      res.on('data', function (d) { ev.push('data ' + d); });
      res.on('aborted', function () { ev.push('aborted'); });
      res.on('error', function (e) { ev.push(['res error', e.message, e.code]); });
      res.on('end', function () { ev.push('end'); });
      res.on('close', function () { ev.push('res close'); setTimeout(function () { resolve([ev, res.complete, res.aborted]); }, 20); });
    });
    req.on('close', function () { ev.push('req close'); });
  });
});
step('refused', function () {
  var ev = [];
  return collect(http.get('http://127.0.0.1:' + env.FETCH_REFUSED + '/'), ev).then(null, function (e) {
    return settle().then(function () { return [failure(e), ev]; });
  });
});
step('timeout', function () {
  var ev = [];
  var req = http.get(H + '/slow?s=3');
  req.setTimeout(100, function () { ev.push('timeout'); req.destroy(); });
  return collect(req, ev).then(null, function (e) { return settle().then(function () { return [failure(e), ev, req.destroyed]; }); });
});
step('destroy with an error', function () {
  var ev = [];
  var req = http.get(H + '/slow?s=3');
  setTimeout(function () { req.destroy(new Error('given up')); }, 20);
  return collect(req, ev).then(null, function (e) { return settle().then(function () { return [e.message, ev]; }); });
});
step('https', function () {
  return new Promise(function (resolve, reject) {
    https.get(S + '/text', function (res) {
      var s = '';
      res.on('data', function (d) { s += d; });
      res.on('end', function () { resolve([res.statusCode, s]); });
    }).on('error', reject);
  });
});
step('https untrusted', function () {
  return new Promise(function (resolve) {
    https.get(BAD + '/text', function () { resolve('no error'); }).on('error', function (e) { resolve([e.code, e.message]); });
  });
});
step('tables', function () {
  return [http.STATUS_CODES[418], http.STATUS_CODES[200], http.METHODS.length, http.METHODS.indexOf('PATCH') >= 0,
    http.maxHeaderSize, typeof http.createServer, typeof http.Server];
});
step('agents', function () {
  var a = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return [http.globalAgent instanceof http.Agent, http.globalAgent.defaultPort, https.globalAgent.defaultPort,
    https.globalAgent.protocol, a.keepAlive, a.maxSockets, a.maxFreeSockets, a.getName({ host: 'h', port: 8 }),
    https.globalAgent instanceof http.Agent, http.get(H + '/text').on('error', function () {}).agent === http.globalAgent];
});
step('argument errors', function () {
  var out = [];
  [function () { http.request({ method: 'BAD METHOD' }); }, function () { http.request(H, { headers: { 'bad name': 'x' } }); },
   function () { http.request('ftp://x/'); }, function () { http.validateHeaderName('a b'); },
   function () { http.validateHeaderValue('x', 'a\nb'); }, function () {
     var r = http.request(H).on('error', function () {});
     try { r.setHeader('x'); } finally { r.destroy(); }
   }].forEach(function (f) {
    try { f(); out.push('no error'); } catch (e) { out.push([e.name, e.code, e.message]); }
  });
  return out;
});
if (env.HTTP_AXIOS) {
  step('axios', function () {
    var axios = require('axios');
    return axios.get(H + '/json').then(function (r) {
      return axios.post(H + '/redirect?to=/echo&code=307', 'x=1').then(function (r2) {
        return [r.status, r.data, r.headers['content-type'], r2.data.method, r2.data.path, r2.data.body];
      });
    }).then(null, function (e) { return ['axios failed', e.message, e.code]; });
  });
}

steps.reduce(function (p, s) {
  return p.then(function () {
    return Promise.resolve().then(s.fn).then(function (v) { log(s.name, v); }, function (e) { log(s.name, 'threw', failure(e)); });
  });
}, Promise.resolve()).then(function () { log('done'); });
