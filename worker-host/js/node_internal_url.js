/*
 * node_internal_url.js - the WHATWG URL and URLSearchParams classes, the
 * globals of every worker (require.js installs them as getters that load
 * this module on first touch) and `require('url').URL`.  A URL holds its
 * record, the array native.urlParse (mod_url.c) returns; the getters
 * serialise from it and every setter re-runs the parser with the state
 * override the standard names.
 * searchParams is one URLSearchParams per URL, kept in step both ways (the
 * standard's "update steps").  URLSearchParams is the
 * application/x-www-form-urlencoded list with live iterators, a stable
 * sort by UTF-16 code units, and Node's argument errors.  Also
 * URL.createObjectURL/revokeObjectURL and buffer's resolveObjectURL, on
 * a registry of blob:nodedata: URLs.  Internal:
 * required as 'internal/url'.  ES5, run as a core module.
 */
'use strict';

var errors = require('internal/errors');

var R_SCHEME = 0, R_USER = 1, R_PASS = 2, R_HOST = 3, R_PORT = 4, R_PATH = 5, R_OPAQUE = 6, R_QUERY = 7,
	R_FRAG = 8;
/* One slot per object, each a plain object: a URL's { r: record, p: its
 * searchParams }, a URLSearchParams' { list: [[name, value]...], url },
 * an iterator's { params, kind, index }. */
var kURL = Symbol('URL'), kParams = Symbol('URLSearchParams'), kIter = Symbol('iterator');

function usv(v) {
	return native.urlUSV(String(v));
}

function invalidURL(input, base) {
	var e = errors.withCode(TypeError, 'ERR_INVALID_URL', 'Invalid URL');

	e.input = input;
	if (base !== undefined)
		e.base = base;
	return e;
}

function defineMethods(proto, methods) {
	Object.keys(methods).forEach(function (k) {
		Object.defineProperty(proto, k, { value: methods[k], writable: true, enumerable: true, configurable: true });
	});
}

function accessor(proto, name, get, set) {
	Object.defineProperty(proto, name, { get: get, set: set, enumerable: true, configurable: true });
}

/* The slot is non-enumerable, so console.log shows no symbols. */
function slot(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: true, configurable: true });
}

function tag(proto, name) {
	Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
}

var customInspect = Symbol.for('nodejs.util.inspect.custom');

function inspector(proto, fn) {
	Object.defineProperty(proto, customInspect, { value: fn, writable: true, configurable: true });
}

/* ---- serialising a record ---- */

function hostPort(r) {
	return r[R_HOST] === null ? '' : r[R_PORT] === null ? r[R_HOST] : r[R_HOST] + ':' + r[R_PORT];
}

function href(r, noFragment) {
	var s = r[R_SCHEME] + ':';

	if (r[R_HOST] !== null) {
		s += '//';
		if (r[R_USER] !== '' || r[R_PASS] !== '')
			s += r[R_USER] + (r[R_PASS] !== '' ? ':' + r[R_PASS] : '') + '@';
		s += hostPort(r);
	} else if (!r[R_OPAQUE] && r[R_PATH].slice(0, 2) === '//') {
		s += '/.';
	}
	s += r[R_PATH];
	if (r[R_QUERY] !== null)
		s += '?' + r[R_QUERY];
	if (r[R_FRAG] !== null && !noFragment)
		s += '#' + r[R_FRAG];
	return s;
}

function origin(r) {
	var inner;

	switch (r[R_SCHEME]) {
	case 'blob':
		inner = native.urlParse(r[R_PATH]);
		return inner !== null && (inner[R_SCHEME] === 'http' || inner[R_SCHEME] === 'https') ? origin(inner) : 'null';
	case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
		return r[R_SCHEME] + '://' + hostPort(r);
	}
	return 'null';
}

