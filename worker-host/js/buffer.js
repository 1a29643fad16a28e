/*
 * buffer.js - Node's Buffer (and the `buffer` module) on Uint8Array, as
 * current Node has it: a Buffer is a Uint8Array whose prototype is
 * Buffer.prototype, itself inheriting from Uint8Array.prototype, so every
 * typed-array method and the engine's fast indexed access apply, and
 * Buffer.prototype adds the encodings, the integer and float accessors
 * and Node's slicing (subarray and slice share memory and give Buffers).
 *
 * Called once per heap, on first use, with rt_buffer.c's codecs; returns
 * the module's exports (the global Buffer and require("buffer")).  Every
 * byte loop is C: UTF-8 goes through the runtime's TextEncoder/TextDecoder
 * (WHATWG replacement rules, as Node's), hex and base64 encoding through
 * Duktape's codecs, and hex and base64 decoding (Node's lenient rules),
 * latin1, ascii and UTF-16 through rt_buffer.c, since in JavaScript they
 * took 0.3-2.3 s a MiB.  Node's errors carry Node's code and message.
 * Absent, because Duktape has no BigInt: the *BigInt64* accessors.
 */
(function (native) {
'use strict';

var U8 = Uint8Array;
var u8proto = U8.prototype;
var setProto = Object.setPrototypeOf;
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var kMaxLength = 4294967296;	/* Node 20's on 64 bits; Duktape's heap cap comes first */
var INSPECT_MAX_BYTES = 50;

/* ---- Node's errors ---- */

function nodeError(Ctor, code, message) {
	var e = new Ctor(message);

	e.code = code;
	return e;
}

function describe(v) {
	var s;

	if (v === null || v === undefined)
		return ' Received ' + v;
	if (typeof v === 'function')
		return ' Received function ' + (v.name || '');
	if (typeof v === 'object') {
		if (v.constructor && v.constructor.name)
			return ' Received an instance of ' + v.constructor.name;
		return ' Received ' + String(v);
	}
	s = typeof v === 'string' ? "'" + v + "'" : String(v);
	if (s.length > 25)
		s = s.slice(0, 25) + '...';
	return ' Received type ' + typeof v + ' (' + s + ')';
}

function argTypeError(name, expected, v) {
	var what = / argument$/.test(name) ? name : '"' + name + '" argument';

	return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The ' + what + ' must be ' + expected + '.' +
	    describe(v));
}

/* 4294967296 -> 4_294_967_296, as Node prints large integers. */
function separated(n) {
	var s = String(n), i = s.length, out = '', start = s[0] === '-' ? 1 : 0;

	if (Math.floor(n) !== n || Math.abs(n) <= 4294967296)
		return s;
	for (; i >= start + 4; i -= 3)
		out = '_' + s.slice(i - 3, i) + out;
	return s.slice(0, i) + out;
}

function rangeError(name, range, v) {
	return nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name +
	    '" is out of range. It must be ' + range + '. Received ' +
	    (typeof v === 'number' ? separated(v) : String(v)));
}

function outOfBounds() {
	return nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
}

function unknownEncoding(enc) {
	return nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
}

function requireNumber(v, name) {
	if (typeof v !== 'number')
		throw argTypeError(name, 'of type number', v);
}

function requireInteger(v, name, min, max) {
	requireNumber(v, name);
	if (Math.floor(v) !== v)
		throw rangeError(name, 'an integer', v);
	if (v < min || v > max)
		throw rangeError(name, '>= ' + min + ' && <= ' + max, v);
}

function requireView(v, name) {
	if (!(v instanceof U8))
		throw argTypeError(name, 'an instance of Buffer or Uint8Array', v);
}

/* ---- encodings ---- */

var ENCODINGS = {
	'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le',
	'utf-16le': 'utf16le', 'latin1': 'latin1', 'binary': 'latin1', 'base64': 'base64',
	'base64url': 'base64url', 'hex': 'hex', 'ascii': 'ascii'
};

/* The canonical name, or undefined. */
function normalize(enc) {
	if (enc === undefined || enc === null || enc === '')
		return 'utf8';
	return ENCODINGS[String(enc).toLowerCase()];
}

