/*
 * node_stream.js - Node's `stream`: the legacy Stream (an EventEmitter
 * with pipe) that Node's own stream code inherits from, then Debian's
 * node-readable-stream (Node's streams, published for npm) for Readable,
 * Writable, Duplex, Transform and PassThrough, with what Node 20 has and
 * that package lacks written here: finished (also for a stream already
 * done), pipeline's callback check, Readable.from of a whole string or
 * Buffer, end's callback before the finish listeners, the state getters
 * (writableFinished...), addAbortSignal, compose, getDefaultHighWaterMark and
 * `promises` (pipeline with a signal, finished; also `stream/promises`).
 * That package requires 'stream' back for the legacy class, so
 * module.exports is set before it loads.
 */
'use strict';

var EventEmitter = require('events');
var util = require('util');

function Stream(opts) {
	EventEmitter.call(this, opts);
}
util.inherits(Stream, EventEmitter);

/* The old streams' pipe: data to dest.write, paused while dest is full,
 * end to dest.end. */
Stream.prototype.pipe = function (dest, options) {
	var source = this;

	function ondata(chunk) {
		if (dest.writable && dest.write(chunk) === false && source.pause)
			source.pause();
	}
	function ondrain() {
		if (source.readable && source.resume)
			source.resume();
	}
	source.on('data', ondata);
	dest.on('drain', ondrain);
	if (!options || options.end !== false)
		source.on('end', function () { dest.end(); });
	dest.emit('pipe', source);
	return dest;
};

module.exports = Stream;
Stream.Stream = Stream;

var errors = require('internal/errors');
var rs = require('internal/readable_stream');
var eos = rs.finished, rsPipeline = rs.pipeline, rsFrom = rs.Readable.from;

['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'].forEach(function (k) {
	Stream[k] = rs[k];
});

