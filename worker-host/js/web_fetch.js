/*
 * web_fetch.js - fetch() (WHATWG Fetch) over mod_http.c: the request is
 * a Request (web_request.js), its default headers are undici's (with the
 * worker's user agent), redirects are followed (at most 20; 303, and 301
 * and 302 after a POST, become a GET without body; credentials go on a
 * change of origin), returned as they are ('manual') or refused
 * ('error'), gzip and deflate bodies are decoded (zlib, mod_zlib.c), the
 * signal aborts with its reason (after the response: its body rejects
 * with an AbortError), and failures are Node 20's: a TypeError
 * "fetch failed" whose `cause` is an Error naming the system's error
 * (code, errno, syscall, address, port or hostname).  The response is a
 * Response (web_response.js) with immutable headers, type 'basic', its
 * url without fragment and `redirected`, as soon as its head is in: its
 * body is a byte stream fed as the pieces arrive (decoded as they come),
 * the connection paused while more than STREAM_HWM bytes wait unread; a
 * body cut short errors the stream with undici's TypeError "terminated".
 *
 * A lazy Web module (webmod.c): compiled on the first touch of `fetch`.
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide;
var H = native.webModule('web_headers'), R = native.webModule('web_request');
var P = native.webModule('web_response'), B = native.webModule('web_body');
var Promise = global.Promise, Headers = H.Headers, Request = R.Request;
var http = native.http, zlib = native.zlib;

var MAX_REDIRECTS = 20, MAX_BODY = 64 * 1024 * 1024, STREAM_HWM = 1024 * 1024, PIECE = 65536;
var Z_INFLATE = 2, Z_GUNZIP = 4, Z_INFLATERAW = 6, Z_NO_FLUSH = 0;
/* undici's finishFlush: a body cut short is what arrived, not an error */
var Z_SYNC_FLUSH = 2;
var REDIRECT = { 301: true, 302: true, 303: true, 307: true, 308: true };
var NULL_BODY = { 101: true, 103: true, 204: true, 205: true, 304: true };
var BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
var ORIGIN_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
/* The Fetch standard's bad ports (undici's list in Node 20): a request to
 * one fails before it connects. */
var BAD_PORTS = {};
[1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
    103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
    512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
    995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
    6669, 6679, 6697, 10080].forEach(function (p) { BAD_PORTS[p] = true; });

function failed(cause) {
	var e = new TypeError('fetch failed');

	hide(e, 'cause', cause);
	return e;
}

function plainCause(message, code) {
	var e = new Error(message);

	if (code !== undefined)
		e.code = code;
	return e;
}

/* Location against the URL it came with: globalThis.URL when the worker
 * has one, else the forms a server sends (absolute, //host, /path,
 * ?query, relative to the directory). */
function resolve(location, base) {
	var b, dir;

	if (typeof global.URL === 'function')
		return new global.URL(location, base).href;
	if (/^[A-Za-z][A-Za-z0-9+.\-]*:/.test(location))
		return location;
	b = http.parseUrl(base);
	if (location.slice(0, 2) === '//')
		return b.scheme + ':' + location;
	if (location.charAt(0) === '/')
		return origin(b) + location;
	if (location.charAt(0) === '?')
		return origin(b) + b.path.replace(/\?.*$/, '') + location;
	dir = b.path.replace(/\?.*$/, '').replace(/[^\/]*$/, '');
	return origin(b) + dir + location;
}

function origin(u) {
	var dflt = u.scheme === 'https' ? 443 : 80;

	return u.scheme + '://' + u.host + (u.port !== dflt ? ':' + u.port : '');
}

function withoutFragment(href) {
	var i = href.indexOf('#');

	return i === -1 ? href : href.slice(0, i);
}

/* The wire's header list: the request's, then undici's defaults where
 * the request has none; content-length is mod_http's to write. */
function wireHeaders(list) {
	var out = [], seen = Object.create(null);

	list.forEach(function (p) {
		if (p[0] === 'content-length')
			return;
		seen[p[0]] = true;
		out.push([p[0], p[1]]);
	});
	[['accept', '*/*'], ['accept-language', '*'], ['sec-fetch-mode', 'cors'],
	    ['user-agent', global.navigator ? global.navigator.userAgent : 'workersd'],
	    ['accept-encoding', 'gzip, deflate']].forEach(function (d) {
		if (!seen[d[0]])
			out.push(d);
	});
	return out;
}

/* The body as the server's content-encoding says (zlibMode() picks the
 * format, as for a streamed body); throws zlib's error. */
