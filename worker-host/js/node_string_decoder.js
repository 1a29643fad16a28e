/*
 * node_string_decoder.js - Node's `string_decoder`: StringDecoder for
 * utf8 (the default), utf16le/ucs2, latin1/binary, ascii, base64,
 * base64url and hex, holding back an incomplete character (utf8,
 * utf16le) or base64 group between write() calls; end() flushes it (an
 * incomplete UTF-8 sequence as U+FFFD).  UTF-8 is the runtime's
 * TextDecoder in streaming mode, base64 and hex the engine's
 * Duktape.enc.  write() takes any ArrayBufferView or a string.
 * ES5, run as a core module (require.js).
 */
'use strict';

var errors = require('internal/errors');

var NAMES = {
	utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le',
	'utf-16le': 'utf16le', latin1: 'latin1', binary: 'latin1', base64: 'base64',
	base64url: 'base64url', hex: 'hex', ascii: 'ascii'
};

function normalize(enc) {
	var name;

	if (enc === undefined || enc === null || enc === '')
		return 'utf8';
	name = NAMES[String(enc).toLowerCase()];
	if (!name)
		throw errors.withCode(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
	return name;
}

function bytesOf(buf) {
	if (buf instanceof Uint8Array)
		return buf;
	if (ArrayBuffer.isView(buf))
		return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
	throw errors.invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
}

function concat(a, b) {
	var out = new Uint8Array(a.length + b.length);

	out.set(a, 0);
	out.set(b, a.length);
	return out;
}

function base64(bytes, url) {
	var s = bytes.length ? Duktape.enc('base64', bytes) : '';

	return url ? s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : s;
}

function singleByte(bytes, mask) {
	var s = '', i;

	for (i = 0; i < bytes.length; i++)
		s += String.fromCharCode(bytes[i] & mask);
	return s;
}

function StringDecoder(encoding) {
	this.encoding = normalize(encoding);
	this._held = new Uint8Array(0);
	this._utf8 = this.encoding === 'utf8' ? new TextDecoder('utf-8') : null;
}

/* utf16le: whole code units, and a high surrogate held for its pair. */
function utf16(self, bytes, flush) {
	var all = concat(self._held, bytes), n = all.length - (all.length % 2), s = '', i, last;

	for (i = 0; i < n; i += 2)
		s += String.fromCharCode(all[i] | (all[i + 1] << 8));
	self._held = all.subarray(n);
	if (!flush && s.length) {
		last = s.charCodeAt(s.length - 1);
		if (last >= 0xD800 && last <= 0xDBFF) {
			self._held = concat(all.subarray(n - 2, n), self._held);
			s = s.slice(0, -1);
		}
	}
	if (flush)
		self._held = new Uint8Array(0);
	return s;
}

/* Node holds back a final lead byte that can never start a valid
 * sequence (C0, C1, F5-F7) as it does any other; the streaming
 * TextDecoder would replace it at once. */
function utf8(self, bytes, flush) {
	var all = self._held.length ? concat(self._held, bytes) : bytes, last = all[all.length - 1];

	self._held = new Uint8Array(0);
	if (!flush && (last === 0xC0 || last === 0xC1 || (last >= 0xF5 && last <= 0xF7))) {
		self._held = all.subarray(all.length - 1);
		all = all.subarray(0, all.length - 1);
	}
	return self._utf8.decode(all, { stream: !flush });
}

function decode(self, bytes, flush) {
	var all, n;

	switch (self.encoding) {
	case 'utf8':
		return utf8(self, bytes, flush);
	case 'utf16le':
		return utf16(self, bytes, flush);
	case 'base64':
	case 'base64url':
		all = concat(self._held, bytes);
		n = flush ? all.length : all.length - (all.length % 3);
		self._held = all.subarray(n);
		return base64(all.subarray(0, n), self.encoding === 'base64url');
	case 'hex':
		return bytes.length ? Duktape.enc('hex', bytes) : '';
	case 'latin1':
		return singleByte(bytes, 0xFF);
	default:
		return singleByte(bytes, 0x7F);
	}
}

StringDecoder.prototype.write = function write(buf) {
	if (typeof buf === 'string')
		return buf;
	return decode(this, bytesOf(buf), false);
};

StringDecoder.prototype.end = function end(buf) {
	var s = buf === undefined ? '' : this.write(buf);

	return s + decode(this, new Uint8Array(0), true);
};

StringDecoder.prototype.text = function text(buf, offset) {
	return this.write(bytesOf(buf).subarray(offset));
};

module.exports = { StringDecoder: StringDecoder };
