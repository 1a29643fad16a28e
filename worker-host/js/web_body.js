/*
 * web_body.js - the Body of Request and Response (WHATWG Fetch): what a
 * body init becomes (bytes and a content type: strings as UTF-8,
 * ArrayBuffers and views copied, Blobs, URLSearchParams when the global
 * exists, anything else as its string), and the readers every body has:
 * text(), json(), arrayBuffer(), blob(), bytes(), bodyUsed, body.  A body
 * is read once; a second read rejects with Node 20's TypeError, and the
 * body of a fetch aborted after its response came rejects with an
 * AbortError.  There are
 * no streams: the bytes are whole in memory and `body` is null.
 *
 * A lazy Web module (webmod.c), used by web_request.js and
 * web_response.js, which also take URLs through parseURL().
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter;
var Promise = global.Promise;
var encoder = new global.TextEncoder(), decoder = new global.TextDecoder();

/* obj[kBody]: null (no body) or { bytes: Uint8Array, release, aborted }
 * (release: called once when the body is first read, so that a fetch
 * stops watching its signal); obj[kUsed]: read */
var kBody = Symbol('body'), kUsed = Symbol('used');

/* A copy of a view's bytes: ArrayBuffer.prototype.slice is Duktape's
 * own (TypedArray.prototype.slice is the runtime's, element by element:
 * seconds for a large body). */
function copyBuffer(b) {
	return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/* The standard's "extract a body": { bytes, type } (type null when the
 * init says nothing), or null for no body. */
function extract(init) {
	if (init === undefined || init === null)
		return null;
	if (typeof init === 'string')
		return { bytes: encoder.encode(init), type: 'text/plain;charset=UTF-8' };
	if (init instanceof ArrayBuffer)
		return { bytes: new Uint8Array(init.slice(0)), type: null };
	if (ArrayBuffer.isView(init))
		return { bytes: new Uint8Array(copyBuffer(init)), type: null };
	if (init instanceof global.Blob)
		return { bytes: internal.blobBytes(init), type: init.type || null };
	if (typeof global.URLSearchParams === 'function' && init instanceof global.URLSearchParams)
		return { bytes: encoder.encode(String(init)), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
	return { bytes: encoder.encode(String(init)), type: 'text/plain;charset=UTF-8' };
}

/* An absolute URL's parts (mod_http.h), href from globalThis.URL when
 * the worker has one; Node's TypeError otherwise. */
function parseURL(input) {
	var s = String(input), u = native.http.parseUrl(s);

	if (u !== null && typeof global.URL === 'function') {
		try {
			u.href = new global.URL(s).href;
		} catch (e) {
			u = null;
		}
	}
	if (u === null)
		throw new TypeError('Failed to parse URL from ' + s);
	return u;
}

function init(obj, body) {
	hide(obj, kBody, body);
	hide(obj, kUsed, false);
}

function used(obj) {
	return obj[kBody] !== null && obj[kUsed];
}

/* The bytes of obj's body (empty for none), marking it read; rejects
 * when it was read before.  check(obj) is the class's brand check. */
function consume(obj, check, fn) {
	return new Promise(function (resolve) {
		var body;

		check(obj);
		body = obj[kBody];
		if (body !== null && body.aborted)
			throw new global.DOMException('The operation was aborted.', 'AbortError');
		if (used(obj))
			throw new TypeError('Body is unusable: Body has already been read');
		if (body !== null) {
			obj[kUsed] = true;
			if (body.release)
				body.release();
			body.release = null;
		}
		resolve(fn(body === null ? new Uint8Array(0) : body.bytes, obj));
	});
}

/* Adds the readers to proto; contentType(obj) is the type blob() takes. */
function mixin(proto, check, contentType) {
	hide(proto, 'text', function text() {
		return consume(this, check, function (b) { return decoder.decode(b); });
	});
	hide(proto, 'json', function json() {
		return consume(this, check, function (b) { return JSON.parse(decoder.decode(b)); });
	});
	hide(proto, 'arrayBuffer', function arrayBuffer() {
		return consume(this, check, copyBuffer);
	});
	hide(proto, 'bytes', function bytes() {
		return consume(this, check, function (b) { return new Uint8Array(copyBuffer(b)); });
	});
	hide(proto, 'blob', function blob() {
		return consume(this, check, function (b, obj) {
			return new global.Blob([b], { type: contentType(obj) || '' });
		});
	});
	getter(proto, 'bodyUsed', function () {
		check(this);
		return used(this);
	});
	getter(proto, 'body', function () {
		check(this);
		return null;
	});
}

return {
	extract: extract,
	init: init,
	mixin: mixin,
	used: used,
	/* the body record itself (null for none), shared by clones: bytes are never written */
	get: function (obj) { return obj[kBody]; },
	/* marks obj's body read (a Request made from it took it over) */
	take: function (obj) { obj[kUsed] = true; },
	/* the fetch that made obj was aborted: reading its body (or a clone's) rejects */
	abort: function (obj) {
		if (obj[kBody] !== null)
			obj[kBody].aborted = true;
	},
	parseURL: parseURL
};
})
