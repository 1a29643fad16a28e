// crypto: the same script under Node 20 and in a worker; crypto.out is
// Node's output.  Random values are checked for shape, not value.
var crypto = require('crypto');
function show(label, fn) {
  try { console.log(label, fn()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
}
['md5', 'sha1', 'sha256', 'sha384', 'sha512'].forEach(function (a) {
  show(a, function () { return crypto.createHash(a).update('hello ').update('world').digest('hex'); });
});
show('base64', function () { return crypto.createHash('sha256').update('x').digest('base64'); });
show('buffer', function () { var d = crypto.createHash('sha1').update(new Uint8Array([1, 2, 3])).digest(); return [d.length, d[0], Buffer.isBuffer(d)]; });
show('latin1 input', function () { return crypto.createHash('md5').update('\u00e9', 'latin1').digest('hex'); });
show('copy', function () { var h = crypto.createHash('sha256').update('a'); var c = h.copy(); return [h.update('b').digest('hex').slice(0, 16), c.digest('hex').slice(0, 16)]; });
show('twice', function () { var h = crypto.createHash('sha256'); h.digest(); return h.digest(); });
show('unknown', function () { return crypto.createHash('nope'); });
show('hmac', function () { return crypto.createHmac('sha256', 'key').update('message').digest('hex'); });
show('hmac empty key', function () { return crypto.createHmac('sha1', '').update('m').digest('hex'); });
show('hmac bytes key', function () { return crypto.createHmac('sha512', new Uint8Array(100)).update('m').digest('base64').slice(0, 20); });
show('pbkdf2', function () { return crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex'); });
show('pbkdf2 bad digest', function () { return crypto.pbkdf2Sync('pw', 'salt', 1, 8, 'nope'); });
show('scrypt', function () { return crypto.scryptSync('pw', 'salt', 16, { N: 1024 }).toString('hex'); });
show('random', function () { var b = crypto.randomBytes(16); return [b.length, Buffer.isBuffer(b)]; });
show('randomInt', function () { var ok = true; for (var i = 0; i < 200; i++) { var v = crypto.randomInt(3, 7); ok = ok && v >= 3 && v < 7 && v === Math.floor(v); } return ok; });
show('randomInt bad', function () { return crypto.randomInt(5, 5); });
show('uuid', function () { return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()); });
show('fill', function () { var a = new Uint8Array(8); crypto.randomFillSync(a, 4); return [a[0], a[1], a[2], a[3]]; });
show('equal', function () { return [crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac'))]; });
show('equal length', function () { return crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); });
show('hashes', function () { var l = crypto.getHashes(); return [l.indexOf('sha256') >= 0, l.indexOf('md5') >= 0]; });
show('webcrypto', function () { return typeof crypto.webcrypto.getRandomValues + ' ' + typeof crypto.subtle.digest; });
crypto.pbkdf2('pw', 'salt', 1, 8, 'sha1', function (err, key) {
  console.log('cb pbkdf2', err, key.toString('hex'));
  crypto.randomBytes(4, function (err2, b) { console.log('cb random', err2, b.length); });
});
console.log('sync done');
