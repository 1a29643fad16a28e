/*
 * node_readline_promises.js - Node's `readline/promises`: Interface, whose
 * question() returns a promise (rejected with AbortError when its signal
 * aborts, with ERR_USE_AFTER_CLOSE once the interface is closed), its
 * createInterface, and Readline, which gathers cursor moves and clears for
 * a stream and writes them on commit() (or at once with autoCommit).  The
 * rest is node_readline.js's.  ES5, run as a core module (require.js).
 */
'use strict';

var readline = require('internal/readline');
var errors = require('internal/errors');
var own = readline.subclass(), Interface = own.Interface;

Interface.prototype.question = function question(query, options) {
	return this._questionPromise(query, options);
};

function Readline(stream, options) {
	if (!stream || typeof stream.write !== 'function' || typeof stream.on !== 'function')
		throw errors.invalidArgType('stream', 'an instance of Writable', stream);
	this._stream = stream;
	this._todo = [];
	this._autoCommit = !!(options && options.autoCommit);
}

/* Each move is an escape readline writes to a stream: gathered here by
 * handing readline a stand-in stream. */
function gather(rl, move) {
	var into = { write: function (s) { rl._todo.push(s); return true; } };

	if (rl._autoCommit)
		move(rl._stream);
	else
		move(into);
	return rl;
}

Readline.prototype.cursorTo = function cursorTo(x, y) {
	return gather(this, function (s) { readline.cursorTo(s, x, y); });
};

Readline.prototype.moveCursor = function moveCursor(dx, dy) {
	return gather(this, function (s) { readline.moveCursor(s, dx, dy); });
};

Readline.prototype.clearLine = function clearLine(dir) {
	return gather(this, function (s) { readline.clearLine(s, dir); });
};

Readline.prototype.clearScreenDown = function clearScreenDown() {
	return gather(this, function (s) { readline.clearScreenDown(s); });
};

Readline.prototype.commit = function commit() {
	var stream = this._stream, data = this._todo.join('');

	this._todo = [];
	return new Promise(function (resolve) {
		stream.write(data, resolve);
	});
};

Readline.prototype.rollback = function rollback() {
	this._todo = [];
	return this;
};

module.exports = { Interface: Interface, Readline: Readline, createInterface: own.createInterface };
