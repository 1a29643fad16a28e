/*
 * web_streams.js - the WHATWG Streams Standard: ReadableStream (default
 * and byte sources, default and BYOB readers, tee, pipeTo/pipeThrough,
 * async iteration, ReadableStream.from), WritableStream, TransformStream
 * and the two queuing strategies, written from the standard's abstract
 * operations so that their order of promises and calls is the standard's
 * (WPT's streams tests measure it, `make wpt`).  Each object's state is a
 * record under one hidden symbol; the operations work on the records and
 * the public objects are thin shells over them, as in the standard's
 * internal slots.  Duktape cannot detach an ArrayBuffer, so where the
 * standard transfers one (byte streams) the bytes are copied instead and
 * the caller's buffer stays usable.  Errors are Node 20's (code and text).
 *
 * A lazy global file (globals.c): loaded on the first touch of any of the
 * names it defines; web_body.js and web_streams_codecs.js build on it.
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, isObject = define.isObject;
/* Captured: a script that patches Promise.prototype.then or Function's
 * call and apply must not see the streams use them (WPT checks it). */
var Promise = global.Promise, then = Promise.prototype.then, apply = Reflect.apply;
var ArrayBufferSlice = ArrayBuffer.prototype.slice;
var kS = Symbol('state');

function noop() {}

/* ---- errors, as Node 20 words them ---- */

