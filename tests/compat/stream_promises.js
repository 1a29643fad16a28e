// stream_promises: what Node 20 has beyond readable-stream 3.6: stream/promises
// (pipeline with a signal, of iterables and functions, finished), finished on
// a stream already done, addAbortSignal, compose, Readable.from of a string,
// async iteration and the argument errors; stream_promises.out is Node 20's.
var stream = require('stream');
var sp = require('stream/promises');
var log = [];

function upper() {
  return new stream.Transform({
    transform: function (chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); }
  });
}
function sink(into) {
  return new stream.Writable({ write: function (chunk, enc, cb) { into.push(String(chunk)); cb(); } });
}
function iter(source) {
  return source[Symbol.asyncIterator] ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}
function upperIterable(source) {
  var it = iter(source);
  return { [Symbol.asyncIterator]: function () { return this; },
    next: function () { return Promise.resolve(it.next()).then(function (r) { return r.done ? r : { done: false, value: String(r.value).toUpperCase() }; }); } };
}
function show(e) {
  return [e.name, e.code, e.message].join(' | ');
}
function tryShow(label, fn) {
  try { fn(); console.log(label, 'no error'); } catch (e) { console.log(label, show(e)); }
}

console.log('same object', stream.promises === sp, typeof sp.pipeline, typeof sp.finished);
console.log('hwm', stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
tryShow('signal', function () { stream.addAbortSignal({}, new stream.PassThrough()); });
tryShow('stream', function () { stream.addAbortSignal(new AbortController().signal, {}); });
tryShow('no callback', function () { stream.pipeline(new stream.PassThrough(), new stream.PassThrough()); });
tryShow('finished no callback', function () { stream.finished(new stream.PassThrough()); });

var steps = [
  function () {
    var out = [];
    return sp.pipeline(stream.Readable.from(['a', 'b', 'c']), upper(), sink(out)).then(function (v) {
      console.log('pipeline resolved', v, JSON.stringify(out));
    });
  },
  function () {
    var bad = new stream.Transform({ transform: function (c, e, cb) { cb(new Error('boom')); } });
    return sp.pipeline(stream.Readable.from(['x']), bad, sink([])).then(null, function (e) {
      console.log('pipeline rejected', e.message);
    });
  },
  function () {
    return sp.pipeline().then(null, function (e) { console.log('no streams', show(e)); });
  },
  function () {
    var r = new stream.Readable({ read: function () {} });
    return sp.pipeline(r, new stream.PassThrough(), { signal: AbortSignal.abort('why') }).then(null, function (e) {
      console.log('aborted before', show(e), e.cause, r.destroyed);
    });
  },
  function () {
    var ac = new AbortController();
    var r = new stream.Readable({ read: function () {} });
    var p = sp.pipeline(r, sink([]), { signal: ac.signal }).then(null, function (e) {
      console.log('aborted during', show(e), String(e.cause && e.cause.name), r.destroyed);
    });
    r.push('one');
    setTimeout(function () { ac.abort(); }, 1);
    return p;
  },
  function () {
    var w = sink([]);
    w.end('x');
    return sp.finished(w).then(function () {
      console.log('finished writable', w.writableFinished, w.writableEnded, w.writableObjectMode, w.writableNeedDrain);
      return sp.finished(w);
    }).then(function () { console.log('finished again, already done'); });
  },
  function () {
    var r = new stream.Readable({ read: function () {} });
    var p = sp.finished(r).then(null, function (e) { console.log('finished rejects', e.message); });
    r.destroy(new Error('gone'));
    return p;
  },
  function () {
    return new Promise(function (resolve) {
      var r = new stream.Readable({ read: function () {} });
      stream.finished(r, function (err) { console.log('premature', show(err)); resolve(); });
      r.destroy();
    });
  },
  function () {
    return new Promise(function (resolve) {
      var ac = new AbortController();
      var r = stream.addAbortSignal(ac.signal, new stream.Readable({ read: function () {} }));
      r.on('error', function (e) { console.log('addAbortSignal', show(e), String(e.cause && e.cause.name)); });
      r.on('close', function () { console.log('closed', r.destroyed); resolve(); });
      ac.abort();
    });
  },
  function () {
    var got = [];
    return new Promise(function (resolve) {
      stream.Readable.from('whole string').on('data', function (d) { got.push(d); }).on('end', function () {
        console.log('from string', JSON.stringify(got), this.readableEnded, this.readableObjectMode);
        resolve();
      });
    });
  },
  function () {
    var r = stream.Readable.from(['p', 'q']), got = [];
    var it = r[Symbol.asyncIterator]();
    function step() {
      return it.next().then(function (res) {
        if (res.done) return console.log('iterated', JSON.stringify(got));
        got.push(res.value);
        return step();
      });
    }
    return step();
  },
  function () {
    var r = new stream.Readable({ read: function () { this.destroy(new Error('read failed')); } });
    return r[Symbol.asyncIterator]().next().then(null, function (e) { console.log('iterator rejects', e.message); });
  },
  function () {
    var out = [];
    var objects = new stream.Writable({ objectMode: true, write: function (c, e, cb) { out.push(c); cb(); } });
    return sp.pipeline(['a', 'b'], upperIterable, objects).then(function (v) {
      console.log('iterable source, function transform', v, JSON.stringify(out));
      return sp.pipeline(stream.Readable.from(['x', 'y', 'z']), function (source) {
        var n = 0, it = iter(source);
        function loop() { return Promise.resolve(it.next()).then(function (r) { if (r.done) return n; n++; return loop(); }); }
        return loop();
      });
    }).then(function (v) { console.log('function destination resolves with', v); });
  },
  function () {
    return new Promise(function (resolve) {
      stream.pipeline(function () { return ['p', 'q']; }, new stream.PassThrough({ objectMode: true }), function (source) {
        var got = [], it = iter(source);
        function loop() { return Promise.resolve(it.next()).then(function (r) { if (r.done) return got.join('+'); got.push(r.value); return loop(); }); }
        return loop();
      }, function (err, val) { console.log('callback form', err, val); resolve(); });
    });
  },
  function () {
    return sp.pipeline(['m'], function () {
      return { [Symbol.asyncIterator]: function () { return this; }, next: function () { return Promise.reject(new Error('transform failed')); } };
    }, new stream.PassThrough({ objectMode: true })).then(null, function (e) { console.log('transform rejects', e.message); });
  },
  function () {
    var out = [];
    var c = stream.compose(upper(), new stream.PassThrough());
    return sp.pipeline(stream.Readable.from(['m', 'n']), c, sink(out)).then(function () {
      console.log('compose', out.join(''));
    });
  }
];

steps.reduce(function (p, step) { return p.then(step); }, Promise.resolve()).then(function () {
  console.log('done');
}, function (e) { console.log('unexpected', e && e.stack); });
