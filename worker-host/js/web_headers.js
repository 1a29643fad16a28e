/*
 * web_headers.js - Headers (WHATWG Fetch): a list of (lowercased name,
 * value) pairs in insertion order; get() joins the values of one name
 * with ", ", getSetCookie() keeps set-cookie's apart, iteration is sorted
 * by name and combined (set-cookie once per value) and sees changes made
 * while it runs; names and values are checked with Node 20's TypeErrors.
 *
 * A lazy Web module (webmod.c): compiled on the first touch of the
 * global, it returns its exports, which web_body.js, web_request.js and
 * web_response.js use too: fill(), the guard 'immutable', the raw list.
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, tag = define.tag, isObject = define.isObject;

var kList = Symbol('list'), kSorted = Symbol('sorted'), kGuard = Symbol('guard');
var TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function byteString(v) {
	var s = String(v), i;

	for (i = 0; i < s.length; i++)
		if (s.charCodeAt(i) > 255)
			throw new TypeError('Cannot convert argument to a ByteString because the character at index ' +
			    i + ' has a value of ' + s.charCodeAt(i) + ' which is greater than 255.');
	return s;
}

/* Fetch's "normalize": leading and trailing HTTP whitespace goes. */
function normalize(v) {
	return v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function checkName(name, where) {
	if (!TOKEN.test(name))
		throw new TypeError(where + ': "' + name + '" is an invalid header name.');
}

function checkValue(value, where) {
	if (/[\0\r\n]/.test(value))
		throw new TypeError(where + ': "' + value + '" is an invalid header value.');
}

function need(n, args, where) {
	if (args.length < n)
		throw new TypeError(where + ': ' + n + ' argument' + (n > 1 ? 's' : '') + ' required, but ' +
		    (args.length > 0 ? 'only ' : '') + args.length + ' found.');
}

function brand(h) {
	if (!isObject(h) || !h[kList])
		throw new TypeError('Illegal invocation');
}

function mutable(h) {
	if (h[kGuard] === 'immutable')
		throw new TypeError('immutable');
}

function indexOf(list, lname) {
	for (var i = 0; i < list.length; i++)
		if (list[i][0] === lname)
			return i;
	return -1;
}

function append(h, name, value, where) {
	name = byteString(name);
	value = normalize(byteString(value));
	checkName(name, where);
	checkValue(value, where);
	mutable(h);
	h[kList].push([name.toLowerCase(), value]);
	h[kSorted] = null;
}

/* The sort-and-combine of the standard, kept until the next change. */
function sorted(h) {
	var list = h[kList], names = [], seen = Object.create(null), out = [];

	if (h[kSorted])
		return h[kSorted];
	list.forEach(function (p) {
		if (!seen[p[0]]) {
			seen[p[0]] = true;
			names.push(p[0]);
		}
	});
	names.sort();
	names.forEach(function (n) {
		var values = [];

		list.forEach(function (p) {
			if (p[0] === n)
				values.push(p[1]);
		});
		if (n === 'set-cookie')
			values.forEach(function (v) { out.push([n, v]); });
		else
			out.push([n, values.join(', ')]);
	});
	h[kSorted] = out;
	return out;
}

function fillPairs(h, init) {
	Array.from(init).forEach(function (pair, i) {
		var p;

		if (!isObject(pair) || typeof pair[Symbol.iterator] !== 'function')
			throw new TypeError('Headers contructor: init[' + i + '] (' + String(pair) + ') is not iterable.');
		p = Array.from(pair);
		if (p.length !== 2)
			throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + p.length + '.');
		append(h, p[0], p[1], 'Headers.append');
	});
}

function fill(h, init) {
	if (init === undefined)
		return;
	if (!isObject(init))
		throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: ' +
		    'sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
	if (typeof init[Symbol.iterator] === 'function')
		return fillPairs(h, init);
	Object.keys(init).forEach(function (k) { append(h, k, init[k], 'Headers.append'); });
}

function Headers(init) {
	if (!(this instanceof Headers))
		throw new TypeError("Class constructor Headers cannot be invoked without 'new'");
	hide(this, kList, []);
	hide(this, kSorted, null);
	hide(this, kGuard, 'none');
	fill(this, init);
}

Object.defineProperty(Headers, 'length', { value: 0, configurable: true });

var HP = Headers.prototype;

