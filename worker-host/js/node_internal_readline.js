/*
 * node_internal_readline.js - what readline's two Interfaces share, as
 * Node's internal/readline/interface: the Interface over any Readable
 * (lines split on \n, \r\n or a lone \r, a \r\n split across chunks
 * within crlfDelay taken as one ending, the unfinished last line given at
 * the input's end), the 'line', 'close', 'pause', 'resume' and 'error'
 * events, prompt/setPrompt/getPrompt, the question machinery, write,
 * close, columns, clearLine, and async iteration of the lines (events.on
 * with Node's backpressure: the input is paused while 1024 lines wait
 * unread); and the cursor functions clearLine, clearScreenDown, cursorTo
 * and moveCursor, the ANSI escapes tty.WriteStream's methods also write.
 * An Interface is always in line mode: `terminal` is recorded but there
 * is no line editing, echo, history, completion or keypress decoding.
 * Internal, as `internal/readline`: node_readline.js and
 * node_readline_promises.js add their question().  ES5, run as a core
 * module (require.js).
 */
'use strict';

var EventEmitter = require('events');
var StringDecoder = require('string_decoder').StringDecoder;
var util = require('util');
var errors = require('internal/errors');

/* Node's least crlfDelay (ms), also its default. */
var CRLF_DELAY_MIN = 100;
var LINE_HIGH_WATER = 1024;
var CSI = '\x1b[';

