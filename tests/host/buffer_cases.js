// buffer_cases.js - Node's Buffer, case by case.  Runs unchanged under
// `node` and in a workersd worker; tests/host/buffer_cases.node.txt is what
// Node 20 printed for it (`node tests/host/buffer_cases.js`), and
// test_host_buffer.c checks that a worker prints the same.
function show(label, fn) {
	var out;
	try {
		out = JSON.stringify(fn());
	} catch (e) {
		out = 'throws ' + e.name + ' ' + e.code + ' ' + e.message;
	}
	console.log(label + ' ' + out);
}
function hex(b) { return b.toString('hex'); }
var B = Buffer;

// making buffers
show('from utf8', function () { return hex(B.from('héllo €𝄞')); });
show('from default', function () { return B.from('abc'); });
show('from array', function () { return hex(B.from([1, 256, -1, 3.7, 'x'])); });
show('from arraybuffer shares', function () {
	var ab = new ArrayBuffer(4), b = B.from(ab, 1, 2);
	b[0] = 9;
	return [b.length, new Uint8Array(ab)[1], b.byteOffset];
});
show('from arraybuffer bad offset', function () { return B.from(new ArrayBuffer(2), 3); });
show('from typed copies', function () {
	var u = new Uint8Array([1, 2]), b = B.from(u);
	u[0] = 7;
	return [hex(b), hex(B.from(new Uint16Array([258, 3])))];
});
show('from buffer json', function () { return hex(B.from({ type: 'Buffer', data: [5, 6] })); });
show('from string object', function () { return hex(B.from(new String('hi'))); });
show('from number', function () { return B.from(5); });
show('from bad encoding', function () { return B.from('x', 'nope'); });
show('alloc', function () { return [hex(B.alloc(3)), hex(B.alloc(5, 'ab')), hex(B.alloc(4, 0x101)), hex(B.alloc(3, 'aGk=', 'base64'))]; });
show('alloc negative', function () { return B.alloc(-1); });
show('alloc string', function () { return B.alloc('3'); });
show('copyBytesFrom', function () {
	var u16 = new Uint16Array([1, 0x203, 0x405]), b = B.copyBytesFrom(u16, 1, 1);
	u16[1] = 0;
	return [hex(b), hex(B.copyBytesFrom(u16)), hex(B.copyBytesFrom(u16, 2, 9)), B.copyBytesFrom(u16, 5).length];
});
show('copyBytesFrom bad', function () { return B.copyBytesFrom([1, 2]); });
show('copyBytesFrom negative', function () { return B.copyBytesFrom(new Uint8Array(2), -1); });
show('allocUnsafe', function () { return [B.allocUnsafe(4).length, B.isBuffer(B.allocUnsafeSlow(2))]; });
show('call forms', function () { return [hex(Buffer('ab')), new Buffer(2).length]; });
show('isBuffer', function () { return [B.isBuffer(B.alloc(1)), B.isBuffer(new Uint8Array(1)), B.isBuffer('x')]; });
show('isEncoding', function () {
	return ['utf8', 'UTF-8', 'ucs2', 'utf16le', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'ascii', 'utf32', '', 1].map(B.isEncoding);
});
show('byteLength', function () {
	return [B.byteLength('héllo'), B.byteLength('€', 'utf16le'), B.byteLength('aGk=', 'base64'), B.byteLength('abcd', 'hex'),
	    B.byteLength('abc', 'latin1'), B.byteLength(new Uint16Array(3)), B.byteLength(new ArrayBuffer(5)), B.byteLength('aGk', 'base64url')];
});
show('byteLength bad', function () { return B.byteLength(5); });
show('concat', function () { return [hex(B.concat([B.from('a'), new Uint8Array([98]), B.from('c')])), hex(B.concat([B.from('abc'), B.from('de')], 4)), hex(B.concat([B.from('a')], 3)), B.concat([]).length]; });
show('concat bad', function () { return B.concat([B.from('a'), 'b']); });
show('compare', function () { return [B.compare(B.from('a'), B.from('b')), B.compare(B.from('b'), B.from('a')), B.compare(B.from('a'), B.from('a')), B.compare(B.from('a'), B.from('ab'))]; });
show('sort by compare', function () { return [B.from('c'), B.from('a'), B.from('b')].sort(B.compare).map(String); });

