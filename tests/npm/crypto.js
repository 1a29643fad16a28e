// Hashing, ids, signing and bcrypt with popular npm packages as they are
// published: Debian's node-* builds under /usr/share/nodejs and bcryptjs
// from the registry (pinned in the Makefile, linked as ./node_modules).
// crypto.out is what Node 20 printed for this file; tests/e2e/npm_packages.sh
// runs it in a worker, make compat-node re-runs it under node.
var fox = 'The quick brown fox jumps over the lazy dog';
function hex(u8) { return Buffer.from(u8).toString('hex'); }
function seq(n, from) { var a = new Uint8Array(n); for (var i = 0; i < n; i++) a[i] = (from + i) & 255; return a; }
var cases = {
  'sha.js': function (m) {
    return ['sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map(function (a) { return a + '=' + m(a).update('abc').digest('hex').slice(0, 24); }).join(' ') +
      ' chunks=' + (m('sha256').update(Buffer.from('The quick ')).update('brown fox jumps over the lazy dog', 'utf8').digest('base64'));
  },
  'md5.js': function (M) {
    var s = new M(); s.write('The quick brown '); s.end('fox jumps over the lazy dog');
    return new M().update(fox).digest('hex') + ' stream=' + s.read().toString('hex') + ' empty=' + new M().digest('hex');
  },
  'ripemd160': function (R) { return new R().update(fox).digest('hex') + ' ' + new R().update('').digest('hex'); },
  'hash-base': function (HashBase) {
    // a toy hash on hash-base's block machinery: the sum of each 4-byte block's first byte
    function Sum() { HashBase.call(this, 4); this._sum = 0; }
    require('inherits')(Sum, HashBase);
    Sum.prototype._update = function () { this._sum += this._block[0]; };
    Sum.prototype._digest = function () { var b = Buffer.alloc(4); b.writeUInt32BE(this._sum + this._blockOffset, 0); return b; };
    var h = new Sum(); h.update('abcdefghij');
    var err; try { h.digest(); h.update('x'); } catch (e) { err = e.message; }
    return [new Sum().update('abcdefgh').digest('hex'), err].join(' ');
  },
  'create-hash': function (m) { return ['md5', 'sha1', 'sha256', 'sha512', 'rmd160', 'ripemd160'].map(function (a) { return a + '=' + m(a).update(fox).digest('hex').slice(0, 16); }).join(' '); },
  'create-hmac': function (m) { return m('sha256', 'key').update(fox).digest('hex') + ' ' + m('md5', Buffer.from('key')).update(fox).digest('base64') + ' ' + m('sha512', 'k').update('').digest('hex').slice(0, 32); },
  'hash.js': function (h) {
    return [h.sha1().update('abc').digest('hex'), h.sha256().update(fox).digest('hex').slice(0, 32), h.sha512().update('abc').digest('hex').slice(0, 32),
      h.ripemd160().update(fox).digest('hex'), h.hmac(h.sha256, 'key').update(fox).digest('hex').slice(0, 32)].join(' ');
  },
  'uuid': function (u) {
    var v5 = u.v5('hello', u.v5.DNS), v4 = u.v4();
    return [u.v1({ node: [1, 2, 3, 4, 5, 6], clockseq: 0x1234, msecs: Date.UTC(2024, 0, 2, 3, 4, 5, 678), nsecs: 9 }),
      u.v3('hello', u.v3.URL), v5, u.v5('x', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'),
      u.validate(v4), u.version(v4), u.version(v5), u.validate('not-a-uuid'), u.validate(u.NIL), hex(u.parse(v5)), u.stringify(u.parse(v5)) === v5,
      u.v4({ random: seq(16, 0x10) }), typeof u.v4().length].join(' ');
  },
  'cookie-signature': function (c) { var s = c.sign('hello', 'tobiiscool'); return [s, c.unsign(s, 'tobiiscool'), c.unsign(s, 'luna'), c.unsign('hello.x', 'tobiiscool'), c.sign('', 's')].join(' '); },
  'aws4': function (aws4) {
    var creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    var get = aws4.sign({ host: 'sqs.us-east-1.amazonaws.com', path: '/?Action=ListQueues&Version=2012-11-05', headers: { 'X-Amz-Date': '20240102T030405Z' } }, creds);
    var post = aws4.sign({ service: 's3', region: 'eu-west-1', method: 'PUT', path: '/bucket/key.txt', body: 'hello', headers: { 'Content-Type': 'text/plain', 'X-Amz-Date': '20240102T030405Z' } }, creds);
    var signer = new aws4.RequestSigner({ service: 'es', region: 'us-west-2', path: '/_search', headers: { 'X-Amz-Date': '20240102T030405Z' } }, creds);
    return [get.headers.Authorization, post.headers.Authorization, post.headers['X-Amz-Content-Sha256'], post.hostname || post.host, signer.canonicalString().split('\n').length, signer.signature()].join('\n  ');
  },
  'tweetnacl': function (nacl) {
    var kp = nacl.sign.keyPair.fromSeed(seq(32, 0)), msg = new Uint8Array([1, 2, 3]);
    var sig = nacl.sign.detached(msg, kp.secretKey), signed = nacl.sign(msg, kp.secretKey);
    var key = seq(32, 100), nonce = seq(24, 7), box = nacl.secretbox(Buffer.from('secret message'), nonce, key);
    var a = nacl.box.keyPair.fromSecretKey(seq(32, 1)), b = nacl.box.keyPair.fromSecretKey(seq(32, 2));
    var sealed = nacl.box(msg, nonce, b.publicKey, a.secretKey), bad = new Uint8Array(sig); bad[0] ^= 1;
    return [hex(kp.publicKey), hex(sig).slice(0, 32), nacl.sign.detached.verify(msg, sig, kp.publicKey), nacl.sign.detached.verify(msg, bad, kp.publicKey),
      hex(nacl.sign.open(signed, kp.publicKey)), hex(box), Buffer.from(nacl.secretbox.open(box, nonce, key)).toString(), hex(sealed),
      hex(nacl.box.open(sealed, nonce, a.publicKey, b.secretKey)), hex(nacl.hash(msg)).slice(0, 32), hex(nacl.scalarMult.base(seq(32, 3))).slice(0, 32),
      nacl.randomBytes(8).length, nacl.verify(seq(4, 1), seq(4, 1))].join(' ');
  },
  'bcrypt-pbkdf': function (m) { var out = new Uint8Array(32); var rc = m.pbkdf(Buffer.from('password'), 8, Buffer.from('salt'), 4, out, 32, 4); return rc + ' ' + hex(out); },
  'bcryptjs': function (b) {
    var salt = '$2a$04$abcdefghijklmnopqrstuu', h = b.hashSync('hunter2', salt), r = b.hashSync('s3cret', 4);
    return [h, b.compareSync('hunter2', h), b.compareSync('hunter3', h), b.getRounds(h), b.getSalt(h), b.hashSync('pässwörd', '$2b$05$0123456789012345678901'),
      b.truncates('x'), b.truncates(new Array(80).join('a')), r.length, r.slice(0, 7), b.compareSync('s3cret', r)].join(' ');
  },
};
Object.keys(cases).forEach(function (name) {
  var out;
  try { out = cases[name](require(name)); } catch (e) { out = 'ERROR ' + (e && e.message); }
  console.log(name + ': ' + out);
});
// bcryptjs' callback and promise forms run on the event loop.
var bcrypt = require('bcryptjs');
bcrypt.hash('async', '$2a$04$abcdefghijklmnopqrstuu').then(function (h) {
  return bcrypt.compare('async', h).then(function (ok) { console.log('bcryptjs promise: ' + h + ' ' + ok); });
}).then(function () {
  bcrypt.genSalt(5, function (err, salt) {
    bcrypt.hash('cb', salt, function (err2, h) { console.log('bcryptjs callback: ' + err + ' ' + err2 + ' ' + h.slice(0, 7) + ' ' + bcrypt.compareSync('cb', h)); });
  });
});
