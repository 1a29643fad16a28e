/*
 * events.js - the worker's global scope as an event target: self, Event,
 * MessageEvent, ErrorEvent, add/removeEventListener ({once}), dispatchEvent,
 * the onmessage/onmessageerror/onerror handler properties, and the
 * dispatchers the host calls (message, messageerror, uncaught errors).
 *
 * Evaluated once at start-up; the value is a function the host calls with
 * (global, native, internal): `native` holds the host's C functions,
 * `internal` receives the functions the host calls back.  Neither object
 * is reachable from user code.
 */
(function (global, native, internal) {
'use strict';

var table = Object.create(null);
var handlers = Object.create(null);

function hide(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

function Event(type, init) {
	if (arguments.length < 1)
		throw new TypeError("Event constructor: 1 argument required, but only 0 present.");
	init = init || {};
	this.type = String(type);
	this.bubbles = !!init.bubbles;
	this.cancelable = !!init.cancelable;
	this.defaultPrevented = false;
	this.timeStamp = native.now();
	this.target = null;
	this.currentTarget = null;
}
hide(Event.prototype, '_stop', false);
hide(Event.prototype, 'preventDefault', function preventDefault() {
	if (this.cancelable)
		this.defaultPrevented = true;
});
hide(Event.prototype, 'stopPropagation', function stopPropagation() {});
hide(Event.prototype, 'stopImmediatePropagation', function stopImmediatePropagation() {
	hide(this, '_stop', true);
});

function subclass(Ctor) {
	Ctor.prototype = Object.create(Event.prototype);
	hide(Ctor.prototype, 'constructor', Ctor);
}

function MessageEvent(type, init) {
	Event.call(this, type, init);
	init = init || {};
	this.data = init.data;
	this.origin = init.origin === undefined ? '' : String(init.origin);
	this.lastEventId = '';
	this.source = null;
	this.ports = [];
}
subclass(MessageEvent);

function ErrorEvent(type, init) {
	Event.call(this, type, init);
	init = init || {};
	this.message = init.message === undefined ? '' : String(init.message);
	this.filename = init.filename === undefined ? '' : String(init.filename);
	this.lineno = init.lineno >>> 0;
	this.colno = init.colno >>> 0;
	this.error = init.error;
}
subclass(ErrorEvent);

function list(type) {
	return table[type] || (table[type] = []);
}

function captureOf(options) {
	if (typeof options === 'boolean')
		return options;
	return !!(options && typeof options === 'object' && options.capture);
}

function addEventListener(type, listener, options) {
	var l, i, once = false;

	if (arguments.length < 2)
		throw new TypeError("addEventListener: 2 arguments required");
	if (listener === null || listener === undefined)
		return;
	if (typeof listener !== 'function' && typeof listener !== 'object')
		throw new TypeError("addEventListener: the listener is not an object or function");
	if (options && typeof options === 'object')
		once = !!options.once;
	l = list(String(type));
	for (i = 0; i < l.length; i++)
		if (l[i].fn === listener && l[i].capture === captureOf(options))
			return;
	l.push({ fn: listener, capture: captureOf(options), once: once, removed: false, attr: false });
}

function removeEntry(type, entry) {
	var l = table[type], i;

	entry.removed = true;
	if (!l)
		return;
	for (i = 0; i < l.length; i++) {
		if (l[i] === entry) {
			l.splice(i, 1);
			return;
		}
	}
}

function removeEventListener(type, listener, options) {
	var l = table[String(type)], i;

	if (!l)
		return;
	for (i = 0; i < l.length; i++) {
		if (!l[i].attr && l[i].fn === listener && l[i].capture === captureOf(options)) {
			removeEntry(String(type), l[i]);
			return;
		}
	}
}

function callListener(e, ev) {
	var r;

	if (e.once)
		removeEntry(ev.type, e);
	if (e.attr) {
		r = handlers[ev.type].call(global, ev);
		if (ev.type === 'error' ? r === true : r === false)
			ev.preventDefault();
	} else if (typeof e.fn === 'function') {
		e.fn.call(global, ev);
	} else if (typeof e.fn.handleEvent === 'function') {
		e.fn.handleEvent(ev);
	}
}

/* Calls every listener of ev.type in order; a listener that throws goes to
 * onThrow, and the others still run.  With one listener and the host's own
 * reporter there is nobody else to protect: the host's protected call
 * reports a throw the same way, without a snapshot and a try per event. */
function dispatch(ev, onThrow) {
	var l = table[ev.type], snap, i, e;

	ev.target = global;
	ev.currentTarget = global;
	if (!l)
		return;
	if (l.length === 1 && onThrow === native.reportError) {
		callListener(l[0], ev);
		return;
	}
	snap = l.slice();
	for (i = 0; i < snap.length && !ev._stop; i++) {
		e = snap[i];
		if (e.removed)
			continue;
		try {
			callListener(e, ev);
		} catch (err) {
			onThrow(err);
		}
	}
}

function dispatchEvent(ev) {
	if (!(ev instanceof Event))
		throw new TypeError("dispatchEvent: the argument is not an Event");
	dispatch(ev, native.reportError);
	return !ev.defaultPrevented;
}

/* onmessage and friends: setting one puts a listener in the list at that
 * point (as HTML does); later sets replace the function in place. */
function handlerProperty(type) {
	var entry = null;

	Object.defineProperty(global, 'on' + type, {
		enumerable: true,
		configurable: true,
		get: function () {
			return handlers[type] === undefined ? null : handlers[type];
		},
		set: function (fn) {
			if (typeof fn !== 'function')
				fn = null;
			if (fn === null) {
				if (entry)
					removeEntry(type, entry);
				entry = null;
				handlers[type] = null;
				return;
			}
			handlers[type] = fn;
			if (!entry) {
				entry = { fn: null, capture: false, once: false, removed: false, attr: true };
				list(type).push(entry);
			}
		}
	});
	handlers[type] = null;
}

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
var hostFrame = /\((duk_[a-z_]+\.c|worker-host\/[a-z]+\.js):\d+\)| at compileModule \(\) native/;

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

/* new MessageEvent('message', {data}) without the init object, once per
 * message; the fields and their order are the constructor's. */
function messageEvent(data) {
	var ev = Object.create(MessageEvent.prototype);

	ev.type = 'message';
	ev.bubbles = false;
	ev.cancelable = false;
	ev.defaultPrevented = false;
	ev.timeStamp = native.now();
	ev.target = null;
	ev.currentTarget = null;
	ev.data = data;
	ev.origin = '';
	ev.lastEventId = '';
	ev.source = null;
	ev.ports = [];
	return ev;
}

internal.dispatchMessage = function (data) {
	dispatch(messageEvent(data), native.reportError);
};

internal.dispatchMessageError = function (name, message) {
	var err = new Error(message);

	err.name = name;
	dispatch(new MessageEvent('messageerror', { data: err }), native.reportError);
};

internal.hasMessageListener = function () {
	var l = table.message;

	return !!(l && l.length > 0);
};

/* true when a process 'uncaughtException' listener, onerror or an error
 * listener handled it.  A listener that throws makes that error the one
 * reported instead. */
internal.dispatchUncaught = function (err) {
	var d, ev;

	if (internal.emitUncaught(err))
		return true;
	d = internal.describeError(err);
	ev = new ErrorEvent('error', {
		message: d.name + ': ' + d.message, filename: d.filename, lineno: d.lineno,
		colno: d.colno, error: err, cancelable: true
	});
	if (err === null || (typeof err !== 'object' && typeof err !== 'function'))
		ev.message = 'Uncaught ' + d.message;
	dispatch(ev, rethrow);
	return ev.defaultPrevented;
};

hide(global, 'Event', Event);
hide(global, 'MessageEvent', MessageEvent);
hide(global, 'ErrorEvent', ErrorEvent);
hide(global, 'addEventListener', addEventListener);
hide(global, 'removeEventListener', removeEventListener);
hide(global, 'dispatchEvent', dispatchEvent);
handlerProperty('message');
handlerProperty('messageerror');
handlerProperty('error');
Object.defineProperty(global, 'self', { value: global, writable: true, configurable: true, enumerable: true });
})
