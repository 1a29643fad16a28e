/*
 * web_events.js - DOMException, Event, CustomEvent, MessageEvent,
 * ErrorEvent and EventTarget as the DOM and HTML standards define them,
 * for targets without a parent (a worker has no tree): capture listeners
 * at the target run before the others, `once`, `passive` (preventDefault
 * ignored), `signal`, handleEvent objects, event handler attributes
 * (onmessage and friends: one slot among the listeners, placed where it
 * was first set).
 *
 * Evaluated once in the template with (global, native, internal); it
 * leaves on `internal` what the host's other JS halves use: dispatch()
 * with the host's own error reporting, handler attributes, the fast
 * message event, the listener count.  The state of an event or a target
 * lives under symbols so that a message costs a few plain property puts.
 * reportError() is here too: it is the error event of the global scope.
 */
(function (global, native, internal) {
'use strict';

/* No currentTarget slot: a target without a tree is the current target
 * exactly while its event is dispatching (DISPATCHING), null otherwise. */
var kType = Symbol('type'), kTarget = Symbol('target');
var kFlags = Symbol('flags'), kTime = Symbol('timeStamp'), kListeners = Symbol('listeners');
var kHandlers = Symbol('handlers'), kInit = Symbol('init'), kPorts = Symbol('ports');
var kLone = Symbol('loneMessage');	/* noteListeners() */

/* kFlags bits */
var BUBBLES = 1, CANCELABLE = 2, COMPOSED = 4, CANCELED = 8, STOP = 16, STOP_NOW = 32,
    DISPATCHING = 64, PASSIVE = 128, TRUSTED = 256, AT_TARGET = 512;

function hide(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

function getter(obj, key, get, set) {
	Object.defineProperty(obj, key, { get: get, set: set, configurable: true, enumerable: true });
}

function tag(proto, name) {
	Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
}

var customInspect = Symbol.for('nodejs.util.inspect.custom');

/* Gives proto Node's console form, `Name { field: value, ... }` with
 * the fields fields(self) returns and the name of self's constructor
 * (console.log, util.inspect: inspect.js calls it); beyond the depth,
 * `[Name]`, or what beyond(name) says where Node prints otherwise. */
function inspectAs(proto, fields, beyond) {
	hide(proto, customInspect, function (depth) {
		var ctor = this.constructor, shown, f, k, name = typeof ctor === 'function' ? ctor.name : 'Object';

		if (typeof depth === 'number' && depth < 0)
			return beyond ? beyond(name) : '[' + name + ']';
		shown = Object.create({ constructor: ctor });
		f = fields(this);
		for (k in f)
			shown[k] = f[k];
		return shown;
	});
}

function needNew(self, Ctor, name) {
	if (!(self instanceof Ctor))
		throw new TypeError("Class constructor " + name + " cannot be invoked without 'new'");
}

function isObject(v) {
	return v !== null && (typeof v === 'object' || typeof v === 'function');
}

/* ---- DOMException ---- */

/* WebIDL's legacy codes, two entries per code from 1: the error name whose
 * `code` it is ('' for 2, 6 and 16, which lost theirs) and the constant.
 * Two constants are not their name's spelling (INUSE_ATTRIBUTE_ERR,
 * URL_MISMATCH_ERR), so both are listed, not derived. */
var legacy = [
	'IndexSizeError', 'INDEX_SIZE_ERR', '', 'DOMSTRING_SIZE_ERR',
	'HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 'WrongDocumentError', 'WRONG_DOCUMENT_ERR',
	'InvalidCharacterError', 'INVALID_CHARACTER_ERR', '', 'NO_DATA_ALLOWED_ERR',
	'NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 'NotFoundError', 'NOT_FOUND_ERR',
	'NotSupportedError', 'NOT_SUPPORTED_ERR', 'InUseAttributeError', 'INUSE_ATTRIBUTE_ERR',
	'InvalidStateError', 'INVALID_STATE_ERR', 'SyntaxError', 'SYNTAX_ERR',
	'InvalidModificationError', 'INVALID_MODIFICATION_ERR', 'NamespaceError', 'NAMESPACE_ERR',
	'InvalidAccessError', 'INVALID_ACCESS_ERR', '', 'VALIDATION_ERR',
	'TypeMismatchError', 'TYPE_MISMATCH_ERR', 'SecurityError', 'SECURITY_ERR',
	'NetworkError', 'NETWORK_ERR', 'AbortError', 'ABORT_ERR',
	'URLMismatchError', 'URL_MISMATCH_ERR', 'QuotaExceededError', 'QUOTA_EXCEEDED_ERR',
	'TimeoutError', 'TIMEOUT_ERR', 'InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR',
	'DataCloneError', 'DATA_CLONE_ERR'
];
var legacyCodes = {};

var kDOMException = Symbol('DOMException');

/* An Error object underneath, so that it has a stack and is an Error to
 * anything that asks.  name, message and code are WebIDL attributes:
 * getters on the prototype over a slot, which refuse any other `this`
 * (new URLSearchParams(DOMException.prototype) throws, as in Node). */
function DOMException(message, name) {
	var e = new Error(message === undefined ? '' : String(message)), m = e.message;

	name = name === undefined ? 'Error' : String(name);
	Object.setPrototypeOf(e, isObject(this) && this instanceof DOMException ?
	    Object.getPrototypeOf(this) : DOMException.prototype);
	delete e.message;
	hide(e, kDOMException, { name: name, message: m,
	    code: Object.prototype.hasOwnProperty.call(legacyCodes, name) ? legacyCodes[name] : 0 });
	return e;
}
DOMException.prototype = Object.create(Error.prototype);
hide(DOMException.prototype, 'constructor', DOMException);
tag(DOMException.prototype, 'DOMException');

function domAttribute(key) {
	return function () {
		var slot = isObject(this) ? this[kDOMException] : undefined;

		if (slot === undefined)
			throw new TypeError('Value of "this" must be of DOMException');
		return slot[key];
	};
}
getter(DOMException.prototype, 'name', domAttribute('name'));
getter(DOMException.prototype, 'message', domAttribute('message'));
getter(DOMException.prototype, 'code', domAttribute('code'));
var i, phases = ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'];

/* Top-level loops, not forEach: a callback would be a function with a
 * prototype, a cycle only a collection frees. */
for (i = 0; i < legacy.length; i += 2) {
	if (legacy[i] !== '')
		legacyCodes[legacy[i]] = i / 2 + 1;
	Object.defineProperty(DOMException, legacy[i + 1], { value: i / 2 + 1, enumerable: true });
	Object.defineProperty(DOMException.prototype, legacy[i + 1], { value: i / 2 + 1, enumerable: true });
}

internal.domException = function (message, name) {
	return new DOMException(message, name);
};

/* ---- Event ---- */

function initEvent(ev, type, init, flags) {
	if (isObject(init)) {
		if (init.bubbles)
			flags |= BUBBLES;
		if (init.cancelable)
			flags |= CANCELABLE;
		if (init.composed)
			flags |= COMPOSED;
	} else if (init !== undefined && init !== null) {
		throw new TypeError('The "options" argument must be of type object.');
	}
	ev[kType] = String(type);
	ev[kFlags] = flags;
	ev[kTime] = native.now();
	ev[kTarget] = null;
}

function Event(type, init) {
	needNew(this, Event, 'Event');
	if (arguments.length < 1)
		throw new TypeError('The "type" argument must be specified');
	initEvent(this, type, init, 0);
}

function flag(bit) {
	return function () { return ((this[kFlags] | 0) & bit) !== 0; };
}

var EP = Event.prototype;
inspectAs(EP, function (e) {
	return { type: e.type, defaultPrevented: e.defaultPrevented, cancelable: e.cancelable, timeStamp: e.timeStamp };
}, function (name) { return name; });
getter(EP, 'type', function () { return this[kType]; });
getter(EP, 'target', function () { return this[kTarget] === undefined ? null : this[kTarget]; });
getter(EP, 'srcElement', function () { return this[kTarget] === undefined ? null : this[kTarget]; });
getter(EP, 'currentTarget', function () {
	return (this[kFlags] & DISPATCHING) && this[kTarget] !== undefined ? this[kTarget] : null;
});
getter(EP, 'eventPhase', function () { return (this[kFlags] & AT_TARGET) ? 2 : 0; });
getter(EP, 'bubbles', flag(BUBBLES));
getter(EP, 'cancelable', flag(CANCELABLE));
getter(EP, 'composed', flag(COMPOSED));
getter(EP, 'defaultPrevented', flag(CANCELED));
getter(EP, 'isTrusted', flag(TRUSTED));
getter(EP, 'timeStamp', function () { return this[kTime]; });
getter(EP, 'returnValue', function () { return (this[kFlags] & CANCELED) === 0; }, function (v) {
	if (!v)
		this.preventDefault();
});
getter(EP, 'cancelBubble', flag(STOP), function (v) {
	if (v)
		this[kFlags] |= STOP;
});
hide(EP, 'preventDefault', function preventDefault() {
	if ((this[kFlags] & (CANCELABLE | PASSIVE)) === CANCELABLE)
		this[kFlags] |= CANCELED;
});
hide(EP, 'stopPropagation', function stopPropagation() {
	this[kFlags] |= STOP;
});
hide(EP, 'stopImmediatePropagation', function stopImmediatePropagation() {
	this[kFlags] |= STOP | STOP_NOW;
});
hide(EP, 'composedPath', function composedPath() {
	return (this[kFlags] & DISPATCHING) && this[kTarget] ? [this[kTarget]] : [];
});
hide(EP, 'initEvent', function initEventMethod(type, bubbles, cancelable) {
	if (this[kFlags] & DISPATCHING)
		return;
	initEvent(this, type, { bubbles: bubbles, cancelable: cancelable }, 0);
});
for (i = 0; i < phases.length; i++) {
	Object.defineProperty(Event, phases[i], { value: i, enumerable: true });
	Object.defineProperty(EP, phases[i], { value: i, enumerable: true });
}
tag(EP, 'Event');

function subclass(Ctor, name) {
	Ctor.prototype = Object.create(Event.prototype);
	hide(Ctor.prototype, 'constructor', Ctor);
	Object.setPrototypeOf(Ctor, Event);
	tag(Ctor.prototype, name);
}

/* Reads one member of an init dictionary, or the default. */
function member(init, key, dflt) {
	return isObject(init) && init[key] !== undefined ? init[key] : dflt;
}

function CustomEvent(type, init) {
	needNew(this, CustomEvent, 'CustomEvent');
	if (arguments.length < 1)
		throw new TypeError('The "type" argument must be specified');
	initEvent(this, type, init, 0);
	this[kInit] = member(init, 'detail', null);
}
subclass(CustomEvent, 'CustomEvent');
getter(CustomEvent.prototype, 'detail', function () { return this[kInit]; });

/* A MessageEvent's data is its own slot, the rest of its init one object
 * (absent in a message from the host: the defaults). */
var kData = Symbol('data');

function MessageEvent(type, init) {
	needNew(this, MessageEvent, 'MessageEvent');
	if (arguments.length < 1)
		throw new TypeError('The "type" argument must be specified');
	initEvent(this, type, init, 0);
	this[kData] = member(init, 'data', null);
	this[kInit] = {
		origin: String(member(init, 'origin', '')), lastEventId: String(member(init, 'lastEventId', '')),
		source: member(init, 'source', null), ports: member(init, 'ports', [])
	};
}
subclass(MessageEvent, 'MessageEvent');

function messageField(key, dflt) {
	return function () {
		var i = this[kInit];

		return i ? i[key] : dflt;
	};
}

var MP = MessageEvent.prototype;
/* The type a MessageEvent has when it has none of its own: the host's
 * events, all of type message, are made without the slot (one property
 * fewer for each message; msgevent.c). */
hide(MP, kType, 'message');
/* native.eventData reads this[kData] (msgevent.c): the one getter every
 * message's handler calls, without a JS frame. */
getter(MP, 'data', native.eventData);
getter(MP, 'origin', messageField('origin', ''));
getter(MP, 'lastEventId', messageField('lastEventId', ''));
getter(MP, 'source', messageField('source', null));
getter(MP, 'ports', function () {
	var i = this[kInit];

	if (this[kPorts] === undefined)
		this[kPorts] = Object.freeze(i && i.ports ? Array.prototype.slice.call(i.ports) : []);
	return this[kPorts];
});

/* The host's message where the global scope's listeners are not just one
 * plain handler attribute; that common case (`onmessage = fn`) is built
 * and called from C (msgevent.c) with the same event and states.  Throws
 * propagate to the host's protected call, as the fast path's do. */
internal.dispatchData = function (data) {
	dispatch(global, internal.messageEvent(data), native.reportError, true);
};

/* What msgevent.c needs to build that event as messageEvent() does: the
 * keys of the state, the prototype and the flag values, defined here
 * once; and the lone handler, if any (noteListeners). */
internal.messageKeys = {
	handlers: kHandlers, lone: kLone, flags: kFlags, time: kTime,
	target: kTarget, data: kData, proto: MP,
	dispatching: TRUSTED | DISPATCHING | AT_TARGET, done: ~(DISPATCHING | AT_TARGET | STOP | STOP_NOW)
};

/* What the host dispatches for each message: trusted, no init object
 * (the defaults) unless it carries ports (a MessagePort's message). */
internal.messageEvent = function (data, ports) {
	var ev = Object.create(MP);

	ev[kFlags] = TRUSTED;
	ev[kTime] = native.now();
	ev[kTarget] = null;
	ev[kData] = data;
	if (ports !== undefined && ports.length > 0)
		ev[kInit] = { origin: '', lastEventId: '', source: null, ports: ports };
	return ev;
};

function ErrorEvent(type, init) {
	needNew(this, ErrorEvent, 'ErrorEvent');
	if (arguments.length < 1)
		throw new TypeError('The "type" argument must be specified');
	initEvent(this, type, init, 0);
	this[kInit] = {
		message: String(member(init, 'message', '')), filename: String(member(init, 'filename', '')),
		lineno: member(init, 'lineno', 0) >>> 0, colno: member(init, 'colno', 0) >>> 0,
		error: member(init, 'error', undefined)
	};
}
subclass(ErrorEvent, 'ErrorEvent');
function initField(key) {
	return function () {
		var init = this[kInit];

		return init ? init[key] : undefined;
	};
}
getter(ErrorEvent.prototype, 'message', initField('message'));
getter(ErrorEvent.prototype, 'filename', initField('filename'));
getter(ErrorEvent.prototype, 'lineno', initField('lineno'));
getter(ErrorEvent.prototype, 'colno', initField('colno'));
getter(ErrorEvent.prototype, 'error', initField('error'));

/* Host events (errors, messageerror) are trusted. */
internal.trusted = function (ev) {
	ev[kFlags] |= TRUSTED;
	return ev;
};

/* ---- EventTarget ---- */

/* What Node's argument errors add about the value they got. */
function received(v) {
	var c;

	if (!isObject(v))
		return ' Received type ' + (v === null ? 'null' : typeof v);
	c = v.constructor;
	return typeof c === 'function' && c.name ? ' Received an instance of ' + c.name : ' Received ' + String(v);
}

function EventTarget() {
	needNew(this, EventTarget, 'EventTarget');
}

function listeners(target, type, make) {
	var map = target[kListeners];

	if (map === undefined) {
		if (!make)
			return undefined;
		map = Object.create(null);
		hide(target, kListeners, map);
	}
	return map[type] || (make ? (map[type] = []) : undefined);
}

function flattenCapture(options) {
	return typeof options === 'boolean' ? options : isObject(options) && !!options.capture;
}

/* global[kHandlers][kLone]: the global scope's message handler while it
 * is the only message listener (a handler attribute's record, which is
 * never once or passive), else null.  msgevent.c calls it without
 * dispatch(), so every change to those listeners and handlers comes here.
 * It is a slot of the handler table, which setting the handler writes
 * anyway: a slot elsewhere would be one more page of the template's heap
 * that every worker copies. */
function noteListeners(target, type) {
	var l, h = global[kHandlers];

	if (target !== global || type !== 'message' || h === undefined)
		return;
	l = listeners(global, 'message', false);
	h[kLone] = l && l.length === 1 && l[0].attr && typeof h.message === 'function' ? h.message : null;
}

function removeRecord(target, type, rec) {
	var l = listeners(target, type, false), i;

	rec.removed = true;
	if (!l)
		return;
	for (i = 0; i < l.length; i++) {
		if (l[i] === rec) {
			l.splice(i, 1);
			noteListeners(target, type);
			return;
		}
	}
}

function addEventListener(type, listener, options) {
	var target = this === undefined || this === null ? global : this;
	var capture = flattenCapture(options), l, i, rec, signal;

	if (arguments.length < 2)
		throw new TypeError('The "type" and "listener" arguments must be specified');
	if (listener === null || listener === undefined)
		return;
	if (!isObject(listener))
		throw new TypeError('The "listener" argument must be an instance of EventListener.');
	type = String(type);
	signal = isObject(options) ? options.signal : undefined;
	if (signal !== undefined && !(signal instanceof internal.AbortSignal))
		throw new TypeError('The "options.signal" property must be an instance of AbortSignal.');
	if (signal && signal.aborted)
		return;
	l = listeners(target, type, true);
	for (i = 0; i < l.length; i++)
		if (!l[i].attr && l[i].fn === listener && l[i].capture === capture)
			return;
	rec = {
		fn: listener, capture: capture, once: isObject(options) && !!options.once,
		passive: isObject(options) && !!options.passive, removed: false, attr: false
	};
	l.push(rec);
	noteListeners(target, type);
	if (signal)
		signal.addEventListener('abort', function () { removeRecord(target, type, rec); });
}

function removeEventListener(type, listener, options) {
	var target = this === undefined || this === null ? global : this;
	var capture = flattenCapture(options), l, i;

	if (arguments.length < 2)
		throw new TypeError('The "type" and "listener" arguments must be specified');
	type = String(type);
	l = listeners(target, type, false);
	if (!l)
		return;
	for (i = 0; i < l.length; i++) {
		if (!l[i].attr && l[i].fn === listener && l[i].capture === capture) {
			removeRecord(target, type, l[i]);
			return;
		}
	}
}

/* Calls one listener.  A handler attribute's record calls the current
 * function of its slot, with HTML's special error handling: onerror on the
 * global scope cancels by returning true, every other handler by returning
 * false.  The message path comes here straight from dispatch(), so this is
 * one call deep. */
function callListener(target, rec, ev) {
	var fn = rec.fn, r;

	if (rec.once)
		removeRecord(target, ev[kType], rec);
	if (rec.passive) {
		callPassive(target, rec, ev);
		return;
	}
	if (rec.attr) {
		fn = target[kHandlers][ev[kType]];
		if (typeof fn !== 'function')
			return;
		r = fn.call(target, ev);
		if (ev[kType] === 'error' && target === global ? r === true : r === false)
			ev.preventDefault();
	} else if (typeof fn === 'function') {
		fn.call(target, ev);
	} else {
		r = fn.handleEvent;
		if (typeof r !== 'function')
			throw new TypeError('The "listener.handleEvent" property must be of type function.');
		r.call(fn, ev);
	}
}

/* Only a passive listener pays for the try that clears its flag. */
function callPassive(target, rec, ev) {
	ev[kFlags] |= PASSIVE;
	try {
		callListener(target, { fn: rec.fn, attr: rec.attr, once: false, passive: false }, ev);
	} finally {
		ev[kFlags] &= ~PASSIVE;
	}
}

/* A listener that throws goes to onThrow; the others still run. */
function callGuarded(target, rec, ev, onThrow) {
	try {
		callListener(target, rec, ev);
	} catch (err) {
		onThrow(err);
	}
}

/* One pass over a snapshot: capture listeners or the others. */
function invoke(target, snap, ev, capture, onThrow) {
	var i, rec;

	for (i = 0; i < snap.length; i++) {
		if (ev[kFlags] & STOP_NOW)
			return;
		rec = snap[i];
		if (!rec.removed && rec.capture === capture)
			callGuarded(target, rec, ev, onThrow);
	}
}

function endDispatch(ev) {
	ev[kFlags] &= ~(DISPATCHING | AT_TARGET | STOP | STOP_NOW);
}

/* Calls a lone listener whose throw is the caller's to report (the host's
 * protected call does it as the reporter would); the event is reset
 * first, as after any dispatch. */
function callDirect(target, rec, ev) {
	try {
		callListener(target, rec, ev);
	} finally {
		endDispatch(ev);
	}
}

/* Dispatches ev at target; onThrow gets what a listener throws (the host's
 * reporter, or rethrow).  A lone listener needs no snapshot (one added
 * during the call is not called either way); with `direct` its throw
 * propagates to the caller instead. */
function dispatch(target, ev, onThrow, direct) {
	var map = target[kListeners], l = map === undefined ? undefined : map[ev[kType]], snap;

	if (ev[kFlags] & DISPATCHING)
		throw new DOMException('The event is already being dispatched.', 'InvalidStateError');
	ev[kTarget] = target;
	ev[kFlags] |= DISPATCHING | AT_TARGET;
	if (l && l.length === 1) {
		if (direct)
			callDirect(target, l[0], ev);
		else
			callGuarded(target, l[0], ev, onThrow);
	} else if (l && l.length > 1) {
		snap = l.slice();
		invoke(target, snap, ev, true, onThrow);
		if (!(ev[kFlags] & STOP))
			invoke(target, snap, ev, false, onThrow);
	}
	endDispatch(ev);
	return (ev[kFlags] & CANCELED) === 0;
}

function dispatchEvent(ev) {
	var target = this === undefined || this === null ? global : this;

	if (!(ev instanceof Event))
		throw new TypeError('The "event" argument must be an instance of Event.' + received(ev));
	return dispatch(target, ev, native.reportError, false);
}

var TP = EventTarget.prototype;
hide(TP, 'addEventListener', addEventListener);
hide(TP, 'removeEventListener', removeEventListener);
hide(TP, 'dispatchEvent', dispatchEvent);
tag(TP, 'EventTarget');

/* on<type> on obj (a prototype or the global): setting a function puts one
 * record among the listeners at that point, later sets replace the
 * function in place, null removes the record. */
function defineHandler(obj, type) {
	Object.defineProperty(obj, 'on' + type, {
		enumerable: true,
		configurable: true,
		get: function () {
			var h = this[kHandlers];

			return h && h[type] ? h[type] : null;
		},
		set: function (fn) {
			var target = this, h = target[kHandlers], l, i;

			if (h === undefined) {
				h = Object.create(null);
				hide(target, kHandlers, h);
			}
			fn = isObject(fn) ? fn : null;
			if (fn === null) {
				l = listeners(target, type, false) || [];
				for (i = 0; i < l.length; i++)
					if (l[i].attr)
						removeRecord(target, type, l[i]);
				h[type] = null;
				noteListeners(target, type);
				return;
			}
			if (!h[type])
				listeners(target, type, true).push({ fn: null, capture: false, once: false, passive: false, removed: false, attr: true });
			h[type] = fn;
			noteListeners(target, type);
		}
	});
}

internal.dispatch = dispatch;
/* The originals, for the files loaded later (web_channels.js). */
internal.EventTarget = EventTarget;
internal.MessageEvent = MessageEvent;
/* The property helpers every web_*.js file shares. */
internal.define = { hide: hide, getter: getter, tag: tag, isObject: isObject, inspectAs: inspectAs };
/* Gives t its (empty) listener and handler tables now: for the global
 * scope that is in the template, so a worker's first listener adds no
 * property to the big global object. */
internal.prepareTarget = function (t) {
	hide(t, kListeners, Object.create(null));
	hide(t, kHandlers, Object.create(null));
};
internal.defineHandler = defineHandler;
internal.listenerCount = function (target, type) {
	var l = listeners(target, type, false);

	return l ? l.length : 0;
};

/* HTML's reportError(): an error event on the global scope and, when no
 * listener cancels it, what an uncaught exception does (the worker ends). */
hide(global, 'reportError', function reportError(e) {
	if (arguments.length < 1)
		throw new TypeError('The "e" argument must be specified');
	native.reportError(e);
});
hide(global, 'DOMException', DOMException);
hide(global, 'Event', Event);
hide(global, 'CustomEvent', CustomEvent);
hide(global, 'MessageEvent', MessageEvent);
hide(global, 'ErrorEvent', ErrorEvent);
hide(global, 'EventTarget', EventTarget);
})
