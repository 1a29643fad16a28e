/*
 * node_events.js - Node's `events`: EventEmitter with Node 20's layout
 * (_events holds one function or an array per name, _eventsCount,
 * _maxListeners), so packages that peek at them keep working; 'error'
 * without a listener throws; 'newListener' before and 'removeListener'
 * after a change; the leak warning past getMaxListeners(); events.once()
 * as a promise, events.on() as an async iterator; errorMonitor.  Absent:
 * captureRejections, EventTarget helpers (getEventListeners on an
 * EventTarget).  The global scope's EventTarget is js/events.js, another
 * API; the global process has its own small emitter (js/process.js).
 * ES5, run as a core module (require.js).
 */
'use strict';

var defaultMaxListeners = 10;
var errorMonitor = Symbol('events.errorMonitor');

var errors = require('internal/errors');

function checkListener(fn) {
	if (typeof fn !== 'function')
		throw errors.invalidArgType('listener', 'of type function', fn);
}

function checkCount(n, name, rule) {
	if (typeof n !== 'number')
		throw errors.invalidArgType(name, 'of type number', n);
	if (n < 0 || n !== n)
		throw errors.withCode(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name +
		    '" is out of range. It must be ' + rule + '. Received ' + native.utilInspect(n, 2));
}

function EventEmitter(opts) {
	EventEmitter.init.call(this, opts);
}

EventEmitter.init = function (opts) {
	if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
		this._events = Object.create(null);
		this._eventsCount = 0;
	}
	this._maxListeners = this._maxListeners || undefined;
};

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
	enumerable: true,
	get: function () { return defaultMaxListeners; },
	set: function (n) {
		checkCount(n, 'defaultMaxListeners', 'a non-negative number');
		defaultMaxListeners = n;
	}
});

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
	checkCount(n, 'setMaxListeners', '>= 0');
	this._maxListeners = n;
	return this;
};

function maxListeners(em) {
	return em._maxListeners === undefined ? defaultMaxListeners : em._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
	return maxListeners(this);
};

function events(em) {
	if (em._events === undefined) {
		em._events = Object.create(null);
		em._eventsCount = 0;
	}
	return em._events;
}

function describe(em) {
	var name = em && em.constructor && em.constructor.name;

	return '[' + (name || 'EventEmitter') + ']';
}

function warnLeak(em, type, list) {
	var w, max = maxListeners(em);

	if (max <= 0 || list.length <= max || list.warned)
		return;
	list.warned = true;
	w = new Error('Possible EventEmitter memory leak detected. ' + list.length + ' ' + String(type) +
	    ' listeners added to ' + describe(em) + '. MaxListeners is ' + max + '. Use emitter.setMaxListeners() to increase limit');
	w.name = 'MaxListenersExceededWarning';
	w.emitter = em;
	w.type = type;
	w.count = list.length;
	process.emitWarning(w);
}

function addListener(em, type, fn, prepend) {
	var evs, existing;

	checkListener(fn);
	evs = events(em);
	if (evs.newListener !== undefined) {
		em.emit('newListener', type, fn.listener ? fn.listener : fn);
		evs = events(em);
	}
	existing = evs[type];
	if (existing === undefined) {
		evs[type] = fn;
		em._eventsCount++;
		return em;
	}
	if (typeof existing === 'function')
		existing = evs[type] = prepend ? [fn, existing] : [existing, fn];
	else if (prepend)
		existing.unshift(fn);
	else
		existing.push(fn);
	warnLeak(em, type, existing);
	return em;
}

