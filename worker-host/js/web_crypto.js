/*
 * web_crypto.js - the `crypto` global (Web Crypto API): getRandomValues()
 * and randomUUID() on the kernel's random bytes, and crypto.subtle's
 * digest (SHA-1/256/384/512) and the HMAC key operations (importKey and
 * exportKey in the raw format, sign, verify), promise-returning as the
 * standard says, over libcrypto through mod_crypto.c.  Key material lives
 * in a WeakMap private to this file.
 *
 * Evaluated once in the template with (global, native, internal), after
 * web_events.js (for DOMException).
 */
(function (global, native, internal) {
'use strict';

var DOMException = global.DOMException, Promise = global.Promise;
var hashes = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
var blockBits = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
var integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array];
var material = new WeakMap();
var making = false;

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;

function domError(message, name) {
	return new DOMException(message, name);
}

function illegal() {
	if (!making)
		throw new TypeError('Illegal constructor');
}

function needArgs(args, n, method, iface) {
	var e;

	if (args.length >= n)
		return;
	e = new TypeError("Failed to execute '" + method + "' on '" + iface + "': " + n +
		    ' argument' + (n > 1 ? 's' : '') + ' required, but only ' + args.length + ' present.');
	e.code = 'ERR_MISSING_ARGS';
	throw e;
}

/* A copy of a BufferSource's bytes. */
function bufferSource(v, method, nth) {
	if (v instanceof ArrayBuffer)
		return new Uint8Array(v.slice(0));
	if (ArrayBuffer.isView(v))
		return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
	throw new TypeError("Failed to execute '" + method + "' on 'SubtleCrypto': " + nth +
	    ' argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
}

/* ---- Crypto ---- */

function Crypto() {
	illegal();
}
tag(Crypto.prototype, 'Crypto');

hide(Crypto.prototype, 'getRandomValues', function getRandomValues(array) {
	var i;

	needArgs(arguments, 1, 'getRandomValues', 'Crypto');
	for (i = 0; i < integerArrays.length; i++)
		if (array instanceof integerArrays[i])
			break;
	if (i === integerArrays.length)
		throw domError('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
	if (array.byteLength > 65536)
		throw domError('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
	native.randomFill(array);
	return array;
});

hide(Crypto.prototype, 'randomUUID', function randomUUID() {
	var b = native.randomFill(new Uint8Array(16)), hex = '', i;

	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	for (i = 0; i < 16; i++) {
		hex += (b[i] < 16 ? '0' : '') + b[i].toString(16);
		if (i === 3 || i === 5 || i === 7 || i === 9)
			hex += '-';
	}
	return hex;
});

/* ---- CryptoKey ---- */

function CryptoKey() {
	illegal();
}
tag(CryptoKey.prototype, 'CryptoKey');
function keyField(key) {
	return function () {
		var m = material.get(this);

		return m ? m[key] : undefined;
	};
}
getter(CryptoKey.prototype, 'type', keyField('type'));
getter(CryptoKey.prototype, 'extractable', keyField('extractable'));
getter(CryptoKey.prototype, 'algorithm', keyField('algorithm'));
getter(CryptoKey.prototype, 'usages', keyField('usages'));

function newKey(bytes, algorithm, extractable, usages) {
	var k;

	making = true;
	try {
		k = new CryptoKey();
	} finally {
		making = false;
	}
	material.set(k, { bytes: bytes, type: 'secret', extractable: !!extractable, algorithm: algorithm, usages: usages });
	return k;
}

/* ---- SubtleCrypto ---- */

/* {name} from a string or a dictionary, the name in its registered case
 * when it is one of `known`. */
function algorithmName(alg, known) {
	var name = isObject(alg) ? alg.name : alg, k;

	if (typeof name !== 'string' && !isObject(alg))
		throw new TypeError('Algorithm: Unrecognized name');
	name = String(name);
	for (k = 0; k < known.length; k++)
		if (known[k].toUpperCase() === name.toUpperCase())
			return known[k];
	throw domError('Unrecognized algorithm name', 'NotSupportedError');
}

function hashName(alg) {
	return algorithmName(alg, Object.keys(hashes));
}

/* Runs fn now; its result or its throw settles the promise. */
function settle(fn) {
	return new Promise(function (resolve) { resolve(fn()); });
}

function SubtleCrypto() {
	illegal();
}
tag(SubtleCrypto.prototype, 'SubtleCrypto');
var SCP = SubtleCrypto.prototype;

hide(SCP, 'digest', function digest(algorithm, data) {
	var args = arguments;

	return settle(function () {
		needArgs(args, 2, 'digest', 'SubtleCrypto');
		return native.digest(hashes[hashName(algorithm)], bufferSource(data, 'digest', '2nd'));
	});
});

function importHmac(bytes, algorithm, extractable, usages) {
	var hash, length, bits = bytes.length * 8, i;

	if (!isObject(algorithm) || algorithm.hash === undefined)
		throw new TypeError('Algorithm: hash: Missing or not an AlgorithmIdentifier');
	hash = hashName(algorithm.hash);
	usages = Array.prototype.slice.call(usages);
	for (i = 0; i < usages.length; i++)
		if (usages[i] !== 'sign' && usages[i] !== 'verify')
			throw domError('Unsupported key usage for an HMAC key', 'SyntaxError');
	if (bits === 0)
		throw domError('Zero-length key is not supported', 'DataError');
	length = algorithm.length === undefined ? bits : Number(algorithm.length);
	if (!(length > bits - 8 && length <= bits))
		throw domError('Invalid key length', 'DataError');
	if (usages.length === 0)
		throw domError('Usages cannot be empty when importing a secret key.', 'SyntaxError');
	return newKey(bytes, { name: 'HMAC', hash: { name: hash }, length: length }, extractable, usages);
}

hide(SCP, 'importKey', function importKey(format, keyData, algorithm, extractable, keyUsages) {
	var args = arguments;

	return settle(function () {
		needArgs(args, 5, 'importKey', 'SubtleCrypto');
		if (algorithmName(algorithm, ['HMAC']) !== 'HMAC' || format !== 'raw')
			throw domError('Unable to import HMAC key with format ' + format, 'NotSupportedError');
		if (!isObject(keyUsages) || typeof keyUsages.length !== 'number')
			throw new TypeError("Failed to execute 'importKey' on 'SubtleCrypto': 5th argument is not iterable.");
		return importHmac(bufferSource(keyData, 'importKey', '2nd'), algorithm, extractable, keyUsages);
	});
});

hide(SCP, 'exportKey', function exportKey(format, key) {
	var args = arguments;

	return settle(function () {
		var m;

		needArgs(args, 2, 'exportKey', 'SubtleCrypto');
		m = material.get(key);
		if (!m)
			throw new TypeError("Failed to execute 'exportKey' on 'SubtleCrypto': 2nd argument is not of type CryptoKey.");
		if (format !== 'raw')
			throw domError('Unable to export HMAC key with format ' + format, 'NotSupportedError');
		if (!m.extractable)
			throw domError('key is not extractable', 'InvalidAccessError');
		return m.bytes.slice(0).buffer;
	});
});

/* The key's material after the checks every HMAC operation shares. */
function hmacKey(algorithm, key, usage) {
	var m = material.get(key);

	if (!m)
		throw new TypeError("Failed to execute '" + usage + "' on 'SubtleCrypto': 2nd argument is not of type CryptoKey.");
	if (algorithmName(algorithm, ['HMAC']) !== m.algorithm.name)
		throw domError('The requested operation is not valid for the provided key', 'InvalidAccessError');
	if (m.usages.indexOf(usage) < 0)
		throw domError('Unable to use this key to ' + usage, 'InvalidAccessError');
	return m;
}

hide(SCP, 'sign', function sign(algorithm, key, data) {
	var args = arguments;

	return settle(function () {
		var m;

		needArgs(args, 3, 'sign', 'SubtleCrypto');
		m = hmacKey(algorithm, key, 'sign');
		return native.hmac(hashes[m.algorithm.hash.name], m.bytes, bufferSource(data, 'sign', '3rd'));
	});
});

hide(SCP, 'verify', function verify(algorithm, key, signature, data) {
	var args = arguments;

	return settle(function () {
		var m, sig, mac;

		needArgs(args, 4, 'verify', 'SubtleCrypto');
		m = hmacKey(algorithm, key, 'verify');
		sig = bufferSource(signature, 'verify', '3rd');
		mac = native.hmac(hashes[m.algorithm.hash.name], m.bytes, bufferSource(data, 'verify', '4th'));
		return sig.length === mac.byteLength && native.timingSafeEqual(sig, mac);
	});
});

making = true;
var subtle = new SubtleCrypto(), crypto = new Crypto();
making = false;
getter(Crypto.prototype, 'subtle', function () { return subtle; });

hide(global, 'Crypto', Crypto);
hide(global, 'CryptoKey', CryptoKey);
hide(global, 'SubtleCrypto', SubtleCrypto);
hide(global, 'crypto', crypto);
})
