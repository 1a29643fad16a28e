// Views made by subarray share their parent's ArrayBuffer (identity,
// byteLength, offsets), for every kind and for Buffer, as in Node.
var a = new Uint8Array(8);
for (var i = 0; i < 8; i++)
	a[i] = i;
var s = a.subarray(2, 5);
console.log(s.buffer === a.buffer, s.byteOffset, s.length, s.buffer.byteLength);
var ss = s.subarray(1);
console.log(ss.buffer === a.buffer, ss.byteOffset, Array.from(ss).join());
s[0] = 99;
console.log(a[2], a.subarray(-3).join(), a.subarray(5, 2).length, a.subarray().length);
var f = new Float64Array(4).subarray(1, 3);
console.log(f.constructor.name, f.byteOffset, f.length, f.buffer.byteLength);
var d = new Int16Array([1, 2, 3, 4]).subarray(1.7, -1);
console.log(d.constructor.name, Array.from(d).join(), d.byteOffset);
var b = Buffer.from('hello world');
var bs = b.subarray(6);
console.log(bs.buffer === b.buffer, bs.byteOffset - b.byteOffset, bs.toString(), Buffer.isBuffer(bs));
console.log(b.slice(0, 5).buffer === b.buffer, b.toString('hex', 0, 3));
try {
	Uint8Array.prototype.subarray.call([1, 2], 0);
} catch (e) {
	console.log(e instanceof TypeError);
}
