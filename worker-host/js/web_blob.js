/*
 * web_blob.js - Blob and File (W3C File API): parts of strings (UTF-8),
 * ArrayBuffers, views and Blobs copied into one byte array at
 * construction, `type` normalised (ASCII lowercase, or "" when it holds
 * anything outside U+0020-U+007E), slice() with negative indices sharing
 * the bytes of its Blob, text(), arrayBuffer(), bytes() as promises and
 * stream() as a ReadableStream.
 *
 * Evaluated once in the template with (global, native, internal).
 */
(function (global, native, internal) {
'use strict';

var kBytes = Symbol('bytes'), kType = Symbol('type'), kName = Symbol('name'), kModified = Symbol('lastModified');
var encoder = new global.TextEncoder(), decoder = new global.TextDecoder();
var Promise = global.Promise;

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;

function normalizeType(t) {
	t = String(t);
	return /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : '';
}

function describe(v) {
	return v === null ? 'null' : typeof v === 'string' ? "type string ('" + v + "')" : 'type ' + typeof v;
}

/* Line endings "native" are LF on this platform. */
function partBytes(part, endings) {
	if (part instanceof Blob)
		return part[kBytes];
	if (part instanceof ArrayBuffer)
		return new Uint8Array(part);
	if (ArrayBuffer.isView(part))
		return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
	part = String(part);
	if (endings === 'native')
		part = part.replace(/\r\n?/g, '\n');
	return encoder.encode(part);
}

function joinParts(parts, endings, argName) {
	var list = [], total = 0, out, at = 0, i;

	if (parts === undefined)
		return new Uint8Array(0);
	if (!isObject(parts) || typeof parts[Symbol.iterator] !== 'function')
		throw new TypeError('The "' + argName + '" argument must be a sequence. Received ' + describe(parts));
	Array.from(parts).forEach(function (p) {
		var b = partBytes(p, endings);

		list.push(b);
		total += b.length;
	});
	out = new Uint8Array(total);
	for (i = 0; i < list.length; i++) {
		out.set(list[i], at);
		at += list[i].length;
	}
	return out;
}

function readOptions(options) {
	var endings;

	if (options !== undefined && options !== null && !isObject(options))
		throw new TypeError('The "options" argument must be of type object. Received ' + describe(options));
	endings = isObject(options) && options.endings !== undefined ? String(options.endings) : 'transparent';
	if (endings !== 'transparent' && endings !== 'native')
		throw new TypeError('The "options.endings" property must be one of: \'transparent\', \'native\'. Received \'' + endings + "'");
	return {
		type: isObject(options) && options.type !== undefined ? normalizeType(options.type) : '',
		endings: endings
	};
}

function Blob(parts, options) {
	var o;

	if (!(this instanceof Blob))
		throw new TypeError("Class constructor Blob cannot be invoked without 'new'");
	o = readOptions(options);
	this[kBytes] = joinParts(parts, o.endings, 'sources');
	this[kType] = o.type;
}

var BP = Blob.prototype;
define.inspectAs(BP, function (b) { return { size: b.size, type: b.type }; });
getter(BP, 'size', function () { return this[kBytes].length; });
getter(BP, 'type', function () { return this[kType]; });
tag(BP, 'Blob');

/* A relative index of the File API's slice(): negative counts from the
 * end, then clamped to [0, size]. */
function clampIndex(v, size, dflt) {
	var n;

	if (v === undefined)
		return dflt;
	n = Number(v);
	n = n !== n ? 0 : n < 0 ? Math.ceil(n) : Math.floor(n);
	return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
}

hide(BP, 'slice', function slice(start, end, contentType) {
	var bytes = this[kBytes], size = bytes.length;
	var from = clampIndex(start, size, 0), to = clampIndex(end, size, size);
	var b = Object.create(BP);

	b[kBytes] = bytes.subarray(from, Math.max(from, to));
	b[kType] = contentType === undefined ? '' : normalizeType(contentType);
	return b;
});

function later(blob, fn) {
	var bytes = blob[kBytes];

	return new Promise(function (resolve) { resolve(fn(bytes)); });
}

hide(BP, 'text', function text() {
	return later(this, function (b) { return decoder.decode(b); });
});
hide(BP, 'arrayBuffer', function arrayBuffer() {
	return later(this, function (b) { return b.slice(0).buffer; });
});
hide(BP, 'bytes', function bytes() {
	return later(this, function (b) { return b.slice(0); });
});

/* A byte stream of a copy of the bytes, as Node's (web_streams.js). */
hide(BP, 'stream', function stream() {
	void global.ReadableStream;
	return internal.streams.fromBytes(this[kBytes]);
});

function File(bits, name, options) {
	var o;

	if (!(this instanceof File))
		throw new TypeError("Class constructor File cannot be invoked without 'new'");
	if (arguments.length < 2)
		throw new TypeError('The "fileBits" and "fileName" arguments must be specified');
	o = readOptions(options);
	this[kBytes] = joinParts(bits, o.endings, 'fileBits');
	this[kType] = o.type;
	this[kName] = String(name);
	this[kModified] = isObject(options) && options.lastModified !== undefined ?
	    Math.trunc(Number(options.lastModified)) || 0 : Date.now();
}
File.prototype = Object.create(BP);
hide(File.prototype, 'constructor', File);
Object.setPrototypeOf(File, Blob);
getter(File.prototype, 'name', function () { return this[kName]; });
getter(File.prototype, 'lastModified', function () { return this[kModified]; });
tag(File.prototype, 'File');
define.inspectAs(File.prototype, function (b) {
	return { size: b.size, type: b.type, name: b.name, lastModified: b.lastModified };
});

/* For fetch's bodies (web_body.js), which take a Blob's bytes at once. */
internal.blobBytes = function (b) { return b[kBytes]; };

hide(global, 'Blob', Blob);
hide(global, 'File', File);
})