// encodings
var sample = B.from([0x00, 0x41, 0x7f, 0x80, 0xc3, 0xa9, 0xff, 0xfe]);
['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex', 'binary', 'ucs2'].forEach(function (e) {
	show('toString ' + e, function () { return sample.toString(e); });
});
show('toString range', function () { return [B.from('hello').toString('utf8', 1, 3), B.from('hello').toString(undefined, 3), B.from('hello').toString('utf8', -2, 99), B.from('hello').toString('utf8', 4, 2)]; });
show('toString bad', function () { return B.from('a').toString('nope'); });
show('utf8 replacement', function () { return B.from([0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80]).toString(); });
show('lone surrogate', function () { return hex(B.from('a\ud800b')); });
['utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'].forEach(function (e) {
	show('roundtrip ' + e, function () { return hex(B.from(B.from('héllo wörld €').toString(e), e)); });
});
show('base64 loose', function () { return [hex(B.from('aGVsbG8', 'base64')), hex(B.from('aG Vs\nbG8=', 'base64')), hex(B.from('a-_b', 'base64')), hex(B.from('a+/b', 'base64url')), hex(B.from('aGk=aGk=', 'base64')), hex(B.from('a', 'base64'))]; });
show('hex loose', function () { return [hex(B.from('abc', 'hex')), hex(B.from('0g12', 'hex')), hex(B.from('12zz34', 'hex')), hex(B.from('ABCD', 'hex'))]; });
show('latin1 of wide', function () { return [hex(B.from('€ÿ', 'latin1')), hex(B.from('€ÿ', 'ascii'))]; });
show('non-BMP', function () { return [hex(B.from('a😀', 'utf16le')), hex(B.from('a😀', 'latin1')), B.from('3dd800de', 'hex').toString('utf16le') === '😀', B.from('00d8', 'hex').toString('utf16le').charCodeAt(0)]; });
show('every byte', function () {
	var all = B.alloc(1024), out = [], i;
	for (i = 0; i < all.length; i++) all[i] = (i * 7) & 0xff;
	['utf16le', 'latin1', 'base64', 'base64url', 'hex'].forEach(function (e) { out.push(e, B.from(all.toString(e), e).equals(all)); });
	out.push(B.from(all.toString('ascii'), 'ascii').reduce(function (a, b) { return a + b; }, 0));
	out.push(B.from(all.toString('utf8')).length);
	return out;
});
show('utf16le odd', function () { return B.from([0x41, 0x00, 0x42]).toString('utf16le'); });

// write
show('write', function () {
	var b = B.alloc(8), n = b.write('héllo');
	return [n, hex(b)];
});
show('write offset length', function () { var b = B.alloc(6); return [b.write('abcdef', 2, 3), hex(b)]; });
show('write encoding forms', function () {
	var b = B.alloc(4);
	return [b.write('ffee', 'hex'), b.write('aa', 2, 'hex'), hex(b), b.write('zz', 1, 1, 'latin1'), hex(b)];
});
show('write partial char', function () { var b = B.alloc(4); return [b.write('a€b'), hex(b), B.alloc(3).write('€'), B.alloc(2).write('€'), B.alloc(3).write('ab', 'utf16le')]; });
show('write bad offset', function () { return B.alloc(2).write('a', 3); });
show('write not string', function () { return B.alloc(2).write(1); });

// slicing
show('subarray shares', function () {
	var b = B.from('hello'), s = b.subarray(1, 3);
	s[0] = 0x45;
	return [B.isBuffer(s), s.toString(), b.toString(), b.subarray(-2).toString(), b.subarray(3, 1).length, b.slice(1).toString()];
});
show('slice shares', function () { var b = B.from('abc'), s = b.slice(0, 1); s[0] = 0x7a; return b.toString(); });
show('typed slice copies', function () { var b = B.from('abc'), s = Uint8Array.prototype.slice.call(b, 0, 1); s[0] = 0x7a; return b.toString(); });

