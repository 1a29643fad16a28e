/*
 * node_timers.js - Node's `timers`: the global timer functions
 * (timers.c) and `promises` (timers/promises).  The handles are the
 * globals' (numbers, without Node's Timeout methods ref/unref/refresh).
 * ES5, run as a core module (require.js).
 */
'use strict';

module.exports = {
	setTimeout: globalThis.setTimeout,
	clearTimeout: globalThis.clearTimeout,
	setInterval: globalThis.setInterval,
	clearInterval: globalThis.clearInterval,
	setImmediate: globalThis.setImmediate,
	clearImmediate: globalThis.clearImmediate
};
Object.defineProperty(module.exports, 'promises', {
	enumerable: true, configurable: true,
	get: function () { return require('timers/promises'); }
});