/* The standard's "potentially strip trailing spaces from an opaque path". */
function stripOpaque(r) {
	if (r[R_OPAQUE] && r[R_FRAG] === null && r[R_QUERY] === null)
		r[R_PATH] = r[R_PATH].replace(/ +$/, '');
}

function cannotHaveCredentials(r) {
	return r[R_HOST] === null || r[R_HOST] === '' || r[R_SCHEME] === 'file';
}

/* ---- URL ---- */

function urlState(self) {
	var st = self !== null && typeof self === 'object' ? self[kURL] : undefined;

	if (st === undefined)
		throw new TypeError('Value of "this" must be of type URL');
	return st;
}

function record(self) {
	return urlState(self).r;
}

function parseBase(url, base) {
	var b;

	if (base === undefined)
		return undefined;
	/* a URL's href parses back to its record: skip the round trip, unless
	 * its toString is not URL's own (the base is read as a string) */
	if (base instanceof URL && base.toString === UP.toString)
		return record(base);
	b = native.urlParse(usv(base));
	if (b === null)
		throw invalidURL(String(url), String(base));
	return b;
}

function URL(url, base) {
	var r;

	if (!(this instanceof URL))
		throw new TypeError("Class constructor URL cannot be invoked without 'new'");
	if (arguments.length === 0)
		throw errors.missingArgs(['url']);
	url = usv(url);
	r = native.urlParse(url, parseBase(url, base));
	if (r === null)
		throw invalidURL(url, base === undefined ? undefined : String(base));
	slot(this, kURL, { r: r, p: undefined });
}

/* A new record for the URL: its searchParams list follows the query. */
function setRecord(self, r) {
	var st = urlState(self);

	st.r = r;
	if (st.p !== undefined)
		st.p[kParams].list = r[R_QUERY] === null ? [] : parseForm(r[R_QUERY]);
}

/* Runs the parser from state on the record (prepared by edit): the
 * setters' way, which keeps what a failing parse changed before failing. */
function reparse(self, value, state, edit) {
	var r = record(self).slice();

	if (edit)
		edit(r);
	return (urlState(self).r = native.urlParse(value, undefined, r, state));
}

var UP = URL.prototype;

defineMethods(UP, {
	toString: function toString() { return href(record(this)); },
	toJSON: function toJSON() { return href(record(this)); }
});
accessor(UP, 'href', function () { return href(record(this)); }, function (v) {
	var r;

	record(this);
	v = usv(v);
	r = native.urlParse(v);
	if (r === null)
		throw invalidURL(v);
	setRecord(this, r);
});
accessor(UP, 'origin', function () { return origin(record(this)); });
accessor(UP, 'protocol', function () { return record(this)[R_SCHEME] + ':'; }, function (v) {
	record(this);
	reparse(this, usv(v) + ':', 'scheme');
});
accessor(UP, 'username', function () { return record(this)[R_USER]; }, function (v) {
	var r = record(this);

	if (!cannotHaveCredentials(r))
		r[R_USER] = native.urlEncode(usv(v), 'userinfo');
});
accessor(UP, 'password', function () { return record(this)[R_PASS]; }, function (v) {
	var r = record(this);

	if (!cannotHaveCredentials(r))
		r[R_PASS] = native.urlEncode(usv(v), 'userinfo');
});
accessor(UP, 'host', function () { return hostPort(record(this)); }, function (v) {
	if (!record(this)[R_OPAQUE])
		reparse(this, usv(v), 'host');
});
accessor(UP, 'hostname', function () {
	var h = record(this)[R_HOST];

	return h === null ? '' : h;
}, function (v) {
	if (!record(this)[R_OPAQUE])
		reparse(this, usv(v), 'hostname');
});
accessor(UP, 'port', function () {
	var p = record(this)[R_PORT];

	return p === null ? '' : String(p);
}, function (v) {
	var r = record(this);

	if (cannotHaveCredentials(r))
		return;
	v = usv(v);
	if (v === '')
		r[R_PORT] = null;
	else
		reparse(this, v, 'port');
});
accessor(UP, 'pathname', function () { return record(this)[R_PATH]; }, function (v) {
	if (!record(this)[R_OPAQUE])
		reparse(this, usv(v), 'path', function (r) { r[R_PATH] = ''; });
});
accessor(UP, 'search', function () {
	var q = record(this)[R_QUERY];

	return q === null || q === '' ? '' : '?' + q;
}, function (v) {
	var r = record(this);

	v = usv(v);
	if (v === '') {
		r[R_QUERY] = null;
		stripOpaque(r);
		setRecord(this, r);
		return;
	}
	if (v.charAt(0) === '?')
		v = v.slice(1);
	setRecord(this, reparse(this, v, 'query', function (c) { c[R_QUERY] = ''; }));
});
accessor(UP, 'searchParams', function () {
	var st = urlState(this);

	if (st.p === undefined) {
		st.p = new URLSearchParams();
		st.p[kParams].list = st.r[R_QUERY] === null ? [] : parseForm(st.r[R_QUERY]);
		st.p[kParams].url = this;
	}
	return st.p;
});
accessor(UP, 'hash', function () {
	var f = record(this)[R_FRAG];

	return f === null || f === '' ? '' : '#' + f;
}, function (v) {
	var r = record(this);

	v = usv(v);
	if (v === '') {
		r[R_FRAG] = null;
		stripOpaque(r);
		return;
	}
	if (v.charAt(0) === '#')
		v = v.slice(1);
	reparse(this, v, 'fragment', function (c) { c[R_FRAG] = ''; });
});
tag(UP, 'URL');

