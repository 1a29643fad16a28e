/*
 * array.js - the Array.prototype methods as ES2023 writes them, for the
 * receivers Duktape's natives get wrong: objects that are not arrays
 * (whose length is ToLength, up to 2^53 - 1, where Duktape's is ToUint32),
 * arrays whose constructor or Symbol.species is not the original Array
 * (ArraySpeciesCreate), frozen arrays and arrays with a read-only length
 * at the edges Duktape skips the final Set of "length", and an
 * Array.prototype carrying indexed properties.  rt_array.c puts a native
 * in front of each method that calls Duktape's own for a plain array and
 * one of these for anything else, so the common case runs no JavaScript.
 *
 * Evaluates to a function that rt_array.c calls once per heap with:
 *   natives  { isArray, isConstructor, lengthReadOnly, bareMethod }
 *            (rt_array.c) and es-runtime.js's number helpers
 *            { toInt, toLength, clampIndex, isObject }
 * and which returns an object of spec methods keyed by name, plus `flat`
 * and `flatMap`, which have no Duktape counterpart and are defined here.
 * Everything runs in strict code, so a failed Set or delete throws a
 * TypeError, as the spec's Set(O, P, V, true) and DeletePropertyOrThrow
 * do.  ES5 syntax and shorthand methods only.
 */
