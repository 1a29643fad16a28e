/*
 * node_fs_streams.js - Node's fs.ReadStream and fs.WriteStream
 * (createReadStream, createWriteStream): a Readable and a Writable over
 * fs's own sync calls, each open, read, write and close run later on the
 * event loop (one timer task each, as fs's callback forms), so a stream
 * never holds the loop for longer than one call of highWaterMark bytes.
 * Options path or fd, flags, mode, start, end, highWaterMark, encoding,
 * autoClose, emitClose; the events open (fd) and ready, then close after
 * the file is closed; bytesRead, bytesWritten, pending, closed; errors are
 * fs's (ENOENT with the path...).  node_fs.js loads this on the first use
 * of a stream and hands it its path check; internal, as
 * `internal/fs_streams`.
 */
'use strict';

var stream = require('stream');
var util = require('util');
var errors = require('internal/errors');
var later = require('internal/later');
var Buffer = require('buffer').Buffer;

module.exports = function (fs, getPath) {
	var outOfRange = errors.outOfRange;

	function highWaterMark(o, dflt) {
		var v = o.highWaterMark;

		if (v === undefined || v === null)
			return dflt;
		if (typeof v !== 'number' || !(v >= 0) || v !== Math.floor(v))
			throw errors.withCode(TypeError, 'ERR_INVALID_ARG_VALUE',
			    "The property 'options.highWaterMark' is invalid. Received " + native.utilInspect(v, 2));
		return v;
	}

	function optionsOf(options) {
		if (typeof options === 'string')
			return { encoding: options };
		if (options === undefined || options === null)
			return {};
		if (typeof options !== 'object')
			throw errors.invalidArgType('options', 'one of type string or an instance of Object', options);
		return options;
	}

	/* What both streams share: path or fd, flags, mode, autoClose. */
	function setup(s, path, o, flags) {
		s.fd = o.fd === undefined ? null : o.fd;
		s.path = s.fd === null ? getPath(path) : undefined;
		s.flags = o.flags === undefined ? flags : o.flags;
		s.mode = o.mode === undefined ? 438 : o.mode;
		s.autoClose = o.autoClose === undefined ? true : !!o.autoClose;
		s.closed = false;
		s._opening = false;
		s._afterOpen = null;
	}

	/* Opens the file in a later task: open (fd) and ready, or the error.
	 * A close asked for meanwhile (s._afterOpen) runs first, either way;
	 * a failed open is still an error event then, as in Node. */
	function open(s) {
		s._opening = true;
		later.later(function () {
			var err = null, after = s._afterOpen;

			try {
				s.fd = fs.openSync(s.path, s.flags, s.mode);
			} catch (e) {
				err = e;
			}
			s._opening = false;
			s._afterOpen = null;
			if (after)
				after();
			if (err)
				return s.destroy(err);
			if (!err) {
				s.emit('open', s.fd);
				s.emit('ready');
			}
		});
	}

	/* fn once the file is open (now, if it is). */
	function whenOpen(s, fn) {
		if (s.fd !== null)
			return fn();
		s.once('open', fn);
	}

	/* Closes the file, when autoClose allows, before the close event. */
	function closeFile(s, err, cb) {
		function done(closeErr) {
			s.closed = true;
			cb(err || closeErr || null);
		}
		if (s._opening) {
			s._afterOpen = function () { closeFile(s, err, cb); };
			return;
		}
		if (s.fd === null || !s.autoClose)
			return done();
		later.later(function () {
			var fd = s.fd;

			s.fd = null;
			try {
				fs.closeSync(fd);
			} catch (e) {
				return done(e);
			}
			done();
		});
	}

	function ReadStream(path, options) {
		var o, hwm;

		if (!(this instanceof ReadStream))
			return new ReadStream(path, options);
		o = optionsOf(options);
		hwm = highWaterMark(o, 65536);
		setup(this, path, o, 'r');
		this.start = o.start === undefined ? undefined : errors.integer(o.start, 'start', 0);
		this.end = o.end === undefined || o.end === Infinity ? Infinity : errors.integer(o.end, 'end', 0);
		if (this.start !== undefined && this.start > this.end)
			throw outOfRange('start', '<= "end" (here: ' + this.end + ')', this.start);
		this.pos = this.start;
		this.bytesRead = 0;
		stream.Readable.call(this, { highWaterMark: hwm, encoding: o.encoding || null,
		    emitClose: o.emitClose !== false, autoDestroy: o.autoDestroy === undefined ? this.autoClose : o.autoDestroy });
		if (this.fd === null)
			open(this);
	}
	util.inherits(ReadStream, stream.Readable);

	Object.defineProperty(ReadStream.prototype, 'pending', { configurable: true,
	    get: function () { return this.fd === null; } });

	ReadStream.prototype._read = function (n) {
		var self = this;

		whenOpen(this, function () {
			later.later(function () { self._readNow(n); });
		});
	};

	/* One read of at most n bytes up to end; pushes them, or the end. */
	ReadStream.prototype._readNow = function (n) {
		var want = Math.min(n, (this.pos !== undefined ? this.end - this.pos : this.end - this.bytesRead) + 1);
		var buf, got;

		if (this.destroyed)
			return;
		if (want <= 0)
			return this.push(null);
		buf = Buffer.allocUnsafe(want);
		try {
			got = fs.readSync(this.fd, buf, 0, want, this.pos === undefined ? null : this.pos);
		} catch (e) {
			return this.destroy(e);
		}
		if (this.pos !== undefined)
			this.pos += got;
		this.bytesRead += got;
		this.push(got > 0 ? buf.subarray(0, got) : null);
	};

	ReadStream.prototype._destroy = function (err, cb) {
		closeFile(this, err, cb);
	};

	ReadStream.prototype.close = function (cb) {
		if (typeof cb === 'function')
			stream.finished(this, cb);
		this.destroy();
	};

	function WriteStream(path, options) {
		var o, hwm;

		if (!(this instanceof WriteStream))
			return new WriteStream(path, options);
		o = optionsOf(options);
		hwm = highWaterMark(o, 16384);
		setup(this, path, o, 'w');
		this.start = o.start === undefined ? undefined : errors.integer(o.start, 'start', 0);
		this.pos = this.start;
		this.bytesWritten = 0;
		stream.Writable.call(this, { highWaterMark: hwm, decodeStrings: true,
		    defaultEncoding: o.encoding || 'utf8', emitClose: o.emitClose !== false,
		    autoDestroy: o.autoDestroy === undefined ? this.autoClose : o.autoDestroy });
		if (o.encoding)
			this.setDefaultEncoding(o.encoding);
		if (this.fd === null)
			open(this);
	}
	util.inherits(WriteStream, stream.Writable);

	Object.defineProperty(WriteStream.prototype, 'pending', { configurable: true,
	    get: function () { return this.fd === null; } });

	/* A write error destroys the stream itself: the package's Writable,
	 * given it by the callback, marks it emitted before its autoDestroy
	 * would emit it. */
	WriteStream.prototype._write = function (chunk, enc, cb) {
		var self = this;

		whenOpen(this, function () {
			later.later(function () {
				var off = 0;

				if (self.destroyed)
					return;
				try {
					while (off < chunk.length) {
						off += fs.writeSync(self.fd, chunk, off, chunk.length - off,
						    self.pos === undefined ? null : self.pos + off);
					}
				} catch (e) {
					return self.destroy(e);
				}
				if (self.pos !== undefined)
					self.pos += off;
				self.bytesWritten += off;
				cb();
			});
		});
	};

	/* Nothing is finished before the file is open. */
	WriteStream.prototype._final = function (cb) {
		whenOpen(this, function () { cb(); });
	};

	WriteStream.prototype._destroy = function (err, cb) {
		closeFile(this, err, cb);
	};

	WriteStream.prototype.close = function (cb) {
		if (typeof cb === 'function') {
			if (this.closed)
				process.nextTick(cb);
			else
				this.on('close', cb);
		}
		if (!this.autoClose)
			this.on('finish', this.destroy.bind(this));
		this.end();
	};

	WriteStream.prototype.destroySoon = WriteStream.prototype.end;

	return { ReadStream: ReadStream, WriteStream: WriteStream };
};
