function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
function hex(b) { return Array.prototype.map.call(new Uint8Array(b), function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join(''); }
function err(f) { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message + ' ' + e.code + ' ' + (e instanceof DOMException); } }
show('btoa', [btoa(''), btoa('a'), btoa('ab'), btoa('abc'), btoa('\xff\xfe\x00'), btoa(123), btoa(null)]);
show('atob', [atob(''), atob('YQ'), atob(' Y W\nJ j\t'), atob('YWJj'), atob('//79'), atob('YR==')]);
show('atobErr', [err(function () { atob('Y'); }), err(function () { atob('YQ=a'); }), err(function () { atob('Y==='); }), err(function () { atob('Y$=='); }), err(function () { atob('$'); }), err(function () { atob('YQ='); }), err(function () { btoa('\u0100'); }), err(function () { atob(); })]);
var big = ''; for (var i = 0; i < 20000; i++) big += String.fromCharCode(i % 256);
show('roundTrip', [atob(btoa(big)) === big, btoa(big).length]);
var u = new Uint8Array(16);
show('grv', [crypto.getRandomValues(u) === u, u.some(function (x) { return x !== 0; }), crypto.getRandomValues(new Uint8Array(0)).length]);
show('grvErr', [err(function () { crypto.getRandomValues(new Uint8Array(65537)); }), err(function () { crypto.getRandomValues(new Float32Array(4)); }), err(function () { crypto.getRandomValues(new Uint32Array(16384)); }), err(function () { crypto.getRandomValues(); }), err(function () { crypto.getRandomValues([1]); }), err(function () { crypto.getRandomValues(new DataView(new ArrayBuffer(2))); })]);
var id = crypto.randomUUID();
show('uuid', [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id === crypto.randomUUID()]);
var te = new TextEncoder();
Promise.all(['SHA-1', 'sha-256', { name: 'SHA-384' }, 'SHA-512'].map(function (a) { return crypto.subtle.digest(a, te.encode('abc')); })).then(function (r) {
  show('digest', r.map(hex));
  return crypto.subtle.digest('SHA-256', new ArrayBuffer(0));
}).then(function (r) {
  show('empty', [hex(r), r instanceof ArrayBuffer]);
  return crypto.subtle.digest('SHA-1', new DataView(te.encode('xabcx').buffer, 1, 3));
}).then(function (r) {
  show('view', hex(r));
  return crypto.subtle.digest('MD5', te.encode('x')).catch(function (e) { show('md5', [e.name, e.message]); });
}).then(function () {
  return crypto.subtle.importKey('raw', te.encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}).then(function (k) {
  show('key', [String(k), k.type, k.extractable, k.algorithm, k.usages, k instanceof CryptoKey]);
  return crypto.subtle.sign('HMAC', k, te.encode('The quick brown fox jumps over the lazy dog')).then(function (sig) {
    show('sign', hex(sig));
    return Promise.all([crypto.subtle.verify('HMAC', k, sig, te.encode('The quick brown fox jumps over the lazy dog')), crypto.subtle.verify({ name: 'HMAC' }, k, sig, te.encode('x')), crypto.subtle.verify('HMAC', k, sig.slice(1), te.encode('x')), crypto.subtle.exportKey('raw', k).then(function () { return 'exported'; }, function () { return 'refused'; })]);
  });
}).then(function (v) {
  show('verify', v);
  return crypto.subtle.importKey('raw', te.encode('k'), { name: 'HMAC', hash: { name: 'SHA-1' } }, true, ['sign']);
}).then(function (k) {
  show('key2', [k.algorithm, k.usages, k.extractable]);
  return Promise.all([crypto.subtle.sign('HMAC', k, new Uint8Array(0)).then(hex), crypto.subtle.exportKey('raw', k).then(hex), crypto.subtle.verify('HMAC', k, new Uint8Array(20), te.encode('x')).catch(function (e) { return [e.name, e.message]; })]);
}).then(function (v) {
  show('key2ops', v);
  return crypto.subtle.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, false, ['encrypt']).catch(function (e) { show('badUsage', [e.name, e.message]); });
}).then(function () {
  return crypto.subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).catch(function (e) { show('emptyKey', [e.name, e.message]); });
}).then(function () {
  return crypto.subtle.importKey('raw', new Uint8Array(64), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']).then(function (k) { return crypto.subtle.sign('HMAC', k, te.encode('abc')); }).then(function (s) { show('sha512mac', hex(s)); });
});
