/*
 * node_stream.js - Node's `stream`: the legacy Stream (an EventEmitter
 * with pipe) that Node's own stream code inherits from, then Debian's
 * node-readable-stream (Node's streams, published for npm) for Readable,
 * Writable, Duplex, Transform and PassThrough, with what Node 20 has and
 * that package lacks written here: finished (also for a stream already
 * done), pipeline of iterables and functions as well as streams (and its
 * callback check), Readable.from of a whole string or Buffer, end's
 * callback before the finish listeners, the state getters
 * (writableFinished...), the Readable operators (map, filter, toArray...),
 * addAbortSignal, compose, getDefaultHighWaterMark and `promises`
 * (pipeline with a signal, finished; also `stream/promises`).  That
 * package requires 'stream' back for the legacy class, so module.exports
 * is set before it loads; its classes come from its lib/ files (require.js
 * says why).
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
var rs = {
	Readable: require('internal/streams/readable'), Writable: require('internal/streams/writable'),
	Duplex: require('internal/streams/duplex'), Transform: require('internal/streams/transform'),
	PassThrough: require('internal/streams/passthrough'), finished: require('internal/streams/end-of-stream'),
	pipeline: require('internal/streams/pipeline')
};
var eos = rs.finished, rsPipeline = rs.pipeline, rsFrom = rs.Readable.from;

['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough'].forEach(function (k) {
	Stream[k] = rs[k];
});

function missingStreams() {
	return errors.missingArgs(['streams']);
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

function iteratorOf(v) {
	if (v !== null && v !== undefined && typeof v[Symbol.asyncIterator] === 'function')
		return v[Symbol.asyncIterator]();
	if (v !== null && v !== undefined && typeof v !== 'string' && typeof v[Symbol.iterator] === 'function')
		return v[Symbol.iterator]();
	return null;
}

/* Writes to a Writable side go into `input`, which fn is given. */
function feeding(input) {
	return {
		write: function (chunk, enc, cb) {
			if (input.write(chunk))
				cb();
			else
				input.once('drain', function () { cb(); });
		}
	};
}

/* A function in the middle of a pipeline: a Duplex that gives fn what
 * is written to it, as an async iterable, and reads what fn's iterable
 * yields. */
function transformOf(fn, signal) {
	var input = new rs.PassThrough({ objectMode: true }), pulling = false, it, d;

	d = new rs.Duplex(Object.assign(feeding(input), {
		objectMode: true,
		autoDestroy: true,
		final: function (cb) {
			input.end();
			cb();
		},
		read: function () {
			if (pulling)
				return;
			pulling = true;
			Promise.resolve(it.next()).then(function (r) {
				pulling = false;
				if (r.done)
					d.push(null);
				else if (d.push(r.value))
					d._read();
			}, function (err) { d.destroy(err); });
		},
		destroy: function (err, cb) {
			input.destroy();
			cb(err);
		}
	}));
	it = iteratorOf(fn(input, { signal: signal }));
	if (!it)
		throw errors.withCode(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected an AsyncIterable to be returned ' +
		    'from the "' + (fn.name || 'transform') + '" function.');
	return d;
}

/* A function at the end: a Writable that gives fn what is written to it;
 * it finishes when fn's promise settles, whose value is got(value). */
function destinationOf(fn, signal, got) {
	var input = new rs.PassThrough({ objectMode: true });
	var result = Promise.resolve(fn(input, { signal: signal }));

	return new rs.Writable(Object.assign(feeding(input), {
		objectMode: true,
		final: function (cb) {
			input.end();
			result.then(function (v) { got(v); cb(); }, cb);
		}
	}));
}

/* Node 20's pipeline takes more than streams: a first iterable, or a
 * function returning one, is a Readable.from; a function after it maps
 * the stream before it to an async iterable, and the last one may
 * consume it, its promise's value the pipeline's. */
function asStreams(list, signal, got) {
	return list.map(function (s, i) {
		if (i === 0 && typeof s === 'function')
			s = s({ signal: signal });
		if (i === 0 && !isStream(s) && iteratorOf(s))
			return rs.Readable.from(s);
		if (i > 0 && typeof s === 'function')
			return i === list.length - 1 ? destinationOf(s, signal, got) : transformOf(s, signal);
		return s;
	});
}

/* The package's pipeline over the streams of list; done(err, value). */
function run(list, signal, done) {
	var value, streams;

	if (list.length === 1 && Array.isArray(list[0]))
		list = list[0];
	if (list.length < 2)
		throw missingStreams();
	streams = asStreams(list, signal, function (v) { value = v; });
	rsPipeline.apply(null, streams.concat(function (err) { done(err, err ? undefined : value); }));
	return streams;
}

