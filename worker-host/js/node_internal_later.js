/*
 * node_internal_later.js - what fs, zlib and crypto share to give a sync
 * call Node's callback and promise forms: the call runs later on the event
 * loop (one timer task each, in the order made), and bytes in and out of
 * the native modules as Uint8Arrays and Buffers.  Internal: only other
 * core modules require it.
 */
'use strict';

var errors = require('internal/errors');
var Buffer = require('buffer').Buffer;

function later(fn) {
	setTimeout(fn, 0);
}

function checkCallback(cb, name) {
	if (typeof cb !== 'function')
		throw errors.invalidArgType(name || 'callback', 'of type function', cb);
	return cb;
}

/* fn(args..., cb): sync(args...) later, then cb(err) or cb(null,
 * ...answer(result, args)) (default: the result alone). */
function callbackForm(sync, answer, cbName) {
	return function () {
		var args = Array.prototype.slice.call(arguments), cb = checkCallback(args.pop(), cbName);

		later(function () {
			var r;
			try {
				r = sync.apply(null, args);
			} catch (e) {
				return cb(e);
			}
			cb.apply(null, [null].concat(answer ? answer(r, args) : [r]));
		});
	};
}

/* fn(args...): a promise of sync(args...), run later. */
function promiseForm(sync) {
	return function () {
		var args = arguments;

		return new Promise(function (resolve, reject) {
			later(function () {
				try {
					resolve(sync.apply(null, args));
				} catch (e) {
					reject(e);
				}
			});
		});
	};
}

/* data as a Uint8Array over the same bytes: a string encoded (enc, default
 * utf8), a view, or (when arrayBuffers) an ArrayBuffer; anything else is
 * ERR_INVALID_ARG_TYPE for the argument name, expecting `expected`. */
function bytes(data, enc, name, expected, arrayBuffers) {
	if (typeof data === 'string')
		return new Uint8Array(Buffer.from(data, enc || 'utf8'));
	if (arrayBuffers && data instanceof ArrayBuffer)
		return new Uint8Array(data);
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	throw errors.invalidArgType(name, expected, data);
}

/* A Buffer over the bytes of u8 (no copy). */
function buffer(u8) {
	return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

module.exports = { later: later, checkCallback: checkCallback, callbackForm: callbackForm,
	promiseForm: promiseForm, bytes: bytes, buffer: buffer };
