/*
 * es-runtime.js - the ES2015-ES2023 library that scripts, npm packages
 * and TypeScript's ES5 output (downlevelIteration) call and Duktape 2.7
 * lacks, and V8's Error.captureStackTrace, which packages call as if it
 * were the language's; every worker has it.
 *
 * Evaluates to a function that rt_es.c calls once per heap with:
 *   global   the global object
 *   keys     hidden symbols for iterator slots ({ target, index, kind }),
 *            the native next() of array and string iterators
 *            (arrayNext, stringNext), jsonWellFormed, bareMethod
 *            (rt_es.c) and isConstructor (rt_lang.c)
 * Each built-in is defined only when the target has no own property of
 * that name, so anything Duktape (or an earlier polyfill) provides is kept.
 * Methods are non-enumerable, writable and configurable, as built-ins are,
 * so for-in over arrays and objects sees nothing new.  Returns the number
 * helpers array.js shares ({ toInt, toLength, clampIndex, isObject }).
 * ES5 syntax only.
 */
(function (global, keys) {
	'use strict';

	var TARGET = keys.target, INDEX = keys.index, KIND = keys.kind;
	/* KIND tells the iterator kinds apart, so one kind's next() refuses
	 * another's objects. */
	var KEYS = 0, VALUES = 1, ENTRIES = 2, STRING = 3;
	var MAX_SAFE = 9007199254740991;
	var symIterator = Symbol.iterator, symTag = Symbol.toStringTag;
	var hasOwn = Object.prototype.hasOwnProperty, ownProperty = hasOwn;
	var isEnumerable = Object.prototype.propertyIsEnumerable;
	var defineProperty = Object.defineProperty;
	var isArray = Array.isArray;
	/* taken now: a script may delete or replace Math's methods */
	var floor = Math.floor, ceil = Math.ceil;

	function define(obj, key, value) {
		if (hasOwn.call(obj, key))
			return;
		defineProperty(obj, key, { value: value, writable: true, enumerable: false, configurable: true });
	}

	/* fns: an object literal of shorthand methods, which Duktape makes as
	 * the spec's built-in methods are: not constructors, no `prototype`,
	 * `length` then `name`.  A key that is a reserved word is quoted,
	 * and such a method gets no name from Duktape: it is given its key. */
	function defineAll(obj, fns) {
		Object.keys(fns).forEach(function (k) {
			if (fns[k].name !== k)
				defineProperty(fns[k], 'name', { value: k, configurable: true });
			keys.bareMethod(fns[k]);
			define(obj, k, fns[k]);
		});
	}

	function defineTag(obj, tag) {
		defineProperty(obj, symTag, { value: tag, writable: false, enumerable: false, configurable: true });
	}

	function isObject(x) {
		return (typeof x === 'object' && x !== null) || typeof x === 'function';
	}

	function toObject(x, what) {
		if (x === null || x === undefined)
			throw new TypeError(what + ' called on null or undefined');
		return Object(x);
	}

	/* ToString: String(x) would describe a symbol instead of throwing. */
	function toStr(x) {
		if (typeof x === 'symbol')
			throw new TypeError('Cannot convert a Symbol value to a string');
		return String(x);
	}

	function thisString(x, what) {
		if (x === null || x === undefined)
			throw new TypeError('String.prototype.' + what + ' called on null or undefined');
		return toStr(x);
	}

	function toInt(x) {
		x = +x;
		if (x !== x)
			return 0;
		if (x === 0 || x === Infinity || x === -Infinity)
			return x;
		return x < 0 ? ceil(x) : floor(x);
	}

	function toLength(x) {
		x = toInt(x);
		if (x <= 0)
			return 0;
		return x > MAX_SAFE ? MAX_SAFE : x;
	}

	/* A relative index (negative counts from the end) clamped to [0, len]. */
	function clampIndex(x, len) {
		x = toInt(x);
		if (x < 0)
			return len + x < 0 ? 0 : len + x;
		return x > len ? len : x;
	}

	function requireCallable(fn, what) {
		if (typeof fn !== 'function')
			throw new TypeError(what + ': ' + String(fn) + ' is not a function');
	}

	/* Property creation that never runs setters and never treats
	 * "__proto__" specially (CreateDataPropertyOrThrow). */
	function createData(obj, key, value) {
		defineProperty(obj, key, { value: value, writable: true, enumerable: true, configurable: true });
	}

	/* An error thrown while an iterator is being consumed closes it; an
	 * error from its return() is then dropped, as the spec says. */
	function closeIterator(it) {
		var ret;

		try {
			ret = it['return'];
			if (ret !== undefined && ret !== null)
				ret.call(it);
		} catch (ignored) {
			return;
		}
	}

	function iterate(items, method, fn) {
		var it = method.call(items), step;

		if (!isObject(it))
			throw new TypeError('Result of the Symbol.iterator method is not an object');
		for (;;) {
			step = it.next();
			if (!isObject(step))
				throw new TypeError('Iterator result ' + String(step) + ' is not an object');
			if (step.done)
				return;
			try {
				fn(step.value);
			} catch (e) {
				closeIterator(it);
				throw e;
			}
		}
	}

	function getIteratorMethod(x) {
		var m = x[symIterator];

		if (m === undefined || m === null)
			return undefined;
		requireCallable(m, 'Symbol.iterator');
		return m;
	}

	/* ---- iterators ---- */

	function receiverKind(x) {
		return isObject(x) && typeof x[KIND] === 'number' ? x[KIND] : -1;
	}

	function done() {
		return { value: undefined, done: true };
	}

	function returnThis() {
		return this;
	}
	defineProperty(returnThis, 'name', { value: '[Symbol.iterator]', configurable: true });

	/* %IteratorPrototype%: what every built-in iterator inherits its
	 * [Symbol.iterator]() from (and lowered generators, lower-rt.js). */
	var IteratorPrototype = {};

	define(IteratorPrototype, symIterator, returnThis);

	/* Gives an iterator class its prototype: one inheriting
	 * %IteratorPrototype%, with next and a toStringTag. */
	function iteratorProto(Ctor, next, tag) {
		var proto = Object.create(IteratorPrototype);

		define(proto, 'next', next);
		defineTag(proto, tag);
		Ctor.prototype = proto;
	}

	/* Map's, Set's and RegExp's iterators, made before this file runs
	 * (rt_collections.c, regexp.js), inherit it too. */
	function adoptIterator(it) {
		var proto = Object.getPrototypeOf(it);

		if (proto === Object.prototype || Object.getPrototypeOf(proto) !== Object.prototype)
			return;
		Object.setPrototypeOf(proto, IteratorPrototype);
		delete proto[symIterator];
	}

	adoptIterator(new Map().entries());
	adoptIterator(new Set().values());
	if (typeof RegExp.prototype[Symbol.matchAll] === 'function')
		adoptIterator(/x/g[Symbol.matchAll](''));

	function ArrayIterator(target, kind) {
		this[TARGET] = target;
		this[INDEX] = 0;
		this[KIND] = kind;
	}

	iteratorProto(ArrayIterator, keys.arrayNext, 'Array Iterator');

	function StringIterator(s) {
		this[TARGET] = s;
		this[INDEX] = 0;
		this[KIND] = STRING;
	}

	iteratorProto(StringIterator, keys.stringNext, 'String Iterator');

	/* ---- Symbol ---- */

	/* The well-known symbols Duktape lacks (dispose and asyncDispose are
	 * what lowered `using` declarations call). */
	['asyncIterator', 'species', 'unscopables', 'dispose', 'asyncDispose'].forEach(function (name) {
		if (!hasOwn.call(Symbol, name))
			defineProperty(Symbol, name, { value: Symbol('Symbol.' + name),
			    writable: false, enumerable: false, configurable: false });
	});

	/* get [Symbol.species]() { return this; } on the constructors the
	 * spec gives it.  RegExp's Symbol.split/matchAll, Promise's then
	 * and finally and the Array methods (rt_array.c) honour it. */
	function speciesGetter() {
		return this;
	}
	defineProperty(speciesGetter, 'name', { value: 'get [Symbol.species]', configurable: true });
	/* (the compile server's heap has no Promise) */
	[Array, typeof Map === 'function' && Map, typeof Set === 'function' && Set,
	    typeof Promise === 'function' && Promise, RegExp, ArrayBuffer].forEach(function (C) {
		if (C && !hasOwn.call(C, Symbol.species))
			defineProperty(C, Symbol.species, { get: speciesGetter, enumerable: false, configurable: true });
	});

	/* ---- Array ---- */

	/* The names a `with` statement would hide (Duktape's `with` does not
	 * read them; the object is there for code that inspects it). */
	(function () {
		var u = Object.create(null);

		['at', 'copyWithin', 'entries', 'fill', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flat', 'flatMap',
		    'includes', 'keys', 'values', 'toReversed', 'toSorted', 'toSpliced'].forEach(function (k) { u[k] = true; });
		if (!hasOwn.call(Array.prototype, Symbol.unscopables))
			defineProperty(Array.prototype, Symbol.unscopables, { value: u, writable: false, enumerable: false,
			    configurable: true });
	})();

	var arrayValues = {
		values() {
			return new ArrayIterator(toObject(this, 'Array.prototype.values'), VALUES);
		}
	}.values;
	var isConstructor = keys.isConstructor;

	defineAll(Array, {
		from(items) {
			var C = this, mapFn = arguments[1], thisArg = arguments[2];
			var mapping = mapFn !== undefined, method, A, k = 0, len, src;

			if (mapping)
				requireCallable(mapFn, 'Array.from');
			if (items === null || items === undefined)
				throw new TypeError(String(items) + ' is not iterable');
			method = getIteratorMethod(Object(items));
			/* an array, copied without mapFn into an Array, is read as an
			 * array-like: its iterator would read the same indices */
			if (method !== undefined && !(method === arrayValues && isArray(items) && !mapping && C === Array)) {
				A = isConstructor(C) ? new C() : [];
				iterate(items, method, function (v) {
					createData(A, k, mapping ? mapFn.call(thisArg, v, k) : v);
					k++;
				});
				A.length = k;
				return A;
			}
			src = Object(items);
			len = toLength(src.length);
			A = isConstructor(C) ? new C(len) : new Array(len);
			for (; k < len; k++)
				createData(A, k, mapping ? mapFn.call(thisArg, src[k], k) : src[k]);
			A.length = len;
			return A;
		},
		of() {
			var len = arguments.length, A, k;

			A = isConstructor(this) ? new this(len) : new Array(len);
			for (k = 0; k < len; k++)
				createData(A, k, arguments[k]);
			A.length = len;
			return A;
		}
	});

	function findFrom(O, predicate, thisArg, fromEnd) {
		var len = toLength(O.length), k, step = fromEnd ? -1 : 1;

		requireCallable(predicate, 'find');
		for (k = fromEnd ? len - 1 : 0; fromEnd ? k >= 0 : k < len; k += step) {
			if (predicate.call(thisArg, O[k], k, O))
				return k;
		}
		return -1;
	}

	defineAll(Array.prototype, {
		find(predicate) {
			var O = toObject(this, 'Array.prototype.find'), k = findFrom(O, predicate, arguments[1], false);

			return k < 0 ? undefined : O[k];
		},
		findIndex(predicate) {
			return findFrom(toObject(this, 'Array.prototype.findIndex'), predicate, arguments[1], false);
		},
		findLast(predicate) {
			var O = toObject(this, 'Array.prototype.findLast'), k = findFrom(O, predicate, arguments[1], true);

			return k < 0 ? undefined : O[k];
		},
		findLastIndex(predicate) {
			return findFrom(toObject(this, 'Array.prototype.findLastIndex'), predicate, arguments[1], true);
		},
		includes(search) {
			var O = toObject(this, 'Array.prototype.includes'), len = toLength(O.length), k, e;

			if (len === 0)
				return false;
			k = toInt(arguments[1]);
			if (k < 0)
				k = len + k < 0 ? 0 : len + k;
			for (; k < len; k++) {
				e = O[k];
				if (e === search || (e !== e && search !== search))
					return true;
			}
			return false;
		},
		fill(value) {
			var O = toObject(this, 'Array.prototype.fill'), len = toLength(O.length);
			var k = clampIndex(arguments[1], len);
			var end = arguments[2] === undefined ? len : clampIndex(arguments[2], len);

			for (; k < end; k++)
				O[k] = value;
			return O;
		},
		copyWithin(target, start) {
			var O = toObject(this, 'Array.prototype.copyWithin'), len = toLength(O.length);
			var to = clampIndex(target, len), from = clampIndex(start, len);
			var end = arguments[2] === undefined ? len : clampIndex(arguments[2], len);
			var count = Math.min(end - from, len - to), dir = 1;

			if (from < to && to < from + count) {
				dir = -1;
				from += count - 1;
				to += count - 1;
			}
			for (; count > 0; count--, from += dir, to += dir) {
				if (from in O)
					O[to] = O[from];
				else
					delete O[to];
			}
			return O;
		},
		at(index) {
			var O = toObject(this, 'Array.prototype.at'), len = toLength(O.length), k = toInt(index);

			if (k < 0)
				k += len;
			return k < 0 || k >= len ? undefined : O[k];
		},
		keys() {
			return new ArrayIterator(toObject(this, 'Array.prototype.keys'), KEYS);
		},
		entries() {
			return new ArrayIterator(toObject(this, 'Array.prototype.entries'), ENTRIES);
		}
	});
	/* ES2023's copying methods: a new dense array (ArrayCreate: at most
	 * 2^32 - 1 items), the receiver untouched and read in the spec's order. */
	function arrayCreate(len, what) {
		if (len > 4294967295)
			throw new RangeError(what + ': invalid array length');
		return new Array(len);
	}

	defineAll(Array.prototype, {
		toReversed() {
			var O = toObject(this, 'Array.prototype.toReversed'), len = toLength(O.length);
			var A = arrayCreate(len, 'toReversed'), k;

			for (k = 0; k < len; k++)
				createData(A, k, O[len - k - 1]);
			return A;
		},
		toSorted(compare) {
			var O, len, A, k;

			if (compare !== undefined)
				requireCallable(compare, 'Array.prototype.toSorted');
			O = toObject(this, 'Array.prototype.toSorted');
			len = toLength(O.length);
			A = arrayCreate(len, 'toSorted');
			for (k = 0; k < len; k++)
				createData(A, k, O[k]);
			return A.sort(compare);
		},
		toSpliced(start, skipCount) {
			var O = toObject(this, 'Array.prototype.toSpliced'), len = toLength(O.length);
			var at = clampIndex(start, len), items = Math.max(arguments.length - 2, 0), skip, n, A, i = 0, r, k;

			if (arguments.length === 0)
				skip = 0;
			else if (arguments.length === 1)
				skip = len - at;
			else
				skip = Math.min(Math.max(toInt(skipCount), 0), len - at);
			n = len + items - skip;
			if (n > MAX_SAFE)
				throw new TypeError('Array.prototype.toSpliced: the length would exceed 2^53 - 1');
			A = arrayCreate(n, 'toSpliced');
			for (; i < at; i++)
				createData(A, i, O[i]);
			for (k = 0; k < items; k++)
				createData(A, i++, arguments[k + 2]);
			for (r = at + skip; i < n; i++, r++)
				createData(A, i, O[r]);
			return A;
		},
		'with'(index, value) {
			var O = toObject(this, 'Array.prototype.with'), len = toLength(O.length), at = toInt(index), A, k;

			if (at < 0)
				at += len;
			if (at < 0 || at >= len)
				throw new RangeError('Invalid index : ' + String(index));
			A = arrayCreate(len, 'with');
			for (k = 0; k < len; k++)
				createData(A, k, k === at ? value : O[k]);
			return A;
		}
	});
	keys.bareMethod(arrayValues);
	define(Array.prototype, 'values', arrayValues);
	define(Array.prototype, symIterator, Array.prototype.values);

	/* ---- typed arrays: every kind inherits from %TypedArray% ---- */

	function requireTyped(x, what) {
		if (!ArrayBuffer.isView(x) || x instanceof DataView)
			throw new TypeError(what + ' called on a value that is not a typed array');
		return x;
	}

	/* Ascending by value, NaN last and -0 before +0, as the spec's
	 * default typed-array sort orders them. */
	function numericOrder(a, b) {
		if (a !== a)
			return b !== b ? 0 : 1;
		if (b !== b || a < b)
			return -1;
		if (a > b)
			return 1;
		if (a === 0 && b === 0)
			return 1 / a < 0 ? (1 / b < 0 ? 0 : -1) : (1 / b < 0 ? 1 : 0);
		return 0;
	}

	/* TypedArrayCreate(C, [len]): C must make a typed array that long. */
	function typedCreate(C, len, what) {
		var A;

		if (!isConstructor(C))
			throw new TypeError('TypedArray.' + what + ': this is not a constructor');
		A = new C(len);
		if (!ArrayBuffer.isView(A) || A instanceof DataView)
			throw new TypeError('TypedArray.' + what + ': the constructor made something that is not a typed array');
		if (A.length < len)
			throw new TypeError('TypedArray.' + what + ': the constructor made a typed array of ' + A.length +
			    ' items, not ' + len);
		return A;
	}

	function typedFromList(C, list) {
		var A = new C(list.length), k;

		for (k = 0; k < list.length; k++)
			A[k] = list[k];
		return A;
	}

	(function (TypedArray, proto) {
		var generic = ['at', 'copyWithin', 'every', 'fill', 'find', 'findIndex', 'findLast',
		    'findLastIndex', 'forEach', 'includes', 'indexOf', 'join', 'lastIndexOf', 'reduce',
		    'reduceRight', 'reverse', 'some', 'toString', 'toLocaleString'];
		var kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
		    Uint32Array, Float32Array, Float64Array];
		var byName = Object.create(null), objToString = Object.prototype.toString, naming = false, tagGetter, i;

		for (i = 0; i < kinds.length; i++)
			byName[kinds[i].name] = kinds[i];

		/* [[TypedArrayName]]: Duktape's class name, which toString gives
		 * when @@toStringTag (this getter, re-entered) says nothing. */
		function typedName(x) {
			if (naming || !ArrayBuffer.isView(x) || x instanceof DataView)
				return undefined;
			naming = true;
			try {
				return objToString.call(x).slice(8, -1);
			} finally {
				naming = false;
			}
		}

		/* TypedArrayCreateSameType: the kind O is, whatever its constructor
		 * property says. */
		function sameType(O, len) {
			return new byName[typedName(O)](len);
		}

		/* Array's methods only read and write indices and length, so on a
		 * typed array they do what the typed-array versions do. */
		for (i = 0; i < generic.length; i++)
			define(proto, generic[i], Array.prototype[generic[i]]);
		defineAll(proto, {
			keys() {
				return new ArrayIterator(requireTyped(this, 'keys'), KEYS);
			},
			values() {
				return new ArrayIterator(requireTyped(this, 'values'), VALUES);
			},
			entries() {
				return new ArrayIterator(requireTyped(this, 'entries'), ENTRIES);
			},
			map(fn) {
				var O = requireTyped(this, 'map'), A, k;

				requireCallable(fn, 'map');
				A = new O.constructor(O.length);
				for (k = 0; k < O.length; k++)
					A[k] = fn.call(arguments[1], O[k], k, O);
				return A;
			},
			filter(fn) {
				var O = requireTyped(this, 'filter'), kept = [], k;

				requireCallable(fn, 'filter');
				for (k = 0; k < O.length; k++) {
					if (fn.call(arguments[1], O[k], k, O))
						kept.push(O[k]);
				}
				return typedFromList(O.constructor, kept);
			},
			slice(start, end) {
				var O = requireTyped(this, 'slice'), len = O.length;
				var k = clampIndex(start, len), last = end === undefined ? len : clampIndex(end, len);

				return typedFromList(O.constructor, Array.prototype.slice.call(O, k, last));
			},
			sort(compare) {
				requireTyped(this, 'sort');
				if (compare !== undefined)
					requireCallable(compare, 'sort');
				return Array.prototype.sort.call(this, compare === undefined ? numericOrder : compare);
			},
			toReversed() {
				var O = requireTyped(this, 'toReversed'), len = O.length, A = sameType(O, len), k;

				for (k = 0; k < len; k++)
					A[k] = O[len - k - 1];
				return A;
			},
			toSorted(compare) {
				var O, A;

				if (compare !== undefined)
					requireCallable(compare, 'toSorted');
				O = requireTyped(this, 'toSorted');
				A = sameType(O, O.length);
				A.set(O);
				return Array.prototype.sort.call(A, compare === undefined ? numericOrder : compare);
			},
			'with'(index, value) {
				var O = requireTyped(this, 'with'), len = O.length, rel = toInt(index);
				var at = rel >= 0 ? rel : len + rel, v = +value, A;

				if (!(at >= 0 && at < O.length))
					throw new RangeError('TypedArray.prototype.with: index ' + rel + ' is out of range');
				A = sameType(O, len);
				A.set(O);
				A[at] = v;
				return A;
			}
		});
		tagGetter = function () { return typedName(this); };
		defineProperty(tagGetter, 'name', { value: 'get [Symbol.toStringTag]', configurable: true });
		keys.bareMethod(tagGetter);
		defineProperty(proto, symTag, { get: tagGetter, enumerable: false, configurable: true });
		/* Duktape's own gives each view a new ArrayBuffer (rt_es.c). */
		delete proto.subarray;
		define(proto, 'subarray', keys.typedSubarray);
		define(proto, symIterator, proto.values);
		defineAll(TypedArray, {
			/* the source is read whole, then each value mapped and set */
			from(source) {
				var mapFn = arguments.length > 1 ? arguments[1] : undefined, thisArg = arguments[2], list, A, k;

				if (mapFn !== undefined)
					requireCallable(mapFn, 'TypedArray.from');
				list = Array.from(source);
				A = typedCreate(this, list.length, 'from');
				for (k = 0; k < list.length; k++)
					A[k] = mapFn === undefined ? list[k] : mapFn.call(thisArg, list[k], k);
				return A;
			},
			of() {
				var A = typedCreate(this, arguments.length, 'of'), k;

				for (k = 0; k < arguments.length; k++)
					A[k] = arguments[k];
				return A;
			}
		});
	})(Object.getPrototypeOf(Uint8Array), Object.getPrototypeOf(Uint8Array.prototype));

	/* ---- Object ---- */

	function ownEnumerable(o, what, pick) {
		var O = toObject(o, what), names = Object.keys(O), out = [], i;

		for (i = 0; i < names.length; i++) {
			if (isEnumerable.call(O, names[i]))
				out.push(pick(O, names[i]));
		}
		return out;
	}

	defineAll(Object, {
		entries(o) {
			return ownEnumerable(o, 'Object.entries', function (O, k) { return [k, O[k]]; });
		},
		values(o) {
			return ownEnumerable(o, 'Object.values', function (O, k) { return O[k]; });
		},
		fromEntries(iterable) {
			var obj = {};

			if (iterable === null || iterable === undefined)
				throw new TypeError(String(iterable) + ' is not iterable');
			iterate(iterable, getIteratorMethod(Object(iterable)) || function () {
				throw new TypeError('object is not iterable');
			}, function (entry) {
				if (!isObject(entry))
					throw new TypeError('Iterator value ' + String(entry) + ' is not an entry object');
				createData(obj, entry[0], entry[1]);
			});
			return obj;
		},
		hasOwn(o, key) {
			return ownProperty.call(toObject(o, 'Object.hasOwn'), key);
		},
		getOwnPropertyDescriptors(o) {
			var O = toObject(o, 'Object.getOwnPropertyDescriptors'), names = Reflect.ownKeys(O), out = {}, i, d;

			for (i = 0; i < names.length; i++) {
				d = Object.getOwnPropertyDescriptor(O, names[i]);
				if (d !== undefined)
					createData(out, names[i], d);
			}
			return out;
		}
	});

	/* ---- String ---- */

	function pad(S, maxLength, fill, atStart) {
		var len = toLength(maxLength), filler, n;

		if (len <= S.length)
			return S;
		filler = fill === undefined ? ' ' : toStr(fill);
		if (filler === '')
			return S;
		n = len - S.length;
		filler = filler.repeat(Math.ceil(n / filler.length)).slice(0, n);
		return atStart ? filler + S : S + filler;
	}

	defineAll(String.prototype, {
		padStart(maxLength) {
			return pad(thisString(this, 'padStart'), maxLength, arguments[1], true);
		},
		padEnd(maxLength) {
			return pad(thisString(this, 'padEnd'), maxLength, arguments[1], false);
		},
		/* Duktape's trim() knows the whitespace set; the first (last)
		 * occurrence of the trimmed text starts (ends) where it does. */
		trimStart() {
			var S = thisString(this, 'trimStart'), t = S.trim();

			return t === '' ? '' : S.slice(S.indexOf(t));
		},
		trimEnd() {
			var S = thisString(this, 'trimEnd'), t = S.trim();

			return t === '' ? '' : S.slice(0, S.lastIndexOf(t) + t.length);
		},
		at(index) {
			var S = thisString(this, 'at'), k = toInt(index);

			if (k < 0)
				k += S.length;
			return k < 0 || k >= S.length ? undefined : S.charAt(k);
		}
	});
	define(String.prototype, 'trimLeft', String.prototype.trimStart);
	define(String.prototype, 'trimRight', String.prototype.trimEnd);
	define(String.prototype, symIterator, function () {
		return new StringIterator(thisString(this, '[Symbol.iterator]'));
	});
	defineProperty(String.prototype[symIterator], 'name', { value: '[Symbol.iterator]', configurable: true });

	defineAll(String, {
		raw(template) {
			var raw = toObject(toObject(template, 'String.raw').raw, 'String.raw');
			var len = toLength(raw.length), out = '', i;

			for (i = 0; i < len; i++) {
				out += toStr(raw[i]);
				if (i + 1 < len && i + 1 < arguments.length)
					out += toStr(arguments[i + 1]);
			}
			return out;
		}
	});

	/* ---- BigInt ---- */

	/* There is no BigInt type in Duktape.  The global exists so that
	 * feature tests (typeof BigInt === 'function') and code that only
	 * keeps a reference load; calling it says why it cannot work. */
	if (!hasOwn.call(global, 'BigInt')) {
		(function () {
			function unsupported() {
				throw new TypeError('BigInt is not supported');
			}
			function BigInt(value) {
				unsupported();
			}
			defineAll(BigInt, {
				asIntN(bits, bigint) {
					unsupported();
				},
				asUintN(bits, bigint) {
					unsupported();
				}
			});
			define(global, 'BigInt', BigInt);
		})();
	}

	/* ---- Math ---- */

	defineAll(Math, {
		/* Kahan's forms: exact near 0, where log(1 + x) and exp(x) - 1 lose
		 * every digit. */
		log1p(x) {
			var u;

			x = +x;
			u = 1 + x;
			if (u === 1 || x === Infinity)
				return x;
			return Math.log(u) * x / (u - 1);
		},
		expm1(x) {
			var u;

			x = +x;
			u = Math.exp(x);
			if (u === 1)
				return x;
			if (u === Infinity)
				return u;
			if (u - 1 === -1)
				return -1;
			return (u - 1) * x / Math.log(u);
		},
		fround(x) {
			var f = new Float32Array(1);

			f[0] = x;
			return f[0];
		},
		sinh(x) {
			x = +x;
			if (Math.abs(x) < 1)
				return (Math.expm1(x) - Math.expm1(-x)) / 2;
			return (Math.exp(x) - Math.exp(-x)) / 2;
		},
		cosh(x) {
			var e = Math.exp(Math.abs(+x));

			return (e + 1 / e) / 2;
		},
		tanh(x) {
			var a;

			x = +x;
			if (x > 22 || x < -22)
				return x > 0 ? 1 : -1;
			a = Math.expm1(2 * x);
			return a / (a + 2);
		},
		asinh(x) {
			var y;

			x = +x;
			if (x === 0 || x !== x || x === Infinity || x === -Infinity)
				return x;
			y = Math.abs(x);
			y = y > 1e150 ? Math.log(y) + Math.LN2 : Math.log1p(y + y * y / (1 + Math.sqrt(1 + y * y)));
			return x < 0 ? -y : y;
		},
		acosh(x) {
			x = +x;
			if (x < 1)
				return NaN;
			if (x > 1e150)
				return Math.log(x) + Math.LN2;
			return Math.log1p(x - 1 + Math.sqrt((x - 1) * (x + 1)));
		},
		atanh(x) {
			x = +x;
			return 0.5 * Math.log1p(2 * x / (1 - x));
		}
	});

	/* ES2019's well-formed JSON.stringify: a lone surrogate comes out as
	 * a \u escape, not as itself (which no UTF-8 can carry; yaml relies on
	 * it).  Duktape's own is replaced, its output passed through C. */
	(function (original, wellFormed) {
		defineProperty(JSON, 'stringify', {
			value: function stringify(value, replacer, space) {
				var s = original.call(JSON, value, replacer, space);

				return typeof s === 'string' ? wellFormed(s) : s;
			},
			writable: true, enumerable: false, configurable: true
		});
	})(JSON.stringify, keys.jsonWellFormed);

	/* Duktape's cbrt is pow(x, 1/3), so cbrt(27) is 3.0000000000000004;
	 * one Newton step makes perfect cubes exact. */
	if (Math.cbrt(27) !== 3) {
		delete Math.cbrt;
		defineAll(Math, { cbrt(x) {
			var a, y;

			x = +x;
			if (x === 0 || x !== x || x === Infinity || x === -Infinity)
				return x;
			a = Math.abs(x);
			y = Math.pow(a, 1 / 3);
			y -= (y * y * y - a) / (3 * y * y);
			return x < 0 ? -y : y;
		} });
	}

	/* ---- V8's Error.captureStackTrace and Error.stackTraceLimit ----
	 * Not ECMAScript, but packages call it without looking
	 * (commander's CommanderError, many error classes' constructors).
	 * The target gets a `stack` of its name and message, as Error's
	 * toString makes them, and the frames of the call, in Duktape's
	 * words; with fn, the frames down to its nearest call are left out,
	 * and all of them when fn is not on the stack, as in V8. */
	if (!hasOwn.call(Error, 'stackTraceLimit'))
		Error.stackTraceLimit = 10;
	define(Error, 'captureStackTrace', function captureStackTrace(target, fn) {
		var frames, name, msg, i, limit = Error.stackTraceLimit;

		if (target === null || (typeof target !== 'object' && typeof target !== 'function'))
			throw new TypeError('invalid_argument');
		/* the first line is the new error's, the second this function */
		frames = String(new Error().stack).split('\n').slice(2);
		if (typeof fn === 'function') {
			for (i = 0; i < frames.length && frames[i].indexOf('    at ' + fn.name + ' (') !== 0; i++)
				;
			frames = fn.name ? frames.slice(i + 1) : [];
		}
		if (typeof limit === 'number' && limit >= 0)
			frames = frames.slice(0, limit);
		/* The text is made when first read, as V8's is, so a name set
		 * after the call (`this.name = ...` in a constructor) is in it;
		 * from then on `stack` is a plain data property. */
		function settle(v) {
			defineProperty(target, 'stack', { value: v, writable: true, enumerable: false, configurable: true });
			return v;
		}
		defineProperty(target, 'stack', {
			get: function () {
				name = target.name === undefined ? 'Error' : String(target.name);
				msg = target.message === undefined ? '' : String(target.message);
				return settle([name && msg ? name + ': ' + msg : name || msg].concat(frames).join('\n'));
			},
			set: settle, enumerable: false, configurable: true
		});
	});

	/* ---- the namespaces' tags (Math, JSON: ES2015; Reflect: ES2020) ---- */
	[[Math, 'Math'], [JSON, 'JSON'], [Reflect, 'Reflect']].forEach(function (pair) {
		if (!hasOwn.call(pair[0], symTag))
			defineTag(pair[0], pair[1]);
	});

	return { toInt: toInt, toLength: toLength, clampIndex: clampIndex, isObject: isObject };
});