function canParse(url, base) {
	if (arguments.length === 0)
		throw errors.missingArgs(['url']);
	url = usv(url);
	if (base === undefined)
		return native.urlParse(url) !== null;
	base = native.urlParse(usv(base));
	return base !== null && native.urlParse(url, base) !== null;
}

function parse(url, base) {
	if (arguments.length === 0)
		throw errors.missingArgs(['url']);
	try {
		return new URL(url, base);
	} catch (e) {
		if (e.code === 'ERR_INVALID_URL')
			return null;
		throw e;
	}
}

/* ---- blob: URLs ---- */

/* Node's blob:nodedata:UUID URLs, in a registry per worker that holds a
 * Blob until its URL is revoked (as in Node, nothing else frees it). */
var blobURLs = null;

function blobId(url) {
	var parsed = URL.parse(String(url)), split;

	if (parsed === null || parsed.protocol !== 'blob:')
		return undefined;
	split = parsed.pathname.split(':');
	return split.length === 2 && split[0] === 'nodedata' ? split[1] : undefined;
}

function createObjectURL(obj) {
	var id;

	if (typeof globalThis.Blob !== 'function' || !(obj instanceof globalThis.Blob))
		throw errors.invalidArgType('obj', 'an instance of Blob', obj);
	if (blobURLs === null)
		blobURLs = new Map();
	id = globalThis.crypto.randomUUID();
	blobURLs.set(id, obj);
	return 'blob:nodedata:' + id;
}

function revokeObjectURL(url) {
	var id;

	if (arguments.length < 1)
		throw errors.missingArgs(['url']);
	id = blobId(url);
	if (id !== undefined && blobURLs !== null)
		blobURLs.delete(id);
}

/* require('buffer').resolveObjectURL: a Blob of the same bytes and type,
 * or undefined. */
function resolveObjectURL(url) {
	var id = blobId(url), b = id !== undefined && blobURLs !== null ? blobURLs.get(id) : undefined;

	return b === undefined ? undefined : new globalThis.Blob([b], { type: b.type });
}

defineMethods(URL, { parse: parse, canParse: canParse, createObjectURL: createObjectURL,
	revokeObjectURL: revokeObjectURL });

/* ---- application/x-www-form-urlencoded ---- */

function decodeForm(s) {
	return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : native.urlDecode(s, true);
}