(function (natives) {
	'use strict';

	var MAX_SAFE = 9007199254740991;
	var isArray = natives.isArray, isConstructor = natives.isConstructor, lengthReadOnly = natives.lengthReadOnly;
	var toInt = natives.toInt, toLength = natives.toLength, clampIndex = natives.clampIndex, isObject = natives.isObject;
	var symSpreadable = Symbol.isConcatSpreadable;
	/* taken now: a script may delete or replace the globals, as test262's
	 * property tests do */
	var NativeArray = Array, NativeObject = Object, NativeString = String;
	var min = Math.min, max = Math.max;
	var isFrozen = Object.isFrozen, create = Object.create;

	function toObject(x, what) {
		if (x === null || x === undefined)
			throw new TypeError('Array.prototype.' + what + ' called on null or undefined');
		return NativeObject(x);
	}

	function requireCallable(fn, what) {
		if (typeof fn !== 'function')
			throw new TypeError('Array.prototype.' + what + ': ' + NativeString(fn) + ' is not a function');
	}

	function requireSafe(n, what) {
		if (n > MAX_SAFE)
			throw new TypeError('Array.prototype.' + what + ': the length would exceed 2^53 - 1');
	}

	/* CreateDataPropertyOrThrow: defineProperty throws on a non-extensible
	 * target or a non-configurable property, and runs no setter.  Read
	 * where it is used: rt_proxy.c replaces it after this is installed.
	 * The descriptor has no prototype, so that a `get` or `set` a script
	 * put on Object.prototype does not make it an accessor's. */
	function createData(A, k, v) {
		var d = create(null);

		d.value = v;
		d.writable = d.enumerable = d.configurable = true;
		NativeObject.defineProperty(A, k, d);
	}

	/* Set(O, "length", len, true).  Duktape lets an array's read-only
	 * length be set to the value it already has (lengthReadOnly is
	 * undefined for anything but an array). */
	function setLength(O, len) {
		var ro = lengthReadOnly(O);

		/* and its freeze leaves an array's length writable */
		if (ro === true || (ro === false && isFrozen(O)))
			throw new TypeError('Cannot assign to read only property \'length\' of object');
		O.length = len;
	}

	/* ArraySpeciesCreate(O, len). */
	function speciesCreate(O, len) {
		var C;

		if (!isArray(O))
			return new NativeArray(len);
		C = O.constructor;
		if (isObject(C)) {
			C = C[Symbol.species];
			if (C === null)
				C = undefined;
		}
		if (C === undefined)
			return new NativeArray(len);
		if (!isConstructor(C))
			throw new TypeError('object.constructor[Symbol.species] is not a constructor');
		return new C(len);
	}

	function spreadable(E) {
		var s;

		if (!isObject(E))
			return false;
		s = E[symSpreadable];
		return s !== undefined ? !!s : isArray(E);
	}

	/* Appends source's len elements to target from index t, descending into
	 * arrays while depth > 0; holes are skipped.  Returns the next index. */
	function flatten(target, source, len, t, depth, mapper, thisArg) {
		var k, e;

		/* string keys: Duktape gives a proxy's traps number keys as they come */
		for (k = 0; k < len; k++) {
			if (!(NativeString(k) in source))
				continue;
			e = source[NativeString(k)];
			if (mapper !== undefined)
				e = mapper.call(thisArg, e, k, source);
			if (depth > 0 && isArray(e)) {
				t = flatten(target, e, toLength(e.length), t, depth - 1, undefined, undefined);
			} else {
				requireSafe(t + 1, 'flat');
				createData(target, t++, e);
			}
		}
		return t;
	}

	/* Moves count elements from..from+count to to..to+count, one at a
	 * time in the direction that does not overwrite what is still to be
	 * read; holes are moved as holes. */
	function move(O, from, to, count) {
		var k, f, t;

		for (k = 0; k < count; k++) {
			f = from < to ? from + count - 1 - k : from + k;
			t = from < to ? to + count - 1 - k : to + k;
			if (f in O)
				O[t] = O[f];
			else
				delete O[t];
		}
	}

	/* forEach, every, some: fn(result of the callback, k) returns what to
	 * stop with, or undefined to go on. */
	function visit(self, what, fn, thisArg, stop) {
		var O = toObject(self, what), len = toLength(O.length), k, r;

		requireCallable(fn, what);
		for (k = 0; k < len; k++) {
			if (k in O) {
				r = stop(fn.call(thisArg, O[k], k, O));
				if (r !== undefined)
					return r;
			}
		}
		return undefined;
	}

	function reduceFrom(self, what, fn, args, fromEnd) {
		var O = toObject(self, what), len = toLength(O.length), step = fromEnd ? -1 : 1;
		var k = fromEnd ? len - 1 : 0, acc, found = args.length > 1;

		requireCallable(fn, what);
		if (found)
			acc = args[1];
		for (; !found && (fromEnd ? k >= 0 : k < len); k += step) {
			if (k in O) {
				acc = O[k];
				found = true;
			}
		}
		if (!found)
			throw new TypeError('Reduce of empty array with no initial value');
		for (; fromEnd ? k >= 0 : k < len; k += step) {
			if (k in O)
				acc = fn(acc, O[k], k, O);
		}
		return acc;
	}

	var methods = {
		concat() {
			var O = toObject(this, 'concat'), A = speciesCreate(O, 0), n = 0, i, E, len, k;

			for (i = -1; i < arguments.length; i++) {
				E = i < 0 ? O : arguments[i];
				if (!spreadable(E)) {
					requireSafe(n + 1, 'concat');
					createData(A, n++, E);
					continue;
				}
				len = toLength(E.length);
				requireSafe(n + len, 'concat');
				for (k = 0; k < len; k++, n++) {
					if (k in E)
						createData(A, n, E[k]);
				}
			}
			setLength(A, n);
			return A;
		},
		/* Named parameters: arguments[k] of a missing argument would
		 * read Object.prototype[k]. */
		map(fn, thisArg) {
			var O = toObject(this, 'map'), len = toLength(O.length), A, k;

			requireCallable(fn, 'map');
			A = speciesCreate(O, len);
			for (k = 0; k < len; k++) {
				if (k in O)
					createData(A, k, fn.call(thisArg, O[k], k, O));
			}
			return A;
		},
		filter(fn, thisArg) {
			var O = toObject(this, 'filter'), len = toLength(O.length), A, k, n = 0, v;

			requireCallable(fn, 'filter');
			A = speciesCreate(O, 0);
			for (k = 0; k < len; k++) {
				if (k in O) {
					v = O[k];
					if (fn.call(thisArg, v, k, O))
						createData(A, n++, v);
				}
			}
			return A;
		},
		slice(start, end) {
			var O = toObject(this, 'slice'), len = toLength(O.length), k = clampIndex(start, len);
			var last = end === undefined ? len : clampIndex(end, len), A, n = 0;

			A = speciesCreate(O, last > k ? last - k : 0);
			for (; k < last; k++, n++) {
				if (k in O)
					createData(A, n, O[k]);
			}
			setLength(A, n);
			return A;
		},
		splice(start, deleteCount) {
			var O = toObject(this, 'splice'), len = toLength(O.length), at = clampIndex(start, len);
			var items = arguments.length > 2 ? arguments.length - 2 : 0, dc, A, k;

			if (arguments.length === 0)
				dc = 0;
			else if (arguments.length === 1)
				dc = len - at;
			else
				dc = min(max(toInt(deleteCount), 0), len - at);
			/* (the moves are skipped when nothing moves: len may be 2^53 - 1) */
			requireSafe(len + items - dc, 'splice');
			A = speciesCreate(O, dc);
			for (k = 0; k < dc; k++) {
				if (at + k in O)
					createData(A, k, O[at + k]);
			}
			setLength(A, dc);
			if (items !== dc)
				move(O, at + dc, at + items, len - at - dc);
			for (k = len; k > len - dc + items; k--)
				delete O[k - 1];
			for (k = 0; k < items; k++)
				O[at + k] = arguments[k + 2];
			setLength(O, len - dc + items);
			return A;
		},
		shift() {
			var O = toObject(this, 'shift'), len = toLength(O.length), first;

			if (len === 0) {
				setLength(O, 0);
				return undefined;
			}
			first = O[0];
			move(O, 1, 0, len - 1);
			delete O[len - 1];
			setLength(O, len - 1);
			return first;
		},
		unshift() {
			var O = toObject(this, 'unshift'), len = toLength(O.length), n = arguments.length, k;

			if (n > 0) {
				requireSafe(len + n, 'unshift');
				move(O, 0, n, len);
				for (k = 0; k < n; k++)
					O[k] = arguments[k];
			}
			setLength(O, len + n);
			return len + n;
		},
		reverse() {
			var O = toObject(this, 'reverse'), len = toLength(O.length), lo, hi, a, b, hasLo, hasHi;

			for (lo = 0, hi = len - 1; lo < hi; lo++, hi--) {
				hasLo = lo in O;
				if (hasLo)
					a = O[lo];
				hasHi = hi in O;
				if (hasHi)
					b = O[hi];
				if (hasHi)
					O[lo] = b;
				else if (hasLo)
					delete O[lo];
				if (hasLo)
					O[hi] = a;
				else if (hasHi)
					delete O[hi];
			}
			return O;
		},
		indexOf(search, fromIndex) {
			var O = toObject(this, 'indexOf'), len = toLength(O.length), k;

			if (len === 0)
				return -1;
			k = toInt(fromIndex);
			if (k >= len)
				return -1;
			if (k < 0)
				k = len + k < 0 ? 0 : len + k;
			for (; k < len; k++) {
				if (k in O && O[k] === search)
					return k;
			}
			return -1;
		},
		lastIndexOf(search, fromIndex) {
			var O = toObject(this, 'lastIndexOf'), len = toLength(O.length), k;

			if (len === 0)
				return -1;
			k = arguments.length > 1 ? toInt(fromIndex) : len - 1;
			k = k < 0 ? len + k : min(k, len - 1);
			for (; k >= 0; k--) {
				if (k in O && O[k] === search)
					return k;
			}
			return -1;
		},
		join(separator) {
			var O = toObject(this, 'join'), len = toLength(O.length), sep, out = '', k, e;

			sep = separator === undefined ? ',' : NativeString(separator);
			for (k = 0; k < len; k++) {
				if (k > 0)
					out += sep;
				e = O[k];
				if (e !== undefined && e !== null)
					out += NativeString(e);
			}
			return out;
		},
		forEach(fn, thisArg) {
			visit(this, 'forEach', fn, thisArg, function () { return undefined; });
		},
		every(fn, thisArg) {
			return visit(this, 'every', fn, thisArg, function (r) { return r ? undefined : false; }) !== false;
		},
		some(fn, thisArg) {
			return visit(this, 'some', fn, thisArg, function (r) { return r ? true : undefined; }) === true;
		},
		reduce(fn) {
			return reduceFrom(this, 'reduce', fn, arguments, false);
		},
		reduceRight(fn) {
			return reduceFrom(this, 'reduceRight', fn, arguments, true);
		},
		flat() {
			var O = toObject(this, 'flat'), len = toLength(O.length);
			var depth = arguments.length === 0 || arguments[0] === undefined ? 1 : toInt(arguments[0]), A;

			A = speciesCreate(O, 0);
			flatten(A, O, len, 0, depth, undefined, undefined);
			return A;
		},
		flatMap(mapper) {
			var O = toObject(this, 'flatMap'), len = toLength(O.length), A;

			requireCallable(mapper, 'flatMap');
			A = speciesCreate(O, 0);
			flatten(A, O, len, 0, 1, mapper, arguments.length > 1 ? arguments[1] : undefined);
			return A;
		}
	};

	Object.keys(methods).forEach(function (k) {
		natives.bareMethod(methods[k]);
	});
	return methods;
});
