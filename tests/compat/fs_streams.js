// fs_streams: fs.createReadStream / createWriteStream under Node 20 and in
// a worker, one step at a time, in a scratch directory of the test's own;
// fs_streams.out is what Node printed.
var fs = require('fs');
var zlib = require('zlib');
var stream = require('stream');
var sp = require('stream/promises');
var dir = fs.mkdtempSync('fsstreams-');
var alpha = dir + '/alpha.txt';
fs.writeFileSync(alpha, 'abcdefghijklmnopqrstuvwxyz');

function show(e) {
  return [e.name, e.code, e.errno, e.syscall, e.path && e.path.replace(dir, 'DIR'), e.message.replace(dir, 'DIR')].join(' | ');
}
function events(s, names, into) {
  names.forEach(function (n) {
    s.on(n, function (a) { into.push(n + (a === undefined ? '' : ':' + typeof a)); });
  });
}

var steps = [
  function (next) {
    var r = fs.createReadStream(alpha, { start: 2, end: 9, highWaterMark: 3, encoding: 'utf8' }), ev = [];
    console.log('read initial', r.path === alpha, r.fd, r.pending, r.bytesRead, r.readable, r.start, r.end, r.flags,
      r.mode, r.autoClose, r.readableHighWaterMark, r instanceof fs.ReadStream, r instanceof stream.Readable);
    events(r, ['open', 'ready', 'end', 'close'], ev);
    r.on('data', function (d) { ev.push('data:' + JSON.stringify(d)); });
    r.on('close', function () {
      console.log(ev.join(' '), r.bytesRead, r.destroyed, r.pending, r.fd, r.closed);
      next();
    });
  },
  function (next) {
    var r = fs.createReadStream(dir + '/missing.txt'), ev = [];
    events(r, ['open', 'close'], ev);
    r.on('error', function (e) { ev.push('error ' + show(e)); });
    r.on('close', function () { console.log(ev.join(' ; ')); next(); });
  },
  function (next) {
    var r = fs.createReadStream(dir);
    r.on('error', function (e) { console.log('read a directory', show(e)); });
    r.on('close', function () { next(); });
    r.resume();
  },
  function (next) {
    var out = dir + '/out.txt', w = fs.createWriteStream(out), ev = [];
    console.log('write initial', w.path === out, w.fd, w.pending, w.bytesWritten, w.writable, w.flags, w.mode, w.start,
      w instanceof fs.WriteStream, w instanceof stream.Writable);
    events(w, ['open', 'ready', 'finish', 'close'], ev);
    console.log('write returns', w.write('hello '), w.bytesWritten);
    w.write(Buffer.from('world'));
    w.end('!', function () { ev.push('end callback'); });
    w.on('close', function () {
      console.log(ev.join(' '), w.bytesWritten, JSON.stringify(fs.readFileSync(out, 'utf8')), w.closed);
      var w2 = fs.createWriteStream(out, { flags: 'r+', start: 2 });
      w2.end('XY');
      w2.on('close', function () {
        var a = fs.createWriteStream(out, { flags: 'a' });
        a.end('++');
        a.on('close', function () { console.log('r+ and a', JSON.stringify(fs.readFileSync(out, 'utf8'))); next(); });
      });
    });
  },
  function (next) {
    var w = fs.createWriteStream(dir + '/no/such/dir.txt');
    w.on('error', function (e) { console.log('write missing dir', show(e)); });
    w.on('close', function () { next(); });
    w.end('x');
  },
  function (next) {
    var w = fs.createWriteStream(alpha, { flags: 'wx' });
    w.on('error', function (e) { console.log('wx on a file', show(e)); });
    w.on('close', function () { next(); });
  },
  function (next) {
    var fd = fs.openSync(alpha, 'r'), got = '', ev = [];
    var r = fs.createReadStream(null, { fd: fd, start: 20 });
    events(r, ['open', 'ready', 'close'], ev);
    r.on('data', function (d) { got += d; });
    r.on('close', function () {
      console.log('from an fd', got, r.path, r.bytesRead, ev.join(' '));
      var fd2 = fs.openSync(alpha, 'r'), r2 = fs.createReadStream('', { fd: fd2, autoClose: false });
      r2.resume();
      r2.on('end', function () {
        console.log('autoClose false leaves the fd open', fs.fstatSync(fd2).size);
        fs.closeSync(fd2);
        next();
      });
    });
  },
  function (next) {
    [function () { fs.createReadStream(alpha, { start: 5, end: 2 }); },
     function () { fs.createReadStream(alpha, { start: -1 }); },
     function () { fs.createReadStream(alpha, { start: '1' }); },
     function () { fs.createReadStream(alpha, { highWaterMark: 'x' }); },
     function () { fs.createReadStream(42); },
     function () { fs.createWriteStream(alpha, { start: -2 }); }]
      .forEach(function (f) { try { f(); console.log('no error'); } catch (e) { console.log('option', show(e)); } });
    next();
  },
  function (next) {
    var h = '';
    fs.createReadStream(alpha, 'hex').on('data', function (d) { h += d; }).on('end', function () {
      console.log('encoding as a string', h.slice(0, 12), h.length);
      next();
    });
  },
  function (next) {
    var r = fs.createReadStream(alpha);
    r.on('ready', function () {
      r.close(function (err) { console.log('close early', err && err.code, r.destroyed, r.closed, r.bytesRead); next(); });
    });
  },
  function (next) {
    var big = '';
    for (var i = 0; i < 5000; i++) big += 'row ' + i + '\n';
    fs.writeFileSync(dir + '/big.txt', big);
    sp.pipeline(fs.createReadStream(dir + '/big.txt', { highWaterMark: 1000 }), zlib.createGzip(),
      fs.createWriteStream(dir + '/big.txt.gz')).then(function () {
        return sp.pipeline(fs.createReadStream(dir + '/big.txt.gz'), zlib.createGunzip(), fs.createWriteStream(dir + '/back.txt'));
      }).then(function () {
        console.log('gzip through files', fs.readFileSync(dir + '/back.txt', 'utf8') === big);
        next();
      }, function (e) { console.log('pipeline failed', show(e)); next(); });
  },
  function (next) {
    var it = fs.createReadStream(alpha, { highWaterMark: 10 })[Symbol.asyncIterator](), parts = [];
    (function more() {
      it.next().then(function (res) {
        if (res.done) { console.log('async iteration', parts.join(',')); return next(); }
        parts.push(res.value.toString());
        more();
      });
    })();
  },
  function (next) {
    var w = fs.createWriteStream(dir + '/closed.txt');
    w.write('a');
    w.close(function () { console.log('write close', JSON.stringify(fs.readFileSync(dir + '/closed.txt', 'utf8')), w.closed, w.writableFinished); next(); });
  }
];

(function run(k) {
  if (k === steps.length) {
    fs.rmSync(dir, { recursive: true });
    return console.log('done');
  }
  steps[k](function () { run(k + 1); });
})(0);
