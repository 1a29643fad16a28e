/*
 * web_navigator.js - the `navigator` global of a worker (HTML's
 * WorkerNavigator): hardwareConcurrency (the CPUs this process may run
 * on, counted once in the template), userAgent "workersd/VERSION",
 * platform, language and languages.
 *
 * Evaluated once in the template with (global, native, internal).
 */
(function (global, native, internal) {
'use strict';

var making = false;

function WorkerNavigator() {
	if (!making)
		throw new TypeError('Illegal constructor');
}

function constant(key, value) {
	Object.defineProperty(WorkerNavigator.prototype, key, {
		get: function () { return value; }, configurable: true, enumerable: true
	});
}

constant('hardwareConcurrency', native.cpuCount);
constant('userAgent', 'workersd/' + native.version);
constant('platform', 'linux');
constant('language', 'en-US');
constant('languages', Object.freeze(['en-US']));
constant('onLine', true);
Object.defineProperty(WorkerNavigator.prototype, Symbol.toStringTag, { value: 'WorkerNavigator', configurable: true });

making = true;
var navigator = new WorkerNavigator();
making = false;

Object.defineProperty(global, 'WorkerNavigator', { value: WorkerNavigator, writable: true, configurable: true });
Object.defineProperty(global, 'navigator', { value: navigator, writable: true, configurable: true });
})
