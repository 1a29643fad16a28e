/*
 * node_querystring.js - Node's `querystring`: parse/decode (a
 * null-prototype object, repeated keys as arrays, "+" as space, maxKeys
 * 1000 by default, a malformed %-sequence kept as it is and invalid UTF-8
 * as U+FFFD, as Node's unescapeBuffer fallback gives), stringify/encode,
 * escape and unescape, with custom sep, eq and (en|de)codeURIComponent.
 * Absent: unescapeBuffer (no Buffer module yet).  ES5, run as a core
 * module (require.js).
 */
'use strict';

var errors = require('internal/errors');

function escape(s) {
	if (typeof s !== 'string') {
		if (typeof s === 'object')
			s = String(s);
		else
			s += '';
	}
	try {
		return encodeURIComponent(s);
	} catch (e) {
		throw errors.withCode(URIError, 'ERR_INVALID_URI', 'URI malformed');
	}
}

/* Node's unescapeBuffer, then UTF-8 with replacement: valid %XX become
 * bytes, anything else stays as its own UTF-8. */
function unescapeBytes(s) {
	var bytes = [], i, c, h;

	for (i = 0; i < s.length; i++) {
		c = s.charAt(i);
		h = s.slice(i + 1, i + 3);
		if (c === '%' && /^[0-9a-fA-F]{2}$/.test(h)) {
			bytes.push(parseInt(h, 16));
			i += 2;
		} else {
			Array.prototype.push.apply(bytes, Array.prototype.slice.call(new TextEncoder().encode(c)));
		}
	}
	return new TextDecoder().decode(new Uint8Array(bytes));
}

function unescape(s) {
	try {
		return decodeURIComponent(s);
	} catch (e) {
		return unescapeBytes(s);
	}
}

function primitive(v) {
	if (typeof v === 'string')
		return v;
	if (typeof v === 'number' && isFinite(v))
		return '' + v;
	if (typeof v === 'boolean')
		return v ? 'true' : 'false';
	return '';
}

function stringify(obj, sep, eq, options) {
	var encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
	var keys, out = [], i, k, v, j;

	sep = sep || '&';
	eq = eq || '=';
	if (obj === null || typeof obj !== 'object')
		return '';
	keys = Object.keys(obj);
	for (i = 0; i < keys.length; i++) {
		k = encode(primitive(keys[i])) + eq;
		v = obj[keys[i]];
		if (Array.isArray(v)) {
			for (j = 0; j < v.length; j++)
				out.push(k + encode(primitive(v[j])));
		} else {
			out.push(k + encode(primitive(v)));
		}
	}
	return out.join(sep);
}

function decoder(options) {
	var decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : unescape;

	return function (s) {
		if (s.indexOf('+') >= 0)
			s = s.replace(/\+/g, ' ');
		if (s.indexOf('%') < 0 && decode === unescape)
			return s;
		try {
			return decode(s);
		} catch (e) {
			return unescape(s);
		}
	};
}

function parse(qs, sep, eq, options) {
	var obj = Object.create(null), decode = decoder(options), pairs, max = 1000, i, p, at, k, v;

	if (typeof qs !== 'string' || qs.length === 0)
		return obj;
	sep = sep ? String(sep) : '&';
	eq = eq ? String(eq) : '=';
	if (options && typeof options.maxKeys === 'number')
		max = options.maxKeys;
	pairs = qs.split(sep);
	if (max > 0 && pairs.length > max)
		pairs = pairs.slice(0, max);
	for (i = 0; i < pairs.length; i++) {
		p = pairs[i];
		if (p === '')
			continue;
		at = p.indexOf(eq);
		k = decode(at >= 0 ? p.slice(0, at) : p);
		v = at >= 0 ? decode(p.slice(at + eq.length)) : '';
		if (!(k in obj))
			obj[k] = v;
		else if (Array.isArray(obj[k]))
			obj[k].push(v);
		else
			obj[k] = [obj[k], v];
	}
	return obj;
}

module.exports = {
	parse: parse,
	decode: parse,
	stringify: stringify,
	encode: stringify,
	escape: escape,
	unescape: unescape
};