function codeError(Ctor, code, message) {
	var e = new Ctor(message);

	Object.defineProperty(e, 'code', { value: code, writable: true, configurable: true });
	return e;
}
function stateError(what) {
	return codeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: ' + what);
}
function received(v) {
	if (v === null || v === undefined)
		return ' Received ' + v;
	if (typeof v === 'function')
		return ' Received function ' + (v.name || '<anonymous>');
	if (typeof v === 'object')
		return ' Received an instance of ' + (v.constructor && v.constructor.name || 'Object');
	return ' Received type ' + typeof v + ' (' + (typeof v === 'string' ? "'" + v + "'" : String(v)) + ')';
}
/* Node's wording: a dotted name is a property, a class is an instance */
function argType(name, type, v) {
	var c = type.charAt(0);

	return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' +
	    (name.indexOf('.') >= 0 ? 'property' : 'argument') + ' must be ' +
	    (c >= 'A' && c <= 'Z' ? 'an instance of ' : 'of type ') + type + '.' + received(v));
}
/* the one-line form Node's messages show a stream in */
function describeStream(st) {
	return 'ReadableStream { locked: ' + isLocked(st) + ", state: '" + st.state + "', supportsBYOB: " +
	    (st.controller.type === 'ReadableByteStreamController') + ' }';
}
function notByteStream(st) {
	return codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'stream' must be a byte stream. Received " +
	    describeStream(st));
}
function argValue(name, v, prop) {
	return codeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'The ' + (prop ? 'property' : 'argument') +
	    " '" + name + "' is invalid. Received " + (typeof v === 'string' ? "'" + v + "'" : String(v)));
}
function slot(obj, type) {
	var s = isObject(obj) ? obj[kS] : undefined;

	if (s === undefined || s.type !== type)
		throw codeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type ' + type);
	return s;
}
function rejectThis(obj, type) {
	try {
		return slot(obj, type);
	} catch (e) {
		return null;
	}
}
function thisError(type) {
	return Promise.reject(codeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type ' + type));
}

/* ---- promises: the standard's "a new promise", "upon", "mark handled" ---- */

function deferred() {
	var d = { promise: null, resolve: null, reject: null, settled: false };

	d.promise = new Promise(function (res, rej) { d.resolve = res; d.reject = rej; });
	return d;
}
function settle(d, err, value, isError) {
	if (d.settled)
		return;
	d.settled = true;
	if (isError)
		d.reject(err);
	else
		d.resolve(value);
}
function handled(p) {
	apply(then, p, [undefined, noop]);
	return p;
}
function upon(p, ok, bad) {
	return apply(then, p, [ok, bad]);
}
/* Promise.all without the patchable then of each element */
function whenAll(list) {
	var d = deferred(), left = list.length;

	if (left === 0)
		d.resolve();
	list.forEach(function (p) {
		upon(p, function () {
			if (--left === 0)
				d.resolve();
		}, d.reject);
	});
	return d.promise;
}
/* A call of an underlying algorithm as a promise: a throw rejects. */
function promiseCall(fn, self, args) {
	try {
		return Promise.resolve(apply(fn, self, args));
	} catch (e) {
		return Promise.reject(e);
	}
}
/* dict[name] as an optional method of the underlying object. */
function method(dict, name, what) {
	var f = dict[name];

	if (f === undefined || f === null)
		return undefined;
	if (typeof f !== 'function')
		throw argType(what + '.' + name, 'function', f);
	return f;
}
function queueMicrotask(fn) {
	upon(Promise.resolve(), fn);
}

/* ---- a queue with O(1) shift ---- */

function Queue() {
	this.items = [];
	this.head = 0;
}
/* defined, not assigned: a setter a script put on Object.prototype
 * (WPT patches `size`) must not run */
hide(Queue.prototype, 'push', function (v) { this.items.push(v); });
hide(Queue.prototype, 'size', function () { return this.items.length - this.head; });
hide(Queue.prototype, 'peek', function () { return this.items[this.head]; });
hide(Queue.prototype, 'shift', function () {
	var v = this.items[this.head];

	this.items[this.head++] = undefined;
	if (this.head > 64 && this.head * 2 > this.items.length) {
		this.items = this.items.slice(this.head);
		this.head = 0;
	}
	return v;
});
hide(Queue.prototype, 'clear', function () {
	this.items = [];
	this.head = 0;
});
hide(Queue.prototype, 'forEach', function (fn) {
	for (var i = this.head; i < this.items.length; i++)
		fn(this.items[i]);
});

/* ---- queuing strategies ---- */

/* WebIDL's QueuingStrategy dictionary: highWaterMark through ToNumber,
 * then size checked callable, before any range check. */
function strategyDict(v, name) {
	var hwm, size;

	if (v === undefined || v === null)
		return { highWaterMark: undefined, size: undefined };
	if (!isObject(v))
		throw argType(name, 'object', v);
	hwm = v.highWaterMark;
	if (hwm !== undefined)
		hwm = Number(hwm);
	size = v.size;
	if (size !== undefined && typeof size !== 'function')
		throw argType(name + '.size', 'function', size);
	return { highWaterMark: hwm, size: size };
}
function extractHWM(dict, dflt) {
	var n = dict.highWaterMark;

	if (n === undefined)
		return dflt;
	if (n !== n || n < 0)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The property 'strategy.highWaterMark' is invalid. Received " + n);
	return n;
}
function extractSize(dict) {
	var size = dict.size;

	if (size === undefined)
		return function () { return 1; };
	return function (chunk) { return size(chunk); };
}

/* shorthand methods: named size, with no prototype, not constructors */
var countSize = { size() { return 1; } }.size;
var byteSize = { size(chunk) { return chunk.byteLength; } }.size;

function makeStrategy(Name, size) {
	function Strategy(init) {
		if (!(this instanceof Strategy))
			throw new TypeError("Class constructor " + Name + " cannot be invoked without 'new'");
		if (!isObject(init))
			throw argType('init', 'object', init);
		if (init.highWaterMark === undefined)
			throw codeError(TypeError, 'ERR_MISSING_OPTION', 'init.highWaterMark is required');
		hide(this, kS, { type: Name, hwm: Number(init.highWaterMark) });
	}
	Object.defineProperty(Strategy, 'name', { value: Name });
	define.getter(Strategy.prototype, 'highWaterMark', function () { return slot(this, Name).hwm; });
	define.getter(Strategy.prototype, 'size', function () { slot(this, Name); return size; });
	define.tag(Strategy.prototype, Name);
	define.inspectAs(Strategy.prototype, function (s) { return { highWaterMark: s.highWaterMark }; });
	return Strategy;
}
var CountQueuingStrategy = makeStrategy('CountQueuingStrategy', countSize);
var ByteLengthQueuingStrategy = makeStrategy('ByteLengthQueuingStrategy', byteSize);

/* ---- queue-with-sizes of the default controllers ---- */

function enqueueValue(c, value, size) {
	size = Number(size);
	if (size !== size || size < 0 || size === Infinity)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The argument 'size' is invalid. Received " + size);
	c.queue.push({ value: value, size: size });
	c.queueTotalSize += size;
}
function dequeueValue(c) {
	var pair = c.queue.shift();

	c.queueTotalSize -= pair.size;
	if (c.queueTotalSize < 0)
		c.queueTotalSize = 0;
	return pair.value;
}
function resetQueue(c) {
	c.queue.clear();
	c.queueTotalSize = 0;
}

/* ---- views and buffers of byte streams ---- */

var viewCtors = { Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 2, Uint16Array: 2,
    Int32Array: 4, Uint32Array: 4, Float32Array: 4, Float64Array: 8, DataView: 1 };

function viewInfo(view) {
	var name = view instanceof DataView ? 'DataView' : apply(Object.prototype.toString, view, []).slice(8, -1);

	return { ctor: global[name], size: viewCtors[name] || 1 };
}
function makeView(ctor, buffer, offset, length) {
	return ctor === DataView ? new DataView(buffer, offset, length) : new ctor(buffer, offset, length);
}
/* The standard's TransferArrayBuffer, as a copy (see the top). */
function transfer(buffer) {
	return apply(ArrayBufferSlice, buffer, [0]);
}
function copyBytes(dest, destOffset, src, srcOffset, n) {
	new Uint8Array(dest, destOffset, n).set(new Uint8Array(src, srcOffset, n));
}

/* =================== ReadableStream =================== */

function initStream(stream) {
	var st = { type: 'ReadableStream', self: stream, state: 'readable', reader: null, storedError: undefined,
	    disturbed: false, controller: null };

	hide(stream, kS, st);
	return st;
}
function isLocked(st) {
	return st.reader !== null;
}

function ReadableStream(source, strategy) {
	var st, dict, s, type;

	if (!(this instanceof ReadableStream))
		throw new TypeError("Class constructor ReadableStream cannot be invoked without 'new'");
	if (source !== undefined && !isObject(source))
		throw argType('source', 'object', source);
	dict = source === undefined ? {} : source;
	s = strategyDict(strategy, 'strategy');
	st = initStream(this);
	type = dict.type;
	if (type !== undefined && String(type) !== 'bytes')
		throw argValue('source.type', type, true);
	if (type !== undefined) {
		if (s.size !== undefined)
			throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The property 'strategy.size' is invalid. Received " + s.size);
		setupByteControllerFromSource(st, dict, extractHWM(s, 0));
	} else {
		setupDefaultControllerFromSource(st, dict, extractHWM(s, 1), extractSize(s));
	}
}
var RSP = ReadableStream.prototype;

/* A stream made by this file's own code (tee, from, bodies, transforms). */
function createReadableStream(start, pull, cancel, hwm, size) {
	var stream = Object.create(RSP), st = initStream(stream);

	setupDefaultController(st, Object.create(RSDCP), start, pull, cancel,
	    hwm === undefined ? 1 : hwm, size || function () { return 1; });
	return st;
}
function createByteStream(start, pull, cancel) {
	var stream = Object.create(RSP), st = initStream(stream);

	setupByteController(st, Object.create(RBSCP), start, pull, cancel, 0, undefined);
	return st;
}

define.getter(RSP, 'locked', function () { return isLocked(slot(this, 'ReadableStream')); });
hide(RSP, 'cancel', function cancel(reason) {
	var st = rejectThis(this, 'ReadableStream');

	if (st === null)
		return thisError('ReadableStream');
	if (isLocked(st))
		return Promise.reject(stateError('ReadableStream is locked'));
	return cancelStream(st, reason);
});
hide(RSP, 'getReader', function getReader(options) {
	var st = slot(this, 'ReadableStream'), mode;

	if (options !== undefined && options !== null && !isObject(options))
		throw argType('options', 'object', options);
	mode = options === undefined || options === null ? undefined : options.mode;
	if (mode === undefined)
		return acquireDefaultReader(st).self;
	if (String(mode) !== 'byob')
		throw argValue('options.mode', mode, true);
	return acquireBYOBReader(st).self;
});
hide(RSP, 'pipeThrough', function pipeThrough(transform, options) {
	var st = slot(this, 'ReadableStream'), o, ws, rs, p;

	if (!isObject(transform))
		throw argType('transform', 'object', transform);
	rs = transform.readable;
	if (rejectThis(rs, 'ReadableStream') === null)
		throw argType('transform.readable', 'ReadableStream', rs);
	ws = transform.writable;
	if (rejectThis(ws, 'WritableStream') === null)
		throw argType('transform.writable', 'WritableStream', ws);
	o = pipeOptions(options);
	if (isLocked(st))
		throw stateError('The ReadableStream is locked');
	if (ws[kS].writer !== null)
		throw stateError('The WritableStream is locked');
	p = pipe(st, ws[kS], o.preventClose, o.preventAbort, o.preventCancel, o.signal);
	handled(p);
	return rs;
});
hide(RSP, 'pipeTo', function pipeTo(dest, options) {
	var st = rejectThis(this, 'ReadableStream'), o;

	if (st === null)
		return thisError('ReadableStream');
	if (rejectThis(dest, 'WritableStream') === null)
		return Promise.reject(argType('transform.writable', 'WritableStream', dest));
	try {
		o = pipeOptions(options);
	} catch (e) {
		return Promise.reject(e);
	}
	if (isLocked(st))
		return Promise.reject(stateError('The ReadableStream is locked'));
	if (dest[kS].writer !== null)
		return Promise.reject(stateError('The WritableStream is locked'));
	return pipe(st, dest[kS], o.preventClose, o.preventAbort, o.preventCancel, o.signal);
});
hide(RSP, 'tee', function tee() {
	var st = slot(this, 'ReadableStream');
	var pair = st.controller.type === 'ReadableByteStreamController' ? byteTee(st) : defaultTee(st);

	return [pair[0].self, pair[1].self];
});

function pipeOptions(options) {
	var o, signal;

	if (options === undefined || options === null)
		return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
	if (!isObject(options))
		throw argType('options', 'object', options);
	o = { preventAbort: !!options.preventAbort, preventCancel: !!options.preventCancel,
	    preventClose: !!options.preventClose, signal: options.signal };
	signal = o.signal;
	if (signal !== undefined && !internal.isAbortSignal(signal))
		throw argType('options.signal', 'AbortSignal', signal);
	return o;
}

/* ---- the stream's own operations ---- */

function cancelStream(st, reason) {
	var r, requests;

	st.disturbed = true;
	if (st.state === 'closed')
		return Promise.resolve();
	if (st.state === 'errored')
		return Promise.reject(st.storedError);
	closeStream(st);
	r = st.reader;
	if (r !== null && r.kind === 'byob') {
		requests = r.requests;
		r.requests = new Queue();
		requests.forEach(function (req) { req.close(undefined); });
	}
	return upon(st.controller.cancelSteps(reason), noop);
}
function closeStream(st) {
	var r = st.reader, requests;

	st.state = 'closed';
	if (r === null)
		return;
	settle(r.closed, undefined, undefined, false);
	if (r.kind === 'default') {
		requests = r.requests;
		r.requests = new Queue();
		requests.forEach(function (req) { req.close(); });
	}
}
function errorStream(st, e) {
	var r = st.reader;

	st.state = 'errored';
	st.storedError = e;
	if (r === null)
		return;
	settle(r.closed, e, undefined, true);
	handled(r.closed.promise);
	errorReadRequests(r, e);
}
function errorReadRequests(r, e) {
	var requests = r.requests;

	r.requests = new Queue();
	requests.forEach(function (req) { req.error(e); });
}
function fulfillReadRequest(st, chunk, done) {
	var req = st.reader.requests.shift();

	if (done)
		req.close();
	else
		req.chunk(chunk);
}
function numReadRequests(st) {
	return st.reader.requests.size();
}
function hasReader(st, kind) {
	return st.reader !== null && st.reader.kind === kind;
}

/* ---- readers ---- */

function initReader(r, st) {
	r.stream = st;
	st.reader = r;
	r.closed = deferred();
	if (st.state === 'closed') {
		settle(r.closed, undefined, undefined, false);
	} else if (st.state === 'errored') {
		settle(r.closed, st.storedError, undefined, true);
		handled(r.closed.promise);
	}
}
function newReader(self, kind) {
	var r = { type: kind === 'byob' ? 'ReadableStreamBYOBReader' : 'ReadableStreamDefaultReader', kind: kind,
	    self: self, stream: null, closed: null, requests: new Queue() };

	hide(self, kS, r);
	return r;
}
function acquireDefaultReader(st) {
	var r;

	if (isLocked(st))
		throw stateError('ReadableStream is locked');
	r = newReader(Object.create(RSDRP), 'default');
	initReader(r, st);
	return r;
}
function acquireBYOBReader(st) {
	var r;

	if (isLocked(st))
		throw stateError('ReadableStream is locked');
	if (st.controller.type !== 'ReadableByteStreamController')
		throw notByteStream(st);
	r = newReader(Object.create(RSBRP), 'byob');
	initReader(r, st);
	return r;
}
function releaseReader(r) {
	var st = r.stream, e = stateError('Reader released');

	if (st.state === 'readable')
		settle(r.closed, e, undefined, true);
	else
		r.closed = rejectedDeferred(e);
	handled(r.closed.promise);
	st.controller.releaseSteps();
	st.reader = null;
	r.stream = null;
	errorReadRequests(r, e);
}
function genericCancel(r, reason) {
	return cancelStream(r.stream, reason);
}
function defaultRead(r, req) {
	var st = r.stream;

	st.disturbed = true;
	if (st.state === 'closed')
		req.close();
	else if (st.state === 'errored')
		req.error(st.storedError);
	else
		st.controller.pullSteps(req);
}
function promiseRequest() {
	var d = deferred();

	return {
		promise: d.promise,
		chunk: function (c) { d.resolve({ value: c, done: false }); },
		close: function (c) { d.resolve({ value: c, done: true }); },
		error: function (e) { d.reject(e); }
	};
}

function ReadableStreamDefaultReader(stream) {
	var st;

	if (!(this instanceof ReadableStreamDefaultReader))
		throw new TypeError("Class constructor ReadableStreamDefaultReader cannot be invoked without 'new'");
	if (rejectThis(stream, 'ReadableStream') === null)
		throw argType('stream', 'ReadableStream', stream);
	st = stream[kS];
	if (isLocked(st))
		throw stateError('ReadableStream is locked');
	initReader(newReader(this, 'default'), st);
}
var RSDRP = ReadableStreamDefaultReader.prototype;

function readerMethods(proto, type) {
	define.getter(proto, 'closed', function () {
		var r = rejectThis(this, type);

		return r === null ? thisError(type) : r.closed.promise;
	});
	hide(proto, 'cancel', function cancel(reason) {
		var r = rejectThis(this, type);

		if (r === null)
			return thisError(type);
		if (r.stream === null)
			return Promise.reject(stateError('The reader is not attached to a stream'));
		return genericCancel(r, reason);
	});
	hide(proto, 'releaseLock', function releaseLock() {
		var r = slot(this, type);

		if (r.stream !== null)
			releaseReader(r);
	});
	define.tag(proto, type);
	define.inspectAs(proto, function (x) {
		var r = x[kS], o = { stream: r.stream === null ? undefined : r.stream.self };

		o[r.kind === 'byob' ? 'readIntoRequests' : 'readRequests'] = r.requests.size();
		o.close = r.closed.promise;
		return o;
	});
}
hide(RSDRP, 'read', function read() {
	var r = rejectThis(this, 'ReadableStreamDefaultReader'), req;

	if (r === null)
		return thisError('ReadableStreamDefaultReader');
	if (r.stream === null)
		return Promise.reject(stateError('The reader is not attached to a stream'));
	req = promiseRequest();
	defaultRead(r, req);
	return req.promise;
});
readerMethods(RSDRP, 'ReadableStreamDefaultReader');

function ReadableStreamBYOBReader(stream) {
	var st;

	if (!(this instanceof ReadableStreamBYOBReader))
		throw new TypeError("Class constructor ReadableStreamBYOBReader cannot be invoked without 'new'");
	if (rejectThis(stream, 'ReadableStream') === null)
		throw argType('stream', 'ReadableStream', stream);
	st = stream[kS];
	if (isLocked(st))
		throw stateError('ReadableStream is locked');
	if (st.controller.type !== 'ReadableByteStreamController')
		throw notByteStream(st);
	initReader(newReader(this, 'byob'), st);
}
var RSBRP = ReadableStreamBYOBReader.prototype;

hide(RSBRP, 'read', function read(view, options) {
	var r = rejectThis(this, 'ReadableStreamBYOBReader'), req, min = 1, len;

	if (r === null)
		return thisError('ReadableStreamBYOBReader');
	if (!ArrayBuffer.isView(view))
		return Promise.reject(argType('view', 'ArrayBufferView', view));
	if (view.byteLength === 0)
		return Promise.reject(codeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: View or Viewed ArrayBuffer is zero-length or detached'));
	if (view.buffer.byteLength === 0)
		return Promise.reject(codeError(TypeError, 'ERR_INVALID_STATE', 'Invalid state: View or Viewed ArrayBuffer is zero-length or detached'));
	if (options !== undefined && options !== null && isObject(options) && options.min !== undefined) {
		min = Number(options.min);
		len = view instanceof DataView ? view.byteLength : view.length;
		if (!(min >= 1) || min !== Math.floor(min))
			return Promise.reject(new TypeError('options.min must be a positive integer'));
		if (min > len)
			return Promise.reject(new RangeError('options.min must be at most the view\'s length'));
	}
	if (r.stream === null)
		return Promise.reject(stateError('The reader is not attached to a stream'));
	req = promiseRequest();
	byobRead(r, view, min, req);
	return req.promise;
});
readerMethods(RSBRP, 'ReadableStreamBYOBReader');

function byobRead(r, view, min, req) {
	var st = r.stream;

	st.disturbed = true;
	if (st.state === 'errored')
		req.error(st.storedError);
	else
		pullInto(st.controller, view, min, req);
}

/* =================== the default controller =================== */

function ReadableStreamDefaultController() {
	throw new TypeError('Illegal constructor');
}
var RSDCP = ReadableStreamDefaultController.prototype;

function setupDefaultControllerFromSource(st, dict, hwm, size) {
	var src = dict, cancel = method(dict, 'cancel', 'source'), pull = method(dict, 'pull', 'source'),
	    start = method(dict, 'start', 'source');

	setupDefaultController(st, Object.create(RSDCP),
	    start ? function (c) { return apply(start, src, [c]); } : noop,
	    pull ? function (c) { return promiseCall(pull, src, [c]); } : function () { return Promise.resolve(); },
	    cancel ? function (reason) { return promiseCall(cancel, src, [reason]); } : function () { return Promise.resolve(); },
	    hwm, size);
}
function setupDefaultController(st, self, start, pull, cancel, hwm, size) {
	var c = { type: 'ReadableStreamDefaultController', self: self, stream: st, queue: new Queue(), queueTotalSize: 0,
	    started: false, closeRequested: false, pullAgain: false, pulling: false,
	    size: size, hwm: hwm, pull: pull, cancel: cancel };

	hide(self, kS, c);
	c.cancelSteps = function (reason) {
		var p;

		resetQueue(c);
		p = c.cancel(reason);
		clearDefaultAlgorithms(c);
		return p;
	};
	c.pullSteps = function (req) {
		var chunk;

		if (c.queue.size() > 0) {
			chunk = dequeueValue(c);
			if (c.closeRequested && c.queue.size() === 0) {
				clearDefaultAlgorithms(c);
				closeStream(st);
			} else {
				defaultCallPull(c);
			}
			req.chunk(chunk);
			return;
		}
		st.reader.requests.push(req);
		defaultCallPull(c);
	};
	c.releaseSteps = noop;
	st.controller = c;
	started(c, start(self), defaultCallPull, defaultError);
}
function clearDefaultAlgorithms(c) {
	c.pull = undefined;
	c.cancel = undefined;
	c.size = undefined;
}
function defaultCanClose(c) {
	return !c.closeRequested && c.stream.state === 'readable';
}
function defaultDesiredSize(c) {
	var state = c.stream.state;

	if (state === 'errored')
		return null;
	if (state === 'closed')
		return 0;
	return c.hwm - c.queueTotalSize;
}
function defaultShouldPull(c) {
	var st = c.stream;

	if (!defaultCanClose(c) || !c.started)
		return false;
	if (isLocked(st) && hasReader(st, 'default') && numReadRequests(st) > 0)
		return true;
	return defaultDesiredSize(c) > 0;
}
/* Either controller once its start() has settled: pulling, or errored. */
function started(c, result, pull, fail) {
	upon(Promise.resolve(result), function () {
		c.started = true;
		pull(c);
	}, function (e) {
		fail(c, e);
	});
}
/* Either controller's CallPullIfNeeded: shouldPull and fail are its own. */
function callPull(c, shouldPull, fail) {
	if (!shouldPull(c))
		return;
	if (c.pulling) {
		c.pullAgain = true;
		return;
	}
	c.pulling = true;
	upon(c.pull(c.self), function () {
		c.pulling = false;
		if (c.pullAgain) {
			c.pullAgain = false;
			callPull(c, shouldPull, fail);
		}
	}, function (e) {
		fail(c, e);
	});
}
function defaultCallPull(c) {
	callPull(c, defaultShouldPull, defaultError);
}
function defaultClose(c) {
	if (!defaultCanClose(c))
		return;
	c.closeRequested = true;
	if (c.queue.size() === 0) {
		clearDefaultAlgorithms(c);
		closeStream(c.stream);
	}
}
function defaultEnqueue(c, chunk) {
	var st = c.stream, size;

	if (!defaultCanClose(c))
		return;
	if (isLocked(st) && numReadRequests(st) > 0 && hasReader(st, 'default')) {
		fulfillReadRequest(st, chunk, false);
	} else {
		try {
			size = c.size(chunk);
		} catch (e) {
			defaultError(c, e);
			throw e;
		}
		try {
			enqueueValue(c, chunk, size);
		} catch (e) {
			defaultError(c, e);
			throw e;
		}
	}
	defaultCallPull(c);
}
function defaultError(c, e) {
	if (c.stream.state !== 'readable')
		return;
	resetQueue(c);
	clearDefaultAlgorithms(c);
	errorStream(c.stream, e);
}

define.getter(RSDCP, 'desiredSize', function () {
	return defaultDesiredSize(slot(this, 'ReadableStreamDefaultController'));
});
hide(RSDCP, 'close', function close() {
	var c = slot(this, 'ReadableStreamDefaultController');

	if (!defaultCanClose(c))
		throw stateError('Controller is already closed');
	defaultClose(c);
});
hide(RSDCP, 'enqueue', function enqueue(chunk) {
	var c = slot(this, 'ReadableStreamDefaultController');

	if (!defaultCanClose(c))
		throw stateError('Controller is already closed');
	defaultEnqueue(c, chunk);
});
hide(RSDCP, 'error', function error(e) {
	defaultError(slot(this, 'ReadableStreamDefaultController'), e);
});
define.tag(RSDCP, 'ReadableStreamDefaultController');
define.inspectAs(RSDCP, function () { return {}; });

/* =================== the byte stream controller =================== */

function ReadableByteStreamController() {
	throw new TypeError('Illegal constructor');
}
var RBSCP = ReadableByteStreamController.prototype;

function ReadableStreamBYOBRequest() {
	throw new TypeError('Illegal constructor');
}
var RSBRQP = ReadableStreamBYOBRequest.prototype;

function setupByteControllerFromSource(st, dict, hwm) {
	var src = dict, auto = dict.autoAllocateChunkSize, cancel = method(dict, 'cancel', 'source'),
	    pull = method(dict, 'pull', 'source'), start = method(dict, 'start', 'source');

	if (auto !== undefined) {
		auto = Number(auto);
		if (!(auto > 0) || auto !== Math.floor(auto) || auto === Infinity)
			throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
			    "The property 'source.autoAllocateChunkSize' is invalid. Received " + dict.autoAllocateChunkSize);
	}
	setupByteController(st, Object.create(RBSCP),
	    start ? function (c) { return apply(start, src, [c]); } : noop,
	    pull ? function (c) { return promiseCall(pull, src, [c]); } : function () { return Promise.resolve(); },
	    cancel ? function (reason) { return promiseCall(cancel, src, [reason]); } : function () { return Promise.resolve(); },
	    hwm, auto);
}
function setupByteController(st, self, start, pull, cancel, hwm, auto) {
	var c = { type: 'ReadableByteStreamController', self: self, stream: st, queue: new Queue(), queueTotalSize: 0,
	    started: false, closeRequested: false, pullAgain: false, pulling: false, hwm: hwm,
	    pull: pull, cancel: cancel, auto: auto, pending: [], byobRequest: null };

	hide(self, kS, c);
	c.cancelSteps = function (reason) {
		var p;

		clearPendingPullIntos(c);
		resetQueue(c);
		p = c.cancel(reason);
		clearByteAlgorithms(c);
		return p;
	};
	c.pullSteps = function (req) {
		var buffer;

		if (c.queueTotalSize > 0) {
			fillReadRequestFromQueue(c, req);
			return;
		}
		if (c.auto !== undefined) {
			try {
				buffer = new ArrayBuffer(c.auto);
			} catch (e) {
				req.error(e);
				return;
			}
			c.pending.push({ buffer: buffer, bufferByteLength: c.auto, byteOffset: 0, byteLength: c.auto,
			    bytesFilled: 0, minimumFill: 1,
			    elementSize: 1, ctor: Uint8Array, readerType: 'default' });
		}
		st.reader.requests.push(req);
		byteCallPull(c);
	};
	c.releaseSteps = function () {
		var first;

		if (c.pending.length > 0) {
			first = c.pending[0];
			first.readerType = 'none';
			c.pending = [first];
		}
	};
	st.controller = c;
	started(c, start(self), byteCallPull, byteError);
}
function clearByteAlgorithms(c) {
	c.pull = undefined;
	c.cancel = undefined;
}
function clearPendingPullIntos(c) {
	invalidateBYOBRequest(c);
	c.pending = [];
}
function invalidateBYOBRequest(c) {
	if (c.byobRequest === null)
		return;
	c.byobRequest[kS].controller = null;
	c.byobRequest[kS].view = null;
	c.byobRequest = null;
}
function byteDesiredSize(c) {
	var state = c.stream.state;

	if (state === 'errored')
		return null;
	if (state === 'closed')
		return 0;
	return c.hwm - c.queueTotalSize;
}
function byteShouldPull(c) {
	var st = c.stream;

	if (st.state !== 'readable' || c.closeRequested || !c.started)
		return false;
	if (hasReader(st, 'default') && numReadRequests(st) > 0)
		return true;
	if (hasReader(st, 'byob') && st.reader.requests.size() > 0)
		return true;
	return byteDesiredSize(c) > 0;
}
function byteCallPull(c) {
	callPull(c, byteShouldPull, byteError);
}
function byteError(c, e) {
	if (c.stream.state !== 'readable')
		return;
	clearPendingPullIntos(c);
	resetQueue(c);
	clearByteAlgorithms(c);
	errorStream(c.stream, e);
}
function byteClose(c) {
	var first, e;

	if (c.closeRequested || c.stream.state !== 'readable')
		return;
	if (c.queueTotalSize > 0) {
		c.closeRequested = true;
		return;
	}
	if (c.pending.length > 0) {
		first = c.pending[0];
		if (first.bytesFilled % first.elementSize !== 0) {
			e = new TypeError('Insufficient bytes to fill elements in the given buffer');
			byteError(c, e);
			throw e;
		}
	}
	clearByteAlgorithms(c);
	closeStream(c.stream);
}
function enqueueChunk(c, buffer, byteOffset, byteLength) {
	c.queue.push({ buffer: buffer, byteOffset: byteOffset, byteLength: byteLength });
	c.queueTotalSize += byteLength;
}
function enqueueClonedChunk(c, buffer, byteOffset, byteLength) {
	var clone;

	try {
		clone = apply(ArrayBufferSlice, buffer, [byteOffset, byteOffset + byteLength]);
	} catch (e) {
		byteError(c, e);
		throw e;
	}
	enqueueChunk(c, clone, 0, byteLength);
}
function enqueueDetachedPullInto(c, d) {
	if (d.bytesFilled > 0)
		enqueueClonedChunk(c, d.buffer, d.byteOffset, d.bytesFilled);
	shiftPending(c);
}
function shiftPending(c) {
	return c.pending.shift();
}
function fillReadRequestFromQueue(c, req) {
	var entry = c.queue.shift();

	c.queueTotalSize -= entry.byteLength;
	handleQueueDrain(c);
	req.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}
function handleQueueDrain(c) {
	if (c.queueTotalSize === 0 && c.closeRequested) {
		clearByteAlgorithms(c);
		closeStream(c.stream);
	} else {
		byteCallPull(c);
	}
}
function convertPullInto(d) {
	return makeView(d.ctor, d.buffer, d.byteOffset, d.bytesFilled / d.elementSize);
}
function commitPullInto(st, d) {
	var done = st.state === 'closed', view = convertPullInto(d), req;

	if (d.readerType === 'default') {
		fulfillReadRequest(st, view, done);
		return;
	}
	req = st.reader.requests.shift();
	if (done)
		req.close(view);
	else
		req.chunk(view);
}
function fillPullIntoFromQueue(c, d) {
	var maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
	var maxBytesFilled = d.bytesFilled + maxBytesToCopy, totalBytesToCopyRemaining = maxBytesToCopy;
	var ready = false, remainderBytes = maxBytesFilled % d.elementSize;
	var maxAlignedBytes = maxBytesFilled - remainderBytes, head, bytesToCopy, destStart;

	if (maxAlignedBytes >= d.minimumFill * d.elementSize) {
		totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
		ready = true;
	}
	while (totalBytesToCopyRemaining > 0) {
		head = c.queue.peek();
		bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
		destStart = d.byteOffset + d.bytesFilled;
		copyBytes(d.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
		if (head.byteLength === bytesToCopy) {
			c.queue.shift();
		} else {
			head.byteOffset += bytesToCopy;
			head.byteLength -= bytesToCopy;
		}
		c.queueTotalSize -= bytesToCopy;
		fillHeadPullInto(c, bytesToCopy, d);
		totalBytesToCopyRemaining -= bytesToCopy;
	}
	return ready;
}
function fillHeadPullInto(c, size, d) {
	invalidateBYOBRequest(c);
	d.bytesFilled += size;
}
function processPullIntosUsingQueue(c) {
	var d;

	while (c.pending.length > 0) {
		if (c.queueTotalSize === 0)
			return;
		d = c.pending[0];
		if (fillPullIntoFromQueue(c, d)) {
			shiftPending(c);
			commitPullInto(c.stream, d);
		}
	}
}
function processReadRequestsUsingQueue(c) {
	var r = c.stream.reader;

	while (r.requests.size() > 0) {
		if (c.queueTotalSize === 0)
			return;
		fillReadRequestFromQueue(c, r.requests.shift());
	}
}
function pullInto(c, view, min, req) {
	var st = c.stream, info = viewInfo(view), buffer, d, filled;

	try {
		buffer = transfer(view.buffer);
	} catch (e) {
		req.error(e);
		return;
	}
	d = { buffer: buffer, bufferByteLength: buffer.byteLength, byteOffset: view.byteOffset,
	    byteLength: view.byteLength, bytesFilled: 0, minimumFill: min, elementSize: info.size,
	    ctor: info.ctor, readerType: 'byob', original: view };
	if (c.pending.length > 0) {
		c.pending.push(d);
		st.reader.requests.push(req);
		return;
	}
	if (st.state === 'closed') {
		req.close(makeView(d.ctor, d.buffer, d.byteOffset, 0));
		return;
	}
	if (c.queueTotalSize > 0) {
		if (fillPullIntoFromQueue(c, d)) {
			filled = convertPullInto(d);
			handleQueueDrain(c);
			req.chunk(filled);
			return;
		}
		if (c.closeRequested) {
			var e = new TypeError('Insufficient bytes to fill elements in the given buffer');

			byteError(c, e);
			req.error(e);
			return;
		}
	}
	c.pending.push(d);
	st.reader.requests.push(req);
	byteCallPull(c);
}
function respondInClosedState(c, first) {
	var st = c.stream;

	if (first.readerType === 'none')
		shiftPending(c);
	if (hasReader(st, 'byob')) {
		while (st.reader.requests.size() > 0)
			commitPullInto(st, shiftPending(c));
	}
}
function respondInReadableState(c, bytesWritten, d) {
	var remainder, end;

	fillHeadPullInto(c, bytesWritten, d);
	if (d.readerType === 'none') {
		enqueueDetachedPullInto(c, d);
		processPullIntosUsingQueue(c);
		return;
	}
	if (d.bytesFilled < d.minimumFill * d.elementSize)
		return;
	shiftPending(c);
	remainder = d.bytesFilled % d.elementSize;
	if (remainder > 0) {
		end = d.byteOffset + d.bytesFilled;
		enqueueClonedChunk(c, d.buffer, end - remainder, remainder);
	}
	d.bytesFilled -= remainder;
	commitPullInto(c.stream, d);
	processPullIntosUsingQueue(c);
}
function respondInternal(c, bytesWritten) {
	var first = c.pending[0];

	invalidateBYOBRequest(c);
	if (c.stream.state === 'closed')
		respondInClosedState(c, first);
	else
		respondInReadableState(c, bytesWritten, first);
	byteCallPull(c);
}
function respond(c, bytesWritten) {
	var first = c.pending[0], state = c.stream.state;

	if (state === 'closed') {
		if (bytesWritten !== 0)
			throw new TypeError('bytesWritten must be 0 when calling respond() on a closed stream');
	} else {
		if (bytesWritten === 0)
			throw new TypeError('bytesWritten must be greater than 0 when calling respond() on a readable stream');
		if (first.bytesFilled + bytesWritten > first.byteLength)
			throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'bytesWritten out of range');
	}
	first.buffer = transfer(first.buffer);
	respondInternal(c, bytesWritten);
}
function respondWithNewView(c, view) {
	var first = c.pending[0], state = c.stream.state, n = view.byteLength;

	if (state === 'closed') {
		if (n !== 0)
			throw new TypeError('The view\'s length must be 0 when calling respondWithNewView() on a closed stream');
	} else if (n === 0) {
		throw new TypeError('The view\'s length must be greater than 0 when calling respondWithNewView() on a readable stream');
	}
	if (first.byteOffset + first.bytesFilled !== view.byteOffset)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The region specified by view does not match byobRequest');
	if (first.bufferByteLength !== view.buffer.byteLength)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The buffer of view has different capacity than byobRequest');
	if (first.bytesFilled + n > first.byteLength)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', 'The region specified by view is larger than byobRequest');
	first.buffer = transfer(view.buffer);
	respondInternal(c, n);
}
function byteEnqueue(c, chunk) {
	var st = c.stream, buffer, byteOffset = chunk.byteOffset, byteLength = chunk.byteLength, first;

	if (c.closeRequested || st.state !== 'readable')
		return;
	buffer = transfer(chunk.buffer);
	if (c.pending.length > 0) {
		first = c.pending[0];
		first.buffer = transfer(first.buffer);
		invalidateBYOBRequest(c);
		if (first.readerType === 'none')
			enqueueDetachedPullInto(c, first);
	}
	if (hasReader(st, 'default')) {
		processReadRequestsUsingQueue(c);
		if (numReadRequests(st) === 0) {
			enqueueChunk(c, buffer, byteOffset, byteLength);
		} else {
			if (c.pending.length > 0)
				shiftPending(c);
			fulfillReadRequest(st, new Uint8Array(buffer, byteOffset, byteLength), false);
		}
	} else if (hasReader(st, 'byob')) {
		enqueueChunk(c, buffer, byteOffset, byteLength);
		processPullIntosUsingQueue(c);
	} else {
		enqueueChunk(c, buffer, byteOffset, byteLength);
	}
	byteCallPull(c);
}
function getBYOBRequest(c) {
	var first, view, req;

	if (c.byobRequest === null && c.pending.length > 0) {
		first = c.pending[0];
		view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
		req = Object.create(RSBRQP);
		hide(req, kS, { type: 'ReadableStreamBYOBRequest', controller: c, view: view });
		c.byobRequest = req;
	}
	return c.byobRequest;
}

define.getter(RBSCP, 'byobRequest', function () {
	return getBYOBRequest(slot(this, 'ReadableByteStreamController'));
});
define.getter(RBSCP, 'desiredSize', function () {
	return byteDesiredSize(slot(this, 'ReadableByteStreamController'));
});
hide(RBSCP, 'close', function close() {
	var c = slot(this, 'ReadableByteStreamController');

	if (c.closeRequested)
		throw stateError('Controller is already closed');
	if (c.stream.state !== 'readable')
		throw stateError('ReadableStream is already closed');
	byteClose(c);
});
hide(RBSCP, 'enqueue', function enqueue(chunk) {
	var c = slot(this, 'ReadableByteStreamController');

	if (!ArrayBuffer.isView(chunk))
		throw argType('chunk', 'ArrayBufferView', chunk);
	if (chunk.byteLength === 0)
		throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', 'chunk ArrayBuffer is zero-length or detached');
	if (chunk.buffer.byteLength === 0)
		throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'chunk' is invalid: its buffer is zero-length or detached");
	if (c.closeRequested)
		throw stateError('Controller is already closed');
	if (c.stream.state !== 'readable')
		throw stateError('ReadableStream is already closed');
	byteEnqueue(c, chunk);
});
hide(RBSCP, 'error', function error(e) {
	byteError(slot(this, 'ReadableByteStreamController'), e);
});
define.tag(RBSCP, 'ReadableByteStreamController');
define.inspectAs(RBSCP, function () { return {}; });

function requestController(self) {
	var s = slot(self, 'ReadableStreamBYOBRequest');

	if (s.controller === null)
		throw stateError('This BYOB request has been invalidated');
	return s.controller;
}
define.getter(RSBRQP, 'view', function () {
	return slot(this, 'ReadableStreamBYOBRequest').view;
});
hide(RSBRQP, 'respond', function respondMethod(bytesWritten) {
	var n = Number(bytesWritten), c;

	slot(this, 'ReadableStreamBYOBRequest');
	if (n !== n || n < 0 || n === Infinity)
		throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "bytesWritten" argument must be a non-negative integer');
	c = requestController(this);
	respond(c, Math.floor(n));
});
hide(RSBRQP, 'respondWithNewView', function respondWithNewViewMethod(view) {
	var c;

	slot(this, 'ReadableStreamBYOBRequest');
	if (!ArrayBuffer.isView(view))
		throw argType('view', 'ArrayBufferView', view);
	c = requestController(this);
	respondWithNewView(c, view);
});
define.tag(RSBRQP, 'ReadableStreamBYOBRequest');
define.inspectAs(RSBRQP, function (r) { return { view: r[kS].view, controller: r[kS].controller && r[kS].controller.self }; });

/* =================== tee =================== */

function defaultTee(st) {
	var r = acquireDefaultReader(st), reading = false, readAgain = false, canceled1 = false, canceled2 = false;
	var reason1, reason2, b1, b2, cancelDone = deferred();

	function pullAlgorithm() {
		if (reading) {
			readAgain = true;
			return Promise.resolve();
		}
		reading = true;
		defaultRead(r, {
			chunk: function (chunk) {
				queueMicrotask(function () {
					readAgain = false;
					if (!canceled1)
						defaultEnqueue(b1.controller, chunk);
					if (!canceled2)
						defaultEnqueue(b2.controller, chunk);
					reading = false;
					if (readAgain)
						pullAlgorithm();
				});
			},
			close: function () {
				reading = false;
				if (!canceled1)
					defaultClose(b1.controller);
				if (!canceled2)
					defaultClose(b2.controller);
				if (!canceled1 || !canceled2)
					settle(cancelDone, undefined, undefined, false);
			},
			error: function () { reading = false; }
		});
		return Promise.resolve();
	}
	/* the composite cancel, once both branches asked */
	function cancelBoth() {
		var p = cancelStream(st, [reason1, reason2]);

		if (!cancelDone.settled) {
			cancelDone.settled = true;
			cancelDone.resolve(p);
		}
	}
	function cancel1(reason) {
		canceled1 = true;
		reason1 = reason;
		if (canceled2)
			cancelBoth();
		return cancelDone.promise;
	}
	function cancel2(reason) {
		canceled2 = true;
		reason2 = reason;
		if (canceled1)
			cancelBoth();
		return cancelDone.promise;
	}
	b1 = createReadableStream(noop, pullAlgorithm, cancel1);
	b2 = createReadableStream(noop, pullAlgorithm, cancel2);
	upon(r.closed.promise, noop, function (e) {
		defaultError(b1.controller, e);
		defaultError(b2.controller, e);
		if (!canceled1 || !canceled2)
			settle(cancelDone, undefined, undefined, false);
	});
	return [b1, b2];
}

function cloneView(chunk) {
	return new Uint8Array(apply(ArrayBufferSlice, chunk.buffer, [chunk.byteOffset, chunk.byteOffset + chunk.byteLength]));
}

function byteTee(st) {
	var reader = acquireDefaultReader(st), reading = false, readAgain1 = false, readAgain2 = false;
	var canceled1 = false, canceled2 = false, reason1, reason2, b1, b2, cancelDone = deferred();

	function forwardErrors(r) {
		upon(r.closed.promise, noop, function (e) {
			if (r !== reader)
				return;
			byteError(b1.controller, e);
			byteError(b2.controller, e);
			if (!canceled1 || !canceled2)
				settle(cancelDone, undefined, undefined, false);
		});
	}
	function switchToDefault() {
		if (reader.kind === 'byob') {
			releaseReader(reader);
			reader = acquireDefaultReader(st);
			forwardErrors(reader);
		}
	}
	function pullWithDefaultReader() {
		switchToDefault();
		defaultRead(reader, {
			chunk: function (chunk) {
				queueMicrotask(function () {
					var c1 = chunk, c2 = chunk;

					readAgain1 = readAgain2 = false;
					if (!canceled1 && !canceled2) {
						try {
							c2 = cloneView(chunk);
						} catch (e) {
							byteError(b1.controller, e);
							byteError(b2.controller, e);
							settle(cancelDone, undefined, cancelStream(st, e), false);
							return;
						}
					}
					if (!canceled1)
						byteEnqueue(b1.controller, c1);
					if (!canceled2)
						byteEnqueue(b2.controller, c2);
					reading = false;
					if (readAgain1)
						pull1();
					else if (readAgain2)
						pull2();
				});
			},
			close: function () {
				reading = false;
				if (!canceled1)
					byteClose(b1.controller);
				if (!canceled2)
					byteClose(b2.controller);
				if (b1.controller.pending.length > 0)
					respond(b1.controller, 0);
				if (b2.controller.pending.length > 0)
					respond(b2.controller, 0);
				if (!canceled1 || !canceled2)
					settle(cancelDone, undefined, undefined, false);
			},
			error: function () { reading = false; }
		});
	}
	function switchToBYOB() {
		if (reader.kind === 'default') {
			releaseReader(reader);
			reader = acquireBYOBReader(st);
			forwardErrors(reader);
		}
	}
	function pullWithBYOBReader(view, forBranch2) {
		var byob = forBranch2 ? b2 : b1, other = forBranch2 ? b1 : b2;

		switchToBYOB();
		byobRead(reader, view, 1, {
			chunk: function (chunk) {
				queueMicrotask(function () {
					var byobCanceled = forBranch2 ? canceled2 : canceled1, otherCanceled = forBranch2 ? canceled1 : canceled2, clone;

					readAgain1 = readAgain2 = false;
					if (!otherCanceled) {
						try {
							clone = cloneView(chunk);
						} catch (e) {
							byteError(byob.controller, e);
							byteError(other.controller, e);
							settle(cancelDone, undefined, cancelStream(st, e), false);
							return;
						}
						if (!byobCanceled)
							respondWithNewView(byob.controller, chunk);
						byteEnqueue(other.controller, clone);
					} else if (!byobCanceled) {
						respondWithNewView(byob.controller, chunk);
					}
					reading = false;
					if (readAgain1)
						pull1();
					else if (readAgain2)
						pull2();
				});
			},
			close: function (chunk) {
				var byobCanceled = forBranch2 ? canceled2 : canceled1, otherCanceled = forBranch2 ? canceled1 : canceled2;

				reading = false;
				if (!byobCanceled)
					byteClose(byob.controller);
				if (!otherCanceled)
					byteClose(other.controller);
				if (chunk !== undefined) {
					if (!byobCanceled)
						respondWithNewView(byob.controller, chunk);
					if (!otherCanceled && other.controller.pending.length > 0)
						respond(other.controller, 0);
				}
				if (!byobCanceled || !otherCanceled)
					settle(cancelDone, undefined, undefined, false);
			},
			error: function () { reading = false; }
		});
	}
	function pullBranch(forBranch2) {
		var c = (forBranch2 ? b2 : b1).controller, req;

		if (reading) {
			if (forBranch2)
				readAgain2 = true;
			else
				readAgain1 = true;
			return Promise.resolve();
		}
		reading = true;
		req = getBYOBRequest(c);
		if (req === null)
			pullWithDefaultReader();
		else
			pullWithBYOBReader(req[kS].view, forBranch2);
		return Promise.resolve();
	}
	function pull1() { return pullBranch(false); }
	function pull2() { return pullBranch(true); }
	function cancelIfBoth() {
		var p;

		if (canceled1 && canceled2) {
			p = cancelStream(st, [reason1, reason2]);
			if (!cancelDone.settled) {
				cancelDone.settled = true;
				cancelDone.resolve(p);
			}
		}
		return cancelDone.promise;
	}
	b1 = createByteStream(noop, pull1, function (reason) {
		canceled1 = true;
		reason1 = reason;
		return cancelIfBoth();
	});
	b2 = createByteStream(noop, pull2, function (reason) {
		canceled2 = true;
		reason2 = reason;
		return cancelIfBoth();
	});
	forwardErrors(reader);
	return [b1, b2];
}

/* =================== async iteration and from() =================== */

var AsyncIteratorPrototype = {};
hide(AsyncIteratorPrototype, Symbol.asyncIterator, function () { return this; });

var RSAIP = Object.create(AsyncIteratorPrototype);
function iterState(self) {
	var s = isObject(self) ? self[kS] : undefined;

	if (s === undefined || s.type !== 'ReadableStreamAsyncIterator')
		return null;
	return s;
}
var END = {};

/* The stream's "get the next iteration result": a chunk, or END. */
function iterNext(s) {
	var r = s.reader, d;

	if (r.stream === null)
		return Promise.reject(stateError('The reader is not attached to a stream'));
	d = deferred();
	defaultRead(r, {
		chunk: function (c) { d.resolve(c); },
		close: function () {
			releaseReader(r);
			d.resolve(END);
		},
		error: function (e) {
			releaseReader(r);
			d.reject(e);
		}
	});
	return d.promise;
}
function iterReturn(s, value) {
	var r = s.reader, p;

	if (r.stream === null)
		return Promise.resolve();
	if (s.preventCancel) {
		releaseReader(r);
		return Promise.resolve();
	}
	p = genericCancel(r, value);
	releaseReader(r);
	return p;
}
/* WebIDL's async iterator: next() and return() run one after another on
 * the ongoing promise, each result object made in a reaction of its own. */
hide(RSAIP, 'next', function next() {
	var s = iterState(this), steps;

	if (s === null)
		return Promise.reject(new TypeError('next() called on an object that is not a ReadableStream async iterator'));
	steps = function () {
		if (s.done)
			return Promise.resolve({ value: undefined, done: true });
		return upon(iterNext(s), function (v) {
			s.ongoing = null;
			if (v === END) {
				s.done = true;
				return { value: undefined, done: true };
			}
			return { value: v, done: false };
		}, function (e) {
			s.ongoing = null;
			s.done = true;
			throw e;
		});
	};
	s.ongoing = s.ongoing === null ? steps() : upon(s.ongoing, steps, steps);
	return s.ongoing;
});
hide(RSAIP, 'return', function returnMethod(value) {
	var s = iterState(this), steps;

	if (s === null)
		return Promise.reject(new TypeError('return() called on an object that is not a ReadableStream async iterator'));
	steps = function () {
		if (s.done)
			return Promise.resolve({ value: value, done: true });
		s.done = true;
		return iterReturn(s, value);
	};
	s.ongoing = s.ongoing === null ? steps() : upon(s.ongoing, steps, steps);
	return upon(s.ongoing, function () { return { value: value, done: true }; });
});
define.tag(RSAIP, 'ReadableStream AsyncIterator');

function values(options) {
	var st = slot(this, 'ReadableStream'), it = Object.create(RSAIP), preventCancel = false;

	if (options !== undefined && options !== null) {
		if (!isObject(options))
			throw argType('options', 'object', options);
		preventCancel = !!options.preventCancel;
	}
	hide(it, kS, { type: 'ReadableStreamAsyncIterator', reader: acquireDefaultReader(st),
	    preventCancel: preventCancel, done: false, ongoing: null });
	return it;
}
hide(RSP, 'values', values);
hide(RSP, Symbol.asyncIterator, values);

/* ReadableStream.from(iterable): async iterables first, then sync ones
 * (each value awaited), as the standard's GetIterator(async) does. */
hide(ReadableStream, 'from', function from(iterable) {
	var getAsync, getSync, iter, next, st;

	if (rejectThis(iterable, 'ReadableStream') !== null)
		return iterable;
	if (iterable === null || iterable === undefined)
		throw argType('iterable', 'iterable', iterable);
	getAsync = iterable[Symbol.asyncIterator];
	if (getAsync === undefined || getAsync === null) {
		getSync = iterable[Symbol.iterator];
		if (typeof getSync !== 'function')
			throw codeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'iterable must be iterable');
		iter = syncToAsync(apply(getSync, iterable, []));
	} else {
		if (typeof getAsync !== 'function')
			throw codeError(TypeError, 'ERR_ARG_NOT_ITERABLE', 'iterable must be iterable');
		iter = apply(getAsync, iterable, []);
	}
	if (!isObject(iter))
		throw new TypeError('The iterator is not an object');
	next = iter.next;
	st = createReadableStream(noop, function () {
		var res;

		try {
			res = apply(next, iter, []);
		} catch (e) {
			return Promise.reject(e);
		}
		return upon(Promise.resolve(res), function (r) {
			if (!isObject(r))
				throw new TypeError('The promise returned by the iterator.next() method must fulfill with an object');
			if (r.done)
				defaultClose(st.controller);
			else
				defaultEnqueue(st.controller, r.value);
		});
	}, function (reason) {
		var ret;

		try {
			ret = iter['return'];
			if (ret === undefined || ret === null)
				return Promise.resolve();
			return upon(Promise.resolve(apply(ret, iter, [reason])), function (r) {
				if (!isObject(r))
					throw new TypeError('The promise returned by the iterator.return() method must fulfill with an object');
			});
		} catch (e) {
			return Promise.reject(e);
		}
	}, 0);
	return st.self;
});
function syncToAsync(it) {
	return {
		next: function () {
			var r = it.next();

			return upon(Promise.resolve(r.value), function (v) { return { value: v, done: !!r.done }; });
		},
		'return': function (v) {
			var ret = it['return'];

			return Promise.resolve(typeof ret === 'function' ? apply(ret, it, [v]) : { value: v, done: true });
		}
	};
}

