/*
 * node_zlib.js - Node's `zlib` on mod_zlib.c (native.zlib): the one-shot
 * forms, sync (gzipSync...) and callback (gzip(buf, [options], cb), run
 * later on the event loop), with Node's option checks and constants, and
 * crc32.  The stream classes (Gzip, createGzip...) are node_zlib_stream.js,
 * loaded on their first use, since they need `stream`.  Brotli is absent:
 * its functions throw ERR_WORKERSD_UNSUPPORTED (docs/worker-api.md).
 * Output is bounded by maxOutputLength (default and ceiling 1 GiB): past
 * it, a RangeError.
 */
'use strict';

var errors = require('internal/errors');
var later = require('internal/later');

var z = native.zlib;
var MAX_OUTPUT = 1073741824;
var MODES = { deflate: 1, inflate: 2, gzip: 3, gunzip: 4, deflateRaw: 5, inflateRaw: 6, unzip: 7 };
var constants = {
	Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
	Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
	Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
	Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
	Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4784,
	DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
	Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
	Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
	Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
	Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1
};

var codeError = errors.withCode;

function received(v) {
	return ' ' + errors.received(v);
}

function toBytes(data) {
	return later.bytes(data, 'utf8', 'buffer',
	    'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', true);
}

/* An integer option within [lo, hi], or its default. */
function intOption(o, name, lo, hi, dflt) {
	var v = o[name];

	if (v === undefined)
		return dflt;
	if (typeof v !== 'number')
		throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options.' + name +
		    '" property must be of type number.' + received(v));
	if (!isFinite(v) || v !== Math.floor(v) || v < lo || v > hi)
		throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "options.' + name +
		    '" is out of range. It must be >= ' + lo + (hi === Infinity ? '' : ' and <= ' + hi) +
		    '. Received ' + v);
	return v;
}

/* What native.zlib.run and open take after the mode, checked as Node
 * does: [level, windowBits, memLevel, strategy]. */
function settings(mode, o) {
	var inflate = mode === 2 || mode === 4 || mode === 6 || mode === 7;
	var wbits = intOption(o, 'windowBits', inflate ? 0 : 8, 15, 15);

	if (o.dictionary !== undefined)
		throw errors.unsupported('The zlib dictionary option');

	/* zlib refuses a raw deflate window of 8; Node asks for 9 instead. */
	if (!inflate && wbits === 8)
		wbits = 9;
	if (inflate && wbits === 0 && mode !== 2 && mode !== 7)
		wbits = 15;
	return [intOption(o, 'level', -1, 9, -1), wbits, intOption(o, 'memLevel', 1, 9, 8),
	    intOption(o, 'strategy', 0, 4, 0)];
}

function finishFlush(o) {
	return intOption(o, 'finishFlush', constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_FINISH);
}

function run(mode, data, options) {
	var o = options || {}, set = settings(mode, o);

	return later.buffer(z.run(mode, toBytes(data), set[0], set[1], set[2], set[3],
	    intOption(o, 'maxOutputLength', 1, MAX_OUTPUT, MAX_OUTPUT), finishFlush(o)));
}

var zlib = { constants: constants, codes: {} };

Object.keys(constants).forEach(function (k) {
	if (/^Z_/.test(k))
		zlib[k] = constants[k];
});
['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR', 'Z_MEM_ERROR',
    'Z_BUF_ERROR', 'Z_VERSION_ERROR'].forEach(function (k) {
	zlib.codes[k] = constants[k];
	zlib.codes[constants[k]] = k;
});

Object.keys(MODES).forEach(function (name) {
	var mode = MODES[name], withCallback;

	zlib[name + 'Sync'] = function (data, options) {
		return run(mode, data, options);
	};
	withCallback = later.callbackForm(zlib[name + 'Sync']);

	zlib[name] = function (data, options, cb) {
		return typeof options === 'function' ? withCallback(data, undefined, options) :
		    withCallback(data, options, cb);
	};
});

zlib.crc32 = function (data, value) {
	return z.crc32(toBytes(data), value === undefined ? 0 : value);
};

/* The stream classes, made on first use. */
var classes = null;

function streamClasses() {
	if (!classes)
		classes = require('internal/zlib_stream')({ settings: settings, intOption: intOption,
		    finishFlush: finishFlush, toBytes: toBytes, modes: MODES, constants: constants });
	return classes;
}

Object.keys(MODES).forEach(function (name) {
	var cls = name.charAt(0).toUpperCase() + name.slice(1);

	Object.defineProperty(zlib, cls, { enumerable: true, configurable: true,
	    get: function () { return streamClasses()[cls]; } });
	zlib['create' + cls] = function (options) {
		return new (streamClasses()[cls])(options);
	};
});

function noBrotli() {
	throw errors.unsupported('Brotli');
}
['createBrotliCompress', 'createBrotliDecompress', 'brotliCompress', 'brotliCompressSync',
    'brotliDecompress', 'brotliDecompressSync'].forEach(function (k) {
	zlib[k] = noBrotli;
});

module.exports = zlib;