function encodingOf(enc) {
	var e = normalize(enc);

	if (e === undefined)
		throw unknownEncoding(enc);
	return e;
}

/* native's kinds (rt_buffer.c) */
var LATIN1 = 0, ASCII = 1, UTF16LE = 2;

/* A string's bytes in an encoding: a Uint8Array, not a Buffer. */
function stringBytes(s, enc) {
	switch (enc) {
	case 'utf8': return encoder.encode(s);
	case 'utf16le': return native.encode(s, UTF16LE);
	case 'latin1': case 'ascii': return native.encode(s, LATIN1);
	case 'hex': return native.hex(s);
	default: return native.base64(s);
	}
}

function decode(view, enc) {
	switch (enc) {
	case 'utf8': return decoder.decode(view);
	case 'utf16le': return native.decode(view, UTF16LE);
	case 'latin1': return native.decode(view, LATIN1);
	case 'ascii': return native.decode(view, ASCII);
	case 'hex': return Duktape.enc('hex', view);
	case 'base64': return Duktape.enc('base64', view);
	default: return Duktape.enc('base64', view).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}
}

/* ---- making Buffers ---- */

/* bytes [s, e) of b as a Uint8Array over b's own ArrayBuffer (s and e
 * already in range). */
function bytesView(b, s, e) {
	return new U8(b.buffer, b.byteOffset + s, Math.max(Math.min(e, b.length) - s, 0));
}

function wrap(view) {
	setProto(view, Buffer.prototype);
	return view;
}

function allocate(size) {
	return wrap(new U8(size));
}

function requireSize(size) {
	requireNumber(size, 'size');
	if (!(size >= 0 && size <= kMaxLength))
		throw rangeError('size', '>= 0 && <= ' + kMaxLength, size);
}

function fromString(s, enc) {
	var e = normalize(enc);

	if (e === undefined)
		throw unknownEncoding(enc);
	return wrap(stringBytes(s, e));
}

function fromArrayLike(a) {
	var n = a.length > 0 ? Math.floor(a.length) : 0, out = allocate(n), i;

	for (i = 0; i < n; i++)
		out[i] = a[i];
	return out;
}

function fromArrayBuffer(ab, offset, length) {
	var off = offset === undefined ? 0 : +offset || 0, max = ab.byteLength - off, len;

	if (max < 0)
		throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
	len = length === undefined ? max : +length || 0;
	if (len > max)
		throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
	return wrap(new U8(ab, off, len < 0 ? 0 : len));
}

var FROM_TYPES = 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object';

function from(value, encodingOrOffset, length) {
	var prim;

	if (typeof value === 'string')
		return fromString(value, encodingOrOffset);
	if (typeof value === 'object' && value !== null) {
		if (value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object SharedArrayBuffer]')
			return fromArrayBuffer(value, encodingOrOffset, length);
		if (ArrayBuffer.isView(value) && !(value instanceof DataView))
			return fromArrayLike(value instanceof U8 ? value : Array.prototype.slice.call(value));
		prim = value.valueOf && value.valueOf();
		if (prim !== null && prim !== undefined && prim !== value)
			return from(prim, encodingOrOffset, length);
		if (typeof value.length === 'number' || Array.isArray(value))
			return fromArrayLike(value);
		if (value.type === 'Buffer' && Array.isArray(value.data))
			return fromArrayLike(value.data);
		if (typeof value[Symbol.toPrimitive] === 'function') {
			prim = value[Symbol.toPrimitive]('string');
			if (typeof prim === 'string')
				return fromString(prim, encodingOrOffset);
		}
	}
	throw argTypeError('first argument', FROM_TYPES, value);
}

/* The deprecated call and `new` forms: a number allocates, anything else
 * is Buffer.from. */
function Buffer(arg, encodingOrOffset, length) {
	if (typeof arg === 'number') {
		if (typeof encodingOrOffset === 'string')
			throw argTypeError('string', 'of type string', arg);
		return alloc(arg);
	}
	return from(arg, encodingOrOffset, length);
}

