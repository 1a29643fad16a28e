/*
 * node_assert.js - Node's `assert` (legacy mode; node_assert_strict.js is
 * `assert/strict`): ok, equal/notEqual, strictEqual/notStrictEqual,
 * deep(Strict)Equal and their negations (internal/compare), throws,
 * doesNotThrow, rejects, doesNotReject (a class, a RegExp, a validation
 * object or a function), match/doesNotMatch, ifError, fail, and
 * AssertionError (code ERR_ASSERTION, actual, expected, operator,
 * generatedMessage).  Messages are Node 20's where the values print on
 * one line; for others Node prints a line diff of the two inspections,
 * here both inspections are printed whole.  assert.ok(expr) cannot quote
 * the expression's source, as Node does: its message is "The expression
 * evaluated to a falsy value:\n\n  assert.ok(" + the value + ")\n".
 * Absent: CallTracker, assert.snapshot.  ES5, run as a core module.
 */
'use strict';

var isDeepEqual = require('internal/compare');
var inspect = require('util').inspect;
var errors = require('internal/errors');

var NO_EXCEPTION = {};

function AssertionError(options) {
	var msg;

	if (options === null || typeof options !== 'object') {
		throw errors.invalidArgType('options', 'of type object', options);
	}
	msg = options.message !== undefined ? String(options.message) : defaultMessage(options);
	var err = new Error(msg);
	Object.setPrototypeOf(err, AssertionError.prototype);
	err.generatedMessage = options.message === undefined;
	err.code = 'ERR_ASSERTION';
	err.actual = options.actual;
	err.expected = options.expected;
	err.operator = options.operator;
	return err;
}
AssertionError.prototype = Object.create(Error.prototype, {
	constructor: { value: AssertionError, writable: true, configurable: true },
	name: { value: 'AssertionError', writable: true, configurable: true }
});
AssertionError.prototype.toString = function () {
	return this.name + ' [' + this.code + ']: ' + this.message;
};

function show(v) {
	return inspect(v);
}

function oneLine(s) {
	return s.indexOf('\n') < 0;
}

var READABLE = {
	deepStrictEqual: 'Expected values to be strictly deep-equal:',
	strictEqual: 'Expected values to be strictly equal:',
	deepEqual: 'Expected values to be loosely deep-equal:',
	notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
	notStrictEqual: 'Expected "actual" to be strictly unequal to:',
	notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
	notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:'
};