define.tag(RSP, 'ReadableStream');
define.inspectAs(RSP, function (s) {
	var st = s[kS];

	return { locked: isLocked(st), state: st.state, supportsBYOB: st.controller.type === 'ReadableByteStreamController' };
});

/* =================== WritableStream =================== */

function initWritable(self) {
	var w = { type: 'WritableStream', self: self, state: 'writable', storedError: undefined, writer: null,
	    controller: null, inFlightWrite: null, closeRequest: null, inFlightClose: null, pendingAbort: null,
	    writeRequests: new Queue(), backpressure: false };

	hide(self, kS, w);
	return w;
}
function WritableStream(sink, strategy) {
	var w, dict, s;

	if (!(this instanceof WritableStream))
		throw new TypeError("Class constructor WritableStream cannot be invoked without 'new'");
	if (sink !== undefined && !isObject(sink))
		throw argType('sink', 'object', sink);
	dict = sink === undefined ? {} : sink;
	s = strategyDict(strategy, 'strategy');
	if (dict.type !== undefined)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The property 'sink.type' is invalid. Received " + dict.type);
	w = initWritable(this);
	setupWritableControllerFromSink(w, dict, extractHWM(s, 1), extractSize(s));
}
var WSP = WritableStream.prototype;

function createWritableStream(start, write, close, abort, hwm, size) {
	var self = Object.create(WSP), w = initWritable(self);

	setupWritableController(w, Object.create(WSDCP), start, write, close, abort,
	    hwm === undefined ? 1 : hwm, size || function () { return 1; });
	return w;
}

