/*
 * regexp.js - ECMAScript RegExp over PCRE2 (rt_regexp.c): the RegExp
 * constructor, RegExp.prototype (exec, test, toString, compile, the flag
 * and source getters, Symbol.match/matchAll/replace/search/split), the
 * well-known symbols themselves, and the String.prototype methods that
 * dispatch through them (match, matchAll, replace, replaceAll, search,
 * split), written after the spec's algorithms.
 *
 * Evaluates to a function that rt_regexp.c calls once per heap with the
 * global object and the natives: compile(source, flags) gives a handle
 * (or throws the SyntaxError), exec(handle, string, index) the exec
 * result or null, flagGetter(bit, fallback) a flag getter and flags the
 * `flags` getter (both native: the protocol reads `flags` on every call),
 * slot and iter are hidden symbols, bare is rt_bare_method (rt_define.h).
 *
 * Every RegExp is a real Duktape RegExp object (so its class, inspect
 * and Object.prototype.toString say RegExp) whose slot holds a record:
 * the handle, the source and the flags.  A literal Duktape compiled
 * itself gets its record on first use, from its own source and flags,
 * so literals and constructed ones run on the same engine.  Records are
 * shared through a cache of at most CACHE_MAX patterns; when it is full
 * the oldest entry is dropped (its pattern lives on in the RegExps that
 * use it).  ES5 syntax only.
 */
