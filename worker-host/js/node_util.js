/*
 * node_util.js - Node's `util`: format/formatWithOptions and inspect (the
 * console's formatters, rt_inspect.c: Node 20's defaults; of the options
 * only `depth` is honoured; custom inspectors, util.inspect.custom, are
 * called), promisify with util.promisify.custom, callbackify,
 * inherits, deprecate (one warning per code), debuglog (NODE_DEBUG),
 * types (util/types), isDeepStrictEqual, TextEncoder/TextDecoder,
 * stripVTControlCharacters, toUSVString and the legacy is* predicates.
 * Absent: parseArgs, MIMEType, transferableAbortSignal, getSystemErrorMap.
 * ES5, run as a core module (require.js).
 */
'use strict';

var types = require('util/types');
var isDeepEqual = require('internal/compare');
var errors = require('internal/errors');

var customInspect = Symbol.for('nodejs.util.inspect.custom');
var customPromisify = Symbol.for('nodejs.util.promisify.custom');

function argTypeError(name, type, value) {
	return errors.invalidArgType(name, 'of type ' + type, value);
}

function format() {
	return native.utilFormat.apply(null, arguments);
}

function formatWithOptions(opts) {
	if (opts === null || typeof opts !== 'object')
		throw argTypeError('inspectOptions', 'object', opts);
	return native.utilFormat.apply(null, Array.prototype.slice.call(arguments, 1));
}

/* the console's own, which custom inspectors receive (rt_inspect.h) */
var inspect = native.inspect;
inspect.custom = customInspect;
inspect.defaultOptions = { showHidden: false, depth: 2, colors: false, customInspect: true,
	showProxy: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3,
	sorted: false, getters: false, numericSeparator: false };

function promisify(original) {
	var fn;

	if (typeof original !== 'function')
		throw argTypeError('original', 'function', original);
	if (original[customPromisify]) {
		fn = original[customPromisify];
		if (typeof fn !== 'function')
			throw argTypeError('util.promisify.custom', 'function', fn);
		return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false,
			writable: false, configurable: true });
	}
	fn = function () {
		var self = this, args = Array.prototype.slice.call(arguments);

		return new Promise(function (resolve, reject) {
			args.push(function (err, value) {
				if (err)
					reject(err);
				else
					resolve(value);
			});
			original.apply(self, args);
		});
	};
	Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
	Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false,
		configurable: true });
	Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
	return fn;
}
promisify.custom = customPromisify;

function callbackify(original) {
	if (typeof original !== 'function')
		throw argTypeError('original', 'function', original);
	function callbackified() {
		var args = Array.prototype.slice.call(arguments), cb = args.pop(), self = this;

		if (typeof cb !== 'function') {
			throw errors.withCode(TypeError, 'ERR_INVALID_ARG_TYPE',
			    'The last argument must be of type function. ' + errors.received(cb));
		}
		original.apply(self, args).then(function (v) {
			process.nextTick(cb, null, v);
		}, function (reason) {
			var err = reason;

			if (!reason) {
				err = new Error('Promise was rejected with falsy value');
				err.code = 'ERR_FALSY_VALUE_REJECTION';
				err.reason = reason;
			}
			process.nextTick(cb, err);
		});
	}
	Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
	Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
	return callbackified;
}

function inherits(ctor, superCtor) {
	if (ctor === undefined || ctor === null)
		throw argTypeError('ctor', 'function', ctor);
	if (superCtor === undefined || superCtor === null)
		throw argTypeError('superCtor', 'function', superCtor);
	if (superCtor.prototype === undefined)
		throw argTypeError('superCtor.prototype', 'object', superCtor.prototype);
	Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
	Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

var deprecationsWarned = Object.create(null);

function deprecate(fn, msg, code) {
	var warned = false;

	if (typeof fn !== 'function')
		throw argTypeError('fn', 'function', fn);
	function deprecated() {
		if (!warned && !(code !== undefined && deprecationsWarned[code])) {
			warned = true;
			if (code !== undefined)
				deprecationsWarned[code] = true;
			process.emitWarning(msg, 'DeprecationWarning', code);
		}
		if (this instanceof deprecated)
			return Reflect.construct(fn, arguments, this.constructor);
		return fn.apply(this, arguments);
	}
	Object.setPrototypeOf(deprecated, fn);
	if (fn.prototype)
		deprecated.prototype = fn.prototype;
	return deprecated;
}

function debuglog(section, cb) {
	var re = (process.env.NODE_DEBUG || '').split(/[\s,]+/).filter(Boolean).map(function (s) {
		return s.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*');
	}), enabled = re.length > 0 && new RegExp('^(' + re.join('|') + ')$', 'i').test(section);
	var name = String(section).toUpperCase();

	function logger() {
		if (enabled)
			process.stderr.write(name + ' ' + process.pid + ': ' + format.apply(null, arguments) + '\n');
	}
	logger.enabled = enabled;
	if (typeof cb === 'function')
		cb(logger);
	return logger;
}

function isDeepStrictEqual(a, b) {
	return isDeepEqual(a, b, true);
}

function stripVTControlCharacters(s) {
	if (typeof s !== 'string')
		throw argTypeError('str', 'string', s);
	/* ECMA-48 CSI and OSC sequences, as Node's ansi pattern */
	return s.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, '');
}

function toUSVString(s) {
	return String(s).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, function (m, pre) {
		return pre === undefined ? '\uFFFD' : pre + '\uFFFD';
	});
}

module.exports = {
	format: format,
	formatWithOptions: formatWithOptions,
	inspect: inspect,
	promisify: promisify,
	callbackify: callbackify,
	inherits: inherits,
	deprecate: deprecate,
	debuglog: debuglog,
	debug: debuglog,
	isDeepStrictEqual: isDeepStrictEqual,
	types: types,
	TextEncoder: globalThis.TextEncoder,
	TextDecoder: globalThis.TextDecoder,
	stripVTControlCharacters: stripVTControlCharacters,
	toUSVString: toUSVString,
	isArray: Array.isArray,
	isBoolean: function isBoolean(v) { return typeof v === 'boolean'; },
	isNull: function isNull(v) { return v === null; },
	isNullOrUndefined: function isNullOrUndefined(v) { return v === null || v === undefined; },
	isNumber: function isNumber(v) { return typeof v === 'number'; },
	isString: function isString(v) { return typeof v === 'string'; },
	isSymbol: function isSymbol(v) { return typeof v === 'symbol'; },
	isUndefined: function isUndefined(v) { return v === undefined; },
	isRegExp: types.isRegExp,
	isObject: function isObject(v) { return v !== null && typeof v === 'object'; },
	isDate: types.isDate,
	isError: function isError(v) { return types.isNativeError(v) || v instanceof Error; },
	isFunction: function isFunction(v) { return typeof v === 'function'; },
	isPrimitive: function isPrimitive(v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }
};
