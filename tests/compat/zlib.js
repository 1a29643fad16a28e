// zlib: the same script under Node 20 and in a worker; zlib.out is what
// Node printed.  Compressed bytes are not compared (Node bundles its own
// zlib build), only what decompresses to what, and inputs made by Node.
var zlib = require('zlib');
function text(b) { return new TextDecoder().decode(b); }
function show(label, fn) {
  try { console.log(label, fn()); } catch (e) {
    console.log(label, 'throws', e.name, e.code, e.errno, e.message);
  }
}
var big = '';
for (var i = 0; i < 2000; i++) big += 'line ' + i + ' of a repetitive text\n';
['deflate', 'gzip', 'deflateRaw'].forEach(function (m) {
  var inv = { deflate: 'inflate', gzip: 'gunzip', deflateRaw: 'inflateRaw' }[m];
  var c = zlib[m + 'Sync'](big);
  show(m + ' roundtrip', function () { return [text(zlib[inv + 'Sync'](c)) === big, c.length < big.length / 10]; });
  [0, 1, 9].forEach(function (level) {
    show(m + ' level ' + level, function () { return text(zlib[inv + 'Sync'](zlib[m + 'Sync']('abc', { level: level }))); });
  });
});
show('gzip magic', function () { var g = zlib.gzipSync('x'); return [g[0], g[1], g[2]]; });
show('unzip gzip', function () { return text(zlib.unzipSync(zlib.gzipSync('via unzip'))); });
show('unzip deflate', function () { return text(zlib.unzipSync(zlib.deflateSync('via unzip too'))); });
show('node gzip', function () { return text(zlib.gunzipSync(new Uint8Array([31,139,8,0,0,0,0,0,0,3,203,72,205,201,201,87,200,64,39,1,227,81,61,141,23,0,0,0]))); });
show('node deflate', function () { return text(zlib.inflateSync(new Uint8Array([120,156,75,76,74,78,4,35,0,17,61,3,115]))); });
show('node raw', function () { return text(zlib.inflateRawSync(new Uint8Array([43,74,44,87,40,130,96,0]))); });
show('two members', function () { return text(zlib.gunzipSync(new Uint8Array([31,139,8,0,0,0,0,0,0,3,203,207,75,213,1,0,98,45,26,42,4,0,0,0,31,139,8,0,0,0,0,0,0,3,43,41,207,7,0,102,138,202,17,3,0,0,0]))); });
show('bad header', function () { return zlib.inflateSync(new TextEncoder().encode('not zlib')); });
show('bad gzip', function () { return zlib.gunzipSync(new TextEncoder().encode('not gzip at all')); });
show('truncated', function () { return zlib.gunzipSync(zlib.gzipSync(big).subarray(0, 100)); });
show('bad level', function () { return zlib.deflateSync('x', { level: 12 }); });
show('bad level type', function () { return zlib.deflateSync('x', { level: '1' }); });
show('bad input', function () { return zlib.deflateSync(42); });
show('max output', function () { return zlib.inflateSync(zlib.deflateSync(big), { maxOutputLength: 100 }); });
show('arraybuffer', function () { var u = new TextEncoder().encode('ab'); return text(zlib.inflateSync(zlib.deflateSync(u.buffer))); });
show('constants', function () { return [zlib.constants.Z_BEST_COMPRESSION, zlib.constants.GZIP, zlib.Z_DATA_ERROR, zlib.codes.Z_BUF_ERROR, zlib.codes['-3']]; });
show('crc32', function () { return [zlib.crc32('hello'), zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32(new Uint8Array(0))]; });
zlib.gzip('async text', function (err, buf) {
  console.log('cb gzip', err);
  zlib.gunzip(buf, function (err2, out) {
    console.log('cb gunzip', err2, text(out));
    zlib.inflate(new TextEncoder().encode('nope'), function (err3) {
      console.log('cb error', err3.code, err3.errno, err3.message);
    });
  });
});
console.log('sync done');