function writableLocked(w) {
	return w.writer !== null;
}
define.getter(WSP, 'locked', function () { return writableLocked(slot(this, 'WritableStream')); });
hide(WSP, 'abort', function abort(reason) {
	var w = rejectThis(this, 'WritableStream');

	if (w === null)
		return thisError('WritableStream');
	if (writableLocked(w))
		return Promise.reject(stateError('WritableStream is locked'));
	return abortWritable(w, reason);
});
hide(WSP, 'close', function close() {
	var w = rejectThis(this, 'WritableStream');

	if (w === null)
		return thisError('WritableStream');
	if (writableLocked(w))
		return Promise.reject(stateError('WritableStream is locked'));
	if (closeQueuedOrInFlight(w))
		return Promise.reject(stateError('Failure closing WritableStream'));
	return closeWritable(w);
});
hide(WSP, 'getWriter', function getWriter() {
	return acquireWriter(slot(this, 'WritableStream')).self;
});
define.tag(WSP, 'WritableStream');
define.inspectAs(WSP, function (s) { return { locked: writableLocked(s[kS]), state: s[kS].state }; });

function abortWritable(w, reason) {
	var state, wasAlreadyErroring = false, d;

	if (w.state === 'closed' || w.state === 'errored')
		return Promise.resolve();
	w.controller.abortController.abort(reason);
	state = w.state;
	if (state === 'closed' || state === 'errored')
		return Promise.resolve();
	if (w.pendingAbort !== null)
		return w.pendingAbort.d.promise;
	if (state === 'erroring') {
		wasAlreadyErroring = true;
		reason = undefined;
	}
	d = deferred();
	w.pendingAbort = { d: d, reason: reason, wasAlreadyErroring: wasAlreadyErroring };
	if (!wasAlreadyErroring)
		startErroring(w, reason);
	return d.promise;
}
function closeWritable(w) {
	var d, writer = w.writer;

	if (w.state === 'closed' || w.state === 'errored')
		return Promise.reject(stateError('WritableStream is closed'));
	d = deferred();
	w.closeRequest = d;
	if (writer !== null && w.backpressure && w.state === 'writable')
		settle(writer.ready, undefined, undefined, false);
	enqueueValue(w.controller, closeSentinel, 0);
	writableAdvanceQueueIfNeeded(w.controller);
	return d.promise;
}
var closeSentinel = {};

