// stream: Node's stream (Debian's readable-stream, which is Node's own
// streams published for npm) and string_decoder; stream.out is Node 20's.
var stream = require('stream');
var StringDecoder = require('string_decoder').StringDecoder;
var out = [];
var upper = new stream.Transform({
  transform: function (chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); }
});
var sink = new stream.Writable({
  write: function (chunk, enc, cb) { out.push(String(chunk)); cb(); }
});
stream.pipeline(stream.Readable.from(['a', 'b', 'c']), upper, sink, function (err) {
  console.log('pipeline', err, JSON.stringify(out));
  var r = new stream.Readable({ read: function () {} });
  var got = [];
  r.on('data', function (d) { got.push(String(d)); });
  r.on('end', function () {
    console.log('readable', JSON.stringify(got));
    var pt = new stream.PassThrough();
    var seen = '';
    pt.on('data', function (d) { seen += d; });
    pt.on('finish', function () { console.log('passthrough', seen); });
    pt.write('x'); pt.end('y');
  });
  r.push('one'); r.push('two'); r.push(null);
});
var d = new StringDecoder('utf8');
var euro = [0xe2, 0x82, 0xac];
console.log('decoder', JSON.stringify(d.write(new Uint8Array(euro.slice(0, 1)))), JSON.stringify(d.write(new Uint8Array(euro.slice(1)))), JSON.stringify(d.end()));
console.log('classes', typeof stream.Readable, typeof stream.Writable, typeof stream.Duplex, typeof stream.finished, stream.Stream === stream || typeof stream.Stream);