function isObj(v) {
	return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/* Node's createErrDiff for two one-line inspections: the short form, or
 * "+ actual - expected" with a caret under the first difference. */
function diff(o, a, b) {
	var i = 0, indicator = '';

	if (a.length + b.length <= 12 && !isObj(o.actual) && !isObj(o.expected) && (o.actual !== 0 || o.expected !== 0))
		return READABLE[o.operator] + '\n\n' + a + ' !== ' + b + '\n';
	if (a.length + b.length > 12 && a.length + b.length < 80) {
		while (a.charAt(i) === b.charAt(i))
			i++;
		if (i > 2)
			indicator = '\n  ' + new Array(i + 1).join(' ') + '^';
	}
	return READABLE[o.operator] + '\n+ actual - expected\n\n+ ' + a + '\n- ' + b + indicator;
}

function defaultMessage(o) {
	var a = show(o.actual), b = show(o.expected), base;

	switch (o.operator) {
	case 'strictEqual':
	case 'deepStrictEqual':
		if (o.operator === 'strictEqual' && isObj(o.actual) && isObj(o.expected) && a === b)
			return 'Values have same structure but are not reference-equal:\n\n' + a + '\n';
		if (oneLine(a) && oneLine(b) && a !== b)
			return diff(o, a, b);
		return READABLE[o.operator] + '\n\n' + a + '\n\nshould equal\n\n' + b + '\n';
	case 'deepEqual':
		return READABLE.deepEqual + '\n\n' + a + '\n\nshould loosely deep-equal\n\n' + b;
	case 'notStrictEqual':
	case 'notDeepStrictEqual':
		base = o.operator === 'notStrictEqual' && isObj(o.actual) ? READABLE.notStrictEqualObject : READABLE[o.operator];
		if (oneLine(a))
			return base + (a.length > 5 ? '\n\n' : ' ') + a;
		return base + '\n\n' + a + '\n';
	case 'notDeepEqual':
		if (a === b)
			return READABLE.notDeepEqual + '\n\n' + a;
		return 'Expected values not to be loosely deep-equal:\n\n' + a + '\n\nshould not loosely deep-equal\n\n' + b;
	case 'fail':
		return 'Failed';
	default:
		return a + ' ' + o.operator + ' ' + b;
	}
}

function pair(a, op, b) {
	if (oneLine(a) && oneLine(b))
		return a + ' ' + op + ' ' + b + '\n';
	return a + '\n\nshould equal\n\n' + b + '\n';
}

/* Throws message when it is an Error; otherwise an AssertionError. */
function fail_(o) {
	if (o.message instanceof Error)
		throw o.message;
	var err = new AssertionError(o);

	if (o.message !== undefined && o.append)
		err.message += '\n\n' + pair(show(o.actual), o.append, show(o.expected));
	throw err;
}

function innerOk(args, fnName) {
	var value = args[0], message = args[1];

	if (value)
		return;
	if (args.length === 0)
		message = 'No value argument passed to `assert.' + fnName + '()`';
	else if (message === undefined)
		message = 'The expression evaluated to a falsy value:\n\n  assert.' + fnName + '(' + show(value) + ')\n';
	var err = new AssertionError({ actual: value, expected: true, message: message, operator: '==' });

	err.generatedMessage = args.length < 2;
	throw err;
}

function ok() {
	innerOk(Array.prototype.slice.call(arguments), 'ok');
}

var assert = function assert() {
	innerOk(Array.prototype.slice.call(arguments), 'ok');
};
assert.ok = ok;
assert.AssertionError = AssertionError;

assert.fail = function fail(message) {
	if (message instanceof Error)
		throw message;
	var err = new AssertionError({ message: message, operator: 'fail' });

	err.actual = undefined;
	err.expected = undefined;
	throw err;
};

function checkArgs(n, args) {
	if (args.length < n) {
		var e = new TypeError('The "actual" and "expected" arguments must be specified');
		e.code = 'ERR_MISSING_ARGS';
		throw e;
	}
}

function comparison(name, operator, test, append) {
	return function (actual, expected, message) {
		checkArgs(2, arguments);
		if (!test(actual, expected))
			fail_({ actual: actual, expected: expected, message: message, operator: operator, append: append });
	};
}

/* eslint-disable eqeqeq */
assert.equal = comparison('equal', '==', function (a, b) { return a == b || (a !== a && b !== b); });
assert.notEqual = comparison('notEqual', '!=', function (a, b) { return !(a == b || (a !== a && b !== b)); });
/* eslint-enable eqeqeq */
assert.strictEqual = comparison('strictEqual', 'strictEqual', Object.is, '!==');
assert.notStrictEqual = comparison('notStrictEqual', 'notStrictEqual', function (a, b) { return !Object.is(a, b); });
assert.deepEqual = comparison('deepEqual', 'deepEqual', function (a, b) { return isDeepEqual(a, b, false); });
assert.notDeepEqual = comparison('notDeepEqual', 'notDeepEqual', function (a, b) { return !isDeepEqual(a, b, false); });
assert.deepStrictEqual = comparison('deepStrictEqual', 'deepStrictEqual', function (a, b) { return isDeepEqual(a, b, true); });
assert.notDeepStrictEqual = comparison('notDeepStrictEqual', 'notDeepStrictEqual', function (a, b) { return !isDeepEqual(a, b, true); });

function invalidArg(name, types, v) {
	return errors.invalidArgType(name, types, v);
}

function getActual(fn) {
	if (typeof fn !== 'function')
		throw invalidArg('fn', 'of type function', fn);
	try {
		fn();
	} catch (e) {
		return e;
	}
	return NO_EXCEPTION;
}

function errorName(e) {
	return e && e.constructor && e.constructor.name ? e.constructor.name : typeof e;
}

/* Node's expectedException: throws an AssertionError (or the message
 * Error) when actual does not match expected. */
function expectedException(actual, expected, message, fnName) {
	var keys, i, err;

	if (expected instanceof RegExp) {
		if (expected.test(String(actual)))
			return;
		fail_({ actual: actual, expected: expected, operator: fnName, message: message !== undefined ? message :
		    'The input did not match the regular expression ' + String(expected) + '. Input:\n\n' +
		    show(String(actual)) + '\n' });
	}
	if (typeof expected !== 'function' && typeof expected === 'object' && expected !== null) {
		keys = Object.keys(expected);
		if (expected instanceof Error)
			keys.push('name', 'message');
		for (i = 0; i < keys.length; i++) {
			var want = expected[keys[i]], got = actual === null || actual === undefined ? undefined : actual[keys[i]];

			if (want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeepEqual(got, want, true))
				continue;
			err = new AssertionError({ actual: actual, expected: expected, operator: fnName, message: message !== undefined ? message :
			    'Expected values to be strictly deep-equal:\n\n' + pair(show(got), '!==', show(want)) });
			err.generatedMessage = message === undefined;
			throw err;
		}
		return;
	}
	if (typeof expected !== 'function')
		throw invalidArg('expected', 'of type function or an instance of Error, RegExp, or Object', expected);
	if (expected.prototype !== undefined && actual instanceof expected)
		return;
	if (Error.isPrototypeOf(expected) || expected === Error) {
		err = new AssertionError({ actual: actual, expected: expected, operator: fnName, message: message !== undefined ? message :
		    'The error is expected to be an instance of "' + expected.name + '". Received "' + errorName(actual) +
		    '"\n\nError message:\n\n' + (actual && actual.message) });
		err.generatedMessage = message === undefined;
		throw err;
	}
	if (expected.call({}, actual) !== true) {
		fail_({ actual: actual, expected: expected, operator: fnName, message: message !== undefined ? message :
		    'The ' + (expected.name ? '"' + expected.name + '" ' : '') + 'validation function is expected to return "true". Received ' +
		    show(expected.call({}, actual)) + '\n\nCaught error:\n\n' + String(actual) });
	}
}

function expectsError(fnName, actual, error, message) {
	if (typeof error === 'string') {
		message = error;
		error = undefined;
	}
	if (actual === NO_EXCEPTION) {
		var details = (error && error.name ? ' (' + error.name + ')' : '') + (message ? ': ' + message : '.');
		var err = new AssertionError({ actual: undefined, expected: error, operator: fnName,
			message: 'Missing expected ' + (fnName === 'rejects' ? 'rejection' : 'exception') + details });

		err.generatedMessage = false;
		throw err;
	}
	if (error !== undefined)
		expectedException(actual, error, message, fnName);
}

function expectsNoError(fnName, actual, error, message) {
	if (actual === NO_EXCEPTION)
		return;
	if (typeof error === 'string') {
		message = error;
		error = undefined;
	}
	if (error === undefined || (typeof error === 'function' && actual instanceof error) ||
	    (error instanceof RegExp && error.test(String(actual)))) {
		fail_({ actual: actual, expected: error, operator: fnName, message: 'Got unwanted ' +
		    (fnName === 'doesNotReject' ? 'rejection' : 'exception') + (message ? ': ' + message : '.') +
		    '\nActual message: "' + (actual && actual.message) + '"' });
	}
	throw actual;
}

assert.throws = function throws(fn, error, message) {
	expectsError('throws', getActual(fn), error, message);
};
assert.doesNotThrow = function doesNotThrow(fn, error, message) {
	expectsNoError('doesNotThrow', getActual(fn), error, message);
};

function waitActual(p) {
	var promise;

	if (typeof p === 'function') {
		promise = p();
		if (!promise || typeof promise.then !== 'function') {
			var e = new TypeError('Expected instance of Promise to be returned from the "promiseFn" function but got ' +
			    (promise === undefined ? 'undefined.' : 'type ' + typeof promise + '.'));
			e.code = 'ERR_INVALID_RETURN_VALUE';
			return Promise.reject(e);
		}
	} else if (p && typeof p.then === 'function') {
		promise = p;
	} else {
		return Promise.reject(invalidArg('promiseFn', 'of type function or an instance of Promise', p));
	}
	return Promise.resolve(promise).then(function () { return NO_EXCEPTION; }, function (e) { return e; });
}

assert.rejects = function rejects(p, error, message) {
	return waitActual(p).then(function (actual) { expectsError('rejects', actual, error, message); });
};
assert.doesNotReject = function doesNotReject(p, error, message) {
	return waitActual(p).then(function (actual) { expectsNoError('doesNotReject', actual, error, message); });
};

assert.ifError = function ifError(err) {
	if (err === null || err === undefined)
		return;
	var msg = 'ifError got unwanted exception: ' + (err && typeof err === 'object' && typeof err.message === 'string' ?
	    (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : show(err));
	var e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message: msg });

	e.generatedMessage = false;
	throw e;
};

