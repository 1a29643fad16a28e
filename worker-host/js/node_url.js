/*
 * node_url.js - Node's `url`: fileURLToPath and pathToFileURL (the
 * decoder and encoder of protocol/fileurl.c), and the legacy API: parse
 * (Url objects with Node's fields, auto-escaping, the query parsed on
 * request), format and resolve (RFC 3986 merging and dot segments).
 * URL and URLSearchParams are the WHATWG classes of internal/url (the
 * globals' own), loaded when first read; pathToFileURL gives a URL.
 * domainToASCII is the standard's domain to ASCII.  The legacy parser
 * does not convert international host names to punycode nor drop hosts
 * with invalid characters.
 * ES5, run as a core module (require.js).
 */
'use strict';

var errors = require('internal/errors');
var querystring = require('querystring');
var path = require('path');

var SLASHED = { 'http:': 1, 'https:': 1, 'ftp:': 1, 'gopher:': 1, 'file:': 1, 'ws:': 1, 'wss:': 1,
	http: 1, https: 1, ftp: 1, gopher: 1, file: 1, ws: 1, wss: 1 };
var HOSTLESS = { javascript: 1, 'javascript:': 1 };
var ESCAPES = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', '\'': '%27',
	'<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };

function Url() {
	this.protocol = null;
	this.slashes = null;
	this.auth = null;
	this.host = null;
	this.port = null;
	this.hostname = null;
	this.hash = null;
	this.search = null;
	this.query = null;
	this.pathname = null;
	this.path = null;
	this.href = null;
}

function setQuery(u, query, parseQuery) {
	u.query = parseQuery ? querystring.parse(query) : query;
}