function addWriteRequest(w) {
	var d = deferred();

	w.writeRequests.push(d);
	return d.promise;
}
function closeQueuedOrInFlight(w) {
	return w.closeRequest !== null || w.inFlightClose !== null;
}
function hasOperationMarkedInFlight(w) {
	return w.inFlightWrite !== null || w.inFlightClose !== null;
}
function dealWithRejection(w, e) {
	if (w.state === 'writable') {
		startErroring(w, e);
		return;
	}
	finishErroring(w);
}
function startErroring(w, reason) {
	var c = w.controller, writer = w.writer;

	w.state = 'erroring';
	w.storedError = reason;
	if (writer !== null)
		writerEnsureReadyRejected(writer, reason);
	if (!hasOperationMarkedInFlight(w) && c.started)
		finishErroring(w);
}
function finishErroring(w) {
	var e, requests, abort;

	w.state = 'errored';
	w.controller.errorSteps();
	e = w.storedError;
	requests = w.writeRequests;
	w.writeRequests = new Queue();
	requests.forEach(function (d) { d.reject(e); });
	if (w.pendingAbort === null) {
		rejectCloseAndClosedIfNeeded(w);
		return;
	}
	abort = w.pendingAbort;
	w.pendingAbort = null;
	if (abort.wasAlreadyErroring) {
		abort.d.reject(e);
		rejectCloseAndClosedIfNeeded(w);
		return;
	}
	upon(w.controller.abortSteps(abort.reason), function () {
		abort.d.resolve();
		rejectCloseAndClosedIfNeeded(w);
	}, function (reason) {
		abort.d.reject(reason);
		rejectCloseAndClosedIfNeeded(w);
	});
}
function finishInFlightWrite(w) {
	w.inFlightWrite.resolve();
	w.inFlightWrite = null;
}
function finishInFlightWriteWithError(w, e) {
	w.inFlightWrite.reject(e);
	w.inFlightWrite = null;
	dealWithRejection(w, e);
}
function finishInFlightClose(w) {
	var writer;

	w.inFlightClose.resolve();
	w.inFlightClose = null;
	if (w.state === 'erroring') {
		w.storedError = undefined;
		if (w.pendingAbort !== null) {
			w.pendingAbort.d.resolve();
			w.pendingAbort = null;
		}
	}
	w.state = 'closed';
	writer = w.writer;
	if (writer !== null)
		settle(writer.closed, undefined, undefined, false);
}
function finishInFlightCloseWithError(w, e) {
	w.inFlightClose.reject(e);
	w.inFlightClose = null;
	if (w.pendingAbort !== null) {
		w.pendingAbort.d.reject(e);
		w.pendingAbort = null;
	}
	dealWithRejection(w, e);
}
function rejectCloseAndClosedIfNeeded(w) {
	var writer = w.writer;

	if (w.closeRequest !== null) {
		w.closeRequest.reject(w.storedError);
		w.closeRequest = null;
	}
	if (writer !== null) {
		settle(writer.closed, w.storedError, undefined, true);
		handled(writer.closed.promise);
	}
}
function updateBackpressure(w, bp) {
	var writer = w.writer;

	if (writer !== null && bp !== w.backpressure) {
		if (bp)
			writer.ready = deferred();
		else
			settle(writer.ready, undefined, undefined, false);
	}
	w.backpressure = bp;
}

