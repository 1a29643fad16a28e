// string_decoder: characters split across writes in each encoding.
var StringDecoder = require('string_decoder').StringDecoder;
function run(enc, chunks) {
  var d = new StringDecoder(enc), out = chunks.map(function (c) { return d.write(new Uint8Array(c)); });
  out.push(d.end());
  console.log(enc, JSON.stringify(out), d.encoding);
}
var euro = [0xE2, 0x82, 0xAC], smile = [0xF0, 0x9F, 0x98, 0x80];
run('utf8', [[0x61, euro[0]], [euro[1]], [euro[2], 0x62]]);
run('utf8', [smile.slice(0, 1), smile.slice(1, 3), smile.slice(3)]);
run('utf8', [[0x61, 0xE2, 0x82]]);
run('utf8', [[0xFF, 0x61, 0xC0]]);
run(undefined, [[0x68, 0x69]]);
run('utf-8', [[0xC3], [0xA9]]);
run('utf16le', [[0x61, 0x00, 0x62], [0x00], [0x3D, 0xD8], [0x00, 0xDE]]);
run('ucs2', [[0x61]]);
run('base64', [[1, 2], [3, 4], [5]]);
run('base64url', [[0xFB, 0xFF], [0xBF]]);
run('hex', [[0, 15, 255], [16]]);
run('latin1', [[0x61, 0xE9, 0xFF]]);
run('ascii', [[0x61, 0xE9]]);
var d = new StringDecoder('utf8');
console.log('string in', JSON.stringify(d.write('as is')), JSON.stringify(d.end(new Uint8Array([0x7A]))));
try { new StringDecoder('nope'); } catch (e) { console.log(e.name, e.code, e.message); }
try { new StringDecoder().write(5); } catch (e) { console.log(e.name, e.code, e.message); }
