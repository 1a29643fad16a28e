/*
 * web_streams_codecs.js - the transform streams of the Encoding and
 * Compression standards: TextEncoderStream (a surrogate split between two
 * chunks is joined; one left at the end becomes U+FFFD), TextDecoderStream
 * (TextDecoder in streaming mode, every label and option it takes),
 * CompressionStream and DecompressionStream ("deflate", "deflate-raw",
 * "gzip") over native.zlib's incremental handles, output in pieces of at
 * most 16 KiB as Uint8Arrays.  Each is a TransformStream underneath
 * (web_streams.js's internal.streams.createTransform), exposed through
 * `readable` and `writable` as the standards say.
 *
 * A lazy global file (globals.c), loaded on the first touch of a name.
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter;
var kS = Symbol('state');

void global.TransformStream;	/* loads web_streams.js: internal.streams */
var streams = internal.streams;

function slot(obj, type) {
	var s = define.isObject(obj) ? obj[kS] : undefined;

	if (s === undefined || s.type !== type) {
		var e = new TypeError('Value of "this" must be of type ' + type);

		e.code = 'ERR_INVALID_THIS';
		throw e;
	}
	return s;
}
function needNew(self, Ctor, name) {
	if (!(self instanceof Ctor))
		throw new TypeError("Class constructor " + name + " cannot be invoked without 'new'");
}
/* A BufferSource chunk as bytes; anything else is the TypeError Node throws. */
function bytesOf(chunk) {
	if (chunk instanceof ArrayBuffer)
		return new Uint8Array(chunk);
	if (ArrayBuffer.isView(chunk))
		return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
	var e = new TypeError('The "chunk" argument must be an instance of ArrayBuffer or ArrayBufferView.');

	e.code = 'ERR_INVALID_ARG_TYPE';
	throw e;
}
function pairGetters(proto, type) {
	getter(proto, 'readable', function () { return slot(this, type).transform.readable; });
	getter(proto, 'writable', function () { return slot(this, type).transform.writable; });
	define.tag(proto, type);
}

/* ---- TextEncoderStream ---- */

function TextEncoderStream() {
	var encoder = new global.TextEncoder(), s = { type: 'TextEncoderStream', pending: '', transform: null };

	needNew(this, TextEncoderStream, 'TextEncoderStream');
	s.transform = streams.createTransform(function (chunk, enqueue) {
		var str = s.pending + String(chunk), last = str.charCodeAt(str.length - 1);

		s.pending = '';
		if (last >= 0xd800 && last <= 0xdbff) {
			s.pending = str.charAt(str.length - 1);
			str = str.slice(0, -1);
		}
		if (str !== '')
			enqueue(encoder.encode(str));
	}, function (enqueue) {
		if (s.pending !== '')
			enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
	});
	hide(this, kS, s);
}
getter(TextEncoderStream.prototype, 'encoding', function () { slot(this, 'TextEncoderStream'); return 'utf-8'; });
pairGetters(TextEncoderStream.prototype, 'TextEncoderStream');
define.inspectAs(TextEncoderStream.prototype, function (t) {
	return { encoding: t.encoding, readable: t.readable, writable: t.writable };
});

/* ---- TextDecoderStream ---- */

function TextDecoderStream(label, options) {
	var decoder, s;

	needNew(this, TextDecoderStream, 'TextDecoderStream');
	decoder = new global.TextDecoder(label === undefined ? 'utf-8' : label, options);
	s = { type: 'TextDecoderStream', decoder: decoder, transform: null };
	s.transform = streams.createTransform(function (chunk, enqueue) {
		var out = decoder.decode(bytesOf(chunk), { stream: true });

		if (out !== '')
			enqueue(out);
	}, function (enqueue) {
		var out = decoder.decode();

		if (out !== '')
			enqueue(out);
	});
	hide(this, kS, s);
}
getter(TextDecoderStream.prototype, 'encoding', function () { return slot(this, 'TextDecoderStream').decoder.encoding; });
getter(TextDecoderStream.prototype, 'fatal', function () { return slot(this, 'TextDecoderStream').decoder.fatal; });
getter(TextDecoderStream.prototype, 'ignoreBOM', function () { return slot(this, 'TextDecoderStream').decoder.ignoreBOM; });
pairGetters(TextDecoderStream.prototype, 'TextDecoderStream');
define.inspectAs(TextDecoderStream.prototype, function (t) {
	return { encoding: t.encoding, fatal: t.fatal, ignoreBOM: t.ignoreBOM, readable: t.readable, writable: t.writable };
});

/* ---- CompressionStream, DecompressionStream ---- */

var PIECE = 16384, Z_NO_FLUSH = 0, Z_FINISH = 4;
/* format -> [compress mode, decompress mode] of native.zlib (node_zlib.js's MODES) */
var formats = { deflate: [1, 2], gzip: [3, 4], 'deflate-raw': [5, 6] };

function zlibTransform(format, decompress) {
	var modes = Object.prototype.hasOwnProperty.call(formats, format) ? formats[format] : null, z = native.zlib, h;

	if (modes === null) {
		var e = new TypeError("The argument 'format' is invalid. Received " +
		    (typeof format === 'string' ? "'" + format + "'" : String(format)));

		e.code = 'ERR_INVALID_ARG_VALUE';
		throw e;
	}
	h = z.open(modes[decompress ? 1 : 0], -1, 15, 8, 0);
	function run(bytes, flush, enqueue) {
		var out;

		z.input(h, bytes);
		do {
			out = z.step(h, flush, PIECE);
			if (out.length > 0)
				enqueue(new Uint8Array(out.buffer, out.byteOffset, out.length));
		} while (out.length === PIECE);
	}
	function close() {
		if (h !== null)
			z.close(h);
		h = null;
	}
	return streams.createTransform(function (chunk, enqueue) {
		try {
			run(bytesOf(chunk), Z_NO_FLUSH, enqueue);
		} catch (e) {
			close();
			throw e;
		}
	}, function (enqueue) {
		try {
			run(new Uint8Array(0), Z_FINISH, enqueue);
		} finally {
			close();
		}
	}, function () {
		close();
		return Promise.resolve();
	});
}

function CompressionStream(format) {
	needNew(this, CompressionStream, 'CompressionStream');
	hide(this, kS, { type: 'CompressionStream', transform: zlibTransform(String(format), false) });
}
pairGetters(CompressionStream.prototype, 'CompressionStream');

function DecompressionStream(format) {
	needNew(this, DecompressionStream, 'DecompressionStream');
	hide(this, kS, { type: 'DecompressionStream', transform: zlibTransform(String(format), true) });
}
pairGetters(DecompressionStream.prototype, 'DecompressionStream');

[CompressionStream, DecompressionStream].forEach(function (C) {
	define.inspectAs(C.prototype, function (t) { return { readable: t.readable, writable: t.writable }; });
});

[['TextEncoderStream', TextEncoderStream], ['TextDecoderStream', TextDecoderStream],
    ['CompressionStream', CompressionStream], ['DecompressionStream', DecompressionStream]
].forEach(function (e) {
	hide(e[1].prototype, 'constructor', e[1]);
	hide(global, e[0], e[1]);
});
})