/* ---- the writer ---- */

function WritableStreamDefaultWriter(stream) {
	if (!(this instanceof WritableStreamDefaultWriter))
		throw new TypeError("Class constructor WritableStreamDefaultWriter cannot be invoked without 'new'");
	if (rejectThis(stream, 'WritableStream') === null)
		throw argType('stream', 'WritableStream', stream);
	setupWriter(this, stream[kS]);
}
var WSDWP = WritableStreamDefaultWriter.prototype;

function acquireWriter(w) {
	return setupWriter(Object.create(WSDWP), w);
}
function rejectedDeferred(e) {
	var d = deferred();

	settle(d, e, undefined, true);
	handled(d.promise);
	return d;
}
function resolvedDeferred() {
	var d = deferred();

	settle(d, undefined, undefined, false);
	return d;
}
function setupWriter(self, w) {
	var r, state = w.state;

	if (writableLocked(w))
		throw stateError('WritableStream is locked');
	r = { type: 'WritableStreamDefaultWriter', self: self, stream: w, ready: null, closed: null };
	hide(self, kS, r);
	w.writer = r;
	if (state === 'writable') {
		r.ready = !closeQueuedOrInFlight(w) && w.backpressure ? deferred() : resolvedDeferred();
		r.closed = deferred();
	} else if (state === 'erroring') {
		r.ready = rejectedDeferred(w.storedError);
		r.closed = deferred();
	} else if (state === 'closed') {
		r.ready = resolvedDeferred();
		r.closed = resolvedDeferred();
	} else {
		r.ready = rejectedDeferred(w.storedError);
		r.closed = rejectedDeferred(w.storedError);
	}
	return r;
}
function writerEnsureReadyRejected(r, e) {
	if (r.ready.settled)
		r.ready = deferred();
	settle(r.ready, e, undefined, true);
	handled(r.ready.promise);
}
function writerEnsureClosedRejected(r, e) {
	if (r.closed.settled)
		r.closed = deferred();
	settle(r.closed, e, undefined, true);
	handled(r.closed.promise);
}
function writerDesiredSize(r) {
	var w = r.stream, state = w.state;

	if (state === 'errored' || state === 'erroring')
		return null;
	if (state === 'closed')
		return 0;
	return w.controller.hwm - w.controller.queueTotalSize;
}
function writerRelease(r) {
	var w = r.stream, e = stateError('Writer has been released');

	writerEnsureReadyRejected(r, e);
	writerEnsureClosedRejected(r, e);
	w.writer = null;
	r.stream = null;
}
function writerWrite(r, chunk) {
	var w = r.stream, c = w.controller, size = writableChunkSize(c, chunk), state;

	if (w !== r.stream)
		return Promise.reject(stateError('Writer has been released'));
	state = w.state;
	if (state === 'errored')
		return Promise.reject(w.storedError);
	if (closeQueuedOrInFlight(w) || state === 'closed')
		return Promise.reject(stateError('WritableStream is closed'));
	if (state === 'erroring')
		return Promise.reject(w.storedError);
	var p = addWriteRequest(w);

	writableControllerWrite(c, chunk, size);
	return p;
}
function writerCloseWithErrorPropagation(r) {
	var w = r.stream, state = w.state;

	if (closeQueuedOrInFlight(w) || state === 'closed')
		return Promise.resolve();
	if (state === 'errored')
		return Promise.reject(w.storedError);
	return closeWritable(w);
}
function writerSlot(self) {
	return rejectThis(self, 'WritableStreamDefaultWriter');
}
define.getter(WSDWP, 'closed', function () {
	var r = writerSlot(this);

	return r === null ? thisError('WritableStreamDefaultWriter') : r.closed.promise;
});
define.getter(WSDWP, 'ready', function () {
	var r = writerSlot(this);

	return r === null ? thisError('WritableStreamDefaultWriter') : r.ready.promise;
});
define.getter(WSDWP, 'desiredSize', function () {
	var r = slot(this, 'WritableStreamDefaultWriter');

	if (r.stream === null)
		throw stateError('Writer is not bound to a WritableStream');
	return writerDesiredSize(r);
});
hide(WSDWP, 'abort', function abort(reason) {
	var r = writerSlot(this);

	if (r === null)
		return thisError('WritableStreamDefaultWriter');
	if (r.stream === null)
		return Promise.reject(stateError('Writer is not bound to a WritableStream'));
	return abortWritable(r.stream, reason);
});
hide(WSDWP, 'close', function close() {
	var r = writerSlot(this);

	if (r === null)
		return thisError('WritableStreamDefaultWriter');
	if (r.stream === null)
		return Promise.reject(stateError('Writer is not bound to a WritableStream'));
	if (closeQueuedOrInFlight(r.stream))
		return Promise.reject(stateError('Failure to close WritableStream'));
	return closeWritable(r.stream);
});
hide(WSDWP, 'releaseLock', function releaseLock() {
	var r = slot(this, 'WritableStreamDefaultWriter');

	if (r.stream !== null)
		writerRelease(r);
});
hide(WSDWP, 'write', function write(chunk) {
	var r = writerSlot(this);

	if (r === null)
		return thisError('WritableStreamDefaultWriter');
	if (r.stream === null)
		return Promise.reject(stateError('Writer is not bound to a WritableStream'));
	return writerWrite(r, chunk);
});
define.tag(WSDWP, 'WritableStreamDefaultWriter');
define.inspectAs(WSDWP, function (x) {
	var r = x[kS];

	return { stream: r.stream === null ? undefined : r.stream.self, close: r.closed.promise, ready: r.ready.promise,
	    desiredSize: r.stream === null ? undefined : writerDesiredSize(r) };
});