function pipeline() {
	var streams = Array.prototype.slice.call(arguments), cb = streams.pop();

	checkFunction('streams[stream.length - 1]', 'property', cb);
	streams = run(streams, undefined, function (err, value) { cb(err, value); });
	return streams[streams.length - 1];
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

/* The Readable operators of Node 20 (map, filter, toArray...), one
 * chunk at a time (Node's default concurrency of 1), over the stream's
 * async iterator; options.signal rejects with AbortError. */
function checkOperator(fn) {
	if (typeof fn !== 'function')
		throw errors.invalidArgType('fn', 'of type function or an instance of AsyncFunction', fn);
}

function signalOf(options) {
	var signal = options && options.signal;

	if (signal !== undefined)
		checkSignal(signal);
	return signal;
}

/* Calls each(value) for every chunk until it answers true; a promise of
 * whether it did.  Stopping early ends the iterator (and the stream). */
function consume(stream, options, each) {
	var signal = signalOf(options), it = stream[Symbol.asyncIterator]();

	function loop() {
		if (signal && signal.aborted)
			return Promise.reject(errors.abortError(signal));
		return it.next().then(function (r) {
			if (r.done)
				return false;
			return Promise.resolve(each(r.value, { signal: signal })).then(function (stop) {
				if (!stop)
					return loop();
				if (typeof it.return === 'function')
					it.return();
				return true;
			});
		});
	}
	return loop();
}

/* A Readable of what next(it) gives: a promise of {done, value}. */
function derived(stream, next) {
	var it = stream[Symbol.asyncIterator]();
	var source = { next: function () { return next(it); } };

	source[Symbol.asyncIterator] = function () { return source; };
	return rs.Readable.from(source);
}

var operators = {
	toArray: function (options) {
		var out = [];

		return consume(this, options, function (v) { out.push(v); }).then(function () { return out; });
	},
	forEach: function (fn, options) {
		checkOperator(fn);
		return consume(this, options, function (v, o) {
			return Promise.resolve(fn(v, o)).then(function () { return false; });
		}).then(function () {});
	},
	reduce: function (fn, initial, options) {
		var acc = initial, empty = arguments.length < 2;

		checkOperator(fn);
		return consume(this, options, function (v, o) {
			if (empty) {
				acc = v;
				empty = false;
				return false;
			}
			return Promise.resolve(fn(acc, v, o)).then(function (r) { acc = r; });
		}).then(function () {
			if (empty)
				throw errors.withCode(TypeError, 'ERR_MISSING_ARGS', 'Reduce of an empty stream requires an initial value');
			return acc;
		});
	},
	some: function (fn, options) {
		checkOperator(fn);
		return consume(this, options, function (v, o) { return Promise.resolve(fn(v, o)).then(Boolean); });
	},
	every: function (fn, options) {
		checkOperator(fn);
		return consume(this, options, function (v, o) {
			return Promise.resolve(fn(v, o)).then(function (r) { return !r; });
		}).then(function (stopped) { return !stopped; });
	},
	find: function (fn, options) {
		var found;

		checkOperator(fn);
		return consume(this, options, function (v, o) {
			return Promise.resolve(fn(v, o)).then(function (r) {
				if (r)
					found = v;
				return !!r;
			});
		}).then(function () { return found; });
	},
	map: function (fn, options) {
		var signal = signalOf(options);

		checkOperator(fn);
		return derived(this, function (it) {
			return it.next().then(function (r) {
				return r.done ? r : Promise.resolve(fn(r.value, { signal: signal })).then(function (v) {
					return { done: false, value: v };
				});
			});
		});
	},
	filter: function (fn, options) {
		var signal = signalOf(options);

		checkOperator(fn);
		return derived(this, function next(it) {
			return it.next().then(function (r) {
				return r.done ? r : Promise.resolve(fn(r.value, { signal: signal })).then(function (keep) {
					return keep ? r : next(it);
				});
			});
		});
	},
	flatMap: function (fn, options) {
		var signal = signalOf(options), inner = null;

		checkOperator(fn);
		return derived(this, function next(it) {
			if (inner) {
				return Promise.resolve(inner.next()).then(function (r) {
					if (!r.done)
						return r;
					inner = null;
					return next(it);
				});
			}
			return it.next().then(function (r) {
				if (r.done)
					return r;
				return Promise.resolve(fn(r.value, { signal: signal })).then(function (v) {
					inner = iteratorOf(v) || iteratorOf([v]);
					return next(it);
				});
			});
		});
	},
	take: function (n) {
		var left = n;

		return derived(this, function (it) {
			if (left-- <= 0) {
				if (typeof it.return === 'function')
					it.return();
				return Promise.resolve({ done: true, value: undefined });
			}
			return it.next();
		});
	},
	drop: function (n) {
		var skip = n;

		return derived(this, function next(it) {
			return it.next().then(function (r) {
				return !r.done && skip-- > 0 ? next(it) : r;
			});
		});
	}
};
Object.keys(operators).forEach(function (name) {
	Object.defineProperty(rs.Readable.prototype, name, { configurable: true, writable: true, value: operators[name] });
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

	if (last !== null && typeof last === 'object' && !isStream(last) && !Array.isArray(last) && !iteratorOf(last)) {
		signal = streams.pop().signal;
		if (signal !== undefined)
			checkSignal(signal);
	}
	return new Promise(function (resolve, reject) {
		var list;

		function onAbort() {
			var e = errors.abortError(signal);

			list.forEach(function (s) { s.destroy(e); });
		}
		list = run(streams, signal, function (err, value) {
			if (signal)
				signal.removeEventListener('abort', onAbort);
			if (err)
				reject(err);
			else
				resolve(value);
		});
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