function alloc(size, fill, encoding) {
	var b;

	requireSize(size);
	b = allocate(size);
	if (fill !== undefined && fill !== 0 && size > 0)
		fillBuffer(b, fill, 0, b.length, encoding);
	return b;
}

function allocUnsafe(size) {
	requireSize(size);
	return allocate(size);
}

function byteLength(s, enc) {
	var e;

	if (typeof s !== 'string') {
		if (ArrayBuffer.isView(s) || s instanceof ArrayBuffer)
			return s.byteLength;
		throw argTypeError('string', 'of type string or an instance of Buffer or ArrayBuffer', s);
	}
	e = normalize(enc) || 'utf8';
	switch (e) {
	case 'utf8': return encoder.encode(s).length;
	case 'utf16le': return s.length * 2;
	case 'latin1': case 'ascii': return s.length;
	case 'hex': return s.length >>> 1;
	default: return base64Length(s);
	}
}

/* Node's estimate from the length and the padding, not a decode. */
function base64Length(s) {
	var n = s.length;

	if (n > 0 && s.charCodeAt(n - 1) === 0x3d)
		n--;
	if (n > 1 && s.charCodeAt(n - 1) === 0x3d)
		n--;
	return (n * 3) >>> 2;
}

function compareBytes(a, as, ae, b, bs, be) {
	var n = Math.min(ae - as, be - bs), i;

	for (i = 0; i < n; i++) {
		if (a[as + i] !== b[bs + i])
			return a[as + i] < b[bs + i] ? -1 : 1;
	}
	return ae - as < be - bs ? -1 : ae - as > be - bs ? 1 : 0;
}

function compare(a, b) {
	requireView(a, 'buf1');
	requireView(b, 'buf2');
	return compareBytes(a, 0, a.length, b, 0, b.length);
}

function concat(list, totalLength) {
	var n = 0, out, pos = 0, i, item;

	if (!Array.isArray(list))
		throw argTypeError('list', 'an instance of Array', list);
	if (list.length === 0)
		return allocate(0);
	for (i = 0; i < list.length; i++) {
		if (!(list[i] instanceof U8))
			throw argTypeError('list[' + i + ']', 'an instance of Buffer or Uint8Array', list[i]);
		n += list[i].length;
	}
	if (totalLength !== undefined) {
		requireInteger(totalLength, 'length', 0, kMaxLength);
		n = totalLength;
	}
	out = allocate(n);
	for (i = 0; i < list.length && pos < n; i++) {
		item = list[i];
		if (item.length > n - pos)
			item = bytesView(item, 0, n - pos);
		out.set(item, pos);
		pos += item.length;
	}
	return out;
}

/* The bytes of view's elements [offset, offset + length), copied. */
function copyBytesFrom(view, offset, length) {
	var n, bpe, start, end;

	if (!ArrayBuffer.isView(view) || view instanceof DataView)
		throw argTypeError('view', 'an instance of TypedArray', view);
	n = view.length;
	bpe = view.BYTES_PER_ELEMENT;
	start = offset === undefined ? 0 : (requireInteger(offset, 'offset', 0, Number.MAX_SAFE_INTEGER), offset);
	end = length === undefined ? n : (requireInteger(length, 'length', 0, Number.MAX_SAFE_INTEGER),
	    Math.min(start + length, n));
	if (start >= n || end <= start)
		return allocate(0);
	return fromArrayLike(new U8(view.buffer, view.byteOffset + start * bpe, (end - start) * bpe));
}

function isBuffer(b) {
	return b instanceof Buffer;
}

function isEncoding(e) {
	return typeof e === 'string' && e.length !== 0 && normalize(e) !== undefined;
}

/* ---- the prototype ---- */

/* Clamps start/end to [0, len] with negatives from the end, as subarray. */
function clampIndex(v, len, dflt) {
	var n;

	if (v === undefined)
		return dflt;
	n = Math.trunc(+v) || 0;
	if (n < 0)
		return Math.max(len + n, 0);
	return Math.min(n, len);
}

function subarray(start, end) {
	var len = this.length;

	return wrap(bytesView(this, clampIndex(start, len, 0), clampIndex(end, len, len)));
}

