/*
 * node_crypto.js - Node's `crypto` on libcrypto: createHash and
 * createHmac (update/digest/copy, with Node's encodings) on mod_hash.c,
 * pbkdf2 and scrypt (sync and callback), randomBytes, randomFill(Sync),
 * randomInt, randomUUID, getRandomValues, timingSafeEqual, getHashes, and
 * webcrypto/subtle (the global crypto, web_crypto.js).  Hash and Hmac are
 * not streams here (no .pipe); ciphers, signatures and key objects are
 * absent (docs/worker-api.md).
 */
'use strict';

var errors = require('internal/errors');
var later = require('internal/later');
var Buffer = require('buffer').Buffer;
var h = native.hash;
var webcrypto = globalThis.crypto;

function toBytes(data, enc, name) {
	return later.bytes(data, enc, name, 'of type string or an instance of Buffer, TypedArray, or DataView', true);
}

function encoded(bytes, enc) {
	var b = later.buffer(bytes);

	return enc === undefined || enc === 'buffer' ? b : b.toString(enc);
}

function finalized() {
	return errors.withCode(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
}

/* Hash and Hmac share the handle's life: update until digest. */
function Digester(handle) {
	Object.defineProperty(this, '_handle', { value: handle, writable: true });
}
Digester.prototype.update = function (data, enc) {
	if (this._handle === null)
		throw finalized();
	h.update(this._handle, toBytes(data, enc, 'data'));
	return this;
};
Digester.prototype.digest = function (enc) {
	var out;

	if (this._handle === null)
		throw finalized();
	out = h.digest(this._handle);
	this._handle = null;
	return encoded(out, enc);
};

function Hash(algorithm) {
	if (typeof algorithm !== 'string')
		throw errors.invalidArgType('algorithm', 'of type string', algorithm);
	Digester.call(this, h.hashCreate(algorithm));
}
Hash.prototype = Object.create(Digester.prototype);
Hash.prototype.constructor = Hash;
Hash.prototype.copy = function () {
	var c = Object.create(Hash.prototype);

	if (this._handle === null)
		throw finalized();
	Digester.call(c, h.copy(this._handle));
	return c;
};

function Hmac(algorithm, key) {
	if (typeof algorithm !== 'string')
		throw errors.invalidArgType('hmac', 'of type string', algorithm);
	Digester.call(this, h.hmacCreate(algorithm, toBytes(key, 'utf8', 'key')));
}
Hmac.prototype = Object.create(Digester.prototype);
Hmac.prototype.constructor = Hmac;

function checkInt(v, name, lo, hi) {
	if (typeof v !== 'number')
		throw errors.invalidArgType(name, 'of type number', v);
	if (v !== Math.floor(v) || v < lo || v > hi)
		throw errors.withCode(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name +
		    '" is out of range. It must be >= ' + lo + ' && <= ' + hi + '. Received ' + v);
	return v;
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
	checkInt(iterations, 'iterations', 1, 2147483647);
	checkInt(keylen, 'keylen', 0, 2147483647);
	if (typeof digest !== 'string')
		throw errors.invalidArgType('digest', 'of type string', digest);
	return encoded(h.pbkdf2(toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'),
	    iterations, keylen, digest));
}

function scryptSync(password, salt, keylen, options) {
	var o = options || {};
	var N = o.N || o.cost || 16384, r = o.r || o.blockSize || 8, p = o.p || o.parallelization || 1;
	var maxmem = o.maxmem || 33554432;

	checkInt(keylen, 'keylen', 0, 2147483647);
	if (N < 2 || (N & (N - 1)) !== 0)
		throw errors.withCode(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params: N must be a power of 2 greater than 1');
	return encoded(h.scrypt(toBytes(password, 'utf8', 'password'), toBytes(salt, 'utf8', 'salt'), keylen,
	    N, r, p, maxmem));
}

function randomFillSync(buf, offset, size) {
	var bytes = toBytes(buf, null, 'buf');

	offset = offset === undefined ? 0 : checkInt(offset, 'offset', 0, bytes.length);
	size = size === undefined ? bytes.length - offset : checkInt(size, 'size', 0, bytes.length - offset);
	for (var at = offset; at < offset + size; at += 65536)
		webcrypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, offset + size)));
	return buf;
}

function randomBytes(size, cb) {
	var b;

	checkInt(size, 'size', 0, 2147483647);
	b = randomFillSync(Buffer.alloc(size));
	if (cb === undefined)
		return b;
	later.checkCallback(cb);
	later.later(function () { cb(null, b); });
}

/* randomInt([min,] max[, cb]): uniform in [min, max), by rejection. */
function randomInt(min, max, cb) {
	var range, limit, x, buf = new Uint8Array(6);

	if (max === undefined || typeof max === 'function') {
		cb = max;
		max = min;
		min = 0;
	}
	if (!Number.isSafeInteger(min))
		throw errors.invalidArgType('min', 'a safe integer', min);
	if (!Number.isSafeInteger(max))
		throw errors.invalidArgType('max', 'a safe integer', max);
	if (max <= min)
		throw errors.withCode(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max);
	range = max - min;
	if (range > 281474976710655)
		throw errors.withCode(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "max - min" is out of range. It must be <= 281474976710655. Received ' + range);
	limit = 281474976710656 - (281474976710656 % range);
	do {
		webcrypto.getRandomValues(buf);
		x = ((buf[0] * 256 + buf[1]) * 256 + buf[2]) * 16777216 + ((buf[3] * 256 + buf[4]) * 256 + buf[5]);
	} while (x >= limit);
	if (cb === undefined)
		return min + x % range;
	later.checkCallback(cb);
	later.later(function () { cb(null, min + x % range); });
}

function timingSafeEqual(a, b) {
	var x = toBytes(a, null, 'buf1'), y = toBytes(b, null, 'buf2');

	if (x.length !== y.length)
		throw errors.withCode(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
	return native.timingSafeEqual(x, y);
}

module.exports = {
	createHash: function (algorithm) { return new Hash(algorithm); },
	createHmac: function (algorithm, key) { return new Hmac(algorithm, key); },
	Hash: Hash,
	Hmac: Hmac,
	getHashes: function () { return h.getHashes(); },
	pbkdf2Sync: pbkdf2Sync,
	pbkdf2: later.callbackForm(pbkdf2Sync),
	scryptSync: scryptSync,
	scrypt: later.callbackForm(function (password, salt, keylen, options) {
		return scryptSync(password, salt, keylen, typeof options === 'object' ? options : undefined);
	}),
	randomBytes: randomBytes,
	pseudoRandomBytes: randomBytes,
	randomFillSync: randomFillSync,
	randomFill: function (buf, offset, size, cb) {
		var args = Array.prototype.slice.call(arguments);

		cb = later.checkCallback(args.pop());
		later.later(function () {
			try {
				cb(null, randomFillSync.apply(null, args));
			} catch (e) {
				cb(e);
			}
		});
	},
	randomInt: randomInt,
	randomUUID: function () { return webcrypto.randomUUID(); },
	getRandomValues: function (a) { return webcrypto.getRandomValues(a); },
	timingSafeEqual: timingSafeEqual,
	webcrypto: webcrypto,
	subtle: webcrypto && webcrypto.subtle,
	constants: {}
};
