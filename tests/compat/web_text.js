function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
var d = new TextDecoder('utf-8', { fatal: true });
show('flags', [d.fatal, d.ignoreBOM, d.encoding, new TextDecoder(' UTF8 ').encoding, new TextDecoder('utf-8', { ignoreBOM: true }).ignoreBOM]);
try { d.decode(new Uint8Array([0x61, 0xff])); } catch (e) { show('fatal', [e.name, e.message, e.code]); }
var s = new TextDecoder(), parts = [[0xef, 0xbb], [0xbf, 0xe2], [0x82], [0xac, 0xf0, 0x9f], [0x98, 0x80]];
show('stream', parts.map(function (p) { return s.decode(new Uint8Array(p), { stream: true }); }).concat([s.decode()]));
var s2 = new TextDecoder('utf-8', { ignoreBOM: true });
show('keepBOM', [s2.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).length, new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))]);
var s3 = new TextDecoder();
show('tail', [s3.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), s3.decode(), s3.decode(new Uint8Array([0x41]))]);
var s4 = new TextDecoder('utf-8', { fatal: true });
s4.decode(new Uint8Array([0xf0]), { stream: true });
try { s4.decode(); } catch (e) { show('fatalEnd', e.name); }
show('afterFatal', s4.decode(new Uint8Array([0x42])));
show('replace', new TextDecoder().decode(new Uint8Array([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x41])));
var te = new TextEncoder(), buf = new Uint8Array(5);
show('encodeInto', [te.encodeInto('a€😀', buf), Array.from(buf), te.encodeInto('', new Uint8Array(0)), te.encodeInto('ab', buf.subarray(4))]);
show('encodeLone', Array.from(te.encode('\ud800x')));
show('views', [new TextDecoder().decode(new DataView(new Uint8Array([104, 105]).buffer)), new TextDecoder().decode(new Uint8Array([104, 105, 33]).buffer), new TextDecoder().decode(new Uint8Array([0, 104, 105, 0]).subarray(1, 3))]);