function toString(encoding, start, end) {
	var len = this.length, s, e;

	if (arguments.length === 0)
		return decoder.decode(this);
	s = start === undefined || start <= 0 ? 0 : Math.trunc(+start) || 0;
	e = end === undefined || end > len ? len : Math.trunc(+end) || 0;
	if (s >= len || e <= s)
		return (encodingOf(encoding), '');
	return decode(bytesView(this, s, e), encodingOf(encoding));
}

/* The bytes of a full character that fit in n, for a partial write. */
function wholeChars(bytes, n, enc) {
	if (n >= bytes.length)
		return bytes.length;
	if (enc === 'utf16le')
		return n & ~1;
	if (enc === 'utf8') {
		while (n > 0 && (bytes[n] & 0xc0) === 0x80)
			n--;
	}
	return n;
}

function write(string, offset, length, encoding) {
	var bytes, enc, n, left;

	if (typeof string !== 'string')
		throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
	if (typeof offset === 'string') {
		encoding = offset;
		offset = 0;
		length = undefined;
	} else if (typeof length === 'string') {
		encoding = length;
		length = undefined;
	}
	if (offset === undefined)
		offset = 0;
	else
		requireInteger(offset, 'offset', 0, this.length);
	left = this.length - offset;
	if (length === undefined)
		length = left;
	else
		requireInteger(length, 'length', 0, this.length);
	enc = encodingOf(encoding);
	bytes = stringBytes(string, enc);
	n = wholeChars(bytes, Math.min(length, left), enc);
	this.set(n === bytes.length ? bytes : bytesView(bytes, 0, n), offset);
	return n;
}

function toJSON() {
	return { type: 'Buffer', data: Array.prototype.slice.call(this) };
}

function equals(other) {
	requireView(other, 'otherBuffer');
	return this === other || compareBytes(this, 0, this.length, other, 0, other.length) === 0;
}

function compareRange(v, name, dflt, max) {
	if (v === undefined)
		return dflt;
	requireInteger(v, name, 0, max);
	return v;
}

function compareTo(target, targetStart, targetEnd, sourceStart, sourceEnd) {
	var ts, te, ss, se;

	requireView(target, 'target');
	ts = compareRange(targetStart, 'targetStart', 0, kMaxLength);
	te = compareRange(targetEnd, 'targetEnd', target.length, target.length);
	ss = compareRange(sourceStart, 'sourceStart', 0, kMaxLength);
	se = compareRange(sourceEnd, 'sourceEnd', this.length, this.length);
	if (ss >= se)
		return ts >= te ? 0 : -1;
	if (ts >= te)
		return 1;
	return compareBytes(this, ss, se, target, ts, te);
}

/* value as bytes for indexOf/fill: a string in the encoding, a Uint8Array,
 * or a number's low byte. */
