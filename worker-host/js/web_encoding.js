/*
 * web_encoding.js - atob() and btoa() (HTML's forgiving base64): binary
 * strings of code units 0-255 on one side, base64 on the other, an
 * InvalidCharacterError DOMException for anything else.  The base64
 * itself is libcrypto's, through mod_crypto.c.  Also how TextEncoder and
 * TextDecoder (rt_text.c) print.
 *
 * Evaluated once in the template with (global, native, internal), after
 * web_events.js (for DOMException).
 */
(function (global, native, internal) {
'use strict';

var CHUNK = 8192;

var hide = internal.define.hide;

function missing() {
	var e = new TypeError('The "input" argument must be specified');

	e.code = 'ERR_MISSING_ARGS';
	return e;
}

function invalid(message) {
	return new global.DOMException(message, 'InvalidCharacterError');
}

function btoa(data) {
	var s, bytes, i, c;

	if (arguments.length < 1)
		throw missing();
	s = String(data);
	bytes = new Uint8Array(s.length);
	for (i = 0; i < s.length; i++) {
		c = s.charCodeAt(i);
		if (c > 255)
			throw invalid('Invalid character');
		bytes[i] = c;
	}
	return native.base64Encode(bytes);
}

function atob(data) {
	var s, bytes, out = '', i;

	if (arguments.length < 1)
		throw missing();
	s = String(data).replace(/[\t\n\f\r ]+/g, '');
	if (s.length % 4 === 0)
		s = s.replace(/={1,2}$/, '');
	if (!/^[A-Za-z0-9+\/]*$/.test(s))
		throw invalid('Invalid character');
	if (s.length % 4 === 1)
		throw invalid('The string to be decoded is not correctly encoded.');
	while (s.length % 4 !== 0)
		s += '=';
	bytes = native.base64Decode(s);
	for (i = 0; i < bytes.length; i += CHUNK)
		out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
	return out;
}

/* Node 20's console forms: TextEncoder's prints without its name. */
internal.define.inspectAs(global.TextDecoder.prototype, function (d) {
	return { encoding: d.encoding, fatal: d.fatal, ignoreBOM: d.ignoreBOM };
});
hide(global.TextEncoder.prototype, Symbol.for('nodejs.util.inspect.custom'), function (depth) {
	return typeof depth === 'number' && depth < 0 ? '[TextEncoder]' : { encoding: this.encoding };
});

hide(global, 'atob', atob);
hide(global, 'btoa', btoa);
})
