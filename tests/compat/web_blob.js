function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
var b = new Blob(['héllo', new Uint8Array([33, 34]), new Blob(['<x>']), new Uint16Array([0x4241]).buffer, new DataView(new Uint8Array([67]).buffer)], { type: 'Text/Plain;Charset=UTF-8' });
show('blob', [b.size, b.type, String(b), b instanceof Blob]);
show('types', [new Blob([], { type: 'a\u00e9' }).type, new Blob([], { type: 'x\u0001' }).type, new Blob().type, new Blob().size, new Blob([], {}).type, new Blob(['a', 'b']).size, new Blob([123, null]).size]);
var s = b.slice(-5, -1, 'APPLICATION/json');
show('slice', [s.size, s.type, b.slice().size, b.slice(2).size, b.slice(100).size, b.slice(3, 1).size, b.slice(0, 2).type]);
try { new Blob('abc'); } catch (e) { show('ctorErr', e.name + ': ' + e.message); }
try { Blob(); } catch (e) { show('callErr', e.name); }
var f = new File(['ab', 'c'], 'a.txt', { type: 'TEXT/plain', lastModified: 42 });
show('file', [f.name, f.size, f.type, f.lastModified, f instanceof Blob, f instanceof File, String(f), typeof new File([], 'x').lastModified, new File([], 3).name]);
try { new File(['x']); } catch (e) { show('fileErr', e.name + ': ' + e.message); }
b.text().then(function (t) {
  show('text', t);
  return s.arrayBuffer();
}).then(function (ab) {
  show('ab', [ab instanceof ArrayBuffer, Array.from(new Uint8Array(ab))]);
  return b.slice(0, 3).bytes ? b.slice(0, 3).bytes() : null;
}).then(function (u) {
  show('bytes', u ? [u instanceof Uint8Array, Array.from(u)] : 'none');
  return new Blob([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac, 0xff])]).text();
}).then(function (t) {
  show('textUtf8', t);
  return f.slice(1).text();
}).then(function (t) { show('fileSlice', [t, f.slice(1) instanceof File]); });
