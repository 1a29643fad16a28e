// stream_operators: the Readable operators of Node 20 (map, filter, toArray,
// forEach, reduce, some, every, find, take, drop, flatMap), one step at a
// time; stream_operators.out is what Node 20 printed.
var stream = require('stream');
function src() { return stream.Readable.from([1, 2, 3, 4, 5]); }
var steps = [
  function () { return src().toArray().then(function (a) { console.log('toArray', JSON.stringify(a)); }); },
  function () { return src().map(function (x) { return x * 10; }).toArray().then(function (a) { console.log('map', JSON.stringify(a)); }); },
  function () { return src().map(function (x) { return Promise.resolve(x + 1); }).filter(function (x) { return x % 2 === 0; }).toArray().then(function (a) { console.log('async map, filter', JSON.stringify(a)); }); },
  function () { var seen = []; return src().forEach(function (x) { seen.push(x); }).then(function (v) { console.log('forEach', v, JSON.stringify(seen)); }); },
  function () { return src().reduce(function (a, x) { return a + x; }, 0).then(function (v) { console.log('reduce', v); }); },
  function () { return src().reduce(function (a, x) { return a * x; }).then(function (v) { console.log('reduce no initial', v); }); },
  function () { return stream.Readable.from([]).reduce(function (a, x) { return a + x; }).then(null, function (e) { console.log('reduce empty', e.name, e.code, e.message); }); },
  function () { var s = src(); return s.some(function (x) { return x > 2; }).then(function (v) { console.log('some', v); }); },
  function () { return src().every(function (x) { return x > 0; }).then(function (v) { console.log('every', v); }); },
  function () { return src().find(function (x) { return x > 3; }).then(function (v) { console.log('find', v); }); },
  function () { return src().find(function (x) { return x > 9; }).then(function (v) { console.log('find none', v); }); },
  function () { return src().take(2).toArray().then(function (a) { console.log('take', JSON.stringify(a)); }); },
  function () { return src().drop(3).toArray().then(function (a) { console.log('drop', JSON.stringify(a)); }); },
  function () { return src().flatMap(function (x) { return [x, -x]; }).take(4).toArray().then(function (a) { console.log('flatMap', JSON.stringify(a)); }); },
  function () { return src().map(function (x) { if (x === 3) throw new Error('bad ' + x); return x; }).toArray().then(null, function (e) { console.log('map throws', e.message); }); },
  function () { try { src().map(42); } catch (e) { console.log('map arg', e.name, e.code, e.message); } },
  function () { return src().toArray({ signal: AbortSignal.abort() }).then(null, function (e) { console.log('aborted', e.name, e.code); }); },
  function () { var r = src().map(function (x) { return x; }); console.log('map gives', r instanceof stream.Readable, r.readableObjectMode); return r.toArray(); }
];
steps.reduce(function (p, s) { return p.then(s); }, Promise.resolve()).then(function () { console.log('done'); }, function (e) { console.log('unexpected', e); });
