/*
 * web_body.js - the Body of Request and Response (WHATWG Fetch): what a
 * body init becomes (bytes and a content type: strings as UTF-8,
 * ArrayBuffers and views copied, Blobs, URLSearchParams when the global
 * exists, FormData as multipart/form-data (web_formdata.js), anything else
 * as its string), and the readers every body has: text(), json(),
 * arrayBuffer(), blob(), bytes(), formData(), bodyUsed, body.  A body
 * is read once; a second read rejects with Node 20's TypeError, and the
 * body of a fetch aborted after its response came rejects with an
 * AbortError.  A body is either bytes, whole in memory, or a
 * ReadableStream the script gave (web_streams.js); `body` is a byte
 * stream either way, made on first touch for bytes, and reading it uses
 * the body as reading text() would.  A clone of a stream body tees it.
 *
 * A lazy Web module (webmod.c), used by web_request.js and
 * web_response.js, which also take URLs through parseURL().
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter, isObject = define.isObject;
var Promise = global.Promise;
var encoder = new global.TextEncoder(), decoder = new global.TextDecoder();

/* obj[kBody]: null (no body) or { bytes: Uint8Array or null, stream:
 * ReadableStream or null, release, aborted } (release: called once when
 * the body is first read, so that a fetch stops watching its signal);
 * obj[kUsed]: read; obj[kStream]: what `body` gave, once touched */
var kBody = Symbol('body'), kUsed = Symbol('used'), kStream = Symbol('stream');

function streams() {
	void global.ReadableStream;	/* loads web_streams.js */
	return internal.streams;
}

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
	if (internal.streams && internal.streams.isReadable(init)) {
		if (internal.streams.isLocked(init) || internal.streams.isDisturbed(init))
			throw new TypeError('Response body object should not be disturbed or locked');
		return { bytes: null, stream: init, type: null };
	}
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
	if (isObject(init) && native.webModule('web_formdata').isFormData(init))
		return native.webModule('web_formdata').serialize(init);
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
	var s = obj[kStream];

	return obj[kBody] !== null && (obj[kUsed] || (s !== undefined && streams().isDisturbed(s)));
}

/* One Uint8Array of a stream's chunks, which must be Uint8Arrays. */
function concat(chunks) {
	var total = 0, out, at = 0, i;

	for (i = 0; i < chunks.length; i++) {
		if (!(chunks[i] instanceof Uint8Array))
			throw new TypeError('Received non-Uint8Array chunk');
		total += chunks[i].length;
	}
	out = new Uint8Array(total);
	for (i = 0; i < chunks.length; i++) {
		out.set(chunks[i], at);
		at += chunks[i].length;
	}
	return out;
}

/* A promise of the bytes of a body record, reading its stream if it has one. */
function bytesOf(body, stream) {
	if (stream === undefined || stream === null)
		return Promise.resolve(body.bytes);
	if (streams().isLocked(stream))
		return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
	return streams().readAll(stream).then(concat);
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
		if (body === null)
			return resolve(fn(new Uint8Array(0), obj));
		obj[kUsed] = true;
		if (body.release)
			body.release();
		body.release = null;
		resolve(bytesOf(body, obj[kStream] || body.stream).then(function (b) { return fn(b, obj); }));
	});
}

/* `body`: the stream of obj's body, made once per object for bytes (a
 * byte stream of one chunk, a copy: clones share the bytes). */
function bodyStream(obj) {
	var body = obj[kBody];

	if (body === null)
		return null;
	if (obj[kStream] === undefined)
		hide(obj, kStream, body.stream || streams().fromBytes(body.bytes));
	return obj[kStream];
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
	hide(proto, 'formData', function formData() {
		return consume(this, check, function (b, obj) {
			return native.webModule('web_formdata').parse(b, contentType(obj));
		});
	});
	getter(proto, 'bodyUsed', function () {
		check(this);
		return used(this);
	});
	getter(proto, 'body', function () {
		check(this);
		return bodyStream(this);
	});
}

return {
	extract: extract,
	init: init,
	mixin: mixin,
	used: used,
	/* the body record itself (null for none), shared by clones: bytes are never written */
	get: function (obj) { return obj[kBody]; },
	/* the record a clone of obj gets: the same bytes, or one branch of
	 * obj's stream teed (obj keeps the other) */
	cloneOf: function (obj) {
		var body = obj[kBody], s = obj[kStream] || (body !== null ? body.stream : null), pair, mine;

		if (s === null || s === undefined)
			return body;
		pair = s.tee();
		mine = { bytes: body.bytes, stream: pair[0], type: body.type, release: body.release, aborted: body.aborted };
		obj[kBody] = mine;
		if (obj[kStream] !== undefined)
			obj[kStream] = pair[0];
		return { bytes: body.bytes, stream: pair[1], type: body.type, release: null, aborted: body.aborted };
	},
	/* a promise of the body record with its bytes whole (a stream read to its end) */
	settle: function (body) {
		if (body === null || !body.stream)
			return Promise.resolve(body);
		return bytesOf(body, body.stream).then(function (b) {
			return { bytes: b, stream: null, type: body.type };
		});
	},
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