/* ---- the writable controller ---- */

function WritableStreamDefaultController() {
	throw new TypeError('Illegal constructor');
}
var WSDCP = WritableStreamDefaultController.prototype;

function setupWritableControllerFromSink(w, dict, hwm, size) {
	var sink = dict, abort = method(dict, 'abort', 'sink'), close = method(dict, 'close', 'sink'),
	    start = method(dict, 'start', 'sink'), write = method(dict, 'write', 'sink');

	setupWritableController(w, Object.create(WSDCP),
	    start ? function (c) { return apply(start, sink, [c]); } : noop,
	    write ? function (chunk, c) { return promiseCall(write, sink, [chunk, c]); } : function () { return Promise.resolve(); },
	    close ? function () { return promiseCall(close, sink, []); } : function () { return Promise.resolve(); },
	    abort ? function (reason) { return promiseCall(abort, sink, [reason]); } : function () { return Promise.resolve(); },
	    hwm, size);
}
function setupWritableController(w, self, start, write, close, abort, hwm, size) {
	var c = { type: 'WritableStreamDefaultController', self: self, stream: w, queue: new Queue(), queueTotalSize: 0,
	    started: false, size: size, hwm: hwm, write: write, close: close, abort: abort,
	    abortController: new global.AbortController() };

	hide(self, kS, c);
	c.abortSteps = function (reason) {
		var p = c.abort(reason);

		clearWritableAlgorithms(c);
		return p;
	};
	c.errorSteps = function () { resetQueue(c); };
	w.controller = c;
	updateBackpressure(w, writableBackpressure(c));
	upon(Promise.resolve(start(self)), function () {
		c.started = true;
		writableAdvanceQueueIfNeeded(c);
	}, function (e) {
		c.started = true;
		dealWithRejection(w, e);
	});
}
function clearWritableAlgorithms(c) {
	c.write = undefined;
	c.close = undefined;
	c.abort = undefined;
	c.size = undefined;
}
function writableBackpressure(c) {
	return c.hwm - c.queueTotalSize <= 0;
}
function writableChunkSize(c, chunk) {
	if (c.size === undefined)
		return 1;
	try {
		return c.size(chunk);
	} catch (e) {
		writableErrorIfNeeded(c, e);
		return 1;
	}
}
function writableErrorIfNeeded(c, e) {
	if (c.stream.state === 'writable')
		writableError(c, e);
}
function writableError(c, e) {
	clearWritableAlgorithms(c);
	startErroring(c.stream, e);
}
function writableControllerWrite(c, chunk, size) {
	var w = c.stream;

	try {
		enqueueValue(c, chunk, size);
	} catch (e) {
		writableErrorIfNeeded(c, e);
		return;
	}
	if (!closeQueuedOrInFlight(w) && w.state === 'writable')
		updateBackpressure(w, writableBackpressure(c));
	writableAdvanceQueueIfNeeded(c);
}
function writableAdvanceQueueIfNeeded(c) {
	var w = c.stream, value;

	if (!c.started || w.inFlightWrite !== null)
		return;
	if (w.state === 'erroring') {
		finishErroring(w);
		return;
	}
	if (c.queue.size() === 0)
		return;
	value = c.queue.peek().value;
	if (value === closeSentinel)
		processClose(c);
	else
		processWrite(c, value);
}
function processClose(c) {
	var w = c.stream, p;

	w.inFlightClose = w.closeRequest;
	w.closeRequest = null;
	dequeueValue(c);
	p = c.close();
	clearWritableAlgorithms(c);
	upon(p, function () { finishInFlightClose(w); }, function (e) { finishInFlightCloseWithError(w, e); });
}
function processWrite(c, chunk) {
	var w = c.stream;

	w.inFlightWrite = w.writeRequests.shift();
	upon(c.write(chunk, c.self), function () {
		finishInFlightWrite(w);
		dequeueValue(c);
		if (!closeQueuedOrInFlight(w) && w.state === 'writable')
			updateBackpressure(w, writableBackpressure(c));
		writableAdvanceQueueIfNeeded(c);
	}, function (e) {
		if (w.state === 'writable')
			clearWritableAlgorithms(c);
		finishInFlightWriteWithError(w, e);
	});
}
define.getter(WSDCP, 'signal', function () {
	return slot(this, 'WritableStreamDefaultController').abortController.signal;
});
hide(WSDCP, 'error', function error(e) {
	var c = slot(this, 'WritableStreamDefaultController');

	if (c.stream.state === 'writable')
		writableError(c, e);
});
define.tag(WSDCP, 'WritableStreamDefaultController');
define.inspectAs(WSDCP, function () { return {}; });

/* =================== TransformStream =================== */

function TransformStream(transformer, writableStrategy, readableStrategy) {
	var dict, ws, rs, t, start, startPromise = deferred();

	if (!(this instanceof TransformStream))
		throw new TypeError("Class constructor TransformStream cannot be invoked without 'new'");
	if (transformer !== undefined && !isObject(transformer))
		throw argType('transformer', 'object', transformer);
	dict = transformer === undefined ? {} : transformer;
	ws = strategyDict(writableStrategy, 'writableStrategy');
	rs = strategyDict(readableStrategy, 'readableStrategy');
	if (dict.readableType !== undefined)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The property 'transformer.readableType' is invalid. Received " + dict.readableType);
	if (dict.writableType !== undefined)
		throw codeError(RangeError, 'ERR_INVALID_ARG_VALUE', "The property 'transformer.writableType' is invalid. Received " + dict.writableType);
	t = initTransform(this, startPromise, extractHWM(ws, 1), extractSize(ws), extractHWM(rs, 0), extractSize(rs));
	setupTransformControllerFromTransformer(t, dict);
	start = method(dict, 'start', 'transformer');
	if (start === undefined) {
		startPromise.resolve();
		return;
	}
	try {
		startPromise.resolve(apply(start, dict, [t.controller.self]));
	} catch (e) {
		startPromise.reject(e);
		handled(startPromise.promise);
		throw e;
	}
}
var TSP = TransformStream.prototype;

function initTransform(self, startPromise, wHWM, wSize, rHWM, rSize) {
	var t = { type: 'TransformStream', self: self, writable: null, readable: null, backpressure: undefined,
	    backpressureChange: null, controller: null };

	hide(self, kS, t);
	function start() { return startPromise.promise; }
	t.writable = createWritableStream(start, function (chunk) { return transformSinkWrite(t, chunk); },
	    function () { return transformSinkClose(t); }, function (reason) { return transformSinkAbort(t, reason); },
	    wHWM, wSize);
	t.readable = createReadableStream(start, function () { return transformSourcePull(t); },
	    function (reason) { return transformSourceCancel(t, reason); }, rHWM, rSize);
	t.backpressure = undefined;
	setTransformBackpressure(t, true);
	return t;
}
function createTransformStream(start, transform, flush, cancel) {
	var self = Object.create(TSP), startPromise = deferred(), t;

	t = initTransform(self, startPromise, 1, undefined, 0, undefined);
	setupTransformController(t, Object.create(TSDCP), transform, flush, cancel || function () { return Promise.resolve(); });
	startPromise.resolve(start(t.controller.self));
	return t;
}
function transformErrorWritableAndUnblockWrite(t, e) {
	clearTransformAlgorithms(t.controller);
	writableErrorIfNeeded(t.writable.controller, e);
	transformUnblockWrite(t);
}
function transformUnblockWrite(t) {
	if (t.backpressure)
		setTransformBackpressure(t, false);
}
function transformError(t, e) {
	defaultError(t.readable.controller, e);
	transformErrorWritableAndUnblockWrite(t, e);
}
function setTransformBackpressure(t, bp) {
	if (t.backpressureChange !== null)
		t.backpressureChange.resolve();
	t.backpressureChange = deferred();
	t.backpressure = bp;
}

function TransformStreamDefaultController() {
	throw new TypeError('Illegal constructor');
}
var TSDCP = TransformStreamDefaultController.prototype;

