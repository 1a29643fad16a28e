// zlib_stream: the stream classes (createGzip...) under Node 20 and in a
// worker, one step at a time; zlib_stream.out is what Node printed.  Only
// what decompresses to what is compared, never compressed bytes.
var zlib = require('zlib');
var stream = require('stream');
var big = '';
for (var i = 0; i < 3000; i++) big += 'line ' + i + ' of a stream\n';

function show(e) {
  return [e.name, e.code, e.errno, e.message].join(' | ');
}
function collect(s, done) {
  var parts = [], max = 0;
  s.on('data', function (d) { parts.push(d); max = Math.max(max, d.length); });
  s.on('end', function () { done(Buffer.concat(parts), max, parts.length); });
}
function pieces(buf, n) {
  var out = [];
  for (var i = 0; i < buf.length; i += n) out.push(buf.subarray(i, i + n));
  return out;
}

var steps = [
  function (next) {
    var d = zlib.createDeflate();
    console.log('classes', d instanceof stream.Transform, d instanceof zlib.Deflate, zlib.Gzip('x') === undefined,
      zlib.Gunzip() instanceof zlib.Gunzip, typeof zlib.Unzip, d.bytesWritten);
    ['Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip'].forEach(function (k) {
      if (!(zlib['create' + k]() instanceof zlib[k])) console.log('not an instance', k);
    });
    next();
  },
  function (next) {
    var out = [];
    stream.pipeline(stream.Readable.from(pieces(Buffer.from(big), 1000)), zlib.createGzip(), zlib.createGunzip(),
      new stream.Writable({ write: function (c, e, cb) { out.push(c); cb(); } }), function (err) {
        console.log('gzip pipeline', err, Buffer.concat(out).toString() === big);
        next();
      });
  },
  function (next) {
    var pairs = [['Deflate', 'Inflate'], ['DeflateRaw', 'InflateRaw'], ['Gzip', 'Unzip'], ['Deflate', 'Unzip']];
    (function one(k) {
      if (k === pairs.length) return next();
      var c = zlib['create' + pairs[k][0]]({ level: 9, memLevel: 9, strategy: zlib.constants.Z_FILTERED, windowBits: 12 });
      var d = zlib['create' + pairs[k][1]]({ chunkSize: 64, windowBits: pairs[k][1] === 'Unzip' ? 0 : 12 });
      collect(d, function (buf, max) {
        console.log('roundtrip', pairs[k].join('/'), buf.toString() === big, max, c.bytesWritten, d.bytesWritten > 0);
        one(k + 1);
      });
      c.pipe(d);
      pieces(Buffer.from(big), 777).forEach(function (p) { c.write(p); });
      c.end();
    })(0);
  },
  function (next) {
    var g = zlib.createGunzip(), a = zlib.gzipSync('first member, '), b = zlib.gzipSync('second member');
    collect(g, function (buf) { console.log('two members in pieces', JSON.stringify(buf.toString())); next(); });
    g.write(a.subarray(0, 5)); g.write(Buffer.concat([a.subarray(5), b.subarray(0, 1)])); g.end(b.subarray(1));
  },
  function (next) {
    var g = zlib.createGunzip(), closed = false;
    g.on('error', function (e) { console.log('garbage after a member', show(e)); });
    g.on('close', function () { closed = true; console.log('closed', g.destroyed); next(); });
    g.end(Buffer.concat([zlib.gzipSync('ok'), Buffer.from('garbage')]));
    g.resume();
  },
  function (next) {
    var g = zlib.createGunzip();
    collect(g, function (buf) { console.log('zero padding', JSON.stringify(buf.toString())); next(); });
    g.end(Buffer.concat([zlib.gzipSync('padded'), Buffer.alloc(8)]));
  },
  function (next) {
    var g = zlib.createGunzip();
    g.on('error', function (e) { console.log('truncated', show(e), Object.keys(e).join()); });
    g.on('close', function () { next(); });
    g.end(zlib.gzipSync(big).subarray(0, 50));
    g.resume();
  },
  function (next) {
    var g = zlib.createInflate();
    g.on('error', function (e) { console.log('bad header', show(e)); });
    g.on('close', function () { next(); });
    g.end('not zlib');
  },
  function (next) {
    var d = zlib.createDeflate(), got = [];
    d.on('data', function (c) { got.push(c); });
    d.write('some text to flush');
    d.flush(function () {
      console.log('flushed to', JSON.stringify(zlib.inflateSync(Buffer.concat(got), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()), d.bytesWritten);
      d.end(' and more');
    });
    d.on('end', function () {
      console.log('after flush', JSON.stringify(zlib.inflateSync(Buffer.concat(got)).toString()));
      d.flush(function () { console.log('flush after end calls back'); next(); });
    });
  },
  function (next) {
    var i = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    collect(i, function (buf) { console.log('finishFlush', JSON.stringify(buf.toString())); next(); });
    var whole = zlib.deflateSync('cut short but fine');
    i.end(whole.subarray(0, whole.length - 4));
  },
  function (next) {
    var d = zlib.createGzip();
    d.close(function (err) { console.log('close callback', err && err.code, d.destroyed); next(); });
  },
  function (next) {
    [function () { zlib.createGzip({ chunkSize: 10 }); }, function () { zlib.createGzip({ level: 10 }); },
     function () { zlib.createInflate({ windowBits: 'x' }); }, function () { zlib.createDeflate({ flush: 9 }); }]
      .forEach(function (f) { try { f(); console.log('no error'); } catch (e) { console.log('option', show(e)); } });
    next();
  },
  function (next) {
    [function () { return zlib.gunzipSync(Buffer.concat([zlib.gzipSync('a'), Buffer.from('junk')])); },
     function () { return zlib.gunzipSync(Buffer.concat([zlib.gzipSync('a'), Buffer.alloc(3)])); },
     function () { return zlib.unzipSync(Buffer.concat([zlib.gzipSync('un'), zlib.gzipSync('zip')])); },
     function () { return zlib.inflateSync(Buffer.concat([zlib.deflateSync('ab'), Buffer.from('xyz')])); }]
      .forEach(function (f) { try { console.log('one-shot', JSON.stringify(f().toString())); } catch (e) { console.log('one-shot', show(e)); } });
    next();
  }
];

(function run(k) {
  if (k === steps.length) return console.log('done');
  steps[k](function () { run(k + 1); });
})(0);