function decode(bytes, encoding) {
	var mode = bytes.length > 0 ? zlibMode((encoding || '').trim().toLowerCase(), bytes) : 0;

	return mode === 0 ? bytes : zlib.run(mode, bytes, -1, 15, 8, 0, MAX_BODY, Z_SYNC_FLUSH);
}

/* zlib's mode for a content-encoding, given the body's first bytes
 * ("deflate" is zlib-wrapped by the standard, raw from some servers);
 * 0 for none. */
function zlibMode(encoding, first) {
	if (encoding === 'gzip' || encoding === 'x-gzip')
		return Z_GUNZIP;
	if (encoding !== 'deflate')
		return 0;
	return (first[0] & 0x0f) === 8 && (first.length < 2 || ((first[0] << 8) | first[1]) % 31 === 0) ?
	    Z_INFLATE : Z_INFLATERAW;
}

/* A decoder of a body arriving in pieces: push(bytes, last) gives what
 * decodes so far, in pieces of at most PIECE bytes, to out(). */
function pieceDecoder(encoding, out) {
	var h = null, mode = -1;

	encoding = (encoding || '').trim().toLowerCase();
	function close() {
		if (h !== null)
			zlib.close(h);
		h = null;
	}
	return {
		push: function (bytes, last) {
			var piece;

			if (mode === -1 && bytes.length > 0) {
				mode = zlibMode(encoding, bytes);
				if (mode !== 0)
					h = zlib.open(mode, -1, 15, 8, 0);
			}
			if (h === null)
				return bytes.length > 0 ? out(bytes) : undefined;
			try {
				zlib.input(h, bytes);
				do {
					piece = zlib.step(h, last ? Z_SYNC_FLUSH : Z_NO_FLUSH, PIECE);
					if (piece.length > 0)
						out(new Uint8Array(piece.buffer, piece.byteOffset, piece.length));
				} while (piece.length === PIECE);
			} catch (e) {
				close();
				throw e;
			}
			if (last)
				close();
		},
		close: close
	};
}

/* The body of a streamed response: a byte stream the request's events
 * feed.  Past STREAM_HWM unread bytes the connection pauses; a read
 * resumes it.  done() runs once, at the end, an error or a cancel. */
function bodySink(id, encoding, done) {
	var sink = { controller: null, paused: false, over: false, stream: null, decoder: null };

	sink.stream = new global.ReadableStream({
		type: 'bytes',
		start: function (c) { sink.controller = c; },
		pull: function () {
			if (sink.paused) {
				sink.paused = false;
				http.resume(id);
			}
		},
		cancel: function () {
			if (!sink.over) {
				http.abort(id);
				sink.end();
			}
		}
	});
	sink.decoder = pieceDecoder(encoding, function (b) { sink.controller.enqueue(b); });
	sink.end = function () {
		sink.over = true;
		sink.decoder.close();
		done();
	};
	sink.data = function (bytes) {
		sink.decoder.push(bytes, false);
		if (!sink.paused && sink.controller.desiredSize < -STREAM_HWM) {
			sink.paused = true;
			http.pause(id);
		}
	};
	sink.error = function (e) {
		sink.end();
		sink.controller.error(e);
	};
	return sink;
}

/* undici's error for a body cut short */
function terminated(cause) {
	var e = new TypeError('terminated');

	hide(e, 'cause', cause);
	return e;
}

function makeResponse(res, url, redirected, method, sink) {
	var headers = new Headers(), list = H.list(headers), body = null;

	res.headers.forEach(function (p) { list.push([p[0].toLowerCase(), p[1]]); });
	if (sink !== undefined)
		body = { bytes: null, stream: sink.stream, type: null };
	else if (method !== 'HEAD' && !NULL_BODY[res.status])
		body = { bytes: decode(res.body, headers.get('content-encoding')), type: null };
	return P.make({ status: res.status, statusText: res.statusText, headers: headers,
	    url: withoutFragment(url), redirected: redirected, type: 'basic' }, body);
}

function contentEncoding(res) {
	var v = null;

	res.headers.forEach(function (p) {
		if (v === null && p[0].toLowerCase() === 'content-encoding')
			v = p[1];
	});
	return v;
}

/* One fetch: a chain of requests, each a native one, until a response
 * that is not a redirect to follow. */