hide(HP, 'append', function append_(name, value) {
	brand(this);
	need(2, arguments, 'Headers.append');
	append(this, name, value, 'Headers.append');
});

hide(HP, 'delete', function delete_(name) {
	var list, lname;

	brand(this);
	need(1, arguments, 'Headers.delete');
	name = byteString(name);
	checkName(name, 'Headers.delete');
	mutable(this);
	list = this[kList];
	lname = name.toLowerCase();
	this[kList] = list.filter(function (p) { return p[0] !== lname; });
	this[kSorted] = null;
});

hide(HP, 'get', function get(name) {
	var lname, values;

	brand(this);
	need(1, arguments, 'Headers.get');
	name = byteString(name);
	checkName(name, 'Headers.get');
	lname = name.toLowerCase();
	values = this[kList].filter(function (p) { return p[0] === lname; });
	return values.length ? values.map(function (p) { return p[1]; }).join(', ') : null;
});

hide(HP, 'getSetCookie', function getSetCookie() {
	brand(this);
	return this[kList].filter(function (p) { return p[0] === 'set-cookie'; }).map(function (p) { return p[1]; });
});

hide(HP, 'has', function has(name) {
	brand(this);
	need(1, arguments, 'Headers.has');
	name = byteString(name);
	checkName(name, 'Headers.has');
	return indexOf(this[kList], name.toLowerCase()) !== -1;
});

/* set(): the first pair of the name takes the value, the others go. */
hide(HP, 'set', function set(name, value) {
	var lname, first = true;

	brand(this);
	need(2, arguments, 'Headers.set');
	name = byteString(name);
	value = normalize(byteString(value));
	checkName(name, 'Headers.set');
	checkValue(value, 'Headers.set');
	mutable(this);
	lname = name.toLowerCase();
	if (indexOf(this[kList], lname) === -1) {
		this[kList].push([lname, value]);
	} else {
		this[kList] = this[kList].filter(function (p) {
			if (p[0] !== lname)
				return true;
			if (!first)
				return false;
			first = false;
			p[1] = value;
			return true;
		});
	}
	this[kSorted] = null;
});

hide(HP, 'forEach', function forEach(fn, thisArg) {
	var i, pairs;

	brand(this);
	need(1, arguments, 'Headers.forEach');
	if (typeof fn !== 'function')
		throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
	for (i = 0; i < (pairs = sorted(this)).length; i++)
		fn.call(thisArg, pairs[i][1], pairs[i][0], this);
});

/* ---- the iterators: each next() reads the list as it is then ---- */

var kTarget = Symbol('target'), kKind = Symbol('kind'), kIndex = Symbol('index');
var IteratorProto = {};

hide(IteratorProto, Symbol.iterator, function () { return this; });

hide(IteratorProto, 'next', function next() {
	var pairs, p;

	if (!isObject(this) || !this[kTarget])
		throw new TypeError("'next' called on an object that does not implement interface Headers Iterator.");
	pairs = sorted(this[kTarget]);
	if (this[kIndex] >= pairs.length)
		return { value: undefined, done: true };
	p = pairs[this[kIndex]++];
	return { value: this[kKind] === 'key' ? p[0] : this[kKind] === 'value' ? p[1] : [p[0], p[1]], done: false };
});
tag(IteratorProto, 'Headers Iterator');

function iterator(h, kind) {
	var it = Object.create(IteratorProto);

	brand(h);
	it[kTarget] = h;
	it[kKind] = kind;
	it[kIndex] = 0;
	return it;
}

hide(HP, 'keys', function keys() { return iterator(this, 'key'); });
hide(HP, 'values', function values() { return iterator(this, 'value'); });
hide(HP, 'entries', function entries() { return iterator(this, 'key+value'); });
hide(HP, Symbol.iterator, HP.entries);
tag(HP, 'Headers');

return {
	Headers: Headers,
	fill: fill,
	/* 'immutable' (Response.error(), redirect(), fetch's responses) or 'none' */
	setGuard: function (h, guard) { h[kGuard] = guard; },
	/* the pairs in insertion order, names lowercased */
	list: function (h) { return h[kList]; },
	/* a copy of h, guard none */
	copy: function (h) {
		var c = new Headers();

		c[kList] = h[kList].map(function (p) { return [p[0], p[1]]; });
		return c;
	},
	isHeaders: function (v) { return isObject(v) && !!v[kList]; }
};
})