(function (global, native) {
	'use strict';

	var SLOT = native.slot, ITER = native.iter, CACHE_MAX = 256;
	var NativeRegExp = global.RegExp, proto = NativeRegExp.prototype;
	var defineProperty = Object.defineProperty, getPrototypeOf = Object.getPrototypeOf;
	var toTag = Object.prototype.toString;
	var nativeSource = Object.getOwnPropertyDescriptor(proto, 'source').get;
	var nativeFlag = {
		g: Object.getOwnPropertyDescriptor(proto, 'global').get,
		i: Object.getOwnPropertyDescriptor(proto, 'ignoreCase').get,
		m: Object.getOwnPropertyDescriptor(proto, 'multiline').get
	};
	var nativeSplit = String.prototype.split, nativeReplace = String.prototype.replace;
	var cache = new Map();
	var MAX_LENGTH = 9007199254740991, MAX_UINT32 = 4294967295;

	function wellKnown(name) {
		if (Symbol[name] === undefined)
			defineProperty(Symbol, name, { value: Symbol('Symbol.' + name) });
		return Symbol[name];
	}
	var symMatch = wellKnown('match'), symMatchAll = wellKnown('matchAll');
	var symReplace = wellKnown('replace'), symSearch = wellKnown('search');
	var symSplit = wellKnown('split'), symIterator = Symbol.iterator;

	function define(obj, name, value) {
		defineProperty(obj, name, { value: value, writable: true, configurable: true });
	}

	/* The method m of holder, an object literal's shorthand method, which
	 * Duktape makes as the spec's built-in methods are (not a constructor,
	 * no `prototype`), named name and without the `caller` and `arguments`
	 * Duktape gives strict functions. */
	function builtin(holder, name) {
		defineProperty(holder.m, 'name', { value: name, configurable: true });
		native.bare(holder.m);
		return holder.m;
	}

	function isObject(x) {
		return (typeof x === 'object' && x !== null) || typeof x === 'function';
	}

	function toObject(x) {
		if (x === undefined || x === null)
			throw new TypeError('Cannot convert undefined or null to object');
		return Object(x);
	}

	function isCallable(x) {
		return typeof x === 'function';
	}

	function toLength(x) {
		var n = Number(x);

		if (!(n > 0))
			return 0;
		n = Math.floor(n);
		return n > MAX_LENGTH ? MAX_LENGTH : n;
	}

	function toIntegerOrInfinity(x) {
		var n = Number(x);

		if (n !== n)
			return 0;
		return n < 0 ? Math.ceil(n) : Math.floor(n);
	}

	/* ToString, which refuses a symbol (String() would describe it). */
	function toStr(x) {
		if (typeof x === 'string')
			return x;
		if (typeof x === 'symbol')
			throw new TypeError('Cannot convert a Symbol value to a string');
		return String(x);
	}

	function isUnicodeFlags(flags) {
		return flags.indexOf('u') >= 0 || flags.indexOf('v') >= 0;
	}

	function requireCoercible(x, what) {
		if (x === undefined || x === null)
			throw new TypeError('String.prototype.' + what + ' called on null or undefined');
		return x;
	}

	function getMethod(obj, key) {
		var f = obj[key];

		if (f === undefined || f === null)
			return undefined;
		if (!isCallable(f))
			throw new TypeError(String(key.toString()) + ' is not a function');
		return f;
	}

	/* The source as the source getter shows it: a literal's text between
	 * the slashes (EscapeRegExpPattern). */
	function escapeSource(P) {
		var out = '', inClass = false, i, c;

		if (P === '')
			return '(?:)';
		for (i = 0; i < P.length; i++) {
			c = P.charAt(i);
			if (c === '\\' && i + 1 < P.length) {
				out += c + P.charAt(++i);
				continue;
			}
			if (c === '[')
				inClass = true;
			else if (c === ']')
				inClass = false;
			out += c === '/' && !inClass ? '\\/' : c === '\n' ? '\\n' : c === '\r' ? '\\r' :
			    c === '\u2028' ? '\\u2028' : c === '\u2029' ? '\\u2029' : c;
		}
		return out;
	}

	/* The record for source P and flags F: from the cache, or compiled
	 * (a SyntaxError for a bad pattern or flags). */
	function lookup(P, F) {
		var key = F + '/' + P, r = cache.get(key), h, b;

		if (r !== undefined)
			return r;
		h = native.compile(P, F);
		/* bits as rt_regexp.c has them, which its flag getters read */
		b = h.bits;
		r = {
			handle: h, source: escapeSource(P), pattern: P, flags: h.flags, bits: b,
			d: (b & 1) !== 0, g: (b & 2) !== 0, i: (b & 4) !== 0, m: (b & 8) !== 0,
			s: (b & 16) !== 0, u: (b & 32) !== 0, y: (b & 64) !== 0
		};
		if (cache.size >= CACHE_MAX)
			cache['delete'](cache.keys().next().value);
		cache.set(key, r);
		return r;
	}

	/* The record of a RegExp object, or undefined for anything else.  A
	 * literal Duktape compiled gets one here from its source and flags. */
	function recordOf(rx) {
		var r, F;

		if (!isObject(rx))
			return undefined;
		r = rx[SLOT];
		if (r !== undefined || rx === proto || toTag.call(rx) !== '[object RegExp]')
			return r;
		try {
			F = (nativeFlag.g.call(rx) ? 'g' : '') + (nativeFlag.i.call(rx) ? 'i' : '') +
			    (nativeFlag.m.call(rx) ? 'm' : '');
			r = lookup(nativeSource.call(rx), F);
		} catch (e) {
			return undefined;
		}
		rx[SLOT] = r;
		return r;
	}

	function thisRecord(rx, what) {
		var r = recordOf(rx);

		if (r === undefined)
			throw new TypeError('RegExp.prototype.' + what + ' requires that \'this\' be a RegExp object');
		return r;
	}

	function isRegExp(x) {
		var m;

		if (!isObject(x))
			return false;
		m = x[symMatch];
		if (m !== undefined)
			return !!m;
		return recordOf(x) !== undefined;
	}

	function advance(S, index, unicode) {
		var c;

		if (!unicode || index + 1 >= S.length)
			return index + 1;
		c = S.charCodeAt(index);
		if (c < 0xd800 || c > 0xdbff)
			return index + 1;
		c = S.charCodeAt(index + 1);
		return c >= 0xdc00 && c <= 0xdfff ? index + 2 : index + 1;
	}

	/* RegExpBuiltinExec. */
	function builtinExec(rx, r, S) {
		var lastIndex = toLength(rx.lastIndex), m;

		if (!r.g && !r.y)
			lastIndex = 0;
		m = lastIndex > S.length ? null : native.exec(r.handle, S, lastIndex);
		if (m === null) {
			if (r.g || r.y)
				rx.lastIndex = 0;
			return null;
		}
		if (r.g || r.y)
			rx.lastIndex = m.index + m[0].length;
		return m;
	}

	var exec = builtin({ m(string) {
		var r = thisRecord(this, 'exec');

		return builtinExec(this, r, toStr(string));
	} }, 'exec');

	/* RegExpExec: a user's exec wins over the built-in one. */
	function regExpExec(rx, S) {
		var f = rx.exec, m;

		if (f !== exec && isCallable(f)) {
			m = f.call(rx, S);
			if (m !== null && !isObject(m))
				throw new TypeError('exec result must be an object or null');
			return m;
		}
		/* rx is an object; the slot first, as thisRecord would, saves
		 * its calls on every match of a global loop */
		m = rx[SLOT];
		return builtinExec(rx, m !== undefined ? m : thisRecord(rx, 'exec'), S);
	}

	function requireObject(rx, what) {
		if (!isObject(rx))
			throw new TypeError('RegExp.prototype.' + what + ' called on incompatible receiver');
		return rx;
	}

	function speciesConstructor(rx) {
		var C = rx.constructor, S;

		if (C === undefined)
			return RegExp;
		if (!isObject(C))
			throw new TypeError('object.constructor is not an object');
		/* Symbol.species is es-runtime.js's, installed after this file */
		S = C[Symbol.species];
		return S === undefined || S === null ? RegExp : S;
	}

	/* GetSubstitution. */
	function substitute(matched, S, position, captures, named, rep) {
		var out = '', m = captures.length, n = rep.length, i = 0, c, d, j, v;

		if (rep.indexOf('$') < 0)
			return rep;
		while (i < n) {
			c = rep.charAt(i);
			if (c !== '$' || i + 1 >= n) {
				out += c;
				i++;
				continue;
			}
			c = rep.charAt(i + 1);
			if (c === '$') {
				out += '$';
				i += 2;
			} else if (c === '&') {
				out += matched;
				i += 2;
			} else if (c === '`') {
				out += S.slice(0, position);
				i += 2;
			} else if (c === '\'') {
				out += S.slice(Math.min(position + matched.length, S.length));
				i += 2;
			} else if (c >= '0' && c <= '9') {
				d = c.charCodeAt(0) - 48;
				j = i + 2 < n ? rep.charCodeAt(i + 2) - 48 : -1;
				if (j >= 0 && j <= 9 && d * 10 + j >= 1 && d * 10 + j <= m) {
					v = captures[d * 10 + j - 1];
					i += 3;
				} else if (d >= 1 && d <= m) {
					v = captures[d - 1];
					i += 2;
				} else {
					out += '$' + c;
					i += 2;
					continue;
				}
				out += v === undefined ? '' : v;
			} else if (c === '<' && named !== undefined && (j = rep.indexOf('>', i + 2)) >= 0) {
				v = named[rep.slice(i + 2, j)];
				out += v === undefined ? '' : toStr(v);
				i = j + 1;
			} else {
				out += '$';
				i++;
			}
		}
		return out;
	}

	var symbolMatch = builtin({ m(string) {
		var rx = requireObject(this, '[Symbol.match]'), S = toStr(string), flags = toStr(rx.flags);
		var A = [], unicode, m, s;

		if (flags.indexOf('g') < 0)
			return regExpExec(rx, S);
		unicode = isUnicodeFlags(flags);
		rx.lastIndex = 0;
		for (;;) {
			m = regExpExec(rx, S);
			if (m === null)
				return A.length === 0 ? null : A;
			s = toStr(m[0]);
			A.push(s);
			if (s === '')
				rx.lastIndex = advance(S, toLength(rx.lastIndex), unicode);
		}
	} }, '[Symbol.match]');

	function replacement(m, S, replaceValue, functional) {
		var matched = toStr(m[0]), n = Math.max(toLength(m.length) - 1, 0);
		var position = Math.max(Math.min(toIntegerOrInfinity(m.index), S.length), 0);
		var captures = [], named = m.groups, args, k, c;

		for (k = 1; k <= n; k++) {
			c = m[k];
			captures.push(c === undefined ? c : toStr(c));
		}
		if (functional) {
			args = [matched].concat(captures, [position, S]);
			if (named !== undefined)
				args.push(named);
			return { at: position, len: matched.length, text: toStr(replaceValue.apply(undefined, args)) };
		}
		if (named !== undefined)
			named = toObject(named);
		return { at: position, len: matched.length, text: substitute(matched, S, position, captures, named, replaceValue) };
	}

	var symbolReplace = builtin({ m(string, replaceValue) {
		var rx = requireObject(this, '[Symbol.replace]'), S = toStr(string);
		var functional = isCallable(replaceValue), flags, global, unicode, results = [], m, k, rep;
		var acc = '', next = 0;

		if (!functional)
			replaceValue = toStr(replaceValue);
		flags = toStr(rx.flags);
		global = flags.indexOf('g') >= 0;
		if (global) {
			unicode = isUnicodeFlags(flags);
			rx.lastIndex = 0;
		}
		for (;;) {
			m = regExpExec(rx, S);
			if (m === null)
				break;
			results.push(m);
			if (!global)
				break;
			if (toStr(m[0]) === '')
				rx.lastIndex = advance(S, toLength(rx.lastIndex), unicode);
		}
		for (k = 0; k < results.length; k++) {
			rep = replacement(results[k], S, replaceValue, functional);
			if (rep.at >= next) {
				acc += S.slice(next, rep.at) + rep.text;
				next = rep.at + rep.len;
			}
		}
		return next >= S.length ? acc : acc + S.slice(next);
	} }, '[Symbol.replace]');

	var symbolSearch = builtin({ m(string) {
		var rx = requireObject(this, '[Symbol.search]'), S = toStr(string);
		var previous = rx.lastIndex, m;

		if (!Object.is(previous, 0))
			rx.lastIndex = 0;
		m = regExpExec(rx, S);
		if (!Object.is(rx.lastIndex, previous))
			rx.lastIndex = previous;
		return m === null ? -1 : m.index;
	} }, '[Symbol.search]');

	/* The spec's splitter is sticky and tried at each position; a built-in
	 * one is the same as searching forward with the pattern unstuck. */
	function splitFast(rx, S, lim, unicode) {
		var own = thisRecord(rx, '[Symbol.split]');
		var r = lookup(own.pattern, (own.d ? 'd' : '') + (own.i ? 'i' : '') + (own.m ? 'm' : '') +
		    (own.s ? 's' : '') + (own.u ? 'u' : ''));
		var A = [], size = S.length, p = 0, q = 0, m, e, k;

		while (q < size) {
			m = native.exec(r.handle, S, q);
			if (m === null || m.index >= size)
				break;
			q = m.index;
			e = Math.min(q + m[0].length, size);
			if (e === p) {
				q = advance(S, q, unicode);
				continue;
			}
			A.push(S.slice(p, q));
			if (A.length === lim)
				return A;
			p = e;
			for (k = 1; k < m.length; k++) {
				A.push(m[k]);
				if (A.length === lim)
					return A;
			}
			q = p;
		}
		A.push(S.slice(p));
		return A;
	}

	var symbolSplit = builtin({ m(string, limit) {
		var rx = requireObject(this, '[Symbol.split]'), S = toStr(string), C = speciesConstructor(rx);
		var flags = toStr(rx.flags), unicode = isUnicodeFlags(flags);
		var splitter = new C(rx, flags.indexOf('y') >= 0 ? flags : flags + 'y');
		var A = [], lim = limit === undefined ? MAX_UINT32 : limit >>> 0, size = S.length, p = 0, q = 0;
		var z, e, n, k;

		if (lim === 0)
			return A;
		if (size === 0) {
			if (regExpExec(splitter, S) === null)
				A.push(S);
			return A;
		}
		if (C === RegExp && splitter.exec === exec && recordOf(splitter) !== undefined)
			return splitFast(splitter, S, lim, unicode);
		while (q < size) {
			splitter.lastIndex = q;
			z = regExpExec(splitter, S);
			if (z === null || (e = Math.min(toLength(splitter.lastIndex), size)) === p) {
				q = advance(S, q, unicode);
				continue;
			}
			A.push(S.slice(p, q));
			if (A.length === lim)
				return A;
			p = e;
			n = Math.max(toLength(z.length) - 1, 0);
			for (k = 1; k <= n; k++) {
				A.push(z[k]);
				if (A.length === lim)
					return A;
			}
			q = p;
		}
		A.push(S.slice(p, size));
		return A;
	} }, '[Symbol.split]');

	/* %RegExpStringIteratorPrototype% */
	function RegExpStringIterator(R, S, global, unicode) {
		this[ITER] = { R: R, S: S, global: global, unicode: unicode, done: false };
	}
	define(RegExpStringIterator.prototype, 'next', function next() {
		var st = isObject(this) ? this[ITER] : undefined, m;

		if (st === undefined)
			throw new TypeError('RegExp String Iterator next() called on incompatible receiver');
		if (st.done)
			return { value: undefined, done: true };
		m = regExpExec(st.R, st.S);
		if (m === null || !st.global) {
			st.done = true;
			return m === null ? { value: undefined, done: true } : { value: m, done: false };
		}
		if (toStr(m[0]) === '')
			st.R.lastIndex = advance(st.S, toLength(st.R.lastIndex), st.unicode);
		return { value: m, done: false };
	});
	define(RegExpStringIterator.prototype, symIterator, function () { return this; });
	defineProperty(RegExpStringIterator.prototype, Symbol.toStringTag, { value: 'RegExp String Iterator', configurable: true });
	delete RegExpStringIterator.prototype.constructor;

	var symbolMatchAll = builtin({ m(string) {
		var rx = requireObject(this, '[Symbol.matchAll]'), S = toStr(string), C = speciesConstructor(rx);
		var flags = toStr(rx.flags), matcher = new C(rx, flags);

		matcher.lastIndex = toLength(rx.lastIndex);
		return new RegExpStringIterator(matcher, S, flags.indexOf('g') >= 0, isUnicodeFlags(flags));
	} }, '[Symbol.matchAll]');

	/* Fills a fresh Duktape RegExp with the record for P and F. */
	function initialize(rx, P, F) {
		rx[SLOT] = lookup(P, F);
		rx.lastIndex = 0;
		return rx;
	}

	function RegExp(pattern, flags) {
		var called = !(this instanceof RegExp), pr = recordOf(pattern), P, F, rx, p;

		if (called && isRegExp(pattern) && flags === undefined && pattern.constructor === RegExp)
			return pattern;
		if (pr !== undefined) {
			P = pr.pattern;
			F = flags === undefined ? pr.flags : toStr(flags);
		} else if (isRegExp(pattern)) {
			P = pattern.source === undefined ? '' : toStr(pattern.source);
			F = flags === undefined ? (pattern.flags === undefined ? '' : toStr(pattern.flags)) : toStr(flags);
		} else {
			P = pattern === undefined ? '' : toStr(pattern);
			F = flags === undefined ? '' : toStr(flags);
		}
		rx = new NativeRegExp('');
		/* A lowered subclass constructs through __wsdSuperCall, which sets
		 * the prototype; a hand-written ES5 one calls with its own this. */
		if (!called && (p = getPrototypeOf(this)) !== proto)
			Object.setPrototypeOf(rx, p);
		return initialize(rx, P, F);
	}
	defineProperty(RegExp, 'prototype', { value: proto, writable: false });
	define(proto, 'constructor', RegExp);

	/* The flag getters are native (rt_regexp.c), one for each bit; this
	 * is what they do for what has no record yet, this as their own. */
	var flagNames = {};
	function flagFallback(bit) {
		var r = recordOf(this);

		if (r !== undefined)
			return (r.bits & bit) !== 0;
		if (this === proto)
			return undefined;
		throw new TypeError('RegExp.prototype.' + flagNames[bit] + ' getter called on non-RegExp object');
	}
	function flagGetter(name, bit) {
		flagNames[bit] = name;
		accessor(name, native.flagGetter(bit, flagFallback));
	}
	/* A getter as the spec's built-ins have it: named `get NAME`, the
	 * name configurable. */
	function accessor(name, get) {
		defineProperty(get, 'name', { value: 'get ' + name, configurable: true });
		defineProperty(proto, name, { get: get, configurable: true });
	}
	flagGetter('hasIndices', 1);
	flagGetter('global', 2);
	flagGetter('ignoreCase', 4);
	flagGetter('multiline', 8);
	flagGetter('dotAll', 16);
	flagGetter('unicode', 32);
	flagGetter('sticky', 64);
	flagGetter('unicodeSets', 128);
	accessor('source', function () {
		var r = recordOf(this);

		if (r !== undefined)
			return r.source;
		if (this === proto)
			return '(?:)';
		throw new TypeError('RegExp.prototype.source getter called on non-RegExp object');
	});
	accessor('flags', native.flags);
	define(proto, 'exec', exec);
	define(proto, 'test', builtin({ m(S) {
		return regExpExec(requireObject(this, 'test'), toStr(S)) !== null;
	} }, 'test'));
	define(proto, 'toString', builtin({ m() {
		var R = requireObject(this, 'toString');

		return '/' + toStr(R.source) + '/' + toStr(R.flags);
	} }, 'toString'));
	define(proto, 'compile', builtin({ m(pattern, flags) {
		var pr = recordOf(pattern);

		thisRecord(this, 'compile');
		if (pr !== undefined) {
			if (flags !== undefined)
				throw new TypeError('Cannot supply flags when constructing one RegExp from another');
			return initialize(this, pr.pattern, pr.flags);
		}
		return initialize(this, pattern === undefined ? '' : toStr(pattern), flags === undefined ? '' : toStr(flags));
	} }, 'compile'));

	define(proto, symMatch, symbolMatch);
	define(proto, symMatchAll, symbolMatchAll);
	define(proto, symReplace, symbolReplace);
	define(proto, symSearch, symbolSearch);
	define(proto, symSplit, symbolSplit);

	function stringReplaceAll(S, search, replaceValue, functional) {
		var step = search.length || 1, out = '', last = 0, p;

		for (p = S.indexOf(search); p >= 0; ) {
			out += S.slice(last, p);
			out += functional ? toStr(replaceValue.call(undefined, search, p, S)) :
			    substitute(search, S, p, [], undefined, replaceValue);
			last = p + search.length;
			p = p + step > S.length ? -1 : S.indexOf(search, p + step);
		}
		return out + S.slice(last);
	}

	function requireGlobal(rx, what) {
		var flags;

		if (!isRegExp(rx))
			return;
		flags = requireCoercible(rx.flags, what);
		if (toStr(flags).indexOf('g') < 0)
			throw new TypeError('String.prototype.' + what + ' called with a non-global RegExp argument');
	}

	/* The Symbol.match/replace/search/split methods are looked up on
	 * objects only (ES2025; a primitive's prototype is not asked). */
	var stringMethods = {
		match(regexp) {
			var O = requireCoercible(this, 'match'), f;

			if (isObject(regexp) && (f = getMethod(regexp, symMatch)) !== undefined)
				return f.call(regexp, O);
			return new RegExp(regexp)[symMatch](toStr(O));
		},
		matchAll(regexp) {
			var O = requireCoercible(this, 'matchAll'), f;

			if (isObject(regexp)) {
				requireGlobal(regexp, 'matchAll');
				if ((f = getMethod(regexp, symMatchAll)) !== undefined)
					return f.call(regexp, O);
			}
			return new RegExp(regexp, 'g')[symMatchAll](toStr(O));
		},
		replace(searchValue, replaceValue) {
			var O = requireCoercible(this, 'replace'), f;

			if (isObject(searchValue) && (f = getMethod(searchValue, symReplace)) !== undefined)
				return f.call(searchValue, O, replaceValue);
			return nativeReplace.call(toStr(O), toStr(searchValue),
			    isCallable(replaceValue) ? replaceValue : toStr(replaceValue));
		},
		replaceAll(searchValue, replaceValue) {
			var O = requireCoercible(this, 'replaceAll'), f, functional = isCallable(replaceValue);

			if (isObject(searchValue)) {
				requireGlobal(searchValue, 'replaceAll');
				if ((f = getMethod(searchValue, symReplace)) !== undefined)
					return f.call(searchValue, O, replaceValue);
			}
			return stringReplaceAll(toStr(O), toStr(searchValue), functional ? replaceValue : toStr(replaceValue), functional);
		},
		search(regexp) {
			var O = requireCoercible(this, 'search'), f;

			if (isObject(regexp) && (f = getMethod(regexp, symSearch)) !== undefined)
				return f.call(regexp, O);
			return new RegExp(regexp)[symSearch](toStr(O));
		},
		split(separator, limit) {
			var O = requireCoercible(this, 'split'), f, S, lim;

			if (isObject(separator) && (f = getMethod(separator, symSplit)) !== undefined)
				return f.call(separator, O, limit);
			/* the spec's order: the string, then ToUint32(limit), then the separator */
			S = toStr(O);
			lim = limit === undefined ? undefined : limit >>> 0;
			return nativeSplit.call(S, separator === undefined ? separator : toStr(separator), lim);
		}
	};
	Object.keys(stringMethods).forEach(function (name) {
		define(String.prototype, name, builtin({ m: stringMethods[name] }, name));
	});
	/* Duktape's own refuse any RegExp; the spec asks IsRegExp, which
	 * Symbol.match can turn off. */
	['startsWith', 'endsWith', 'includes'].forEach(function (name) {
		var own = String.prototype[name];

		define(String.prototype, name, builtin({ m(search) {
			var O = requireCoercible(this, name);

			if (isRegExp(search))
				throw new TypeError('First argument to String.prototype.' + name + ' must not be a regular expression');
			return own.call(O, toStr(search), arguments[1]);
		} }, name));
	});
	define(global, 'RegExp', RegExp);
})
