/*
 * node_readline.js - Node's `readline`: createInterface and an Interface
 * whose question() takes a callback (and a signal; util.promisify gives
 * its promise form), on internal/readline's (node_internal_readline.js:
 * lines, events, prompts, async iteration, the cursor functions).  Absent:
 * emitKeypressEvents and the terminal mode behind it (line editing, echo,
 * history, completion).  `readline.promises` is readline/promises.  ES5,
 * run as a core module (require.js).
 */
'use strict';

var base = require('internal/readline');
var util = require('util');
var own = base.subclass(), Interface = own.Interface;

Interface.prototype.question = function question(query, options, cb) {
	var signal, self = this, answer, onAbort;

	cb = typeof options === 'function' ? options : cb;
	signal = options !== null && typeof options === 'object' ? options.signal : undefined;
	if (signal) {
		if (signal.aborted)
			return;
		onAbort = function () { self._questionCancel(); };
		signal.addEventListener('abort', onAbort, { once: true });
		answer = cb;
		cb = function (line) {
			signal.removeEventListener('abort', onAbort);
			if (typeof answer === 'function')
				answer(line);
		};
	}
	if (typeof cb === 'function')
		this._question(query, cb);
};

Interface.prototype.question[util.promisify.custom] = function question(query, options) {
	return this._questionPromise(query, options);
};

module.exports = {
	Interface: Interface,
	clearLine: base.clearLine,
	clearScreenDown: base.clearScreenDown,
	createInterface: own.createInterface,
	cursorTo: base.cursorTo,
	moveCursor: base.moveCursor
};
Object.defineProperty(module.exports, 'promises', {
	enumerable: true, configurable: true,
	get: function () { return require('readline/promises'); }
});