function useAfterClose() {
	return errors.withCode(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
}

function callLater(cb) {
	if (typeof cb === 'function')
		process.nextTick(cb, null);
	return true;
}

function checkCallback(cb) {
	if (cb !== undefined && typeof cb !== 'function')
		throw errors.invalidArgType('callback', 'of type function', cb);
}

function cursorTo(stream, x, y, cb) {
	checkCallback(cb);
	if (typeof y === 'function') {
		cb = y;
		y = undefined;
	}
	if (x !== x || y !== y)
		throw errors.withCode(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument '" + (x !== x ? 'x' : 'y') +
		    "' is invalid. Received NaN");
	if (stream == null || (typeof x !== 'number' && typeof y !== 'number'))
		return callLater(cb);
	if (typeof x !== 'number')
		throw errors.withCode(TypeError, 'ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column');
	return stream.write(typeof y !== 'number' ? CSI + (x + 1) + 'G' : CSI + (y + 1) + ';' + (x + 1) + 'H', cb);
}

function moveCursor(stream, dx, dy, cb) {
	var data = '';

	checkCallback(cb);
	if (stream == null || !(dx || dy))
		return callLater(cb);
	if (dx < 0)
		data += CSI + -dx + 'D';
	else if (dx > 0)
		data += CSI + dx + 'C';
	if (dy < 0)
		data += CSI + -dy + 'A';
	else if (dy > 0)
		data += CSI + dy + 'B';
	return stream.write(data, cb);
}

function clearLine(stream, dir, cb) {
	checkCallback(cb);
	if (stream == null)
		return callLater(cb);
	return stream.write(dir < 0 ? CSI + '1K' : dir > 0 ? CSI + '0K' : CSI + '2K', cb);
}

function clearScreenDown(stream, cb) {
	checkCallback(cb);
	if (stream == null)
		return callLater(cb);
	return stream.write(CSI + '0J', cb);
}

function optionsOf(input, output, completer, terminal) {
	if (input && input.input)
		return input;
	return { input: input, output: output, completer: completer, terminal: terminal };
}

function Interface(input, output, completer, terminal) {
	var o, self = this;

	if (!(this instanceof Interface))
		return new Interface(input, output, completer, terminal);
	o = optionsOf(input, output, completer, terminal);
	EventEmitter.call(this);
	if (o.completer !== undefined && typeof o.completer !== 'function')
		throw errors.invalidArgType('completer', 'of type function', o.completer);
	if (o.crlfDelay !== undefined && typeof o.crlfDelay !== 'number')
		throw errors.invalidArgType('crlfDelay', 'of type number', o.crlfDelay);
	/* Node's own fields, in its order; `closed` and `paused` appear when
	 * they first change, as Node's do. */
	this.isCompletionEnabled = true;
	this.escapeCodeTimeout = 500;
	this.tabSize = 8;
	this.line = '';
	this.output = o.output;
	this.input = o.input;
	this.history = [];
	this.historySize = o.historySize === undefined ? 30 : o.historySize;
	this.removeHistoryDuplicates = !!o.removeHistoryDuplicates;
	this.crlfDelay = o.crlfDelay ? Math.max(CRLF_DELAY_MIN, o.crlfDelay) : CRLF_DELAY_MIN;
	this.completer = o.completer;
	this.terminal = o.terminal === undefined ? !!(o.output && o.output.isTTY) : !!o.terminal;
	this._prompt = o.prompt === undefined ? '> ' : o.prompt;
	this._oldPrompt = this._prompt;
	this._questionCallback = null;
	this._line_buffer = null;
	this._sawReturnAt = 0;
	this._decoder = new StringDecoder('utf8');
	this._lines = undefined;
	this._listen(o.signal);
	if (o.signal && o.signal.aborted)
		process.nextTick(function () { self.close(); });
	this.input.resume();
}
util.inherits(Interface, EventEmitter);

Interface.prototype._listen = function (signal) {
	var self = this, input = this.input;

	function ondata(chunk) { self._normalWrite(chunk); }
	function onend() {
		if (typeof self._line_buffer === 'string' && self._line_buffer.length > 0)
			self.emit('line', self._line_buffer);
		self.close();
	}
	function onerror(err) { self.emit('error', err); }
	function onabort() { self.close(); }
	input.on('error', onerror);
	input.on('data', ondata);
	input.on('end', onend);
	if (signal)
		signal.addEventListener('abort', onabort, { once: true });
	this.once('close', function () {
		input.removeListener('data', ondata);
		input.removeListener('error', onerror);
		input.removeListener('end', onend);
		if (signal)
			signal.removeEventListener('abort', onabort);
	});
};

/* The lines in a chunk: \n, \r\n or a \r not followed by \n ends one; a
 * \r at the chunk's end ends one too, and a \n opening the next chunk
 * within crlfDelay belongs to it. */
Interface.prototype._normalWrite = function (b) {
	var ending = /\r?\n|\r(?!\n)/g, s, ends = [0], m, i;

	if (b === undefined)
		return;
	s = this._decoder.write(b);
	if (this._sawReturnAt && Date.now() - this._sawReturnAt <= this.crlfDelay) {
		if (s.charCodeAt(0) === 10)
			s = s.slice(1);
		this._sawReturnAt = 0;
	}
	if (!ending.test(s)) {
		if (s)
			this._line_buffer = this._line_buffer ? this._line_buffer + s : s;
		return;
	}
	if (this._line_buffer) {
		s = this._line_buffer + s;
		this._line_buffer = null;
	}
	this._sawReturnAt = s.charCodeAt(s.length - 1) === 13 ? Date.now() : 0;
	ending.lastIndex = 0;
	while ((m = ending.exec(s)) !== null)
		ends.push(m.index, ending.lastIndex);
	this._line_buffer = s.slice(ends[ends.length - 1]);
	for (i = 1; i < ends.length - 1; i += 2)
		this._onLine(s.slice(ends[i - 1], ends[i]));
};

Interface.prototype._onLine = function (line) {
	var cb = this._questionCallback;

	if (!cb) {
		this.emit('line', line);
		return;
	}
	this._questionCallback = null;
	this.setPrompt(this._oldPrompt);
	cb(line);
};

Interface.prototype._writeToOutput = function (s) {
	if (typeof s !== 'string')
		throw errors.invalidArgType('stringToWrite', 'of type string', s);
	if (this.output !== null && this.output !== undefined)
		this.output.write(s);
};

Interface.prototype.setPrompt = function setPrompt(prompt) {
	this._prompt = prompt;
};

Interface.prototype.getPrompt = function getPrompt() {
	return this._prompt;
};

Interface.prototype.prompt = function prompt() {
	if (this.paused)
		this.resume();
	this._writeToOutput(this._prompt);
};

Interface.prototype._question = function (query, cb) {
	if (this.closed)
		throw useAfterClose();
	if (this._questionCallback) {
		this.prompt();
		return;
	}
	this._oldPrompt = this._prompt;
	this.setPrompt(query);
	this._questionCallback = cb;
	this.prompt();
};

/* question() as a promise: readline/promises' and util.promisify's of
 * readline's.  Rejects with AbortError when the signal aborts, with
 * ERR_USE_AFTER_CLOSE once closed. */
Interface.prototype._questionPromise = function (query, options) {
	var self = this, signal = options !== null && typeof options === 'object' ? options.signal : undefined;

	return new Promise(function (resolve, reject) {
		var onAbort;

		if (self.closed)
			return reject(useAfterClose());
		if (signal && signal.aborted)
			return reject(errors.abortError(signal));
		if (signal) {
			onAbort = function () {
				self._questionCancel();
				reject(errors.abortError(signal));
			};
			signal.addEventListener('abort', onAbort, { once: true });
		}
		self._question(query, function (answer) {
			if (signal)
				signal.removeEventListener('abort', onAbort);
			resolve(answer);
		});
	});
};

Interface.prototype._questionCancel = function () {
	if (!this._questionCallback)
		return;
	this._questionCallback = null;
	this.setPrompt(this._oldPrompt);
	this.clearLine();
};

/* Ends the line being typed: the output moves to a new line. */
Interface.prototype.clearLine = function () {
	this._writeToOutput('\r\n');
	this.line = '';
};

Object.defineProperty(Interface.prototype, 'columns', {
	configurable: true, enumerable: false,
	get: function () {
		return this.output && this.output.columns ? this.output.columns : Infinity;
	}
});

Interface.prototype.close = function close() {
	if (this.closed)
		return;
	this.pause();
	this.closed = true;
	this.emit('close');
};

Interface.prototype.pause = function pause() {
	if (this.paused)
		return undefined;
	this.input.pause();
	this.paused = true;
	this.emit('pause');
	return this;
};

Interface.prototype.resume = function resume() {
	if (!this.paused)
		return undefined;
	this.input.resume();
	this.paused = false;
	this.emit('resume');
	return this;
};

Interface.prototype.write = function write(d) {
	if (this.closed)
		throw useAfterClose();
	if (this.paused)
		this.resume();
	this._normalWrite(d);
};

/* The lines as an async iterator: events.on's, each value the line. */
Interface.prototype[Symbol.asyncIterator] = function () {
	var it;

	if (this._lines !== undefined)
		return this._lines;
	it = EventEmitter.on(this, 'line', { close: ['close'], highWaterMark: LINE_HIGH_WATER });
	this._lines = {
		next: function () {
			return it.next().then(function (r) { return r.done ? r : { value: r.value[0], done: false }; });
		},
		'return': function () { return it.return(); },
		'throw': function (e) { return it.throw(e); }
	};
	this._lines[Symbol.asyncIterator] = function () { return this; };
	return this._lines;
};

/* readline's and readline/promises' own Interface (each adds its
 * question()), callable without `new`, and its createInterface. */
function subclass() {
	function Sub(input, output, completer, terminal) {
		if (!(this instanceof Sub))
			return new Sub(input, output, completer, terminal);
		Interface.call(this, input, output, completer, terminal);
	}
	Object.defineProperty(Sub, 'name', { value: 'Interface', configurable: true });
	util.inherits(Sub, Interface);
	return {
		Interface: Sub,
		createInterface: function createInterface(input, output, completer, terminal) {
			return new Sub(input, output, completer, terminal);
		}
	};
}

module.exports = {
	subclass: subclass,
	Interface: Interface,
	clearLine: clearLine,
	clearScreenDown: clearScreenDown,
	cursorTo: cursorTo,
	moveCursor: moveCursor,
	useAfterClose: useAfterClose
};