/* The host part of rest (after "//"): auth, host, port; returns the rest. */
function parseAuthority(u, rest) {
	var i, c, at = -1, end = -1, host, port;

	for (i = 0; i < rest.length; i++) {
		c = rest.charAt(i);
		if (c === '/' || c === '?' || c === '#') {
			if (end === -1)
				end = i;
			break;
		}
		if ('\t\n\r "%\';<>\\^`{|}'.indexOf(c) >= 0) {
			if (end === -1)
				end = i;
		} else if (c === '@') {
			at = i;
			end = -1;
		}
	}
	if (at !== -1)
		u.auth = decodeURIComponent(rest.slice(0, at));
	host = end === -1 ? rest.slice(at + 1) : rest.slice(at + 1, end);
	rest = end === -1 ? '' : rest.slice(end);
	port = /:[0-9]*$/.exec(host);
	if (port) {
		if (port[0] !== ':')
			u.port = port[0].slice(1);
		host = host.slice(0, host.length - port[0].length);
	}
	u.hostname = host.length > 255 ? '' : host.toLowerCase();
	if (u.hostname.charAt(0) !== '[') {
		i = u.hostname.search(/[\/\\#?:]/);
		if (i !== -1) {
			rest = '/' + u.hostname.slice(i) + rest;
			u.hostname = u.hostname.slice(0, i);
		}
	}
	u.host = u.hostname + (u.port ? ':' + u.port : '');
	if (u.hostname.charAt(0) === '[' && u.hostname.charAt(u.hostname.length - 1) === ']') {
		u.hostname = u.hostname.slice(1, -1);
		if (rest.charAt(0) !== '/')
			rest = '/' + rest;
	}
	return rest;
}

function autoEscape(s) {
	return s.replace(/[\t\n\r "'<>\\^`{|}]/g, function (c) { return ESCAPES[c]; });
}

Url.prototype.parse = function (url, parseQuery, slashesDenoteHost) {
	var rest, split, simple, proto, lower, slashes, hash, qm;

	if (typeof url !== 'string')
		throw errors.invalidArgType('url', 'of type string', url);
	rest = url.replace(/^[\s\uFEFF\xA0]+|[\s\uFEFF\xA0]+$/g, '');
	split = rest.search(/[?#]/);
	rest = split === -1 ? rest.replace(/\\/g, '/') : rest.slice(0, split).replace(/\\/g, '/') + rest.slice(split);
	simple = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.exec(rest);
	if (!slashesDenoteHost && simple) {
		this.path = rest;
		this.href = rest;
		this.pathname = simple[1];
		if (simple[2]) {
			this.search = simple[2];
			setQuery(this, this.search.slice(1), parseQuery);
		} else if (parseQuery) {
			this.search = null;
			this.query = Object.create(null);
		}
		return this;
	}
	proto = /^[a-z0-9.+-]+:/i.exec(rest);
	if (proto) {
		proto = proto[0];
		lower = proto.toLowerCase();
		this.protocol = lower;
		rest = rest.slice(proto.length);
	}
	if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
		slashes = rest.slice(0, 2) === '//';
		if (slashes && !(proto && HOSTLESS[lower])) {
			rest = rest.slice(2);
			this.slashes = true;
		}
	}
	if (!HOSTLESS[lower] && (slashes || (proto && !SLASHED[lower])))
		rest = parseAuthority(this, rest);
	if (lower !== 'javascript:')
		rest = autoEscape(rest);
	hash = rest.indexOf('#');
	if (hash !== -1) {
		this.hash = rest.slice(hash);
		rest = rest.slice(0, hash);
	}
	qm = rest.indexOf('?');
	if (qm !== -1) {
		this.search = rest.slice(qm);
		setQuery(this, rest.slice(qm + 1), parseQuery);
		rest = rest.slice(0, qm);
	} else if (parseQuery) {
		this.search = null;
		this.query = Object.create(null);
	}
	if (rest)
		this.pathname = rest;
	if (SLASHED[lower] && this.hostname && !this.pathname)
		this.pathname = '/';
	if (this.pathname || this.search)
		this.path = (this.pathname || '') + (this.search || '');
	this.href = this.format();
	return this;
};

Url.prototype.format = function () {
	var auth = this.auth || '', protocol = this.protocol || '', pathname = this.pathname || '',
	    hash = this.hash || '', host = '', query = '', search;

	if (auth)
		auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
	if (this.host) {
		host = auth + this.host;
	} else if (this.hostname) {
		host = auth + (this.hostname.indexOf(':') >= 0 && this.hostname.charAt(0) !== '[' ?
		    '[' + this.hostname + ']' : this.hostname);
		if (this.port)
			host += ':' + this.port;
	}
	if (this.query !== null && typeof this.query === 'object')
		query = querystring.stringify(this.query);
	search = this.search || (query && '?' + query) || '';
	if (protocol && protocol.charAt(protocol.length - 1) !== ':')
		protocol += ':';
	pathname = pathname.replace(/[#?]/g, function (c) { return c === '#' ? '%23' : '%3F'; });
	if (this.slashes || SLASHED[protocol]) {
		if (this.slashes || host) {
			if (pathname && pathname.charAt(0) !== '/')
				pathname = '/' + pathname;
			host = '//' + host;
		} else if (protocol === 'file:') {
			host = '//';
		}
	}
	search = search.replace(/#/g, '%23');
	if (hash && hash.charAt(0) !== '#')
		hash = '#' + hash;
	if (search && search.charAt(0) !== '?')
		search = '?' + search;
	return protocol + host + pathname + search + hash;
};

function removeDots(p) {
	var out = [], parts = p.split('/'), i, s;

	for (i = 0; i < parts.length; i++) {
		s = parts[i];
		if (s === '.') {
			if (i === parts.length - 1)
				out.push('');
		} else if (s === '..') {
			if (out.length > 1 || (out.length === 1 && out[0] !== ''))
				out.pop();
			if (i === parts.length - 1)
				out.push('');
		} else {
			out.push(s);
		}
	}
	return out.join('/');
}

/* RFC 3986 section 5.2 on legacy Url objects. */
Url.prototype.resolveObject = function (relative) {
	var rel = typeof relative === 'string' ? urlParse(relative, false, true) : relative, out = new Url(), base;

	Object.keys(this).forEach(function (k) { out[k] = this[k]; }, this);
	out.hash = rel.hash;
	if (rel.protocol && rel.protocol !== this.protocol) {
		Object.keys(rel).forEach(function (k) { out[k] = rel[k]; });
	} else if (rel.host !== null || (rel.slashes && rel.hostname !== null)) {
		['auth', 'host', 'port', 'hostname', 'pathname', 'search', 'query'].forEach(function (k) { out[k] = rel[k]; });
		out.slashes = true;
		out.pathname = rel.pathname ? removeDots(rel.pathname) : out.pathname;
	} else if (rel.pathname) {
		if (rel.pathname.charAt(0) === '/') {
			out.pathname = removeDots(rel.pathname);
		} else {
			base = this.pathname || (this.host ? '/' : '');
			out.pathname = removeDots(base.slice(0, base.lastIndexOf('/') + 1) + rel.pathname);
		}
		out.search = rel.search;
		out.query = rel.query;
	} else if (rel.search !== null) {
		out.search = rel.search;
		out.query = rel.query;
	}
	out.path = out.pathname || out.search ? (out.pathname || '') + (out.search || '') : null;
	out.href = out.format();
	return out;
};

Url.prototype.resolve = function (relative) {
	return this.resolveObject(urlParse(relative, false, true)).format();
};

function urlParse(url, parseQuery, slashesDenoteHost) {
	if (url instanceof Url)
		return url;
	var u = new Url();

	return u.parse(url, parseQuery, slashesDenoteHost);
}

function urlFormat(obj) {
	if (typeof obj === 'string')
		return urlParse(obj).format();
	if (obj === null || typeof obj !== 'object')
		throw errors.invalidArgType('urlObject', 'one of type object or string', obj);
	if (obj instanceof require('internal/url').URL)
		return obj.href;
	return Url.prototype.format.call(obj);
}

function urlResolve(from, to) {
	return urlParse(from, false, true).resolve(to);
}

function fileURLToPath(url) {
	var href = url;

	/* Node's isURL: a URL, or what looks like one and not like a Url */
	if (typeof url === 'object' && url !== null && url.href && url.protocol && url.auth === undefined &&
	    url.path === undefined)
		href = String(url.href);
	else if (typeof url !== 'string')
		throw errors.invalidArgType('path', 'of type string or an instance of URL', url);
	if (!/^file:/i.test(href)) {
		if (!/^[a-z][a-z0-9+.-]*:/i.test(href))
			throw errors.withCode(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
		throw errors.withCode(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
	}
	try {
		return native.fileURLPath(href);
	} catch (e) {
		if (/host/.test(e.message))
			throw errors.withCode(TypeError, 'ERR_INVALID_FILE_URL_HOST',
			    'File URL host must be "localhost" or empty on linux');
		if (/encoded \//.test(e.message))
			throw errors.withCode(TypeError, 'ERR_INVALID_FILE_URL_PATH',
			    'File URL path must not include encoded / characters');
		throw errors.withCode(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
	}
}

function fileHref(p) {
	var abs = path.resolve(p);

	if (p.charAt(p.length - 1) === '/' && abs !== '/')
		abs += '/';
	return native.fileURL(abs);
}

function pathToFileURL(p) {
	if (typeof p !== 'string')
		throw errors.invalidArgType('path', 'of type string', p);
	return new (require('internal/url').URL)(fileHref(p));
}

function domainToASCII(domain) {
	if (arguments.length === 0)
		throw errors.missingArgs(['domain']);
	return require('internal/url').domainToASCII(domain);
}

/* What http.request takes for a WHATWG URL (Node's field order). */
function urlToHttpOptions(u) {
	var o = Object.create(null);
	var host = u.hostname;

	o.protocol = u.protocol;
	o.hostname = host.charAt(0) === '[' ? host.slice(1, -1) : host;
	o.hash = u.hash;
	o.search = u.search;
	o.pathname = u.pathname;
	o.path = (u.pathname || '') + (u.search || '');
	o.href = u.href;
	if (u.port !== '')
		o.port = Number(u.port);
	if (u.username || u.password)
		o.auth = decodeURIComponent(u.username) + ':' + decodeURIComponent(u.password);
	return o;
}

module.exports = {
	Url: Url,
	parse: urlParse,
	format: urlFormat,
	resolve: urlResolve,
	resolveObject: function resolveObject(from, to) { return urlParse(from, false, true).resolveObject(to); },
	fileURLToPath: fileURLToPath,
	pathToFileURL: pathToFileURL,
	domainToASCII: domainToASCII,
	urlToHttpOptions: urlToHttpOptions
};
/* the classes load with their first read, as the globals do */
['URL', 'URLSearchParams'].forEach(function (name) {
	Object.defineProperty(module.exports, name, {
		get: function () { return require('internal/url')[name]; }, enumerable: true, configurable: true
	});
});