// json, equals, compare
show('toJSON', function () { return B.from([1, 2]).toJSON(); });
show('stringify', function () { return JSON.stringify({ b: B.from('hi') }); });
show('equals', function () { return [B.from('a').equals(B.from('a')), B.from('a').equals(new Uint8Array([97])), B.from('a').equals(B.from('b'))]; });
show('equals bad', function () { return B.from('a').equals('a'); });
show('compare ranges', function () {
	var a = B.from([1, 2, 3, 4]), b = B.from([3, 4, 5]);
	return [a.compare(b), a.compare(b, 0, 2, 2), a.compare(b, 0, 2, 2, 4), b.compare(a, 2), a.compare(b, 1, 1), a.compare(b, 0, 0, 1, 1)];
});
show('compare out of range', function () { return B.from('a').compare(B.from('b'), 0, 5); });

// searching
var hay = B.from('abcabc€');
show('indexOf', function () {
	return [hay.indexOf('b'), hay.indexOf('b', 2), hay.indexOf('bc', -3), hay.indexOf(99), hay.indexOf(B.from('ca')), hay.indexOf('zz'),
	    hay.indexOf('€'), hay.indexOf('62', 0, 'hex'), hay.indexOf(''), hay.indexOf('', 4), hay.indexOf('', 99), hay.indexOf('c', 'latin1'), hay.indexOf(0x163)];
});
show('lastIndexOf', function () { return [hay.lastIndexOf('b'), hay.lastIndexOf('b', 3), hay.lastIndexOf('abc', -5), hay.lastIndexOf(97, 0), hay.lastIndexOf('q')]; });
show('includes', function () { return [hay.includes('ca'), hay.includes('x'), hay.includes(97, 4)]; });
show('indexOf bad', function () { return hay.indexOf({}); });

// fill and copy
show('fill', function () {
	return [hex(B.alloc(5).fill('ab')), hex(B.alloc(5).fill(1, 1, 3)), hex(B.alloc(4).fill('ab', 1)), hex(B.alloc(4).fill('6162', 'hex')),
	    hex(B.alloc(3).fill('')), hex(B.alloc(3).fill(B.from([7, 8]))), hex(B.alloc(3).fill(-1)), hex(B.alloc(3).fill('€', 'utf16le'))];
});
show('fill bad hex', function () { return B.alloc(3).fill('zz', 'hex'); });
show('fill bad end', function () { return B.alloc(3).fill(1, 0, 9); });
show('copy', function () {
	var src = B.from('abcdef'), dst = B.alloc(4, '.');
	return [src.copy(dst), dst.toString(), src.copy(dst, 1, 4), dst.toString(), src.copy(dst, 3, 0, 10), dst.toString(), src.copy(dst, 9)];
});
show('copy overlap', function () { var b = B.from('abcdef'); b.copy(b, 2, 0, 4); return b.toString(); });

// swaps
show('swap', function () {
	return [hex(B.from([1, 2, 3, 4]).swap16()), hex(B.from([1, 2, 3, 4]).swap32()), hex(B.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64())];
});
show('swap bad', function () { return B.from([1, 2, 3]).swap16(); });

