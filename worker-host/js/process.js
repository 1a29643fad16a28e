/*
 * process.js - the `process` object: an event emitter (on/once/off/emit for
 * exit, beforeExit, uncaughtException, warning and any other name), exit(),
 * exitCode, env, argv, pid, nextTick, emitWarning, hrtime and a few
 * read-only facts.  require('process') is this object (node_process.js).
 *
 * Called by the host with (global, native, internal); fills internal with
 * emitUncaught, beforeExit and exitCode for the host's lifecycle.
 */
(function (global, native, internal) {
'use strict';

/* Node 20: what tests/compat records its expectations with. */
var NODE_API = '20.0.0';
var exiting = false;
var process = {};

function hide(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

function checkListener(fn) {
	if (typeof fn !== 'function')
		throw new TypeError('The "listener" argument must be of type function. Received ' + native.inspect(fn));
}

/* The emitter's listeners live on each emitter (process, its stdout and
 * stderr) under kEvents, so one set of methods serves all three. */
var kEvents = Symbol('events');

function eventsOf(t) {
	if (!Object.prototype.hasOwnProperty.call(t, kEvents))
		hide(t, kEvents, Object.create(null));
	return t[kEvents];
}

function add(t, name, fn, once, prepend) {
	var events = eventsOf(t), l;

	checkListener(fn);
	l = events[name] || (events[name] = []);
	if (prepend)
		l.unshift({ fn: fn, once: once });
	else
		l.push({ fn: fn, once: once });
	return t;
}

function off(name, fn) {
	var events = eventsOf(this), l = events[name], i;

	if (!l)
		return this;
	for (i = l.length - 1; i >= 0; i--) {
		if (l[i].fn === fn) {
			l.splice(i, 1);
			break;
		}
	}
	if (l.length === 0)
		delete events[name];
	return this;
}

function emit(name) {
	var l = eventsOf(this)[name], args = Array.prototype.slice.call(arguments, 1), snap, i;

	if (!l || l.length === 0) {
		if (name === 'error')
			throw args[0];
		return false;
	}
	snap = l.slice();
	for (i = 0; i < snap.length; i++) {
		if (snap[i].once)
			off.call(this, name, snap[i].fn);
		snap[i].fn.apply(this, args);
	}
	return true;
}

function code() {
	var c = process.exitCode;

	if (c === undefined || c === null)
		return 0;
	return Number(c) | 0;
}

var emitter = {};
hide(emitter, 'on', function on(name, fn) { return add(this, name, fn, false, false); });
hide(emitter, 'addListener', emitter.on);
hide(emitter, 'once', function once(name, fn) { return add(this, name, fn, true, false); });
hide(emitter, 'prependListener', function prependListener(name, fn) { return add(this, name, fn, false, true); });
hide(emitter, 'prependOnceListener', function prependOnceListener(name, fn) { return add(this, name, fn, true, true); });
hide(emitter, 'off', off);
hide(emitter, 'removeListener', off);
hide(emitter, 'removeAllListeners', function removeAllListeners(name) {
	if (name === undefined)
		hide(this, kEvents, Object.create(null));
	else
		delete eventsOf(this)[name];
	return this;
});
hide(emitter, 'emit', emit);
hide(emitter, 'listenerCount', function listenerCount(name) {
	var l = eventsOf(this)[name];

	return l ? l.length : 0;
});
hide(emitter, 'listeners', function listeners(name) {
	return (eventsOf(this)[name] || []).map(function (e) { return e.fn; });
});
hide(emitter, 'eventNames', function eventNames() {
	return Object.keys(eventsOf(this));
});
Object.getOwnPropertyNames(emitter).forEach(function (k) { hide(process, k, emitter[k]); });
/* made now, in the template, so that a worker's first listener does not
 * add a property to the shared object */
eventsOf(process);

hide(process, 'exit', function exit(c) {
	if (c !== undefined)
		process.exitCode = c;
	if (!exiting) {
		exiting = true;
		emit.call(process, 'exit', code());
	}
	native.reallyExit(code());
});

hide(process, 'nextTick', function nextTick(fn) {
	var args = Array.prototype.slice.call(arguments, 1);

	checkListener(fn);
	global.queueMicrotask(function () { fn.apply(undefined, args); });
});
hide(process, 'cwd', native.cwd);
['getuid', 'geteuid', 'getgid', 'getegid', 'getgroups'].forEach(function (name) { hide(process, name, native[name]); });
/* Node's parseFileMode: a 32-bit unsigned integer or an octal string. */
hide(process, 'umask', function umask(mask) {
	var e;

	if (typeof mask === 'string' && /^[0-7]+$/.test(mask))
		mask = parseInt(mask, 8);
	if (mask === undefined || (typeof mask === 'number' && mask >= 0 && mask <= 4294967295 && mask % 1 === 0))
		return native.umask(mask);
	if (typeof mask === 'number') {
		e = new RangeError('The value of "mask" is out of range. It must be ' +
		    (mask % 1 === 0 ? '>= 0 && <= 4294967295' : 'an integer') + '. Received ' + native.inspect(mask));
		e.code = 'ERR_OUT_OF_RANGE';
	} else if (typeof mask === 'string') {
		e = new TypeError("The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received " +
		    native.inspect(mask));
		e.code = 'ERR_INVALID_ARG_VALUE';
	} else {
		e = new TypeError('The "mask" argument must be of type number. Received ' + (mask && mask.constructor ?
		    'an instance of ' + mask.constructor.name : 'type ' + typeof mask + ' (' + native.inspect(mask) + ')'));
		e.code = 'ERR_INVALID_ARG_TYPE';
	}
	throw e;
});
hide(process, 'uptime', function uptime() { return native.now() / 1000; });
hide(process, 'hrtime', function hrtime(prev) {
	var ms = native.now() + native.timeOrigin(), s = Math.floor(ms / 1000);
	var ns = Math.floor((ms - s * 1000) * 1e6), r = [s, ns];

	if (prev) {
		r = [s - prev[0], ns - prev[1]];
		if (r[1] < 0) {
			r[0]--;
			r[1] += 1e9;
		}
	}
	return r;
});
/* Calls BigInt, which throws its documented TypeError (no BigInt here). */
hide(process.hrtime, 'bigint', function bigint() {
	var t = process.hrtime();

	return BigInt(t[0]) * BigInt(1e9) + BigInt(t[1]);
});

function warningOf(warning, type, code, detail) {
	var e;

	if (typeof warning === 'string') {
		e = new Error(warning);
		e.name = String(type || 'Warning');
		if (code !== undefined)
			e.code = code;
		if (detail !== undefined)
			e.detail = detail;
		return e;
	}
	if (warning instanceof Error)
		return warning;
	e = new TypeError('The "warning" argument must be of type string or an instance of Error. Received ' +
	    native.inspect(warning));
	e.code = 'ERR_INVALID_ARG_TYPE';
	throw e;
}

/* The 'warning' event on the next tick, and Node's stderr line as an
 * error-level log line. */
hide(process, 'emitWarning', function emitWarning(warning, type, code) {
	var w;

	if (type !== null && typeof type === 'object')
		w = warningOf(warning, type.type, type.code, type.detail);
	else
		w = warningOf(warning, typeof type === 'function' ? undefined : type, code);
	process.nextTick(function () {
		emit.call(process, 'warning', w);
		native.writeLog(3, '(node:' + process.pid + ') ' + (w.code ? '[' + w.code + '] ' : '') +
		    w.name + ': ' + w.message + (w.detail ? '\n' + w.detail : ''));
	});
});
hide(process, 'memoryUsage', function memoryUsage() {
	var h = native.heapBytes();

	return { rss: h, heapTotal: h, heapUsed: h, external: 0, arrayBuffers: 0 };
});

/* process.stdout and process.stderr: each write is one log line (a
 * trailing newline dropped), written at once, so a write always succeeds
 * and 'drain' never comes; end() finishes the stream as a Writable's does
 * ('finish' later, a write after it an ERR_STREAM_WRITE_AFTER_END 'error'). */
var logStream = Object.create(emitter);

function later(fn) {
	global.queueMicrotask(fn);
}

function chunkText(chunk, encoding) {
	if (typeof chunk === 'string')
		return chunk;
	if (ArrayBuffer.isView(chunk))
		return global.Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString();
	throw Object.assign(new TypeError('The "chunk" argument must be of type string or an instance of Buffer or ' +
	    'Uint8Array. Received ' + native.inspect(chunk)), { code: 'ERR_INVALID_ARG_TYPE' });
}

hide(logStream, 'write', function write(chunk, encoding, cb) {
	var self = this, err;

	if (typeof encoding === 'function')
		cb = encoding;
	if (this.writableEnded) {
		err = Object.assign(new Error('write after end'), { code: 'ERR_STREAM_WRITE_AFTER_END' });
		later(function () {
			if (typeof cb === 'function')
				cb(err);
			emit.call(self, 'error', err);
		});
		return false;
	}
	native.writeLog(this._level, chunkText(chunk, encoding).replace(/\n$/, ''));
	if (typeof cb === 'function')
		later(function () { cb(null); });
	return true;
});
hide(logStream, 'end', function end(chunk, encoding, cb) {
	var self = this;

	if (typeof chunk === 'function')
		cb = chunk, chunk = undefined;
	else if (typeof encoding === 'function')
		cb = encoding, encoding = undefined;
	if (chunk !== undefined && chunk !== null)
		this.write(chunk, encoding);
	if (typeof cb === 'function')
		this.once('finish', cb);
	if (!this.writableEnded) {
		this.writableEnded = true;
		this.writable = false;
		later(function () {
			self.writableFinished = true;
			emit.call(self, 'finish');
		});
	}
	return this;
});
['cork', 'uncork', 'setDefaultEncoding', 'destroy'].forEach(function (name) {
	hide(logStream, name, function () { return this; });
});

function stream(level, fd) {
	var s = Object.create(logStream);

	hide(s, '_level', level);
	eventsOf(s);
	s.fd = fd;
	s.isTTY = false;
	s.writable = true;
	s.writableEnded = false;
	s.writableFinished = false;
	s.writableLength = 0;
	s.writableHighWaterMark = 16384;
	s.writableObjectMode = false;
	return s;
}

process.stdout = stream(0, 1);
process.stderr = stream(3, 2);
process.exitCode = undefined;
process.execArgv = [];
process.platform = 'linux';
process.arch = native.arch;
process.title = 'worker-host';
/* The Node whose API the core modules follow (Bun, too, names the Node it
 * matches): packages read versions.node to pick code paths, and many stop
 * at load time without it. */
process.version = 'v' + NODE_API;
process.versions = { node: NODE_API, duktape: native.duktapeVersion, workersd: native.version };
process.release = { name: 'workersd' };
process.browser = false;

internal.emitUncaught = function (err) {
	if (!eventsOf(process).uncaughtException)
		return false;
	emit.call(process, 'uncaughtException', err, 'uncaughtException');
	return true;
};

/* Node hands the promise too; the runtime reports only the reason. */
internal.emitRejection = function (reason) {
	if (!eventsOf(process).unhandledRejection)
		return false;
	emit.call(process, 'unhandledRejection', reason, undefined);
	return true;
};

/* Natural end: true when beforeExit listeners ran (they may have added
 * work, so the host checks again). */
internal.beforeExit = function () {
	return emit.call(process, 'beforeExit', code());
};

/* Runs the exit listeners once; returns the code to report. */
internal.exit = function (c) {
	if (c !== undefined)
		process.exitCode = c;
	if (!exiting) {
		exiting = true;
		emit.call(process, 'exit', code());
	}
	return code();
};

hide(global, 'process', process);
})
