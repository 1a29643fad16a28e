/*
 * promise.js - ES2015 Promise (plus allSettled, any, finally) for Duktape.
 *
 * Evaluates to a function that rt_promise.c calls with:
 *   enqueue(fn, a, b, c)  queue the microtask fn(a, b, c)
 *   keys                  hidden symbols for the internal slots
 *   unhandled             array the rejection tracker appends to
 * and that returns { Promise, takeUnhandled }.  ES5 syntax and shorthand
 * methods only (what Duktape compiles).
 *
 * Reaction jobs, thenable jobs and the resolve algorithm follow the spec
 * step by step, so job ordering matches V8/JSC.  Internal slots live under
 * hidden symbols: scripts can neither see nor forge them.
 */
(function (enqueue, keys, unhandled) {
	'use strict';

	var STATE = keys.state, VALUE = keys.value, REACTIONS = keys.reactions,
	    HANDLED = keys.handled;
	var PENDING = 0, FULFILLED = 1, REJECTED = 2;
	var symIterator = typeof Symbol === 'function' ? Symbol.iterator : undefined;

	function isObject(x) {
		return (typeof x === 'object' && x !== null) || typeof x === 'function';
	}

	function isPromise(x) {
		return isObject(x) && x[STATE] !== undefined;
	}

	function define(obj, name, value) {
		Object.defineProperty(obj, name, {
			value: value, writable: true, enumerable: false, configurable: true
		});
	}

	/* fns: an object literal of shorthand methods, which Duktape makes as
	 * the spec's built-in methods are: not constructors, no `prototype`,
	 * `length` before `name`.  A quoted reserved word gets no name from
	 * Duktape: it is given its key. */
	function methods(obj, fns) {
		Object.keys(fns).forEach(function (k) {
			if (fns[k].name !== k)
				Object.defineProperty(fns[k], 'name', { value: k, configurable: true });
			define(obj, k, fns[k]);
		});
	}

	function describe(x) {
		if (typeof x === 'function')
			return 'function';
		if (isObject(x))
			return 'object';
		return String(x);
	}

	function initSlots(p) {
		p[STATE] = PENDING;
		p[VALUE] = undefined;
		p[REACTIONS] = [];
		p[HANDLED] = false;
	}

	/* Promises made by then() and the combinators skip the executor: nobody
	 * else holds their resolving functions, so they are settled directly. */
	function Internal() {
		initSlots(this);
	}

	/* Reactions are kept flat, three slots each (target, onFulfilled,
	 * onRejected): a long then() chain is then a shallower object graph,
	 * and Duktape's collector slows down sharply with graph depth. */
	function settle(p, state, value) {
		var list = p[REACTIONS], i, h = state === FULFILLED ? 1 : 2;

		p[STATE] = state;
		p[VALUE] = value;
		p[REACTIONS] = undefined;
		if (state === REJECTED && !p[HANDLED])
			unhandled.push(p);
		for (i = 0; i < list.length; i += 3)
			enqueue(reactionJob, p, list[i], list[i + h]);
	}

	function resolvePromise(p, x) {
		var then;

		if (x === p) {
			settle(p, REJECTED, new TypeError('Chaining cycle detected for promise #<Promise>'));
			return;
		}
		if (!isObject(x)) {
			settle(p, FULFILLED, x);
			return;
		}
		try {
			then = x.then;
		} catch (e) {
			settle(p, REJECTED, e);
			return;
		}
		if (typeof then !== 'function') {
			settle(p, FULFILLED, x);
			return;
		}
		enqueue(thenableJob, p, x, then);
	}

	/* Shorthand methods: not constructors and no `prototype` object each,
	 * as the spec's anonymous built-ins are (their name is Duktape's). */
	function resolvingFunctions(p) {
		var done = false;

		return {
			resolve(x) {
				if (done)
					return;
				done = true;
				resolvePromise(p, x);
			},
			reject(r) {
				if (done)
					return;
				done = true;
				settle(p, REJECTED, r);
			}
		};
	}

	function thenableJob(p, thenable, then) {
		var fns = resolvingFunctions(p);

		try {
			then.call(thenable, fns.resolve, fns.reject);
		} catch (e) {
			fns.reject(e);
		}
	}

	/* target: the derived promise made by then() (settled directly), or a
	 * capability { promise, resolve, reject } of another constructor. */
	function reactionJob(source, target, handler) {
		var ok = source[STATE] === FULFILLED, value = source[VALUE], result;

		if (typeof handler !== 'function') {
			finish(target, ok, value);
			return;
		}
		try {
			result = handler(value);
		} catch (e) {
			finish(target, false, e);
			return;
		}
		finish(target, true, result);
	}

	function finish(target, ok, value) {
		if (target[STATE] === undefined)
			(ok ? target.resolve : target.reject)(value);
		else if (ok)
			resolvePromise(target, value);
		else
			settle(target, REJECTED, value);
	}

	function Promise(executor) {
		var fns;

		if (!(this instanceof Promise) || this[STATE] !== undefined)
			throw new TypeError("Promise constructor cannot be invoked without 'new'");
		if (typeof executor !== 'function')
			throw new TypeError('Promise resolver ' + describe(executor) + ' is not a function');
		initSlots(this);
		fns = resolvingFunctions(this);
		try {
			executor(fns.resolve, fns.reject);
		} catch (e) {
			fns.reject(e);
		}
	}
	Internal.prototype = Promise.prototype;

	function newCapability(C) {
		var cap = { promise: undefined, resolve: undefined, reject: undefined };

		if (C === Promise) {
			cap.promise = new Internal();
			var fns = resolvingFunctions(cap.promise);
			cap.resolve = fns.resolve;
			cap.reject = fns.reject;
			return cap;
		}
		if (typeof C !== 'function')
			throw new TypeError('Promise capability constructor is not a function');
		cap.promise = new C({
			executor(resolve, reject) {
				if (cap.resolve !== undefined || cap.reject !== undefined)
					throw new TypeError('Promise executor has already been invoked');
				cap.resolve = resolve;
				cap.reject = reject;
			}
		}.executor);
		if (typeof cap.resolve !== 'function' || typeof cap.reject !== 'function')
			throw new TypeError('Promise resolve or reject function is not callable');
		return cap;
	}

	/* SpeciesConstructor(p, %Promise%). */
	function speciesConstructor(p) {
		var C = p.constructor, sym = Symbol.species, S;

		if (C === undefined)
			return Promise;
		if (!isObject(C))
			throw new TypeError('The .constructor property is not an object');
		S = sym === undefined ? C : C[sym];
		if (S === undefined || S === null)
			return Promise;
		if (typeof S !== 'function')
			throw new TypeError('object.constructor[Symbol.species] is not a constructor');
		return S;
	}

	function performThen(p, onFulfilled, onRejected, target) {
		var state = p[STATE];

		if (state === PENDING)
			p[REACTIONS].push(target, onFulfilled, onRejected);
		else
			enqueue(reactionJob, p, target, state === FULFILLED ? onFulfilled : onRejected);
		p[HANDLED] = true;
	}

	methods(Promise.prototype, {
	then(onFulfilled, onRejected) {
		var C, cap, derived;

		if (!isPromise(this))
			throw new TypeError('Promise.prototype.then called on a non-promise');
		C = speciesConstructor(this);
		if (C === Promise) {
			derived = new Internal();
			performThen(this, onFulfilled, onRejected, derived);
			return derived;
		}
		cap = newCapability(C);
		performThen(this, onFulfilled, onRejected, cap);
		return cap.promise;
	},
	'catch'(onRejected) {
		return this.then(undefined, onRejected);
	},
	'finally'(onFinally) {
		var C, fns;

		if (!isObject(this))
			throw new TypeError('Promise.prototype.finally called on a non-object');
		if (typeof onFinally !== 'function')
			return this.then(onFinally, onFinally);
		C = speciesConstructor(this);
		/* shorthand methods: the spec's closures are not constructors */
		fns = {
			thenFinally(value) {
				return C.resolve(onFinally()).then({ valueThunk() { return value; } }.valueThunk);
			},
			catchFinally(reason) {
				return C.resolve(onFinally()).then({ thrower() { throw reason; } }.thrower);
			}
		};
		return this.then(fns.thenFinally, fns.catchFinally);
	}
	});

	define(Promise.prototype, 'constructor', Promise);
	Object.defineProperty(Promise, 'prototype', { writable: false });
	/* A declared function's `length` and `name` have `prototype` (and
	 * more) between them; a built-in's are next to each other. */
	delete Promise.length;
	delete Promise.name;
	Object.defineProperty(Promise, 'length', { value: 1, configurable: true });
	Object.defineProperty(Promise, 'name', { value: 'Promise', configurable: true });
	if (typeof Symbol === 'function' && Symbol.toStringTag)
		Object.defineProperty(Promise.prototype, Symbol.toStringTag, {
			value: 'Promise', writable: false, enumerable: false, configurable: true
		});

	function promiseResolve(C, x) {
		var cap;

		if (isPromise(x) && x.constructor === C)
			return x;
		cap = newCapability(C);
		cap.resolve(x);
		return cap.promise;
	}

	methods(Promise, {
	resolve(x) {
		if (!isObject(this))
			throw new TypeError('Promise.resolve called on a non-object');
		return promiseResolve(this, x);
	},
	reject(r) {
		var cap = newCapability(this);

		cap.reject(r);
		return cap.promise;
	}
	});

	/* Calls fn(value, index) for each element of an iterable: anything with
	 * Symbol.iterator, else arrays, strings and array-likes by index (Duktape's
	 * arrays have no Symbol.iterator). */
	function iterate(iterable, fn) {
		var method, it, step, value, i = 0;

		if (iterable === null || iterable === undefined)
			throw new TypeError(String(iterable) + ' is not iterable');
		method = symIterator !== undefined ? Object(iterable)[symIterator] : undefined;
		if (typeof method === 'function') {
			it = method.call(iterable);
			if (!isObject(it))
				throw new TypeError('Result of the Symbol.iterator method is not an object');
			for (;;) {
				step = it.next();
				if (!isObject(step))
					throw new TypeError('Iterator result ' + describe(step) + ' is not an object');
				if (step.done)
					return i;
				/* An error of the iterator's own (value) does not close it. */
				value = step.value;
				try {
					fn(value, i++);
				} catch (e) {
					closeIterator(it);
					throw e;
				}
			}
		}
		if (typeof iterable === 'string' || (isObject(iterable) && typeof iterable.length === 'number')) {
			for (; i < iterable.length; i++)
				fn(iterable[i], i);
			return i;
		}
		throw new TypeError(describe(iterable) + ' is not iterable');
	}

	function closeIterator(it) {
		var ret;

		try {
			ret = it['return'];
			if (typeof ret === 'function')
				ret.call(it);
		} catch (ignored) {
			/* The original error wins over one thrown while closing. */
		}
	}

	/* GetPromiseResolve: C.resolve, read once before iterating. */
	function getPromiseResolve(C) {
		var resolveFn = C.resolve;

		if (typeof resolveFn !== 'function')
			throw new TypeError('Promise resolve is not a function');
		return resolveFn;
	}

	/* The shared skeleton of all/allSettled/any: `each(next, index, cap,
	 * state)` wires one element; state.remaining counts unsettled ones and
	 * `done(state)` settles the result when it reaches zero. */
	function combinator(C, iterable, each, done) {
		var cap = newCapability(C), state = { values: [], remaining: 1 }, resolveFn;

		try {
			resolveFn = getPromiseResolve(C);
			iterate(iterable, function (value, index) {
				state.values.push(undefined);
				state.remaining++;
				each(resolveFn.call(C, value), index, cap, state);
			});
			if (--state.remaining === 0)
				done(cap, state);
		} catch (e) {
			cap.reject(e);
		}
		return cap.promise;
	}

	/* Returns a once-only element callback that stores f(x) at index. */
	function elementFn(index, cap, state, f, done) {
		var called = false;

		return {
			element(x) {
				if (called)
					return;
				called = true;
				state.values[index] = f(x);
				if (--state.remaining === 0)
					done(cap, state);
			}
		}.element;
	}

	function identity(x) { return x; }
	function fulfilledRecord(x) { return { status: 'fulfilled', value: x }; }
	function rejectedRecord(x) { return { status: 'rejected', reason: x }; }
	function resolveValues(cap, state) { cap.resolve(state.values); }

	methods(Promise, {
	all(iterable) {
		return combinator(this, iterable, function (next, index, cap, state) {
			next.then(elementFn(index, cap, state, identity, resolveValues), cap.reject);
		}, resolveValues);
	},
	allSettled(iterable) {
		return combinator(this, iterable, function (next, index, cap, state) {
			next.then(elementFn(index, cap, state, fulfilledRecord, resolveValues),
			    elementFn(index, cap, state, rejectedRecord, resolveValues));
		}, resolveValues);
	}
	});

	function rejectAggregate(cap, state) {
		cap.reject(new AggregateError(state.values, 'All promises were rejected'));
	}

	methods(Promise, {
	any(iterable) {
		return combinator(this, iterable, function (next, index, cap, state) {
			next.then(cap.resolve, elementFn(index, cap, state, identity, rejectAggregate));
		}, rejectAggregate);
	},
	race(iterable) {
		var C = this, cap = newCapability(C), resolveFn;

		try {
			resolveFn = getPromiseResolve(C);
			iterate(iterable, function (value) {
				resolveFn.call(C, value).then(cap.resolve, cap.reject);
			});
		} catch (e) {
			cap.reject(e);
		}
		return cap.promise;
	}
	});

	function AggregateError(errors, message, options) {
		var self = this instanceof AggregateError ? this : Object.create(AggregateError.prototype);
		var list = [], stack, text = '';

		if (typeof message === 'symbol')
			throw new TypeError('Cannot convert a Symbol value to a string');
		if (message !== undefined)
			define(self, 'message', text = String(message));
		/* InstallErrorCause, as rt_error.c does for the other errors */
		if (options !== null && (typeof options === 'object' || typeof options === 'function') && 'cause' in options)
			define(self, 'cause', options.cause);
		iterate(errors, function (e) { list.push(e); });
		define(self, 'errors', list);
		stack = new Error(text).stack;
		if (typeof stack === 'string')
			define(self, 'stack', 'AggregateError' + stack.slice(5));
		return self;
	}
	Object.defineProperty(AggregateError, 'length', { value: 2, configurable: true });
	Object.setPrototypeOf(AggregateError, Error);
	AggregateError.prototype = Object.create(Error.prototype);
	define(AggregateError.prototype, 'constructor', AggregateError);
	define(AggregateError.prototype, 'name', 'AggregateError');
	define(AggregateError.prototype, 'message', '');
	Object.defineProperty(AggregateError, 'prototype', { writable: false });

	/* The reason of the first tracked rejection still without a handler,
	 * boxed in an array (a reason may itself be undefined), or null. */
	function takeUnhandled() {
		var i, p;

		for (i = 0; i < unhandled.length; i++) {
			p = unhandled[i];
			if (!p[HANDLED]) {
				unhandled.splice(0, i + 1);
				return [p[VALUE]];
			}
		}
		unhandled.length = 0;
		return null;
	}

	return { Promise: Promise, AggregateError: AggregateError, takeUnhandled: takeUnhandled };
})