function run(parts, resolve_, reject) {
	var state = { url: parts.url, method: parts.method, headers: H.list(parts.headers).slice(),
	    body: parts.body, redirects: 0, id: 0, done: false, response: null, sink: null };
	var signal = parts.signal;

	function unwatch() {
		signal.removeEventListener('abort', onAbort);
	}

	/* The listener stays after a response with a body until the body is
	 * read: an abort meanwhile errors it, as undici's does. */
	function settle(fn, v) {
		var body;

		if (state.done)
			return;
		state.done = true;
		body = fn === resolve_ ? B.get(v) : null;
		if (body !== null) {
			state.response = v;
			body.release = unwatch;
		} else {
			unwatch();
		}
		fn(v);
	}

	function onAbort() {
		if (state.sink !== null && !state.sink.over) {
			http.abort(state.id);
			state.sink.error(signal.reason);
		}
		if (state.response) {
			B.abort(state.response);
			return;
		}
		if (state.id)
			http.abort(state.id);
		settle(reject, signal.reason);
	}

	function follow(res) {
		var loc = null, next, u;

		res.headers.forEach(function (p) {
			if (loc === null && p[0].toLowerCase() === 'location')
				loc = p[1];
		});
		if (loc === null || parts.redirect === 'manual')
			return false;
		if (parts.redirect === 'error')
			throw failed(plainCause('unexpected redirect'));
		if (state.redirects >= MAX_REDIRECTS)
			throw failed(plainCause('redirect count exceeded'));
		next = resolve(loc, state.url);
		u = http.parseUrl(next);
		if (u === null || (u.scheme !== 'http' && u.scheme !== 'https'))
			throw failed(plainCause('URL scheme must be a HTTP(S) scheme'));
		if (res.status === 303 ? state.method !== 'HEAD' : (res.status === 301 || res.status === 302) && state.method === 'POST') {
			state.method = 'GET';
			state.body = null;
			state.headers = state.headers.filter(function (p) { return BODY_HEADERS.indexOf(p[0]) === -1; });
		}
		if (origin(u) !== origin(http.parseUrl(state.url)))
			state.headers = state.headers.filter(function (p) { return ORIGIN_HEADERS.indexOf(p[0]) === -1; });
		state.url = u.href;
		state.redirects++;
		return true;
	}

	/* A piece of a streamed body, its end, or its failure. */
	function onBody(err, piece, end) {
		var sink = state.sink;

		if (sink.over)
			return;
		try {
			if (piece !== null)
				sink.data(piece);
			if (err) {
				sink.error(terminated(err));
			} else if (end) {
				sink.decoder.push(new Uint8Array(0), true);
				sink.end();
				sink.controller.close();
			}
		} catch (e) {
			http.abort(state.id);
			sink.error(e);
		}
	}

	function onResult(err, res, piece, end) {
		var sink;

		if (res === null)
			return onBody(err, piece, end);
		if (res === undefined || res.body !== undefined)
			state.id = 0;
		if (state.done)
			return;
		try {
			if (err)
				throw failed(err);
			if (REDIRECT[res.status] && follow(res))
				return send();
			if (res.body === undefined) {
				sink = bodySink(state.id, contentEncoding(res), function () { state.id = 0; });
				state.sink = sink;
			}
			settle(resolve_, makeResponse(res, state.url, state.redirects > 0, state.method, sink));
		} catch (e) {
			settle(reject, e);
		}
	}

	function send() {
		var u = http.parseUrl(state.url);

		if (u.scheme !== 'http' && u.scheme !== 'https')
			throw failed(plainCause('unknown scheme'));
		if (BAD_PORTS[u.port] === true)
			throw failed(plainCause('bad port'));
		state.id = http.request({ scheme: u.scheme, host: u.host, port: u.port, path: u.path,
		    method: state.method, headers: wireHeaders(state.headers), stream: state.method !== 'HEAD',
		    body: state.body === null ? undefined : state.body.bytes }, onResult);
	}

	if (signal.aborted)
		return reject(signal.reason);
	signal.addEventListener('abort', onAbort);
	try {
		send();
	} catch (e) {
		settle(reject, e.name === 'TypeError' && e.message === 'fetch failed' ? e : failed(e));
	}
}

function fetch(input, init) {
	var args = arguments;

	return new Promise(function (resolve_, reject) {
		var request, parts;

		if (args.length < 1)
			throw new TypeError("Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present.");
		request = new Request(input, init);
		parts = R.parts(request);
		/* a stream body is read whole before the request goes out */
		B.settle(parts.body).then(function (body) {
			parts.body = body;
			run(parts, resolve_, reject);
		}, reject);
	});
}

return { fetch: fetch };
})