function setupTransformControllerFromTransformer(t, dict) {
	var tr = dict, cancel = method(dict, 'cancel', 'transformer'), flush = method(dict, 'flush', 'transformer'),
	    transform = method(dict, 'transform', 'transformer');

	setupTransformController(t, Object.create(TSDCP),
	    transform ? function (chunk, c) { return promiseCall(transform, tr, [chunk, c]); } :
	    function (chunk, c) {
		    try {
			    transformEnqueue(c[kS], chunk);
			    return Promise.resolve();
		    } catch (e) {
			    return Promise.reject(e);
		    }
	    },
	    flush ? function (c) { return promiseCall(flush, tr, [c]); } : function () { return Promise.resolve(); },
	    cancel ? function (reason) { return promiseCall(cancel, tr, [reason]); } : function () { return Promise.resolve(); });
}
function setupTransformController(t, self, transform, flush, cancel) {
	var c = { type: 'TransformStreamDefaultController', self: self, stream: t, transform: transform,
	    flush: flush, cancel: cancel, finish: null };

	hide(self, kS, c);
	t.controller = c;
}
function clearTransformAlgorithms(c) {
	c.transform = undefined;
	c.flush = undefined;
	c.cancel = undefined;
}
function transformEnqueue(c, chunk) {
	var t = c.stream, rc = t.readable.controller, bp;

	if (!defaultCanClose(rc))
		throw stateError('Unable to enqueue');
	try {
		defaultEnqueue(rc, chunk);
	} catch (e) {
		transformErrorWritableAndUnblockWrite(t, e);
		throw t.readable.storedError;
	}
	bp = !defaultShouldPull(rc);
	if (bp !== t.backpressure)
		setTransformBackpressure(t, true);
}
function transformPerform(c, chunk) {
	return upon(c.transform(chunk, c.self), undefined, function (r) {
		transformError(c.stream, r);
		throw r;
	});
}
function transformTerminate(c) {
	var t = c.stream;

	defaultClose(t.readable.controller);
	transformErrorWritableAndUnblockWrite(t, new TypeError('TransformStream terminated'));
}
function transformSinkWrite(t, chunk) {
	var c = t.controller;

	if (t.backpressure) {
		return upon(t.backpressureChange.promise, function () {
			var w = t.writable;

			if (w.state === 'erroring')
				throw w.storedError;
			return transformPerform(c, chunk);
		});
	}
	return transformPerform(c, chunk);
}
function transformSinkAbort(t, reason) {
	var c = t.controller, d, p;

	if (c.finish !== null)
		return c.finish.promise;
	d = c.finish = deferred();
	p = c.cancel(reason);
	clearTransformAlgorithms(c);
	upon(p, function () {
		if (t.readable.state === 'errored')
			d.reject(t.readable.storedError);
		else {
			defaultError(t.readable.controller, reason);
			d.resolve();
		}
	}, function (r) {
		defaultError(t.readable.controller, r);
		d.reject(r);
	});
	return d.promise;
}
function transformSinkClose(t) {
	var c = t.controller, d, p;

	if (c.finish !== null)
		return c.finish.promise;
	d = c.finish = deferred();
	p = c.flush(c.self);
	clearTransformAlgorithms(c);
	upon(p, function () {
		if (t.readable.state === 'errored') {
			d.reject(t.readable.storedError);
		} else {
			defaultClose(t.readable.controller);
			d.resolve();
		}
	}, function (r) {
		defaultError(t.readable.controller, r);
		d.reject(r);
	});
	return d.promise;
}
function transformSourcePull(t) {
	setTransformBackpressure(t, false);
	return t.backpressureChange.promise;
}
function transformSourceCancel(t, reason) {
	var c = t.controller, w = t.writable, d, p;

	if (c.finish !== null)
		return c.finish.promise;
	d = c.finish = deferred();
	p = c.cancel(reason);
	clearTransformAlgorithms(c);
	upon(p, function () {
		if (w.state === 'errored') {
			d.reject(w.storedError);
		} else {
			writableErrorIfNeeded(w.controller, reason);
			transformUnblockWrite(t);
			d.resolve();
		}
	}, function (r) {
		writableErrorIfNeeded(w.controller, r);
		transformUnblockWrite(t);
		d.reject(r);
	});
	return d.promise;
}

define.getter(TSP, 'readable', function () { return slot(this, 'TransformStream').readable.self; });
define.getter(TSP, 'writable', function () { return slot(this, 'TransformStream').writable.self; });
define.tag(TSP, 'TransformStream');
define.inspectAs(TSP, function (s) {
	var t = s[kS];

	return { readable: t.readable.self, writable: t.writable.self, backpressure: t.backpressure };
});

define.getter(TSDCP, 'desiredSize', function () {
	return defaultDesiredSize(slot(this, 'TransformStreamDefaultController').stream.readable.controller);
});
hide(TSDCP, 'enqueue', function enqueue(chunk) {
	transformEnqueue(slot(this, 'TransformStreamDefaultController'), chunk);
});
hide(TSDCP, 'error', function error(reason) {
	transformError(slot(this, 'TransformStreamDefaultController').stream, reason);
});
hide(TSDCP, 'terminate', function terminate() {
	transformTerminate(slot(this, 'TransformStreamDefaultController'));
});
define.tag(TSDCP, 'TransformStreamDefaultController');
define.inspectAs(TSDCP, function () { return {}; });

/* =================== pipeTo =================== */

function pipe(source, dest, preventClose, preventAbort, preventCancel, signal) {
	var reader = acquireDefaultReader(source), writer = acquireWriter(dest), shuttingDown = false;
	var done = deferred(), currentWrite = Promise.resolve(), abortAlgorithm;

	source.disturbed = true;
	function finalize(isError, error) {
		writerRelease(writer);
		releaseReader(reader);
		if (signal !== undefined)
			signal.removeEventListener('abort', abortAlgorithm);
		if (isError)
			done.reject(error);
		else
			done.resolve();
	}
	/* until every chunk read has been written or refused */
	function waitForWrites() {
		var old = currentWrite, again = function () { return old !== currentWrite ? waitForWrites() : undefined; };

		return upon(old, again, again);
	}
	function shutdownWithAction(action, isError, error) {
		if (shuttingDown)
			return;
		shuttingDown = true;
		function doIt() {
			upon(action(), function () { finalize(isError, error); }, function (e) { finalize(true, e); });
		}
		if (dest.state === 'writable' && !closeQueuedOrInFlight(dest))
			upon(waitForWrites(), doIt);
		else
			doIt();
	}
	function shutdown(isError, error) {
		if (shuttingDown)
			return;
		shuttingDown = true;
		if (dest.state === 'writable' && !closeQueuedOrInFlight(dest))
			upon(waitForWrites(), function () { finalize(isError, error); });
		else
			finalize(isError, error);
	}
	if (signal !== undefined) {
		abortAlgorithm = function () {
			var error = signal.reason;

			shutdownWithAction(function () {
				var actions = [];

				if (!preventAbort)
					actions.push(dest.state === 'writable' ? abortWritable(dest, error) : Promise.resolve());
				if (!preventCancel)
					actions.push(source.state === 'readable' ? cancelStream(source, error) : Promise.resolve());
				return whenAll(actions);
			}, true, error);
		};
		if (signal.aborted) {
			abortAlgorithm();
			return done.promise;
		}
		signal.addEventListener('abort', abortAlgorithm);
	}
	/* errors must propagate forward */
	function onSourceErrored(e) {
		if (!preventAbort)
			shutdownWithAction(function () { return abortWritable(dest, e); }, true, e);
		else
			shutdown(true, e);
	}
	function onDestErrored(e) {
		if (!preventCancel)
			shutdownWithAction(function () { return cancelStream(source, e); }, true, e);
		else
			shutdown(true, e);
	}
	function onSourceClosed() {
		if (!preventClose)
			shutdownWithAction(function () { return writerCloseWithErrorPropagation(writer); });
		else
			shutdown(false);
	}
	function onDestClosed() {
		var e = new TypeError('the destination writable stream closed before all data could be piped to it');

		if (!preventCancel)
			shutdownWithAction(function () { return cancelStream(source, e); }, true, e);
		else
			shutdown(true, e);
	}
	function checkStates() {
		if (source.state === 'errored') {
			onSourceErrored(source.storedError);
			return true;
		}
		if (dest.state === 'errored' || dest.state === 'erroring') {
			onDestErrored(dest.storedError);
			return true;
		}
		if (source.state === 'closed') {
			onSourceClosed();
			return true;
		}
		if (closeQueuedOrInFlight(dest) || dest.state === 'closed') {
			onDestClosed();
			return true;
		}
		return false;
	}
	upon(reader.closed.promise, function () {
		if (!shuttingDown)
			onSourceClosed();
	}, function (e) {
		if (!shuttingDown)
			onSourceErrored(e);
	});
	upon(writer.closed.promise, noop, function (e) {
		if (!shuttingDown)
			onDestErrored(e);
	});
	function step() {
		if (shuttingDown)
			return;
		upon(writer.ready.promise, function () {
			if (shuttingDown)
				return;
			defaultRead(reader, {
				chunk: function (chunk) {
					currentWrite = handled(writerWrite(writer, chunk));
					step();
				},
				close: noop,
				error: noop
			});
		}, noop);
	}
	if (!checkStates())
		step();
	return done.promise;
}

/* ---- for the other Web modules ---- */

internal.streams = {
	/* a stream of the given chunks (Uint8Arrays), then closed */
	fromChunks: function (chunks) {
		var st = createReadableStream(function (c) {
			var cs = c[kS];

			chunks.forEach(function (ch) { defaultEnqueue(cs, ch); });
			defaultClose(cs);
		}, function () { return Promise.resolve(); }, function () { return Promise.resolve(); }, 0);

		return st.self;
	},
	/* a byte stream of a copy of bytes in one chunk (none when empty), as
	 * a body's bytes are read */
	fromBytes: function (bytes) {
		var st = createByteStream(noop, function (c) {
			var cs = c[kS];

			if (bytes.length > 0)
				byteEnqueue(cs, new Uint8Array(apply(ArrayBufferSlice, bytes.buffer,
				    [bytes.byteOffset, bytes.byteOffset + bytes.byteLength])));
			byteClose(cs);
			return Promise.resolve();
		}, function () { return Promise.resolve(); });

		return st.self;
	},
	isReadable: function (v) { return rejectThis(v, 'ReadableStream') !== null; },
	isDisturbed: function (s) { return s[kS].disturbed; },
	isLocked: function (s) { return isLocked(s[kS]); },
	/* reads s to its end: a promise of its chunks */
	readAll: function (s) {
		var r = acquireDefaultReader(s[kS]), chunks = [], d = deferred();

		function next() {
			defaultRead(r, {
				chunk: function (c) { chunks.push(c); next(); },
				close: function () { releaseReader(r); d.resolve(chunks); },
				error: function (e) { releaseReader(r); d.reject(e); }
			});
		}
		next();
		return d.promise;
	},
	createTransform: function (transform, flush, cancel) {
		return createTransformStream(noop, function (chunk, c) {
			try {
				transform(chunk, function (out) { transformEnqueue(c[kS], out); });
				return Promise.resolve();
			} catch (e) {
				return Promise.reject(e);
			}
		}, function (c) {
			try {
				flush(function (out) { transformEnqueue(c[kS], out); });
				return Promise.resolve();
			} catch (e) {
				return Promise.reject(e);
			}
		}, cancel).self;
	}
};

[['ReadableStream', ReadableStream], ['ReadableStreamDefaultReader', ReadableStreamDefaultReader],
    ['ReadableStreamBYOBReader', ReadableStreamBYOBReader], ['ReadableStreamBYOBRequest', ReadableStreamBYOBRequest],
    ['ReadableByteStreamController', ReadableByteStreamController],
    ['ReadableStreamDefaultController', ReadableStreamDefaultController],
    ['TransformStream', TransformStream], ['TransformStreamDefaultController', TransformStreamDefaultController],
    ['WritableStream', WritableStream], ['WritableStreamDefaultWriter', WritableStreamDefaultWriter],
    ['WritableStreamDefaultController', WritableStreamDefaultController],
    ['ByteLengthQueuingStrategy', ByteLengthQueuingStrategy], ['CountQueuingStrategy', CountQueuingStrategy]
].forEach(function (e) {
	hide(e[1].prototype, 'constructor', e[1]);
	hide(global, e[0], e[1]);
});
})
