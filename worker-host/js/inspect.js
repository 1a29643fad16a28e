/*
 * inspect.js - Node-style value formatting for console and util.format.
 *
 * Evaluates to a function that rt_inspect.c calls with native helpers:
 *   snapshot(v, max)   null, or { kind: 'Map'|'Set', size, items } read
 *                      from the collection's table without running JS
 *   promiseState(v)    null, or [state, value] (0 pending, 1 fulfilled,
 *                      2 rejected)
 * and that returns { inspect, format }.  ES5 syntax only.
 *
 * and that returns { inspect, format, userInspect } (userInspect is
 * util.inspect itself, the function custom inspectors receive).
 *
 * Output follows Node 20's util.inspect defaults (depth 2, 100 array items,
 * 10000 string characters, 80-column line breaking with array grouping).
 * A value's [util.inspect.custom] method is called as Node calls it
 * (remaining depth, options, util.inspect): a string it returns is
 * printed as it is, anything else is formatted in its place.  Otherwise
 * getters are never called and every reflective step is guarded, so an
 * odd object (throwing Proxy traps, hostile toString, a throwing custom
 * inspector) cannot make formatting throw; total output is bounded by a
 * character budget.
 */
(function (natives) {
	'use strict';

	var BREAK_LENGTH = 80, MAX_ARRAY = 100, MAX_STRING = 10000, MAX_KEYS = 1000,
	    BUDGET = 1 << 20, COMPACT = 3;
	/* Captured at load time: a script that later replaces these globals
	 * cannot change or break how values print. */
	var toStr = Object.prototype.toString, hasOwn = Object.prototype.hasOwnProperty,
	    isEnumerable = Object.prototype.propertyIsEnumerable, NativeMap = Map,
	    objectKeys = Object.keys, ownSymbols = Object.getOwnPropertySymbols,
	    getDesc = Object.getOwnPropertyDescriptor, getProto = Object.getPrototypeOf,
	    arrayIsArray = Array.isArray, jsonStringify = JSON.stringify, symToStringTag = Symbol.toStringTag,
	    regexpToString = RegExp.prototype.toString, NativeError = Error;
	var builtinToStrings = [Object.prototype.toString, Error.prototype.toString,
	    Array.prototype.toString, Date.prototype.toString, RegExp.prototype.toString,
	    Function.prototype.toString];
	var identRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
	var customSymbol = Symbol.for('nodejs.util.inspect.custom');

	function classOf(v) {
		try {
			return toStr.call(v).slice(8, -1);
		} catch (e) {
			return 'Object';
		}
	}

	function ownDesc(obj, key) {
		try {
			return getDesc(obj, key);
		} catch (e) {
			return undefined;
		}
	}

	function protoOf(v) {
		try {
			return getProto(v);
		} catch (e) {
			return null;
		}
	}

	/* The name of the nearest constructor on the prototype chain, read
	 * through descriptors so no getter runs; null for a null prototype. */
	function constructorName(v) {
		var p = protoOf(v), d, n, hops = 0;

		while (p !== null && hops++ < 100) {
			d = ownDesc(p, 'constructor');
			if (d !== undefined && typeof d.value === 'function') {
				n = ownDesc(d.value, 'name');
				if (n !== undefined && typeof n.value === 'string' && n.value !== '')
					return n.value;
			}
			p = protoOf(p);
		}
		return null;
	}

	function functionName(f) {
		var d = ownDesc(f, 'name');

		return d !== undefined && typeof d.value === 'string' ? d.value : '';
	}

	function repeat(s, n) {
		var out = '';

		while (n-- > 0)
			out += s;
		return out;
	}

	function hex2(n) {
		return (n < 16 ? '0' : '') + n.toString(16).toUpperCase();
	}

	var escapes = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\\': '\\\\' };

	function quote(s) {
		var q = "'", out, i, c, code;

		if (s.indexOf("'") >= 0) {
			if (s.indexOf('"') < 0)
				q = '"';
			else if (s.indexOf('`') < 0 && s.indexOf('${') < 0)
				q = '`';
		}
		out = q;
		for (i = 0; i < s.length; i++) {
			c = s.charAt(i);
			code = s.charCodeAt(i);
			if (c === q)
				out += '\\' + q;
			else if (escapes[c] !== undefined)
				out += escapes[c];
			else if (code < 0x20 || code === 0x7f)
				out += '\\x' + hex2(code);
			else
				out += c;
		}
		return out + q;
	}

	function formatString(s) {
		var extra = s.length - MAX_STRING;

		if (extra > 0)
			return quote(s.slice(0, MAX_STRING)) + '... ' + extra + ' more character' + (extra > 1 ? 's' : '');
		return quote(s);
	}

	function formatNumber(n) {
		return n === 0 && 1 / n < 0 ? '-0' : String(n);
	}

	function formatPrimitive(v) {
		switch (typeof v) {
		case 'string':
			return formatString(v);
		case 'number':
			return formatNumber(v);
		case 'symbol':
			return String(v);
		default:
			return String(v);
		}
	}

	function formatKey(key) {
		if (typeof key === 'symbol')
			return '[' + String(key) + ']';
		return identRe.test(key) ? key : quote(key);
	}

	/* Own enumerable keys (strings then symbols), skipping array indices
	 * when asked. */
	function ownKeys(v, skipIndices) {
		var keys = [], names, syms, i;

		names = objectKeys(v);
		for (i = 0; i < names.length; i++)
			if (!skipIndices || !/^(0|[1-9][0-9]*)$/.test(names[i]))
				keys.push(names[i]);
		syms = ownSymbols(v);
		for (i = 0; i < syms.length; i++)
			if (isEnumerable.call(v, syms[i]))
				keys.push(syms[i]);
		return keys;
	}

	/* A key that is not enumerable (an error's cause, below) is shown
	 * in brackets, as Node shows it. */
	function formatProperty(ctx, v, key, depth) {
		var d = ownDesc(v, key), str;

		if (d === undefined)
			str = 'undefined';
		else if (hasOwn.call(d, 'value')) {
			ctx.indent += 2;
			str = formatValue(ctx, d.value, depth + 1, false);
			ctx.indent -= 2;
		} else if (d.get !== undefined)
			str = d.set !== undefined ? '[Getter/Setter]' : '[Getter]';
		else
			str = d.set !== undefined ? '[Setter]' : 'undefined';
		return (d !== undefined && !d.enumerable && typeof key === 'string' ? '[' + key + ']' : formatKey(key)) +
		    ': ' + str;
	}

	function pushKeys(ctx, out, v, keys, depth) {
		var i, n = Math.min(keys.length, MAX_KEYS);

		for (i = 0; i < n; i++)
			out.push(formatProperty(ctx, v, keys[i], depth));
		if (keys.length > n)
			out.push('... ' + (keys.length - n) + ' more propert' + (keys.length - n > 1 ? 'ies' : 'y'));
	}

	function moreItems(n) {
		return '... ' + n + ' more item' + (n > 1 ? 's' : '');
	}

	function formatArrayLike(ctx, v, len, depth, out) {
		var i, holes, n = Math.min(len, MAX_ARRAY), shown = 0;

		for (i = 0; i < len && shown < n; i++) {
			if (!hasOwn.call(v, i)) {
				for (holes = 0; i < len && !hasOwn.call(v, i); i++)
					holes++;
				i--;
				out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
			} else {
				ctx.indent += 2;
				out.push(formatValue(ctx, v[i], depth + 1, false));
				ctx.indent -= 2;
			}
			shown++;
		}
		if (i < len)
			out.push(moreItems(len - i));
		return i < len;
	}

	function formatTypedArray(ctx, v, len, depth, out) {
		var i, n = Math.min(len, MAX_ARRAY);

		for (i = 0; i < n; i++)
			out.push(formatNumber(v[i]));
		if (len > n)
			out.push(moreItems(len - n));
		return len > n;
	}

	function hexBytes(bytes, max) {
		var parts = [], i, n = Math.min(bytes.length, max);

		for (i = 0; i < n; i++)
			parts.push(hex2(bytes[i]).toLowerCase());
		return parts.join(' ') + (bytes.length > n ? ' ... ' + (bytes.length - n) + ' more byte' +
		    (bytes.length - n > 1 ? 's' : '') : '');
	}

	function formatCollection(ctx, snap, depth, out) {
		var i, step = snap.kind === 'Map' ? 2 : 1, k;

		ctx.indent += 2;
		for (i = 0; i < snap.items.length; i += step) {
			k = formatValue(ctx, snap.items[i], depth + 1, false);
			out.push(step === 2 ? k + ' => ' + formatValue(ctx, snap.items[i + 1], depth + 1, false) : k);
		}
		ctx.indent -= 2;
		if (snap.size > snap.items.length / step)
			out.push(moreItems(snap.size - snap.items.length / step));
	}

	function errorBase(ctx, v) {
		var stack, name, msg;

		try {
			stack = v.stack;
		} catch (e) {
			stack = undefined;
		}
		if (typeof stack !== 'string' || stack === '') {
			try {
				name = v.name;
				msg = v.message;
			} catch (e) {
				name = 'Error';
			}
			stack = '[' + String(name === undefined ? 'Error' : name) +
			    (msg ? ': ' + String(msg) : '') + ']';
		}
		if (ctx.indent > 0)
			stack = stack.split('\n').join('\n' + repeat(' ', ctx.indent));
		return stack;
	}

	function prefixFor(name, tag, fallback) {
		if (name === null)
			return '[' + fallback + ': null prototype] ';
		if (tag !== '' && tag !== name)
			return name + ' [' + tag + '] ';
		return name + ' ';
	}

	/* Node's column grouping for arrays of more than six short entries. */
	function groupElements(ctx, out, value, hasMore) {
		var total = 0, maxLen = 0, i, j, outLen = out.length, lens = [], actualMax, bias,
		    biasedMax, columns, widths = [], line, lineMax, padStart = true, tmp = [], w, max;

		if (hasMore)
			outLen--;
		for (i = 0; i < outLen; i++) {
			lens[i] = out[i].length;
			total += lens[i] + 2;
			if (lens[i] > maxLen)
				maxLen = lens[i];
		}
		actualMax = maxLen + 2;
		if (!(actualMax * 3 + ctx.indent < BREAK_LENGTH && (total / actualMax > 5 || maxLen <= 6)))
			return out;
		bias = Math.sqrt(actualMax - total / out.length);
		biasedMax = Math.max(actualMax - 3 - bias, 1);
		columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outLen) / biasedMax),
		    Math.floor((BREAK_LENGTH - ctx.indent) / actualMax), COMPACT * 4, 15);
		if (columns <= 1)
			return out;
		for (i = 0; i < columns; i++) {
			lineMax = 0;
			for (j = i; j < outLen; j += columns)
				if (lens[j] > lineMax)
					lineMax = lens[j];
			widths.push(lineMax + 2);
		}
		if (value !== undefined)
			for (i = 0; i < outLen; i++)
				if (typeof value[i] !== 'number') {
					padStart = false;
					break;
				}
		for (i = 0; i < outLen; i += columns) {
			max = Math.min(i + columns, outLen);
			line = '';
			for (j = i; j < max - 1; j++) {
				w = out[j] + ', ';
				line += padStart ? repeat(' ', widths[j - i] - w.length) + w : w + repeat(' ', widths[j - i] - w.length);
			}
			line += padStart ? repeat(' ', widths[j - i] - 2 - out[j].length) + out[j] : out[j];
			tmp.push(line);
		}
		if (hasMore)
			tmp.push(out[outLen]);
		return tmp;
	}

	/* One line when it fits in BREAK_LENGTH and nests at most COMPACT - 1
	 * levels below; else one entry per line (arrays grouped in columns).
	 * `array` is the array being printed, if it is one. */
	function reduce(ctx, out, base, braces, depth, array, hasMore) {
		var entries = out.length, start, total, i, joined, ind, fits;

		if (array !== undefined && entries > 6)
			out = groupElements(ctx, out, array, hasMore);
		if (ctx.currentDepth - depth < COMPACT && entries === out.length) {
			start = out.length + ctx.indent + braces[0].length + base.length + 10;
			total = out.length + start;
			fits = total + out.length <= BREAK_LENGTH;
			for (i = 0; fits && i < out.length; i++) {
				total += out[i].length;
				fits = total <= BREAK_LENGTH;
			}
			if (fits && base.indexOf('\n') < 0) {
				joined = out.join(', ');
				if (joined.indexOf('\n') < 0)
					return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
			}
		}
		ind = '\n' + repeat(' ', ctx.indent);
		return (base ? base + ' ' : '') + braces[0] + ind + '  ' + out.join(',' + ind + '  ') + ind + braces[1];
	}

	var baseOnly = { Error: 1, Date: 1, RegExp: 1, Number: 1, String: 1, Boolean: 1, Symbol: 1 };

	/* Whether v prints with entries: beyond the depth limit only those
	 * become a placeholder such as [Object] (as in Node, {} stays {}). */
	function hasEntries(v, cls, snap, typed) {
		if (arrayIsArray(v) || typed || cls === 'Arguments')
			return v.length > 0 || ownKeys(v, true).length > 0;
		if (snap !== null)
			return snap.size > 0 || ownKeys(v, false).length > 0;
		if (typeof v === 'function' || baseOnly[cls] === 1)
			return false;
		if (cls === 'ArrayBuffer' || cls === 'DataView' || natives.promiseState(v) !== null)
			return true;
		return ownKeys(v, false).length > 0;
	}

	function formatObject(ctx, v, depth) {
		var cls = classOf(v), name = constructorName(v), tag = '', keys, out = [], base = '',
		    braces, snap, state, isArray = false, len, bytes, ref, typed, hasMore = false,
		    prevDepth = ctx.currentDepth;

		try {
			tag = v[symToStringTag];
			tag = typeof tag === 'string' ? tag : '';
		} catch (e) {
			tag = '';
		}
		snap = natives.snapshot(v, MAX_ARRAY);
		typed = /^(Ui|I)nt(8|16|32)(Clamped)?Array$|^Float(32|64)Array$/.test(cls);
		if (depth > ctx.depth && hasEntries(v, cls, snap, typed))
			return '[' + (arrayIsArray(v) ? 'Array' : name === null ? 'Object: null prototype' : name) + ']';
		ctx.seen.push(v);
		ctx.currentDepth = depth;
		if (arrayIsArray(v)) {
			isArray = true;
			len = v.length;
			keys = ownKeys(v, true);
			braces = [(name !== 'Array' ? prefixFor(name, '', 'Array') : '') + '[', ']'];
			hasMore = formatArrayLike(ctx, v, len, depth, out);
		} else if (snap !== null) {
			keys = ownKeys(v, false);
			braces = [prefixFor(name, tag === snap.kind ? '' : tag, snap.kind).replace(/ $/, '') +
			    '(' + snap.size + ') {', '}'];
			formatCollection(ctx, snap, depth, out);
		} else if (typed && name === 'Buffer') {
			ctx.seen.pop();
			return '<Buffer ' + hexBytes(v, 50) + '>';
		} else if (typed) {
			isArray = true;
			len = v.length;
			keys = ownKeys(v, true);
			braces = [(name || cls) + '(' + len + ') [', ']'];
			hasMore = formatTypedArray(ctx, v, len, depth, out);
		} else if (cls === 'ArrayBuffer') {
			keys = ownKeys(v, false);
			bytes = new Uint8Array(v);
			braces = [prefixFor(name, '', 'ArrayBuffer') + '{', '}'];
			out.push('[Uint8Contents]: <' + hexBytes(bytes, 50) + '>', 'byteLength: ' + v.byteLength);
		} else if (cls === 'DataView') {
			keys = ownKeys(v, false);
			braces = [prefixFor(name, '', 'DataView') + '{', '}'];
			ctx.indent += 2;
			out.push('byteLength: ' + v.byteLength, 'byteOffset: ' + v.byteOffset,
			    'buffer: ' + formatValue(ctx, v.buffer, depth + 1, false));
			ctx.indent -= 2;
		} else if (typeof v === 'function') {
			keys = ownKeys(v, false);
			base = '[Function' + (functionName(v) ? ': ' + functionName(v) : ' (anonymous)') + ']';
			if (name !== 'Function' && name !== null)
				base += ' ' + name;
			braces = ['{', '}'];
			if (keys.length === 0) {
				ctx.seen.pop();
				return base;
			}
		} else if (cls === 'Error' || v instanceof NativeError) {
			keys = ownKeys(v, false);
			/* Node lists an own cause and an AggregateError's errors
			 * whether they are enumerable or not */
			if (hasOwn.call(v, 'cause') && keys.indexOf('cause') < 0)
				keys.push('cause');
			if (hasOwn.call(v, 'errors') && arrayIsArray(v.errors) && keys.indexOf('errors') < 0)
				keys.push('errors');
			base = errorBase(ctx, v);
			braces = ['{', '}'];
			if (keys.length === 0) {
				ctx.seen.pop();
				return base;
			}
		} else if (cls === 'Date') {
			keys = ownKeys(v, false);
			base = isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
			braces = ['{', '}'];
		} else if (cls === 'RegExp') {
			keys = ownKeys(v, false);
			base = regexpToString.call(v);
			braces = ['{', '}'];
		} else if (cls === 'Number' || cls === 'String' || cls === 'Boolean' || cls === 'Symbol') {
			keys = ownKeys(v, cls === 'String');
			base = '[' + cls + ': ' + formatPrimitive(v.valueOf()) + ']';
			braces = ['{', '}'];
		} else if ((state = natives.promiseState(v)) !== null) {
			keys = ownKeys(v, false);
			braces = [prefixFor(name, '', 'Promise') + '{', '}'];
			ctx.indent += 2;
			out.push(state[0] === 0 ? '<pending>' : (state[0] === 2 ? '<rejected> ' : '') +
			    formatValue(ctx, state[1], depth + 1, false));
			ctx.indent -= 2;
		} else if (cls === 'WeakMap' || cls === 'WeakSet' || tag === 'WeakMap' || tag === 'WeakSet') {
			keys = ownKeys(v, false);
			braces = [prefixFor(name, '', tag) + '{', '}'];
			out.push('<items unknown>');
		} else if (cls === 'Arguments') {
			isArray = true;
			keys = [];
			braces = ['[Arguments] [', ']'];
			hasMore = formatArrayLike(ctx, v, v.length, depth, out);
		} else {
			keys = ownKeys(v, false);
			braces = [name === 'Object' && tag === '' ? '{' : prefixFor(name, tag, 'Object') + '{', '}'];
		}
		pushKeys(ctx, out, v, keys, depth);
		ctx.seen.pop();
		if (ctx.circular !== undefined && (ref = ctx.circular.get(v)) !== undefined)
			base = base === '' ? '<ref *' + ref + '>' : '<ref *' + ref + '> ' + base;
		if (out.length === 0) {
			ctx.currentDepth = prevDepth;
			return base !== '' ? base : braces[0] + braces[1];
		}
		return reduce(ctx, out, base, braces, depth, isArray ? v : undefined, hasMore);
	}

	function formatValue(ctx, v, depth, top) {
		var s, idx;

		if (ctx.budget <= 0)
			return '...';
		if ((typeof v !== 'object' || v === null) && typeof v !== 'function') {
			s = top && typeof v === 'string' ? v : formatPrimitive(v);
		} else if (ctx.seen.indexOf(v) >= 0) {
			if (ctx.circular === undefined)
				ctx.circular = new NativeMap();
			idx = ctx.circular.get(v);
			if (idx === undefined) {
				idx = ctx.circular.size + 1;
				ctx.circular.set(v, idx);
			}
			s = '[Circular *' + idx + ']';
		} else {
			try {
				s = formatCustom(ctx, v, depth);
				if (s === undefined)
					s = formatObject(ctx, v, depth);
			} catch (e) {
				ctx.seen.length = depth;
				s = '[Uninspectable: ' + safeMessage(e) + ']';
			}
		}
		ctx.budget -= s.length;
		return s;
	}

	/* v's custom inspector, unless it has none, it is util.inspect, or v
	 * is the prototype that carries it (as Node skips, so a class's
	 * prototype prints as an object). */
	function customInspector(v) {
		var f = v[customSymbol], c = ownDesc(v, 'constructor'), p;

		if (typeof f !== 'function' || f === userInspect)
			return undefined;
		p = c !== undefined && typeof c.value === 'function' ? ownDesc(c.value, 'prototype') : undefined;
		return p !== undefined && p.value === v ? undefined : f;
	}

	/* What v's custom inspector makes of it, or undefined when there is
	 * none or it returned v itself. */
	function formatCustom(ctx, v, depth) {
		var f = customInspector(v), left, ret;

		if (f === undefined)
			return undefined;
		left = ctx.depth - depth;
		ctx.seen.push(v);
		try {
			ret = f.call(v, left, inspectOptions(ctx, left), userInspect);
		} finally {
			ctx.seen.pop();
		}
		if (ret === v)
			return undefined;
		if (typeof ret !== 'string')
			return formatValue(ctx, ret, depth, false);
		return ret.split('\n').join('\n' + repeat(' ', ctx.indent));
	}

	function stylize(s) {
		return s;
	}

	/* Node's options object for a custom inspector, at its depth. */
	function inspectOptions(ctx, left) {
		return { depth: left, stylize: stylize, indentationLvl: ctx.indent, currentDepth: ctx.currentDepth,
		    showHidden: false, colors: false, customInspect: true, showProxy: false,
		    maxArrayLength: MAX_ARRAY, maxStringLength: MAX_STRING, breakLength: BREAK_LENGTH,
		    compact: COMPACT, sorted: false, getters: false, numericSeparator: false };
	}

	function safeMessage(e) {
		try {
			return String(e);
		} catch (ignored) {
			return 'exception';
		}
	}

	function newContext(depth) {
		return { depth: depth, seen: [], circular: undefined, indent: 0, currentDepth: 0,
		    budget: BUDGET };
	}

	function inspect(v, depth) {
		return formatValue(newContext(depth === undefined ? 2 : depth), v, 0, false);
	}

	/* util.inspect(value[, options]) and the legacy (value, showHidden,
	 * depth): of the options only depth is honoured. */
	function userInspect(value, opts) {
		var depth = 2;

		if (typeof opts === 'object' && opts !== null) {
			if (opts.depth !== undefined)
				depth = opts.depth;
		} else if (arguments.length > 2 && arguments[2] !== undefined) {
			depth = arguments[2];
		}
		return inspect(value, depth === null ? Infinity : depth);
	}

	function hasBuiltinToString(v) {
		var f;

		try {
			f = v.toString;
		} catch (e) {
			return true;
		}
		return typeof f !== 'function' || builtinToStrings.indexOf(f) >= 0;
	}

	function formatS(v) {
		if (typeof v === 'number')
			return formatNumber(v);
		if (typeof v === 'string')
			return v;
		if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
			if (classOf(v) === 'Error' || hasBuiltinToString(v))
				return inspect(v, 0);
			try {
				return String(v);
			} catch (e) {
				return inspect(v, 0);
			}
		}
		return String(v);
	}

	function toNumber(v, conv) {
		if (typeof v === 'symbol')
			return 'NaN';
		try {
			return formatNumber(conv(v));
		} catch (e) {
			return 'NaN';
		}
	}

	function formatJ(v) {
		try {
			return String(jsonStringify(v));
		} catch (e) {
			return '[Circular]';
		}
	}

	function directive(c, v) {
		switch (c) {
		case 's': return formatS(v);
		case 'd': return toNumber(v, Number);
		case 'i': return toNumber(v, function (x) { return parseInt(x, 10); });
		case 'f': return toNumber(v, parseFloat);
		case 'j': return formatJ(v);
		case 'o': return inspect(v, 4);
		case 'O': return inspect(v);
		case 'c': return '';
		}
		return undefined;
	}

	/* util.format: printf-like directives in a leading string, the rest
	 * appended with spaces (strings as they are, others inspected). */
	function format(args) {
		var out = '', i = 0, a = 1, c, s, first = args[0], last = 0, piece;

		if (typeof first === 'string' && args.length > 1) {
			for (i = 0; i < first.length - 1; i++) {
				if (first.charAt(i) !== '%')
					continue;
				c = first.charAt(i + 1);
				if (c === '%') {
					out += first.slice(last, i) + '%';
					last = i + 2;
					i++;
					continue;
				}
				if (a >= args.length)
					continue;
				piece = directive(c, args[a]);
				if (piece === undefined)
					continue;
				out += first.slice(last, i) + piece;
				a++;
				last = i + 2;
				i++;
			}
			out += first.slice(last);
		} else if (args.length > 0) {
			out = typeof first === 'string' ? first : inspect(first);
		}
		for (; a < args.length; a++) {
			s = args[a];
			out += ' ' + (typeof s === 'string' ? s : inspect(s));
		}
		return out;
	}

	return { inspect: inspect, format: format, userInspect: userInspect };
})