function matcher(name, want) {
	return function (string, regexp, message) {
		if (!(regexp instanceof RegExp))
			throw invalidArg('regexp', 'an instance of RegExp', regexp);
		if (typeof string !== 'string' || regexp.test(string) !== want) {
			if (message instanceof Error)
				throw message;
			var generated = message === undefined;

			message = message !== undefined ? message : typeof string !== 'string' ?
			    'The "string" argument must be of type string. Received type ' + typeof string + ' (' + show(string) + ')' :
			    (want ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
			    String(regexp) + '. Input:\n\n' + show(string) + '\n';
			var err = new AssertionError({ actual: string, expected: regexp, message: message, operator: name });

			err.generatedMessage = generated;
			throw err;
		}
	};
}
assert.match = matcher('match', true);
assert.doesNotMatch = matcher('doesNotMatch', false);

/* assert/strict: the same functions, equal and deepEqual being the strict
 * ones. */
function strict() {
	innerOk(Array.prototype.slice.call(arguments), 'ok');
}
Object.keys(assert).forEach(function (k) {
	strict[k] = assert[k];
});
strict.equal = assert.strictEqual;
strict.notEqual = assert.notStrictEqual;
strict.deepEqual = assert.deepStrictEqual;
strict.notDeepEqual = assert.notDeepStrictEqual;
strict.strict = strict;
assert.strict = strict;

module.exports = assert;