function missingStreams() {
	return errors.withCode(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
}

function isStream(s) {
	return s !== null && typeof s === 'object' && typeof s.on === 'function' &&
	    (typeof s.pipe === 'function' || typeof s.write === 'function');
}

/* what: "argument" or "property", as Node's message names it. */
function checkFunction(name, what, fn) {
	if (typeof fn !== 'function')
		throw errors.withCode(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' + what +
		    ' must be of type function. ' + errors.received(fn));
}

/* Whether the sides finished would wait for are over already: the
 * package's end-of-stream only listens for events still to come. */
function alreadyDone(stream, opts) {
	var r = stream._readableState, w = stream._writableState;
	var wantR = r && opts.readable !== false, wantW = w && opts.writable !== false;

	return (wantR || wantW) && (!wantR || r.endEmitted) && (!wantW || w.finished);
}

function finished(stream, opts, callback) {
	if (typeof opts === 'function') {
		callback = opts;
		opts = {};
	}
	checkFunction('callback', 'argument', callback);
	opts = opts || {};
	if (!isStream(stream))
		throw errors.invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
	if (alreadyDone(stream, opts)) {
		process.nextTick(function () { callback.call(stream); });
		return function () {};
	}
	return eos(stream, opts, callback);
}

function pipeline() {
	var streams = Array.prototype.slice.call(arguments);

	checkFunction('streams[stream.length - 1]', 'property', streams[streams.length - 1]);
	return rsPipeline.apply(null, streams);
}

/* The state getters Node 20 has and the package lacks.  Duplex copied
 * Writable's methods when it loaded, so it gets the writable ones too. */
function stateGetters(protos, stateKey, getters) {
	Object.keys(getters).forEach(function (name) {
		protos.forEach(function (proto) {
			Object.defineProperty(proto, name, { configurable: true, enumerable: false, get: function () {
				var st = this[stateKey];

				return st ? getters[name](st) : undefined;
			} });
		});
	});
}
stateGetters([rs.Readable.prototype], '_readableState', {
	readableEnded: function (st) { return st.endEmitted; },
	readableObjectMode: function (st) { return st.objectMode; },
	readableEncoding: function (st) { return st.encoding; }
});
stateGetters([rs.Writable.prototype, rs.Duplex.prototype], '_writableState', {
	writableEnded: function (st) { return st.ending; },
	writableFinished: function (st) { return st.finished; },
	writableObjectMode: function (st) { return st.objectMode; },
	writableCorked: function (st) { return st.corked; },
	writableNeedDrain: function (st) { return !st.destroyed && !st.ending && st.needDrain; }
});

/* Node 20 calls end's callback before the finish listeners; the package
 * after them. */
[rs.Writable.prototype, rs.Duplex.prototype].forEach(function (proto) {
	var end = proto.end;

	proto.end = function (chunk, encoding, cb) {
		if (typeof chunk === 'function') {
			cb = chunk;
			chunk = null;
			encoding = null;
		} else if (typeof encoding === 'function') {
			cb = encoding;
			encoding = null;
		}
		if (typeof cb === 'function' && !this._writableState.finished) {
			this.prependOnceListener('finish', cb);
			cb = undefined;
		}
		return end.call(this, chunk, encoding, cb);
	};
});

/* Node 20 pushes a string or a Buffer whole, not its characters or bytes. */
rs.Readable.from = function from(iterable, opts) {
	if (typeof iterable === 'string' || iterable instanceof Uint8Array)
		iterable = [iterable];
	return rsFrom.call(this, iterable, opts);
};

function checkSignal(signal) {
	if (signal === null || typeof signal !== 'object' || !('aborted' in signal))
		throw errors.invalidArgType('signal', 'an instance of AbortSignal', signal);
}

/* Destroys stream with an AbortError when signal aborts (now, if it has). */
function addAbortSignal(signal, stream) {
	function onAbort() {
		stream.destroy(errors.abortError(signal));
	}
	checkSignal(signal);
	if (!isStream(stream))
		throw errors.invalidArgType('stream', 'an instance of ReadableStream, WritableStream, or Stream', stream);
	if (signal.aborted) {
		onAbort();
	} else {
		signal.addEventListener('abort', onAbort, { once: true });
		eos(stream, function () { signal.removeEventListener('abort', onAbort); });
	}
	return stream;
}

/* One Duplex of several streams: writes go into the first, reads come
 * out of the last, and an error in any destroys the whole. */
function compose() {
	var streams = Array.prototype.slice.call(arguments), first, last, d;

	if (streams.length === 0)
		throw missingStreams();
	if (streams.length === 1)
		return streams[0];
	first = streams[0];
	last = streams[streams.length - 1];
	d = new rs.Duplex({
		objectMode: !!(first._writableState && first._writableState.objectMode),
		readableObjectMode: !!(last._readableState && last._readableState.objectMode),
		autoDestroy: true,
		write: function (chunk, enc, cb) {
			if (first.write(chunk, enc))
				cb();
			else
				first.once('drain', function () { cb(); });
		},
		final: function (cb) {
			first.end();
			eos(last, { writable: false }, function (err) { cb(err); });
		},
		read: function () {
			last.resume();
		},
		destroy: function (err, cb) {
			streams.forEach(function (s) { if (!s.destroyed) s.destroy(); });
			cb(err);
		}
	});
	last.on('data', function (chunk) {
		if (!d.push(chunk))
			last.pause();
	});
	last.on('end', function () { d.push(null); });
	rsPipeline.apply(null, streams.concat(function (err) {
		if (err)
			d.destroy(err);
	}));
	return d;
}

function pipelinePromise() {
	var streams = Array.prototype.slice.call(arguments), last = streams[streams.length - 1], signal;

	if (last !== null && typeof last === 'object' && !isStream(last) && !Array.isArray(last)) {
		signal = streams.pop().signal;
		if (signal !== undefined)
			checkSignal(signal);
	}
	return new Promise(function (resolve, reject) {
		var list = Array.isArray(streams[0]) ? streams[0] : streams;

		if (list.length < 2)
			throw missingStreams();
		function onAbort() {
			var e = errors.abortError(signal);

			list.forEach(function (s) { s.destroy(e); });
		}
		rsPipeline.apply(null, streams.concat(function (err) {
			if (signal)
				signal.removeEventListener('abort', onAbort);
			if (err)
				reject(err);
			else
				resolve();
		}));
		if (signal && signal.aborted)
			onAbort();
		else if (signal)
			signal.addEventListener('abort', onAbort, { once: true });
	});
}

function finishedPromise(stream, opts) {
	return new Promise(function (resolve, reject) {
		finished(stream, opts, function (err) {
			if (err)
				reject(err);
			else
				resolve();
		});
	});
}

Stream.finished = finished;
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.compose = compose;
Stream.getDefaultHighWaterMark = function getDefaultHighWaterMark(objectMode) {
	return objectMode ? 16 : 16384;
};
Stream.promises = { pipeline: pipelinePromise, finished: finishedPromise };