function needleOf(value, enc) {
	if (typeof value === 'string')
		return stringBytes(value, encodingOf(enc));
	if (value instanceof U8)
		return value;
	if (typeof value === 'number')
		return [value >>> 0 & 0xff];
	throw argTypeError('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
}

function matchAt(hay, needle, i) {
	var j;

	for (j = 0; j < needle.length; j++) {
		if (hay[i + j] !== needle[j])
			return false;
	}
	return true;
}

function search(buf, value, byteOffset, encoding, forward) {
	var len = buf.length, needle, start, i;

	if (typeof byteOffset === 'string') {
		encoding = byteOffset;
		byteOffset = undefined;
	}
	start = +byteOffset;
	if (start !== start || byteOffset === undefined || byteOffset === null)
		start = forward ? 0 : len;
	start = Math.trunc(start);
	if (start < 0)
		start += len;
	needle = needleOf(value, encoding);
	if (needle.length === 0)
		return forward ? Math.min(Math.max(start, 0), len) : Math.min(Math.max(start, 0), len);
	if (forward) {
		for (i = Math.max(start, 0); i + needle.length <= len; i++) {
			if (matchAt(buf, needle, i))
				return i;
		}
		return -1;
	}
	for (i = Math.min(start, len - needle.length); i >= 0; i--) {
		if (matchAt(buf, needle, i))
			return i;
	}
	return -1;
}

function indexOf(value, byteOffset, encoding) {
	return search(this, value, byteOffset, encoding, true);
}

function lastIndexOf(value, byteOffset, encoding) {
	return search(this, value, byteOffset, encoding, false);
}

function includes(value, byteOffset, encoding) {
	return search(this, value, byteOffset, encoding, true) !== -1;
}

function fillBuffer(buf, value, offset, end, encoding) {
	var bytes, i, j;

	if (typeof value === 'number' || typeof value === 'boolean') {
		U8.prototype.fill.call(buf, (+value) & 0xff, offset, end);
		return buf;
	}
	bytes = needleOf(value, encoding);
	if (bytes.length === 0) {
		if (typeof value === 'string' && value.length > 0)
			throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received '" + value + "'");
		bytes = [0];
	}
	for (i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length)
		buf[i] = bytes[j];
	return buf;
}

function fill(value, offset, end, encoding) {
	if (typeof offset === 'string') {
		encoding = offset;
		offset = 0;
		end = this.length;
	} else if (typeof end === 'string') {
		encoding = end;
		end = this.length;
	}
	if (typeof value === 'string' && encoding !== undefined)
		encodingOf(encoding);
	offset = offset === undefined ? 0 : (requireInteger(offset, 'offset', 0, kMaxLength), offset);
	end = end === undefined ? this.length : (requireInteger(end, 'end', 0, this.length), end);
	if (offset >= end)
		return this;
	return fillBuffer(this, value, offset, end, encoding);
}

function copy(target, targetStart, sourceStart, sourceEnd) {
	var ts, ss, se, n;

	requireView(target, 'target');
	ts = targetStart === undefined ? 0 : Math.trunc(+targetStart) || 0;
	ss = sourceStart === undefined ? 0 : Math.trunc(+sourceStart) || 0;
	se = sourceEnd === undefined ? this.length : Math.trunc(+sourceEnd) || 0;
	if (ts < 0)
		throw rangeError('targetStart', '>= 0 && <= ' + kMaxLength, ts);
	if (ss < 0 || ss > this.length)
		throw rangeError('sourceStart', '>= 0 && <= ' + this.length, ss);
	if (se < 0)
		throw rangeError('sourceEnd', '>= 0 && <= ' + kMaxLength, se);
	se = Math.min(se, this.length);
	n = Math.min(se - ss, target.length - ts);
	if (n <= 0 || ts >= target.length)
		return 0;
	target.set(bytesView(this, ss, ss + n), ts);
	return n;
}

function swapper(size) {
	return function () {
		var len = this.length, i, j, t;

		if (len % size !== 0)
			throw nodeError(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' +
			    (size * 8) + '-bits');
		for (i = 0; i < len; i += size) {
			for (j = 0; j < size >> 1; j++) {
				t = this[i + j];
				this[i + j] = this[i + size - 1 - j];
				this[i + size - 1 - j] = t;
			}
		}
		return this;
	};
}

function inspect() {
	var n = Math.min(this.length, INSPECT_MAX_BYTES);
	var s = Duktape.enc('hex', bytesView(this, 0, n)).replace(/(..)(?!$)/g, '$1 ');

	if (this.length > n)
		s += ' ... ' + (this.length - n) + ' more byte' + (this.length - n > 1 ? 's' : '');
	return '<Buffer ' + s + '>';
}

/* ---- integers and floats ---- */

function checkOffset(buf, offset, size) {
	if (offset === undefined)
		offset = 0;
	requireNumber(offset, 'offset');
	if (Math.floor(offset) !== offset)
		throw rangeError('offset', 'an integer', offset);
	if (buf.length - size < 0)
		throw outOfBounds();
	if (offset < 0 || offset > buf.length - size)
		throw rangeError('offset', '>= 0 and <= ' + (buf.length - size), offset);
	return offset;
}

function checkByteLength(n) {
	requireNumber(n, 'byteLength');
	if (Math.floor(n) !== n)
		throw rangeError('byteLength', 'an integer', n);
	if (n < 1 || n > 6)
		throw rangeError('byteLength', '>= 1 and <= 6', n);
}

/* Unsigned value of n bytes at offset, little- or big-endian. */
function readBytes(buf, offset, n, le) {
	var v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 256 + buf[le ? offset + n - 1 - i : offset + i];
	return v;
}

function signed(v, n) {
	var top = Math.pow(2, 8 * n - 1);

	return v >= top ? v - 2 * top : v;
}

function writeBytes(buf, v, offset, n, le) {
	var i, b;

	v = v < 0 ? v + Math.pow(2, 8 * n) : v;
	for (i = 0; i < n; i++) {
		b = v % 256;
		v = Math.floor(v / 256);
		buf[le ? offset + i : offset + n - 1 - i] = b;
	}
}

function valueRange(n, isSigned) {
	var bits = 8 * n;

	if (n > 4)
		return isSigned ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits;
	return isSigned ? '>= ' + -Math.pow(2, bits - 1) + ' and <= ' + (Math.pow(2, bits - 1) - 1) :
	    '>= 0 and <= ' + (Math.pow(2, bits) - 1);
}

function checkValue(v, n, isSigned) {
	var max = isSigned ? Math.pow(2, 8 * n - 1) - 1 : Math.pow(2, 8 * n) - 1;
	var min = isSigned ? -Math.pow(2, 8 * n - 1) : 0;

	if (v > max || v < min)
		throw rangeError('value', valueRange(n, isSigned), v);
}

function reader(n, le, isSigned) {
	return function (offset) {
		var o = checkOffset(this, offset, n), v = readBytes(this, o, n, le);

		return isSigned ? signed(v, n) : v;
	};
}

function writer(n, le, isSigned) {
	return function (value, offset) {
		var v = +value, o;

		checkValue(v, n, isSigned);
		o = checkOffset(this, offset, n);
		writeBytes(this, v !== v ? 0 : Math.trunc(v), o, n, le);
		return o + n;
	};
}

function variableReader(le, isSigned) {
	return function (offset, n) {
		var o;

		if (offset === undefined)
			throw argTypeError('offset', 'of type number', offset);
		checkByteLength(n);
		o = checkOffset(this, offset, n);
		return isSigned ? signed(readBytes(this, o, n, le), n) : readBytes(this, o, n, le);
	};
}

function variableWriter(le, isSigned) {
	return function (value, offset, n) {
		var v = +value, o;

		if (offset === undefined)
			throw argTypeError('offset', 'of type number', offset);
		checkByteLength(n);
		checkValue(v, n, isSigned);
		o = checkOffset(this, offset, n);
		writeBytes(this, v !== v ? 0 : Math.trunc(v), o, n, le);
		return o + n;
	};
}

var scratch = new DataView(new ArrayBuffer(8));

function floatReader(n, le) {
	return function (offset) {
		var o = checkOffset(this, offset, n), i;

		for (i = 0; i < n; i++)
			scratch.setUint8(i, this[o + i]);
		return n === 4 ? scratch.getFloat32(0, le) : scratch.getFloat64(0, le);
	};
}

function floatWriter(n, le) {
	return function (value, offset) {
		var o = checkOffset(this, offset, n), i;

		if (n === 4)
			scratch.setFloat32(0, +value, le);
		else
			scratch.setFloat64(0, +value, le);
		for (i = 0; i < n; i++)
			this[o + i] = scratch.getUint8(i);
		return o + n;
	};
}

var proto = Object.create(u8proto);
var methods = {
	toString: toString, toLocaleString: toString, write: write, toJSON: toJSON, equals: equals,
	compare: compareTo, indexOf: indexOf, lastIndexOf: lastIndexOf, includes: includes, fill: fill,
	copy: copy, subarray: subarray, slice: subarray, swap16: swapper(2), swap32: swapper(4),
	swap64: swapper(8), inspect: inspect,
	readUIntLE: variableReader(true, false), readUIntBE: variableReader(false, false),
	readIntLE: variableReader(true, true), readIntBE: variableReader(false, true),
	writeUIntLE: variableWriter(true, false), writeUIntBE: variableWriter(false, false),
	writeIntLE: variableWriter(true, true), writeIntBE: variableWriter(false, true),
	readFloatLE: floatReader(4, true), readFloatBE: floatReader(4, false),
	readDoubleLE: floatReader(8, true), readDoubleBE: floatReader(8, false),
	writeFloatLE: floatWriter(4, true), writeFloatBE: floatWriter(4, false),
	writeDoubleLE: floatWriter(8, true), writeDoubleBE: floatWriter(8, false)
};
var sizes = [[1, ''], [2, 'LE'], [2, 'BE'], [4, 'LE'], [4, 'BE']];
var k, i, name;

for (i = 0; i < sizes.length; i++) {
	name = 'Int' + sizes[i][0] * 8 + sizes[i][1];
	methods['readU' + name] = reader(sizes[i][0], sizes[i][1] !== 'BE', false);
	methods['read' + name] = reader(sizes[i][0], sizes[i][1] !== 'BE', true);
	methods['writeU' + name] = writer(sizes[i][0], sizes[i][1] !== 'BE', false);
	methods['write' + name] = writer(sizes[i][0], sizes[i][1] !== 'BE', true);
}
/* Node's lower-case aliases: readUint8 for readUInt8 and so on. */
for (k in methods) {
	if (/^(read|write)UInt/.test(k))
		methods[k.replace('UInt', 'Uint')] = methods[k];
}
for (k in methods)
	Object.defineProperty(proto, k, { value: methods[k], writable: true, configurable: true, enumerable: true });
Object.defineProperty(proto, Symbol['for']('nodejs.util.inspect.custom'),
    { value: inspect, writable: true, configurable: true });
Object.defineProperty(proto, 'parent', { get: function () { return this instanceof Buffer ? this.buffer : undefined; },
    configurable: true, enumerable: true });
Object.defineProperty(proto, 'offset', { get: function () { return this instanceof Buffer ? this.byteOffset : undefined; },
    configurable: true, enumerable: true });
Object.defineProperty(proto, 'constructor', { value: Buffer, writable: true, configurable: true });
Buffer.prototype = proto;
setProto(Buffer, U8);

var statics = {
	from: from, copyBytesFrom: copyBytesFrom, alloc: alloc, allocUnsafe: allocUnsafe, allocUnsafeSlow: allocUnsafe,
	byteLength: byteLength, compare: compare, concat: concat, isBuffer: isBuffer, isEncoding: isEncoding
};
for (k in statics)
	Object.defineProperty(Buffer, k, { value: statics[k], writable: true, configurable: true, enumerable: true });
Buffer.poolSize = 8192;

function SlowBuffer(size) {
	return allocUnsafe(size);
}
SlowBuffer.prototype = proto;

/* Node's is a DOMException, which this runtime does not have yet. */
function invalidCharacter(message) {
	var e = new Error(message);

	e.name = 'InvalidCharacterError';
	e.code = 5;
	return e;
}

function btoa(s) {
	var i;

	s = String(s);
	for (i = 0; i < s.length; i++) {
		if (s.charCodeAt(i) > 0xff)
			throw invalidCharacter('Invalid character');
	}
	return decode(native.encode(s, LATIN1), 'base64');
}

function atob(s) {
	s = String(s).replace(/[\t\n\f\r ]/g, '');
	if (s.length % 4 === 0)
		s = s.replace(/==?$/, '');
	if (s.length % 4 === 1 || /[^A-Za-z0-9+\/]/.test(s))
		throw invalidCharacter('The string to be decoded is not correctly encoded.');
	return native.decode(native.base64(s), LATIN1);
}

function isUtf8(v) {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(v);
		return true;
	} catch (e) {
		return false;
	}
}

function isAscii(v) {
	var i;

	for (i = 0; i < v.length; i++) {
		if (v[i] > 0x7f)
			return false;
	}
	return true;
}

return {
	Buffer: Buffer, SlowBuffer: SlowBuffer, kMaxLength: kMaxLength, kStringMaxLength: (1 << 29) - 24,
	constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: (1 << 29) - 24 },
	INSPECT_MAX_BYTES: INSPECT_MAX_BYTES, atob: atob, btoa: btoa, isUtf8: isUtf8, isAscii: isAscii
};
})
