/*
 * tsc-prelude.js - the few ES2015 functions typescript.js calls that
 * Duktape lacks, for the compile server's heap only (workers that run
 * lowered code get the full runtime from rt_es_install()).
 */
(function () {
'use strict';

function define(obj, name, fn) {
	if (!Object.prototype.hasOwnProperty.call(obj, name))
		Object.defineProperty(obj, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

function findIndex(pred, thisArg) {
	for (var i = 0; i < this.length; i++)
		if (pred.call(thisArg, this[i], i, this))
			return i;
	return -1;
}

define(Array.prototype, 'findIndex', findIndex);
define(Array.prototype, 'find', function (pred, thisArg) {
	var i = findIndex.call(this, pred, thisArg);

	return i < 0 ? undefined : this[i];
});
define(Array.prototype, 'includes', function (v) {
	for (var i = 0; i < this.length; i++)
		if (this[i] === v || (v !== v && this[i] !== this[i]))
			return true;
	return false;
});
define(String.prototype, 'startsWith', function (s, pos) {
	pos = pos || 0;
	return this.substr(pos, String(s).length) === String(s);
});
define(String.prototype, 'endsWith', function (s) {
	s = String(s);
	return this.length >= s.length && this.slice(this.length - s.length) === s;
});
define(String.prototype, 'includes', function (s, pos) {
	return this.indexOf(s, pos) !== -1;
});
define(Object, 'entries', function (o) {
	return Object.keys(o).map(function (k) { return [k, o[k]]; });
});
define(Object, 'values', function (o) {
	return Object.keys(o).map(function (k) { return o[k]; });
});
define(Array, 'from', function (it) {
	var out = [];

	if (it && typeof it.forEach === 'function' && !Array.isArray(it))
		it.forEach(function (v) { out.push(v); });
	else
		for (var i = 0; i < it.length; i++)
			out.push(it[i]);
	return out;
});
})
