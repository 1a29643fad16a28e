/*
 * events.js - the worker's global scope as an event target (self, its
 * onmessage/onmessageerror/onerror handler attributes) and the dispatchers
 * the host calls: message, messageerror, uncaught errors.  The event
 * classes and EventTarget are web_events.js's.
 *
 * Evaluated once at start-up; the value is a function the host calls with
 * (global, native, internal): `native` holds the host's C functions,
 * `internal` receives the functions the host calls back.  Neither object
 * is reachable from user code.
 */
(function (global, native, internal) {
'use strict';

var dispatch = internal.dispatch, MessageEvent = global.MessageEvent, ErrorEvent = global.ErrorEvent;
var EventTarget = global.EventTarget;

function rethrow(err) {
	throw err;
}

function str(get, fallback) {
	try {
		var v = get();
		return v === undefined || v === null ? fallback : String(v);
	} catch (e) {
		return fallback;
	}
}

/* Duktape's traces name its own C sources and the host's loader frames;
 * users only need their own. */
var hostFrame = /\((duk_[a-z_]+\.c|worker-host\/[a-z_-]+\.js):\d+\)| at compileModule \(\) native/;

function cleanStack(stack) {
	return stack.split('\n').filter(function (line) { return !hostFrame.test(line); }).join('\n');
}

/* A plain description of any thrown value, for the error frame. */
internal.describeError = function (e) {
	var isObj = e !== null && (typeof e === 'object' || typeof e === 'function');
	var d = {};

	if (!isObj) {
		d.name = 'Error';
		d.message = str(function () { return native.inspect(e); }, 'unknown error');
		d.stack = '';
		d.filename = '';
		d.lineno = 0;
		d.colno = 0;
		return d;
	}
	d.name = str(function () { return e.name; }, 'Error');
	d.message = str(function () { return e.message; }, '');
	d.stack = cleanStack(str(function () { return e.stack; }, ''));
	d.filename = str(function () { return e.fileName; }, '');
	d.lineno = Number(str(function () { return e.lineNumber; }, '0')) >>> 0;
	d.colno = Number(str(function () { return e.columnNumber; }, '0')) >>> 0;
	return d;
};

internal.dispatchMessage = internal.dispatchData;

internal.dispatchMessageError = function (name, message) {
	var err = new global.DOMException(message, name);

	dispatch(global, internal.trusted(new MessageEvent('messageerror', { data: err })), native.reportError, false);
};

/* Ports and channels that keep the worker alive (web_channels.js). */
internal.liveChannels = 0;

internal.hasMessageListener = function () {
	return internal.listenerCount(global, 'message') > 0 || internal.liveChannels > 0;
};

/* true when a process 'uncaughtException' listener, onerror or an error
 * listener handled it.  A listener that throws makes that error the one
 * reported instead. */
internal.dispatchUncaught = function (err) {
	var d, ev, isObj;

	if (internal.emitUncaught(err))
		return true;
	d = internal.describeError(err);
	isObj = err !== null && (typeof err === 'object' || typeof err === 'function');
	ev = new ErrorEvent('error', {
		message: isObj ? d.name + ': ' + d.message : 'Uncaught ' + d.message, filename: d.filename, lineno: d.lineno,
		colno: d.colno, error: err, cancelable: true
	});
	dispatch(global, internal.trusted(ev), rethrow, false);
	return ev.defaultPrevented;
};

/* The global scope is the worker's EventTarget (as a browser's
 * WorkerGlobalScope): its methods are inherited, its handler attributes
 * its own. */
Object.setPrototypeOf(global, EventTarget.prototype);
internal.prepareTarget(global);
internal.defineHandler(global, 'message');
internal.defineHandler(global, 'messageerror');
internal.defineHandler(global, 'error');
Object.defineProperty(global, 'self', { value: global, writable: true, configurable: true, enumerable: true });
})
