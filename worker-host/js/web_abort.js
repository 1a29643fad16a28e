/*
 * web_abort.js - AbortController and AbortSignal (DOM standard): abort()
 * with a reason (an AbortError DOMException by default), the static
 * abort(), timeout() (a TimeoutError, on the host's timers) and any(),
 * throwIfAborted(), onabort.
 *
 * Evaluated once in the template after web_events.js, whose dispatch and
 * handler attributes it uses through `internal`.
 */
(function (global, native, internal) {
'use strict';

var Event = global.Event, EventTarget = global.EventTarget, DOMException = global.DOMException;
var dispatch = internal.dispatch, defineHandler = internal.defineHandler;

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;

var kAborted = Symbol('aborted'), kReason = Symbol('reason'), kSignal = Symbol('signal');
var making = false;

function AbortSignal() {
	if (!making)
		throw new TypeError('Illegal constructor');
	this[kAborted] = false;
	this[kReason] = undefined;
}
AbortSignal.prototype = Object.create(EventTarget.prototype);
hide(AbortSignal.prototype, 'constructor', AbortSignal);
Object.setPrototypeOf(AbortSignal, EventTarget);
tag(AbortSignal.prototype, 'AbortSignal');
define.inspectAs(AbortSignal.prototype, function (s) { return { aborted: s.aborted }; });

function newSignal() {
	var s;

	making = true;
	try {
		s = new AbortSignal();
	} finally {
		making = false;
	}
	return s;
}

function signalAbort(signal, reason) {
	if (signal[kAborted])
		return;
	signal[kAborted] = true;
	signal[kReason] = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
	dispatch(signal, internal.trusted(new Event('abort')), native.reportError, false);
}

var SP = AbortSignal.prototype;
getter(SP, 'aborted', function () { return !!this[kAborted]; });
getter(SP, 'reason', function () { return this[kReason]; });
hide(SP, 'throwIfAborted', function throwIfAborted() {
	if (this[kAborted])
		throw this[kReason];
});
defineHandler(SP, 'abort');

hide(AbortSignal, 'abort', function abort(reason) {
	var s = newSignal();

	signalAbort(s, reason);
	return s;
});

/* The timer is unref'd, as Node's: a pending timeout keeps no worker
 * alive. */
hide(AbortSignal, 'timeout', function timeout(ms) {
	var s = newSignal(), t;

	ms = Number(ms);
	if (!(ms >= 0) || ms > 9007199254740991)
		throw new RangeError('The value of "delay" is out of range. It must be >= 0 && <= 9007199254740991. Received ' + ms);
	t = global.setTimeout(function () {
		signalAbort(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
	}, ms);
	if (t && typeof t.unref === 'function')
		t.unref();
	return s;
});

hide(AbortSignal, 'any', function any(signals) {
	var s = newSignal(), list = [], i;

	if (!isObject(signals) || typeof signals[Symbol.iterator] !== 'function')
		throw new TypeError('The "signals" argument must be an instance of Array.');
	Array.prototype.forEach.call(Array.from(signals), function (x) {
		if (!(x instanceof AbortSignal))
			throw new TypeError('The "signals" argument must be an instance of AbortSignal[].');
		list.push(x);
	});
	for (i = 0; i < list.length; i++) {
		if (list[i][kAborted]) {
			signalAbort(s, list[i][kReason]);
			return s;
		}
	}
	list.forEach(function (x) {
		x.addEventListener('abort', function () { signalAbort(s, x[kReason]); });
	});
	return s;
});

function AbortController() {
	if (!(this instanceof AbortController))
		throw new TypeError("Class constructor AbortController cannot be invoked without 'new'");
	this[kSignal] = newSignal();
}
getter(AbortController.prototype, 'signal', function () { return this[kSignal]; });
hide(AbortController.prototype, 'abort', function abort(reason) {
	signalAbort(this[kSignal], reason);
});
tag(AbortController.prototype, 'AbortController');
define.inspectAs(AbortController.prototype, function (c) { return { signal: c.signal }; });


internal.AbortSignal = AbortSignal;
/* a real signal, not an object that inherits from the prototype */
internal.isAbortSignal = function (x) { return isObject(x) && typeof x[kAborted] === 'boolean'; };
hide(global, 'AbortController', AbortController);
hide(global, 'AbortSignal', AbortSignal);
})