// integers
var ib = B.from([0x01, 0x02, 0x03, 0x04, 0xfe, 0xff, 0x80, 0x00]);
show('read 8', function () { return [ib.readUInt8(0), ib.readInt8(4), ib.readUint8(6), ib.readInt8(6)]; });
show('read 16', function () { return [ib.readUInt16LE(0), ib.readUInt16BE(0), ib.readInt16LE(4), ib.readInt16BE(4), ib.readUint16BE(6)]; });
show('read 32', function () { return [ib.readUInt32LE(0), ib.readUInt32BE(0), ib.readInt32LE(4), ib.readInt32BE(4), ib.readUint32LE(4)]; });
show('read variable', function () {
	return [ib.readUIntLE(0, 3), ib.readUIntBE(0, 6), ib.readIntLE(3, 3), ib.readIntBE(4, 2), ib.readIntBE(2, 6), ib.readUIntLE(2, 5), ib.readIntLE(0, 1)];
});
show('read default offset', function () { return [ib.readUInt16BE(), ib.readInt32LE()]; });
show('read out of range', function () { return ib.readUInt32LE(5); });
show('read non-integer', function () { return ib.readUInt8(1.5); });
show('read string offset', function () { return ib.readUInt8('1'); });
show('read short buffer', function () { return B.alloc(2).readUInt32LE(0); });
show('read bad byteLength', function () { return ib.readUIntLE(0, 7); });
show('read variable no offset', function () { return ib.readUIntLE(); });
show('write ints', function () {
	var b = B.alloc(12);
	return [b.writeUInt8(255, 0), b.writeInt8(-2, 1), b.writeUInt16LE(0x1234, 2), b.writeInt16BE(-2, 4), b.writeUInt32BE(0xdeadbeef, 6), b.writeInt32LE(-1, 8) && hex(b)];
});
show('write variable', function () {
	var b = B.alloc(6);
	return [b.writeUIntLE(0x123456, 0, 3), b.writeIntBE(-2, 3, 3), hex(b), B.alloc(6).writeUIntBE(0xffffffffffff, 0, 6), hex((function () { var c = B.alloc(6); c.writeIntLE(-0x800000000000, 0, 6); return c; })())];
});
show('write value out of range 8', function () { return B.alloc(1).writeUInt8(256); });
show('write value out of range 16', function () { return B.alloc(2).writeInt16LE(40000); });
show('write value out of range 32', function () { return B.alloc(4).writeUInt32LE(-1); });
show('write value out of range 48', function () { return B.alloc(6).writeUIntLE(Math.pow(2, 48), 0, 6); });
show('write value out of range s48', function () { return B.alloc(6).writeIntBE(Math.pow(2, 47), 0, 6); });
show('write value out of range s32', function () { return B.alloc(4).writeInt32BE(4294967296); });
show('write offset out of range', function () { return B.alloc(2).writeUInt16LE(1, 1); });
show('write coerces', function () { var b = B.alloc(2); b.writeUInt8('7', 0); b.writeUInt8(3.9, 1); return hex(b); });

// floats
show('floats', function () {
	var b = B.alloc(8);
	b.writeFloatLE(1.5, 0);
	b.writeFloatBE(-2.25, 4);
	var d = B.alloc(16);
	d.writeDoubleLE(Math.PI, 0);
	d.writeDoubleBE(1e300, 8);
	return [hex(b), b.readFloatLE(0), b.readFloatBE(4), hex(d), d.readDoubleLE(0), d.readDoubleBE(8), B.from([0, 0, 0xc0, 0x7f]).readFloatLE(0)];
});
show('float out of range', function () { return B.alloc(4).readDoubleLE(0); });

// the class
show('class', function () {
	var b = B.alloc(2);
	return [b instanceof Uint8Array, b instanceof B, b.constructor === B, Object.getPrototypeOf(B.prototype) === Uint8Array.prototype,
	    Object.getPrototypeOf(B) === Uint8Array, Object.prototype.toString.call(b), B.poolSize, typeof b.parent, b.offset];
});
show('typed methods', function () {
	var b = B.from([3, 1, 2]);
	return [B.isBuffer(b.map(function (x) { return x * 2; })), hex(b.map(function (x) { return x * 2; })), Array.prototype.join.call(b.reverse(), ','), b.length];
});
show('inspect', function () { return [B.from('hi').inspect(), B.alloc(0).inspect(), B.alloc(51).inspect().slice(-22), B.alloc(52).inspect().slice(-22)]; });
console.log(B.from('hi'), [B.from([1, 2, 3])]);
console.log(B.alloc(0), B.alloc(51));
show('global', function () { return Object.getOwnPropertyDescriptor(globalThis, 'Buffer'); });
