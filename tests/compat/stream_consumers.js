// stream_consumers: Node's stream/consumers (text, json, buffer, arrayBuffer,
// blob) over a stream's chunks; stream_consumers.out is what Node 20 printed.
var stream = require('stream'), c = require('stream/consumers');
console.log(Object.keys(c).sort().join());
var steps = [
  function () { return c.text(stream.Readable.from(['h\u00e9', 'llo'])).then(function (v) { console.log('text', JSON.stringify(v)); }); },
  function () { return c.text(stream.Readable.from([Buffer.from([0xe2, 0x82]), Buffer.from([0xac])])).then(function (v) { console.log('split char', JSON.stringify(v)); }); },
  function () { return c.json(stream.Readable.from(['{"a":', '[1,2]}'])).then(function (v) { console.log('json', JSON.stringify(v)); }); },
  function () { return c.json(stream.Readable.from(['{bad'])).then(null, function (e) { console.log('bad json', e.name); }); },
  function () { return c.buffer(stream.Readable.from([Buffer.from('ab'), 'cd'])).then(function (v) { console.log('buffer', Buffer.isBuffer(v), v.toString()); }); },
  function () { return c.arrayBuffer(stream.Readable.from([new Uint8Array([1, 2, 3])])).then(function (v) { console.log('arrayBuffer', v instanceof ArrayBuffer, v.byteLength); }); },
  function () { return c.blob(stream.Readable.from(['xyz'])).then(function (v) { console.log('blob', v instanceof Blob, v.size); return v.text(); }).then(function (t) { console.log('blob text', t); }); },
  function () { var s = new stream.Readable({ read: function () { this.destroy(new Error('gone')); } }); return c.text(s).then(null, function (e) { console.log('error', e.message); }); }
];
steps.reduce(function (p, s) { return p.then(s); }, Promise.resolve()).then(function () { console.log('done'); });
