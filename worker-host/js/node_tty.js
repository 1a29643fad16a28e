/*
 * node_tty.js - Node's `tty`: isatty, and ReadStream and WriteStream over
 * a terminal or pipe descriptor (the system calls are mod_tty.c's).  A
 * WriteStream writes synchronously, as Node's do on Linux, and knows its
 * columns, rows, colour depth (Node's reading of FORCE_COLOR, NO_COLOR,
 * TERM, COLORTERM, CI and the rest) and the cursor moves of readline; a
 * ReadStream reads without holding the loop (each read is tried and, when
 * nothing is waiting, tried again TTY_RETRY_MS later while the stream
 * flows) and setRawMode() is termios' raw mode, put back when the stream goes or the
 * worker exits.  Not Node's: they are a Readable and a Writable, not
 * net.Sockets, and 'resize' comes only from _refreshSize() (workers get no
 * SIGWINCH).  ES5, run as a core module (require.js).
 */
'use strict';

var stream = require('stream');
var util = require('util');
var fs = require('fs');
var errors = require('internal/errors');
var Buffer = require('buffer').Buffer;

var TTY_RETRY_MS = 10;
var READ_CHUNK = 65536;
var COLORS_2 = 1, COLORS_16 = 4, COLORS_256 = 8, COLORS_16M = 24;

/* TERM values and patterns that say how many colours (after xterm-256*). */
var TERM_DEPTH = {
	eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16,
	gnome: COLORS_16, hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16,
	mlterm: COLORS_16, mosh: COLORS_16M, putty: COLORS_16, st: COLORS_16,
	'rxvt-unicode-24bit': COLORS_16M, terminator: COLORS_16M
};
var TERM_16 = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/,
	/^vt100/, /^vt220/];
var CI_256 = ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS'];

function isatty(fd) {
	return typeof fd === 'number' && fd === Math.floor(fd) && fd >= 0 && fd <= 2147483647 &&
	    native.tty.isatty(fd);
}

