// A package's readable-stream required before 'stream' itself, as hash-base
// and md5.js do: both come out whole, whichever loads first.
var RS = require('readable-stream');
var stream = require('stream');
console.log(typeof RS.Readable, typeof RS.Transform, typeof RS.pipeline, typeof RS.finished);
console.log(typeof stream.Readable, typeof stream.Transform, typeof stream.pipeline, typeof stream.Readable.from);
var t = new RS.Transform({ transform: function (c, e, cb) { cb(null, String(c).toUpperCase()); } });
t.on('data', function (d) { console.log('data', String(d)); });
t.on('end', function () { console.log('end'); });
t.end('abc');
stream.Readable.from(['x', 'y']).on('data', function (d) { console.log('from', d); });
