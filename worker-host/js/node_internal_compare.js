/*
 * node_internal_compare.js - the deep comparison behind
 * util.isDeepStrictEqual and assert's deep(Strict)Equal, by Node 20's
 * rules: strict compares prototypes, [[Class]], own enumerable keys and
 * symbols with Object.is; loose compares with == for primitives and
 * ignores prototypes.  Map/Set compare their entries (keys of a Map are
 * matched by identity or, failing that, deeply).  Cycles are followed
 * with a memo of the pairs being compared.  Internal: only other core
 * modules require it.
 */
'use strict';

var toStr = Object.prototype.toString;
var isEnum = Object.prototype.propertyIsEnumerable;

function tag(v) {
	return toStr.call(v).slice(8, -1);
}

function ownKeys(v, strict) {
	var keys = Object.keys(v);

	if (strict)
		keys = keys.concat(Object.getOwnPropertySymbols(v).filter(function (s) { return isEnum.call(v, s); }));
	return keys;
}

function isBoxed(v) {
	var t = tag(v);

	return t === 'Number' || t === 'String' || t === 'Boolean' || t === 'Symbol';
}

function primitiveEqual(a, b, strict) {
	if (strict)
		return Object.is(a, b);
	/* eslint-disable-next-line eqeqeq */
	return a == b || (a !== a && b !== b);
}

function setHas(set, v, strict, memo) {
	var found = false;

	if (set.has(v))
		return true;
	if (typeof v !== 'object' || v === null)
		return !strict && Array.from(set).some(function (x) { return primitiveEqual(x, v, false); });
	set.forEach(function (x) {
		if (!found && typeof x === 'object' && x !== null && equal(x, v, strict, memo))
			found = true;
	});
	return found;
}

function setEqual(a, b, strict, memo) {
	var ok = true;

	if (a.size !== b.size)
		return false;
	a.forEach(function (v) {
		if (ok && !setHas(b, v, strict, memo))
			ok = false;
	});
	return ok;
}

function mapEqual(a, b, strict, memo) {
	var ok = true;

	if (a.size !== b.size)
		return false;
	a.forEach(function (v, k) {
		var matched = false;

		if (!ok)
			return;
		if (b.has(k)) {
			ok = equal(v, b.get(k), strict, memo);
			return;
		}
		b.forEach(function (v2, k2) {
			if (!matched && typeof k === 'object' && k !== null && equal(k, k2, strict, memo) &&
			    equal(v, v2, strict, memo))
				matched = true;
		});
		ok = matched;
	});
	return ok;
}

function viewEqual(a, b) {
	var i;

	if (a.byteLength !== b.byteLength)
		return false;
	a = new Uint8Array(a.buffer || a, a.byteOffset || 0, a.byteLength);
	b = new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength);
	for (i = 0; i < a.length; i++)
		if (a[i] !== b[i])
			return false;
	return true;
}

function objectEqual(a, b, strict, memo) {
	var ta = tag(a), ka, kb, i;

	if (ta !== tag(b))
		return false;
	if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
		return false;
	if (Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && a.length !== b.length))
		return false;
	if (ta === 'Date' && a.getTime() !== b.getTime() && !(a.getTime() !== a.getTime() && b.getTime() !== b.getTime()))
		return false;
	if (ta === 'RegExp' && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex))
		return false;
	if (a instanceof Error && (a.message !== b.message || a.name !== b.name))
		return false;
	if (isBoxed(a) && !Object.is(a.valueOf(), b.valueOf()))
		return false;
	if (ArrayBuffer.isView(a) || ta === 'ArrayBuffer') {
		if (!viewEqual(a, b))
			return false;
	}
	ka = ownKeys(a, strict);
	kb = ownKeys(b, strict);
	if (ka.length !== kb.length)
		return false;
	for (i = 0; i < ka.length; i++)
		if (!isEnum.call(b, ka[i]))
			return false;
	for (i = 0; i < ka.length; i++)
		if (!equal(a[ka[i]], b[ka[i]], strict, memo))
			return false;
	if (ta === 'Map')
		return mapEqual(a, b, strict, memo);
	if (ta === 'Set')
		return setEqual(a, b, strict, memo);
	return true;
}

function equal(a, b, strict, memo) {
	var i, res;

	if (a === b)
		return a !== 0 || !strict || Object.is(a, b);
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		if (strict || (typeof a === 'object' && a !== null) || (typeof b === 'object' && b !== null))
			return strict ? Object.is(a, b) : false;
		return primitiveEqual(a, b, false);
	}
	for (i = 0; i < memo.length; i++)
		if (memo[i][0] === a && memo[i][1] === b)
			return true;
	memo.push([a, b]);
	res = objectEqual(a, b, strict, memo);
	memo.pop();
	return res;
}

module.exports = function isDeepEqual(a, b, strict) {
	return equal(a, b, !!strict, []);
};
