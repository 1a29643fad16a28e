/*
 * node_timers_promises.js - Node's `timers/promises`: setTimeout and
 * setImmediate as promises of a value, setInterval as an async iterator
 * of it, and scheduler.wait/yield.  A `signal` option is honoured when
 * given (an AbortSignal, or any object with aborted, reason and
 * add/removeEventListener), rejecting with
 * Node's AbortError; `ref` is accepted and ignored.  ES5, run as a core
 * module (require.js).
 */
'use strict';

var errors = require('internal/errors');
var timers = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
	setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
	setImmediate: globalThis.setImmediate, clearImmediate: globalThis.clearImmediate };

function signalOf(options) {
	var signal;

	if (options === undefined)
		return null;
	if (options === null || typeof options !== 'object')
		throw errors.invalidArgType('options', 'of type object', options);
	signal = options.signal;
	if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal)))
		throw errors.invalidArgType('options.signal', 'an instance of AbortSignal', signal);
	return signal || null;
}

/* A promise of value once start(done) calls done; cancel(handle) when
 * the signal aborts first. */
function later(start, cancel, value, options) {
	var signal;

	try {
		signal = signalOf(options);
	} catch (e) {
		return Promise.reject(e);
	}
	if (signal && signal.aborted)
		return Promise.reject(errors.abortError(signal));
	return new Promise(function (resolve, reject) {
		var handle;

		function onAbort() {
			cancel(handle);
			reject(errors.abortError(signal));
		}
		handle = start(function () {
			if (signal)
				signal.removeEventListener('abort', onAbort);
			resolve(value);
		});
		if (signal)
			signal.addEventListener('abort', onAbort, { once: true });
	});
}

function setTimeout(delay, value, options) {
	return later(function (done) { return timers.setTimeout(done, delay); }, timers.clearTimeout, value, options);
}

function setImmediate(value, options) {
	return later(function (done) { return timers.setImmediate(done); }, timers.clearImmediate, value, options);
}

/* Each next() gives the value after a tick of the interval; ticks that
 * come while nobody waits are counted, as in Node. */
function setInterval(delay, value, options) {
	var signal = signalOf(options), pending = 0, waiting = [], done = false, handle, it;

	function finish() {
		done = true;
		timers.clearInterval(handle);
		if (signal)
			signal.removeEventListener('abort', onAbort);
	}
	function onAbort() {
		var w = waiting;

		finish();
		waiting = [];
		w.forEach(function (p) { p.reject(errors.abortError(signal)); });
	}
	if (signal && signal.aborted)
		done = true;
	else
		handle = timers.setInterval(function () {
			if (waiting.length)
				waiting.shift().resolve({ value: value, done: false });
			else
				pending++;
		}, delay);
	if (signal && !done)
		signal.addEventListener('abort', onAbort, { once: true });
	it = {
		next: function () {
			if (signal && signal.aborted)
				return Promise.reject(errors.abortError(signal));
			if (done)
				return Promise.resolve({ value: undefined, done: true });
			if (pending > 0) {
				pending--;
				return Promise.resolve({ value: value, done: false });
			}
			return new Promise(function (resolve, reject) {
				waiting.push({ resolve: resolve, reject: reject });
			});
		},
		'return': function () {
			finish();
			waiting.forEach(function (p) { p.resolve({ value: undefined, done: true }); });
			waiting = [];
			return Promise.resolve({ value: undefined, done: true });
		}
	};
	it[Symbol.asyncIterator] = function () { return it; };
	return it;
}

module.exports = {
	setTimeout: setTimeout,
	setImmediate: setImmediate,
	setInterval: setInterval,
	scheduler: {
		wait: function wait(delay, options) { return setTimeout(delay, undefined, options); },
		yield: function yield_() { return setImmediate(); }
	}
};
