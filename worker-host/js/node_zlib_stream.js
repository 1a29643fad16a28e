/*
 * node_zlib_stream.js - Node's zlib stream classes (Deflate, Inflate, Gzip,
 * Gunzip, DeflateRaw, InflateRaw, Unzip): Transform streams over one
 * incremental z_stream each (native.zlib.open/input/step, mod_zlib.c),
 * whose output comes in pieces of at most chunkSize bytes; flush(kind,
 * cb), reset(), close(cb), bytesWritten, the options level, windowBits,
 * memLevel, strategy, chunkSize, flush and finishFlush.  The z_stream is
 * freed at the end of the input, on destroy, or by its finalizer.
 * node_zlib.js loads this on the first use of a class and hands it its
 * option checks; internal, as `internal/zlib_stream`.
 */
'use strict';

var stream = require('stream');
var util = require('util');
var later = require('internal/later');
var Buffer = require('buffer').Buffer;

var z = native.zlib;

module.exports = function (zlib) {
	var c = zlib.constants;
	/* flush(kind) writes one of these: an empty chunk that asks for kind. */
	var flushChunks = [0, 1, 2, 3, 4, 5].map(function () { return Buffer.alloc(0); });

	function Zlib(mode, options) {
		var o = options || {}, set = zlib.settings(mode, o);

		this._chunkSize = zlib.intOption(o, 'chunkSize', c.Z_MIN_CHUNK, Infinity, c.Z_DEFAULT_CHUNK);
		this._defaultFlush = zlib.intOption(o, 'flush', c.Z_NO_FLUSH, c.Z_BLOCK, c.Z_NO_FLUSH);
		this._finishFlush = zlib.finishFlush(o);
		stream.Transform.call(this, Object.assign({}, o, { autoDestroy: true }));
		this._handle = z.open(mode, set[0], set[1], set[2], set[3]);
		this.bytesWritten = 0;
	}
	util.inherits(Zlib, stream.Transform);

	/* Feeds chunk with flush and pushes what comes out, piece by piece. */
	Zlib.prototype._run = function (chunk, flush) {
		var out;

		z.input(this._handle, chunk);
		do {
			out = z.step(this._handle, flush, this._chunkSize);
			if (out.length > 0)
				this.push(later.buffer(out));
		} while (out.length === this._chunkSize);
		this.bytesWritten += chunk.length;
	};

	/* An error destroys the stream (error, then close, as in Node): the
	 * package's Writable, given it by the callback, marks it emitted
	 * before its autoDestroy would emit it, and its Transform emits a
	 * flush error without destroying. */
	Zlib.prototype._transform = function (chunk, enc, cb) {
		var flush = flushChunks.indexOf(chunk);

		if (!this._handle)
			return this.destroy(new Error('zlib binding closed'));
		try {
			this._run(zlib.toBytes(chunk), flush >= 0 ? flush : this._defaultFlush);
		} catch (e) {
			return this.destroy(e);
		}
		cb();
	};

	Zlib.prototype._flush = function (cb) {
		try {
			this._run(new Uint8Array(0), this._finishFlush);
		} catch (e) {
			return this.destroy(e);
		}
		this._closeHandle();
		cb();
	};

	Zlib.prototype._closeHandle = function () {
		if (this._handle)
			z.close(this._handle);
		this._handle = null;
	};

	Zlib.prototype._destroy = function (err, cb) {
		this._closeHandle();
		cb(err);
	};

	Zlib.prototype.flush = function (kind, cb) {
		if (typeof kind === 'function' || kind === undefined) {
			cb = kind;
			kind = c.Z_FULL_FLUSH;
		}
		if (this.writableFinished) {
			if (cb)
				process.nextTick(cb);
		} else if (this.writableEnded) {
			if (cb)
				this.once('end', cb);
		} else {
			this.write(flushChunks[kind], '', cb);
		}
	};

	Zlib.prototype.reset = function () {
		if (!this._handle)
			throw new Error('zlib binding closed');
		z.reset(this._handle);
	};

	Zlib.prototype.close = function (cb) {
		if (cb)
			stream.finished(this, cb);
		this.destroy();
	};

	var classes = { Zlib: Zlib };

	Object.keys(zlib.modes).forEach(function (name) {
		var mode = zlib.modes[name], cls = name.charAt(0).toUpperCase() + name.slice(1);
		var Ctor = function (options) {
			if (!(this instanceof Ctor))
				return new Ctor(options);
			Zlib.call(this, mode, options);
		};

		Object.defineProperty(Ctor, 'name', { value: cls });
		util.inherits(Ctor, Zlib);
		classes[cls] = Ctor;
	});
	return classes;
};