EventEmitter.prototype.addListener = function addListener_(type, fn) {
	return addListener(this, type, fn, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, fn) {
	return addListener(this, type, fn, true);
};

function onceWrapper(em, type, fn) {
	var state = { fired: false };

	function wrapped() {
		if (state.fired)
			return undefined;
		state.fired = true;
		em.removeListener(type, wrapped);
		return fn.apply(em, arguments);
	}
	wrapped.listener = fn;
	return wrapped;
}

EventEmitter.prototype.once = function once(type, fn) {
	checkListener(fn);
	return this.on(type, onceWrapper(this, type, fn));
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, fn) {
	checkListener(fn);
	return this.prependListener(type, onceWrapper(this, type, fn));
};

EventEmitter.prototype.removeListener = function removeListener(type, fn) {
	var evs, list, i;

	checkListener(fn);
	evs = this._events;
	if (evs === undefined || (list = evs[type]) === undefined)
		return this;
	if (list === fn || list.listener === fn) {
		if (--this._eventsCount === 0)
			this._events = Object.create(null);
		else
			delete evs[type];
		if (evs.removeListener)
			this.emit('removeListener', type, list.listener || fn);
		return this;
	}
	if (typeof list === 'function')
		return this;
	for (i = list.length - 1; i >= 0; i--)
		if (list[i] === fn || list[i].listener === fn)
			break;
	if (i < 0)
		return this;
	fn = list[i].listener || list[i];
	list.splice(i, 1);
	if (list.length === 1)
		evs[type] = list[0];
	if (evs.removeListener !== undefined)
		this.emit('removeListener', type, fn);
	return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
	var evs = this._events, keys, i, list;

	if (evs === undefined)
		return this;
	if (evs.removeListener === undefined) {
		if (arguments.length === 0) {
			this._events = Object.create(null);
			this._eventsCount = 0;
		} else if (evs[type] !== undefined) {
			if (--this._eventsCount === 0)
				this._events = Object.create(null);
			else
				delete evs[type];
		}
		return this;
	}
	if (arguments.length === 0) {
		keys = Reflect.ownKeys(evs);
		for (i = 0; i < keys.length; i++)
			if (keys[i] !== 'removeListener')
				this.removeAllListeners(keys[i]);
		this.removeAllListeners('removeListener');
		this._events = Object.create(null);
		this._eventsCount = 0;
		return this;
	}
	list = evs[type];
	if (typeof list === 'function')
		this.removeListener(type, list);
	else if (list !== undefined)
		for (i = list.length - 1; i >= 0; i--)
			this.removeListener(type, list[i]);
	return this;
};

function unhandled(er) {
	var e;

	if (er instanceof Error)
		return er;
	e = new Error('Unhandled error. (' + native.utilInspect(er, 2) + ')');
	e.code = 'ERR_UNHANDLED_ERROR';
	e.context = er;
	return e;
}

EventEmitter.prototype.emit = function emit(type) {
	var evs = this._events, handler, args = [], i, list;

	for (i = 1; i < arguments.length; i++)
		args.push(arguments[i]);
	if (type === 'error' && evs !== undefined && evs[errorMonitor] !== undefined)
		this.emit.apply(this, [errorMonitor].concat(args));
	handler = evs === undefined ? undefined : evs[type];
	if (handler === undefined) {
		if (type === 'error')
			throw unhandled(args[0]);
		return false;
	}
	if (typeof handler === 'function') {
		handler.apply(this, args);
		return true;
	}
	list = handler.slice();
	for (i = 0; i < list.length; i++)
		list[i].apply(this, args);
	return true;
};

function listeners(em, type, unwrap) {
	var evs = em._events, l;

	if (evs === undefined || (l = evs[type]) === undefined)
		return [];
	if (typeof l === 'function')
		return [unwrap && l.listener ? l.listener : l];
	return l.map(function (f) { return unwrap && f.listener ? f.listener : f; });
}

EventEmitter.prototype.listeners = function listeners_(type) {
	return listeners(this, type, true);
};
EventEmitter.prototype.rawListeners = function rawListeners(type) {
	return listeners(this, type, false);
};

function listenerCount(type) {
	var evs = this._events, l;

	if (evs === undefined || (l = evs[type]) === undefined)
		return 0;
	return typeof l === 'function' ? 1 : l.length;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.prototype.eventNames = function eventNames() {
	return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

EventEmitter.listenerCount = function (em, type) {
	return typeof em.listenerCount === 'function' ? em.listenerCount(type) : listenerCount.call(em, type);
};

EventEmitter.getEventListeners = function getEventListeners(em, type) {
	return listeners(em, type, true);
};

EventEmitter.setMaxListeners = function setMaxListeners(n) {
	var i;

	n = n === undefined ? defaultMaxListeners : n;
	if (arguments.length <= 1) {
		EventEmitter.defaultMaxListeners = n;
		return;
	}
	for (i = 1; i < arguments.length; i++)
		arguments[i].setMaxListeners(n);
};

/* Resolves with the arguments of the next `name` event; rejects on the
 * next 'error' (unless name is 'error') or when opts.signal aborts. */
EventEmitter.once = function once(em, name, opts) {
	var signal = opts && opts.signal;

	return new Promise(function (resolve, reject) {
		function cleanup() {
			em.removeListener(name, onEvent);
			if (name !== 'error')
				em.removeListener('error', onError);
			if (signal)
				signal.removeEventListener('abort', onAbort);
		}
		function onEvent() {
			cleanup();
			resolve(Array.prototype.slice.call(arguments));
		}
		function onError(err) {
			cleanup();
			reject(err);
		}
		function onAbort() {
			cleanup();
			reject(errors.abortError(signal));
		}
		if (signal && signal.aborted)
			return reject(errors.abortError(signal));
		em.on(name, onEvent);
		if (name !== 'error')
			em.on('error', onError);
		if (signal)
			signal.addEventListener('abort', onAbort, { once: true });
	});
};

function waterMark(v, name, dflt) {
	if (v === undefined)
		return dflt;
	return errors.integer(v, name, 1);
}

/* events.on(em, name, {signal, close, highWaterMark, lowWaterMark}): an
 * async iterator of each `name` event's arguments (an array), those not
 * yet taken kept in order; 'error' rejects the next step and ends it, a
 * `close` event or return() ends it once what was kept is taken.  With
 * more than highWaterMark kept em.pause() is called, em.resume() once
 * fewer than lowWaterMark are. */
EventEmitter.on = function on(em, name, opts) {
	var o = opts === undefined ? {} : opts, signal, closers, high, low, it, i;
	var kept = [], waiting = [], error = null, finished = false, paused = false;

	if (o === null || typeof o !== 'object')
		throw errors.invalidArgType('options', 'of type object', o);
	signal = o.signal;
	closers = o.close || [];
	high = waterMark(o.highWaterMark, 'highWaterMark', 9007199254740991);
	low = waterMark(o.lowWaterMark, 'lowWaterMark', 1);
	if (signal && signal.aborted)
		throw errors.abortError(signal);
	function onEvent() {
		var args = Array.prototype.slice.call(arguments);

		if (waiting.length) {
			waiting.shift().resolve({ value: args, done: false });
			return;
		}
		kept.push(args);
		if (kept.length > high && !paused && typeof em.pause === 'function') {
			paused = true;
			em.pause();
		}
	}
	function onError(err) {
		if (waiting.length)
			waiting.shift().reject(err);
		else
			error = err;
		finish();
	}
	function onAbort() {
		onError(errors.abortError(signal));
	}
	/* how: 'on' or 'removeListener' */
	function listen(how) {
		em[how](name, onEvent);
		if (name !== 'error')
			em[how]('error', onError);
		for (i = 0; i < closers.length; i++)
			em[how](closers[i], finish);
		if (signal && how === 'on')
			signal.addEventListener('abort', onAbort, { once: true });
		else if (signal)
			signal.removeEventListener('abort', onAbort);
	}
	function finish() {
		var done = { value: undefined, done: true };

		listen('removeListener');
		finished = true;
		while (waiting.length)
			waiting.shift().resolve(done);
		return Promise.resolve(done);
	}
	it = {
		next: function () {
			var value, e;

			if (kept.length) {
				value = kept.shift();
				if (paused && kept.length < low) {
					paused = false;
					em.resume();
				}
				return Promise.resolve({ value: value, done: false });
			}
			if (error) {
				e = error;
				error = null;
				return Promise.reject(e);
			}
			if (finished)
				return finish();
			return new Promise(function (resolve, reject) {
				waiting.push({ resolve: resolve, reject: reject });
			});
		},
		'return': function () {
			return finish();
		},
		'throw': function (err) {
			if (!(err instanceof Error))
				throw errors.invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
			onError(err);
		}
	};
	it[Symbol.asyncIterator] = function () { return this; };
	listen('on');
	return it;
};

EventEmitter.EventEmitter = EventEmitter;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.usingDomains = false;

module.exports = EventEmitter;