function parseForm(s) {
	var list = [];

	s.split('&').forEach(function (seq) {
		var eq;

		if (seq === '')
			return;
		eq = seq.indexOf('=');
		if (eq < 0)
			list.push([decodeForm(seq), '']);
		else
			list.push([decodeForm(seq.slice(0, eq)), decodeForm(seq.slice(eq + 1))]);
	});
	return list;
}

function serializeForm(list) {
	return list.map(function (p) { return native.urlEncode(p[0], 'form') + '=' + native.urlEncode(p[1], 'form'); }).join('&');
}

/* ---- URLSearchParams ---- */

function list(self) {
	var st = self !== null && typeof self === 'object' ? self[kParams] : undefined;

	if (st === undefined)
		throw errors.withCode(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type URLSearchParams');
	return st.list;
}

/* The update steps: the URL's query becomes the serialised list. */
function update(self) {
	var st = self[kParams], r, s;

	if (st.url === undefined)
		return;
	r = record(st.url);
	s = serializeForm(st.list);
	r[R_QUERY] = s === '' ? null : s;
	if (s === '')
		stripOpaque(r);
}

function fromIterable(init) {
	var out = [];

	Array.from(init, function (pair) {
		var p;

		if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
		    typeof pair[Symbol.iterator] !== 'function')
			throw errors.withCode(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
		p = Array.from(pair);
		if (p.length !== 2)
			throw errors.withCode(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
		out.push([usv(p[0]), usv(p[1])]);
	});
	return out;
}

/* WebIDL's record<USVString, USVString>: keys that are the same once
 * made USV strings keep the first one's place and the last one's value. */
function fromRecord(init) {
	var out = [], at = Object.create(null);

	Object.keys(init).forEach(function (k) {
		var key = usv(k), value = usv(init[k]);

		if (at[key] === undefined)
			at[key] = out.push([key, value]) - 1;
		else
			out[at[key]][1] = value;
	});
	return out;
}

function URLSearchParams(init) {
	if (!(this instanceof URLSearchParams))
		throw new TypeError("Class constructor URLSearchParams cannot be invoked without 'new'");
	var l;

	if (init === undefined || init === null) {
		l = [];
	} else if (typeof init === 'object' || typeof init === 'function') {
		if (typeof init[Symbol.iterator] === 'function')
			l = fromIterable(init);
		else if (init[Symbol.iterator] !== undefined)
			throw errors.withCode(TypeError, 'ERR_ARG_NOT_ITERABLE', 'Query pairs must be iterable');
		else
			l = fromRecord(init);
	} else {
		init = usv(init);
		l = parseForm(init.charAt(0) === '?' ? init.slice(1) : init);
	}
	slot(this, kParams, { list: l, url: undefined });
}

var SP = URLSearchParams.prototype;

/* Node 20's console forms: a URL as its components under its class name
 * (beyond the depth `URL {}`), a URLSearchParams as its pairs, one line
 * while they fit in 80 columns (beyond the depth `[Object]`). */
inspector(UP, function (depth) {
	var ctor = this.constructor, o;

	if (typeof depth === 'number' && depth < 0)
		return (typeof ctor === 'function' ? ctor.name : 'URL') + ' {}';
	o = Object.create({ constructor: ctor });
	['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search',
	    'searchParams', 'hash'].forEach(function (k) { o[k] = this[k]; }, this);
	return o;
});
inspector(SP, function (depth, options, inspect) {
	var l = list(this), out = [], i, length = -2, name = this.constructor.name;

	if (typeof depth === 'number' && depth < 0)
		return '[Object]';
	for (i = 0; i < l.length; i++) {
		out.push(inspect(l[i][0], { depth: depth - 1 }) + ' => ' + inspect(l[i][1], { depth: depth - 1 }));
		length += out[i].length + 2;
	}
	if (length > options.breakLength)
		return name + ' {\n  ' + out.join(',\n  ') + ' }';
	return out.length > 0 ? name + ' { ' + out.join(', ') + ' }' : name + ' {}';
});

function needName(n) {
	if (n < 1)
		throw errors.missingArgs(['name']);
}

function needPair(n) {
	if (n < 2)
		throw errors.missingArgs(['name', 'value']);
}

function matches(p, name, value) {
	return p[0] === name && (value === undefined || p[1] === value);
}

accessor(SP, 'size', function () { return list(this).length; });
defineMethods(SP, {
	append: function append(name, value) {
		var l = list(this);

		needPair(arguments.length);
		l.push([usv(name), usv(value)]);
		update(this);
	},
	'delete': function (name, value) {
		var l = list(this), i;

		needName(arguments.length);
		name = usv(name);
		value = value === undefined ? undefined : usv(value);
		for (i = l.length - 1; i >= 0; i--)
			if (matches(l[i], name, value))
				l.splice(i, 1);
		update(this);
	},
	get: function get(name) {
		var l = list(this), i;

		needName(arguments.length);
		name = usv(name);
		for (i = 0; i < l.length; i++)
			if (l[i][0] === name)
				return l[i][1];
		return null;
	},
	getAll: function getAll(name) {
		var l = list(this);

		needName(arguments.length);
		name = usv(name);
		return l.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; });
	},
	has: function has(name, value) {
		var l = list(this), i;

		needName(arguments.length);
		name = usv(name);
		value = value === undefined ? undefined : usv(value);
		for (i = 0; i < l.length; i++)
			if (matches(l[i], name, value))
				return true;
		return false;
	},
	set: function set(name, value) {
		var l = list(this), i, found = false;

		needPair(arguments.length);
		name = usv(name);
		value = usv(value);
		for (i = 0; i < l.length; i++) {
			if (l[i][0] !== name)
				continue;
			if (found) {
				l.splice(i--, 1);
			} else {
				l[i][1] = value;
				found = true;
			}
		}
		if (!found)
			l.push([name, value]);
		update(this);
	},
	sort: function sort() {
		/* Array.prototype.sort is stable here; names compare by code units */
		list(this).sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
		update(this);
	},
	entries: function entries() { return iterator(this, 'entries'); },
	forEach: function forEach(callback, thisArg) {
		var l = list(this), i;

		if (typeof callback !== 'function')
			throw errors.invalidArgType('callback', 'of type function', callback);
		for (i = 0; i < l.length; i++)
			callback.call(thisArg, l[i][1], l[i][0], this);
	},
	keys: function keys() { return iterator(this, 'keys'); },
	values: function values() { return iterator(this, 'values'); },
	toString: function toString() { return serializeForm(list(this)); }
});
Object.defineProperty(SP, Symbol.iterator, { value: SP.entries, writable: true, configurable: true });
tag(SP, 'URLSearchParams');

/* The list's iterator: live, by index, as WebIDL's pair iterators are. */
function ParamsIterator(params, kind) {
	slot(this, kIter, { params: params, kind: kind, index: 0 });
}

function iterator(self, kind) {
	list(self);
	return new ParamsIterator(self, kind);
}

defineMethods(ParamsIterator.prototype, {
	next: function next() {
		var it = this[kIter], l = list(it.params), p;

		if (it.index >= l.length)
			return { value: undefined, done: true };
		p = l[it.index++];
		return { value: it.kind === 'keys' ? p[0] : it.kind === 'values' ? p[1] : [p[0], p[1]], done: false };
	}
});
Object.defineProperty(ParamsIterator.prototype, Symbol.iterator, {
	value: function () { return this; }, writable: true, configurable: true
});
tag(ParamsIterator.prototype, 'URLSearchParams Iterator');

module.exports = {
	URL: URL,
	URLSearchParams: URLSearchParams,
	domainToASCII: function domainToASCII(d) { return native.urlDomainToASCII(usv(d)); },
	resolveObjectURL: resolveObjectURL
};
