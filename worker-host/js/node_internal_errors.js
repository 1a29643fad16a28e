/*
 * node_internal_errors.js - Node's argument errors as the core modules
 * throw them: ERR_INVALID_ARG_TYPE with Node's "Received ..." wording,
 * ERR_OUT_OF_RANGE and Node's integer check, ERR_MISSING_ARGS,
 * ERR_INVALID_ARG_VALUE, an error with a code, ERR_WORKERSD_UNSUPPORTED and
 * AbortError.  Internal: only other core modules require it.
 */
'use strict';

/* Node's determineSpecificType. */
function received(v) {
	var s;

	if (v === null || v === undefined)
		return 'Received ' + v;
	if (typeof v === 'function')
		return 'Received function ' + v.name;
	if (typeof v === 'object') {
		if (v.constructor && v.constructor.name)
			return 'Received an instance of ' + v.constructor.name;
		return 'Received ' + native.utilInspect(v, -1);
	}
	s = native.utilInspect(v, 2);
	if (s.length > 28)
		s = s.slice(0, 25) + '...';
	return 'Received type ' + typeof v + ' (' + s + ')';
}

function withCode(Ctor, code, message) {
	var e = new Ctor(message);

	e.code = code;
	return e;
}

/* A dotted name ("options.signal") is a property, as Node words it. */
function kindOf(name) {
	return name.indexOf('.') >= 0 ? 'property' : 'argument';
}

/* expected: "of type string", "an instance of RegExp", ... */
function invalidArgType(name, expected, v) {
	return withCode(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" ' + kindOf(name) + ' must be ' +
	    expected + '. ' + received(v));
}

var MAX_SAFE = 9007199254740991;

/* A received value as Node's ERR_OUT_OF_RANGE shows it: inspected, and an
 * integer past 2^32 with separators (9_007_199_254_740_992). */
function shown(v) {
	var s, i, out = '';

	if (typeof v !== 'number' || !isFinite(v) || v !== Math.floor(v) || Math.abs(v) <= 4294967296)
		return native.inspect(v);
	s = String(v);
	for (i = s.length; i >= (s.charAt(0) === '-' ? 5 : 4); i -= 3)
		out = '_' + s.slice(i - 3, i) + out;
	return s.slice(0, i) + out;
}

/* ERR_OUT_OF_RANGE: range is what it must be ("an integer", ">= 0"). */
function outOfRange(name, range, v) {
	return withCode(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' +
	    range + '. Received ' + shown(v));
}

/* Node's validateInteger: a number, an integer, in [min, max] (max
 * 2^53 - 1 when not given). */
function integer(v, name, min, max) {
	if (max === undefined)
		max = MAX_SAFE;
	if (typeof v !== 'number')
		throw invalidArgType(name, 'of type number', v);
	if (v !== Math.floor(v) || !isFinite(v))
		throw outOfRange(name, 'an integer', v);
	if (v < min || v > max)
		throw outOfRange(name, '>= ' + min + ' && <= ' + max, v);
	return v;
}

/* Node's validateObject as its options checks use it: an object, not
 * null, an array or a function. */
function object(v, name) {
	if (v === null || typeof v !== 'object' || Array.isArray(v))
		throw invalidArgType(name, 'of type object', v);
	return v;
}

/* ERR_WORKERSD_UNSUPPORTED: what ("Brotli", "net.connect()") a worker
 * cannot do, and why when that helps. */
function unsupported(what, why) {
	return withCode(Error, 'ERR_WORKERSD_UNSUPPORTED', what + ' is not supported in workersd workers' +
	    (why ? ' (' + why + ')' : ''));
}

/* ERR_MISSING_ARGS for the names given ("The "a" and "b" arguments must be
 * specified"). */
function missingArgs(names) {
	var quoted = names.map(function (n) { return '"' + n + '"'; });

	return withCode(TypeError, 'ERR_MISSING_ARGS', 'The ' + quoted.join(' and ') +
	    (names.length > 1 ? ' arguments' : ' argument') + ' must be specified');
}

/* ERR_INVALID_ARG_VALUE: reason is what is wrong ("is invalid"). */
function invalidArgValue(name, v, reason) {
	var s = native.inspect(v);

	return withCode(TypeError, 'ERR_INVALID_ARG_VALUE', 'The ' + kindOf(name) + " '" + name + "' " + reason +
	    '. Received ' + (s.length > 128 ? s.slice(0, 128) + '...' : s));
}

/* Node's AbortError for an aborted signal (its reason as the cause). */
function abortError(signal) {
	var e = withCode(Error, 'ABORT_ERR', 'The operation was aborted');

	e.name = 'AbortError';
	e.cause = signal && signal.reason;
	return e;
}

module.exports = { received: received, withCode: withCode, invalidArgType: invalidArgType, abortError: abortError,
	outOfRange: outOfRange, integer: integer, object: object, unsupported: unsupported, missingArgs: missingArgs,
	invalidArgValue: invalidArgValue };