/* libuv's uv_tty_init: any stream descriptor will do, files will not. */
function initFailed(fd) {
	var kind;

	if (typeof fd !== 'number' || (fd | 0) !== fd || fd < 0)
		throw errors.withCode(RangeError, 'ERR_INVALID_FD', '"fd" must be a positive integer: ' + fd);
	try {
		kind = native.tty.kind(fd);
	} catch (e) {
		kind = 'other';
	}
	if (kind !== 'other')
		return;
	var e = errors.withCode(Error, 'ERR_TTY_INIT_FAILED',
	    'TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
	e.name = 'SystemError';
	e.info = { errno: -22, code: 'EINVAL', message: 'invalid argument', syscall: 'uv_tty_init' };
	e.errno = -22;
	e.syscall = 'uv_tty_init';
	throw e;
}

function ReadStream(fd, options) {
	if (!(this instanceof ReadStream))
		return new ReadStream(fd, options);
	initFailed(fd);
	stream.Readable.call(this, Object.assign({ highWaterMark: 0 }, options));
	this._ttyFd = fd;
	this.isRaw = false;
	this.isTTY = true;
	this._ttyTimer = null;
	this._ttyWaiting = false;
	this._ttyBuf = null;
	this._ttySaved = null;
	this._ttyRestore = null;
	this.on('pause', function () { this._ttyStop(); });
	this.on('resume', function () {
		if (this._ttyWaiting && !this._ttyTimer)
			this._ttyLater();
	});
}
util.inherits(ReadStream, stream.Readable);

/* One buffer per stream: a read that finds nothing, every TTY_RETRY_MS
 * while input is awaited, makes no garbage. */
ReadStream.prototype._read = function () {
	var buf = this._ttyBuf || (this._ttyBuf = Buffer.allocUnsafe(READ_CHUNK)), n;

	this._ttyWaiting = false;
	try {
		n = native.tty.read(this._ttyFd, buf);
	} catch (e) {
		this.destroy(e);
		return;
	}
	if (n === 0) {
		this.push(null);
	} else if (n > 0) {
		this.push(Buffer.from(buf.subarray(0, n)));
	} else {
		this._ttyWaiting = true;
		if (this.readableFlowing !== false)
			this._ttyLater();
	}
};

ReadStream.prototype._ttyLater = function () {
	var self = this;

	this._ttyTimer = setTimeout(function () {
		self._ttyTimer = null;
		if (self._ttyWaiting && !self.destroyed)
			self._read();
	}, TTY_RETRY_MS);
};

ReadStream.prototype._ttyStop = function () {
	if (this._ttyTimer)
		clearTimeout(this._ttyTimer);
	this._ttyTimer = null;
};

ReadStream.prototype._destroy = function (err, cb) {
	this._ttyStop();
	this._ttyWaiting = false;
	if (this.isRaw)
		this.setRawMode(false);
	cb(err);
};

ReadStream.prototype.setRawMode = function setRawMode(flag) {
	flag = !!flag;
	if (flag === this.isRaw)
		return this;
	try {
		if (flag)
			this._ttySaved = native.tty.setRaw(this._ttyFd);
		else
			native.tty.setRaw(this._ttyFd, this._ttySaved);
	} catch (e) {
		e.syscall = 'setRawMode';
		this.emit('error', e);
		return this;
	}
	this.isRaw = flag;
	this._ttyOnExit(flag);
	return this;
};

/* A worker that ends in raw mode leaves its terminal as it found it. */
ReadStream.prototype._ttyOnExit = function (raw) {
	var self = this;

	if (raw && !this._ttyRestore) {
		this._ttyRestore = function () {
			try {
				native.tty.setRaw(self._ttyFd, self._ttySaved);
			} catch (e) {
				/* the terminal is gone: nothing to put back */
			}
		};
		process.on('exit', this._ttyRestore);
	} else if (!raw && this._ttyRestore) {
		process.removeListener('exit', this._ttyRestore);
		this._ttyRestore = null;
	}
};

function WriteStream(fd) {
	if (!(this instanceof WriteStream))
		return new WriteStream(fd);
	initFailed(fd);
	stream.Writable.call(this, { decodeStrings: true });
	this._ttyFd = fd;
	this._ttySize();
}
util.inherits(WriteStream, stream.Writable);

WriteStream.prototype.isTTY = true;

/* Synchronous, as Node's terminal writes are: what a worker prints is on
 * the screen before the next statement runs. */
WriteStream.prototype._write = function (chunk, encoding, cb) {
	var off = 0;

	try {
		while (off < chunk.length)
			off += fs.writeSync(this._ttyFd, chunk, off, chunk.length - off);
	} catch (e) {
		cb(e);
		return;
	}
	cb();
};

WriteStream.prototype._ttySize = function () {
	var size;

	try {
		size = native.tty.size(this._ttyFd);
	} catch (e) {
		return false;
	}
	if (size[0] === this.columns && size[1] === this.rows)
		return false;
	this.columns = size[0];
	this.rows = size[1];
	return true;
};

WriteStream.prototype._refreshSize = function () {
	var had = this.columns !== undefined;

	if (this._ttySize() && had)
		this.emit('resize');
};

WriteStream.prototype.getWindowSize = function getWindowSize() {
	return [this.columns, this.rows];
};

function forced(value) {
	switch (value) {
	case '':
	case '1':
	case 'true':
		return COLORS_16;
	case '2':
		return COLORS_256;
	case '3':
		return COLORS_16M;
	default:
		return COLORS_2;
	}
}

function has(env, name) {
	return Object.prototype.hasOwnProperty.call(env, name);
}

function ciDepth(env) {
	if (CI_256.some(function (n) { return has(env, n); }) || env.CI_NAME === 'codeship')
		return COLORS_256;
	return COLORS_2;
}

function termDepth(term) {
	var lower;

	if (/^xterm-256/.test(term))
		return COLORS_256;
	lower = term.toLowerCase();
	if (has(TERM_DEPTH, lower))
		return TERM_DEPTH[lower];
	return TERM_16.some(function (re) { return re.test(lower); }) ? COLORS_16 : 0;
}

/* Node 20's order: forcing first, then refusals, then what the terminal is. */
function colorDepth(env) {
	if (env.FORCE_COLOR !== undefined)
		return forced(env.FORCE_COLOR);
	if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb')
		return COLORS_2;
	if (env.TMUX)
		return COLORS_256;
	if (env.CI)
		return ciDepth(env);
	if (has(env, 'TEAMCITY_VERSION'))
		return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
	switch (env.TERM_PROGRAM) {
	case 'iTerm.app':
		return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? COLORS_256 : COLORS_16M;
	case 'HyperTerm':
	case 'MacTerm':
		return COLORS_16M;
	case 'Apple_Terminal':
		return COLORS_256;
	}
	if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit')
		return COLORS_16M;
	if (env.TERM && termDepth(env.TERM))
		return termDepth(env.TERM);
	return env.COLORTERM ? COLORS_16 : COLORS_2;
}

WriteStream.prototype.getColorDepth = function getColorDepth(env) {
	return colorDepth(env === undefined ? process.env : env);
};

WriteStream.prototype.hasColors = function hasColors(count, env) {
	if (env === undefined && (count === undefined || (count !== null && typeof count === 'object'))) {
		env = count;
		count = 16;
	}
	errors.integer(count, 'count', 2);
	return count <= Math.pow(2, this.getColorDepth(env));
};

/* The cursor methods are readline's functions on this stream, as Node's. */
WriteStream.prototype.cursorTo = function cursorTo(x, y, cb) {
	return require('readline').cursorTo(this, x, y, cb);
};

WriteStream.prototype.moveCursor = function moveCursor(dx, dy, cb) {
	return require('readline').moveCursor(this, dx, dy, cb);
};

WriteStream.prototype.clearLine = function clearLine(dir, cb) {
	return require('readline').clearLine(this, dir, cb);
};

WriteStream.prototype.clearScreenDown = function clearScreenDown(cb) {
	return require('readline').clearScreenDown(this, cb);
};

module.exports = { isatty: isatty, ReadStream: ReadStream, WriteStream: WriteStream };
