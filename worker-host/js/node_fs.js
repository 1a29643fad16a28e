/*
 * node_fs.js - Node's `fs` and `fs/promises` on the system calls of
 * mod_fs.c (native.fs).  The sync API is the calls themselves plus Node's
 * argument handling (paths as strings, Buffers or file: URLs; flags as
 * 'r', 'wx+'...; encodings; option objects) and Node's Stats and Dirent.
 * The callback and promise forms run the same call later on the event loop
 * (one timer task per operation), so they never block message delivery for
 * longer than the one call; their callbacks and settlements come in order.
 * createReadStream and createWriteStream are node_fs_streams.js, loaded on
 * their first use.  A core module (require.js): compiled on the first
 * require of fs, so a worker that never reads files pays nothing for it.
 */
'use strict';

var errors = require('internal/errors');
var later = require('internal/later');

var sys = native.fs;
var C = {
	F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
	O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_NOCTTY: 256, O_TRUNC: 512,
	O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672,
	O_DSYNC: 4096, O_NONBLOCK: 2048,
	S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
	S_IFLNK: 40960, S_IFSOCK: 49152,
	COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
	UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
	UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7
};
var FLAGS = {
	'r': C.O_RDONLY, 'rs': C.O_RDONLY | C.O_SYNC, 'sr': C.O_RDONLY | C.O_SYNC,
	'r+': C.O_RDWR, 'rs+': C.O_RDWR | C.O_SYNC, 'sr+': C.O_RDWR | C.O_SYNC,
	'w': C.O_TRUNC | C.O_CREAT | C.O_WRONLY, 'wx': C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
	'xw': C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
	'w+': C.O_TRUNC | C.O_CREAT | C.O_RDWR, 'wx+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
	'xw+': C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL,
	'a': C.O_APPEND | C.O_CREAT | C.O_WRONLY, 'ax': C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL,
	'xa': C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL, 'as': C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
	'sa': C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC,
	'a+': C.O_APPEND | C.O_CREAT | C.O_RDWR, 'ax+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL,
	'xa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL,
	'as+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC, 'sa+': C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC
};

var codeError = errors.withCode;

/* A value as util.inspect shows it in an error message. */
function shown(v) {
	return native.utilInspect(v, 2);
}

function received(v) {
	return ' ' + errors.received(v);
}

function isBytes(v) {
	return v instanceof Uint8Array;
}

function isURL(v) {
	return v !== null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string';
}

function utf8(bytes) {
	return new TextDecoder().decode(bytes);
}

function getPath(p, name) {
	name = name || 'path';
	if (typeof p === 'string') {
		if (p.indexOf('\u0000') !== -1)
			throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument '" + name +
			    "' must be a string, Uint8Array, or URL without null bytes." + received(p));
		return p;
	}
	if (isBytes(p))
		return getPath(utf8(p), name);
	if (isURL(p)) {
		if (p.protocol !== 'file:')
			throw codeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
		return native.fileURLPath(p.href);
	}
	throw errors.invalidArgType(name, 'of type string or an instance of Buffer or URL', p);
}

function getFd(fd) {
	if (typeof fd !== 'number')
		throw errors.invalidArgType('fd', 'of type number', fd);
	if (fd !== Math.floor(fd) || fd < 0 || fd > 2147483647)
		throw codeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received ' + fd);
	return fd;
}

function getFlags(flags, dflt) {
	if (flags === undefined || flags === null)
		return FLAGS[dflt];
	if (typeof flags === 'number')
		return flags;
	if (typeof flags === 'string' && Object.prototype.hasOwnProperty.call(FLAGS, flags))
		return FLAGS[flags];
	throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'flags' is invalid. Received " +
	    shown(flags));
}

function getMode(mode, dflt) {
	if (mode === undefined || mode === null)
		return dflt;
	if (typeof mode === 'string' && /^[0-7]+$/.test(mode))
		return parseInt(mode, 8);
	if (typeof mode !== 'number')
		throw errors.invalidArgType('mode', 'of type number', mode);
	return mode;
}

/* options as a string is the encoding, as in Node. */
function getOptions(options, dflt) {
	if (options === undefined || options === null || typeof options === 'function')
		return dflt;
	if (typeof options === 'string')
		return { encoding: options, flag: dflt.flag, mode: dflt.mode };
	if (typeof options !== 'object')
		throw errors.invalidArgType('options', 'one of type string or an instance of Object', options);
	return options;
}

function checkEncoding(enc) {
	if (enc === undefined || enc === null || enc === 'buffer')
		return enc;
	if (Buffer.isEncoding(enc))
		return enc;
	if (/^utf-?8$/i.test(enc))
		return 'utf8';
	throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'encoding' is invalid encoding. Received " +
	    shown(enc));
}

function decode(u8, enc) {
	if (enc === undefined || enc === null || enc === 'buffer')
		return later.buffer(u8);
	if (/^utf-?8$/i.test(enc))
		return utf8(u8);
	return later.buffer(u8).toString(enc);
}

function toBytes(data, enc, name) {
	return later.bytes(data, typeof data === 'string' ? checkEncoding(enc) : null, name || 'data',
	    'of type string or an instance of Buffer, TypedArray, or DataView');
}

function Stats(f) {
	this.dev = f[0]; this.mode = f[1]; this.nlink = f[2]; this.uid = f[3]; this.gid = f[4];
	this.rdev = f[5]; this.blksize = f[6]; this.ino = f[7]; this.size = f[8]; this.blocks = f[9];
	this.atimeMs = f[10]; this.mtimeMs = f[11]; this.ctimeMs = f[12]; this.birthtimeMs = f[13];
	this.atime = new Date(f[10]); this.mtime = new Date(f[11]); this.ctime = new Date(f[12]);
	this.birthtime = new Date(f[13]);
}

function kind(mask) {
	return function () { return (this.mode & C.S_IFMT) === mask; };
}
Stats.prototype.isFile = kind(C.S_IFREG);
Stats.prototype.isDirectory = kind(C.S_IFDIR);
Stats.prototype.isSymbolicLink = kind(C.S_IFLNK);
Stats.prototype.isFIFO = kind(C.S_IFIFO);
Stats.prototype.isSocket = kind(C.S_IFSOCK);
Stats.prototype.isCharacterDevice = kind(C.S_IFCHR);
Stats.prototype.isBlockDevice = kind(C.S_IFBLK);

function Dirent(name, type, dir) {
	this.name = name;
	this.parentPath = dir;
	this.path = dir;
	Object.defineProperty(this, '_type', { value: type, writable: true });
}

function dtype(t) {
	return function () { return this._type === t; };
}
Dirent.prototype.isFile = dtype(C.UV_DIRENT_FILE);
Dirent.prototype.isDirectory = dtype(C.UV_DIRENT_DIR);
Dirent.prototype.isSymbolicLink = dtype(C.UV_DIRENT_LINK);
Dirent.prototype.isFIFO = dtype(C.UV_DIRENT_FIFO);
Dirent.prototype.isSocket = dtype(C.UV_DIRENT_SOCKET);
Dirent.prototype.isCharacterDevice = dtype(C.UV_DIRENT_CHAR);
Dirent.prototype.isBlockDevice = dtype(C.UV_DIRENT_BLOCK);

/* A Dirent of unknown type (some file systems): asks lstat, as libuv does. */
function direntOf(dir, name, type) {
	if (type === C.UV_DIRENT_UNKNOWN) {
		var st = sys.stat(dir + '/' + name, false, false);
		if (st)
			type = [0, C.S_IFREG, C.S_IFDIR, C.S_IFLNK, C.S_IFIFO, C.S_IFSOCK, C.S_IFCHR, C.S_IFBLK]
			    .indexOf(st[1] & C.S_IFMT);
		if (type < 0)
			type = C.UV_DIRENT_UNKNOWN;
	}
	return new Dirent(name, type, dir);
}

var fs = { constants: C, Stats: Stats, Dirent: Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

fs.openSync = function (path, flags, mode) {
	return sys.open(getPath(path), getFlags(flags, 'r'), getMode(mode, 438));
};

fs.closeSync = function (fd) {
	sys.close(getFd(fd));
};

/* readSync(fd, buffer, offset, length, position) or (fd, buffer, {offset,
 * length, position}). */
fs.readSync = function (fd, buffer, offset, length, position) {
	getFd(fd);
	if (!ArrayBuffer.isView(buffer))
		throw errors.invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
	var bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	if (offset !== null && typeof offset === 'object') {
		position = offset.position; length = offset.length; offset = offset.offset;
	}
	offset = offset === undefined ? 0 : offset;
	length = length === undefined ? bytes.length - offset : length;
	return sys.read(fd, bytes, offset, length, typeof position === 'number' ? position : -1);
};

/* writeSync(fd, buffer, offset, length, position) or (fd, string,
 * position, encoding). */
fs.writeSync = function (fd, data, offset, length, position) {
	var bytes;

	getFd(fd);
	if (typeof data === 'string') {
		bytes = toBytes(data, length);
		return sys.write(fd, bytes, 0, bytes.length, typeof offset === 'number' ? offset : -1);
	}
	bytes = toBytes(data, null, 'buffer');
	if (offset !== null && typeof offset === 'object') {
		position = offset.position; length = offset.length; offset = offset.offset;
	}
	offset = offset === undefined || offset === null ? 0 : offset;
	length = length === undefined || length === null ? bytes.length - offset : length;
	return sys.write(fd, bytes, offset, length, typeof position === 'number' ? position : -1);
};

fs.readFileSync = function (path, options) {
	var o = getOptions(options, { flag: 'r' });
	var enc = checkEncoding(o.encoding);
	var bytes = typeof path === 'number' ? sys.readFile(getFd(path), 0) :
	    sys.readFile(getPath(path), getFlags(o.flag, 'r'));

	return decode(bytes, enc);
};

function writeAll(fd, bytes) {
	var off = 0;

	while (off < bytes.length)
		off += sys.write(fd, bytes, off, bytes.length - off, -1);
}

function writeFile(path, data, options, flag) {
	var o = getOptions(options, { encoding: 'utf8', mode: 438, flag: flag });
	var bytes = toBytes(data, o.encoding);
	var fd;

	if (typeof path === 'number')
		return writeAll(getFd(path), bytes);
	fd = sys.open(getPath(path, 'file'), getFlags(o.flag, flag), getMode(o.mode, 438));
	try {
		writeAll(fd, bytes);
	} finally {
		sys.close(fd);
	}
}

fs.writeFileSync = function (path, data, options) {
	writeFile(path, data, options, 'w');
};

fs.appendFileSync = function (path, data, options) {
	writeFile(path, data, options, 'a');
};

fs.existsSync = function (path) {
	try {
		return sys.stat(getPath(path), true, false) !== undefined;
	} catch (e) {
		return false;
	}
};

function statWith(follow) {
	return function (path, options) {
		var f = sys.stat(getPath(path), follow, !options || options.throwIfNoEntry !== false);

		return f === undefined ? undefined : new Stats(f);
	};
}
fs.statSync = statWith(true);
fs.lstatSync = statWith(false);
fs.fstatSync = function (fd) {
	return new Stats(sys.stat(getFd(fd), true, true));
};

function listDir(dir, o, prefix, out) {
	var r = sys.readdir(dir), order = [], i, name, full;

	for (i = 0; i < r[0].length; i++)
		order.push(i);
	/* libuv sorts entries by their bytes; for names of one script that is
	 * code-unit order. */
	order.sort(function (a, b) { return r[0][a] < r[0][b] ? -1 : r[0][a] > r[0][b] ? 1 : 0; });
	for (i = 0; i < order.length; i++) {
		name = r[0][order[i]];
		full = prefix ? prefix + '/' + name : name;
		out.push(o.withFileTypes ? direntOf(dir, name, r[1][order[i]]) :
		    o.encoding === 'buffer' ? later.buffer(new TextEncoder().encode(full)) : full);
		if (o.recursive && (r[1][order[i]] === C.UV_DIRENT_DIR ||
		    (r[1][order[i]] === C.UV_DIRENT_UNKNOWN && direntOf(dir, name, 0).isDirectory())))
			listDir(dir + '/' + name, o, full, out);
	}
	return out;
}

fs.readdirSync = function (path, options) {
	var o = getOptions(options, {});

	checkEncoding(o.encoding);
	return listDir(getPath(path), o, '', []);
};

function mkdirp(path, mode) {
	var st = sys.stat(path, true, false), parent, first;

	if (st !== undefined) {
		if ((st[1] & C.S_IFMT) !== C.S_IFDIR)
			sys.mkdir(path, mode);	/* throws EEXIST as Node does */
		return undefined;
	}
	parent = path.replace(/\/+[^\/]*\/*$/, '') || '/';
	first = parent === path ? undefined : mkdirp(parent, mode);
	sys.mkdir(path, mode);
	return first === undefined ? path : first;
}

function absolute(p) {
	return p.charAt(0) === '/' ? p : native.cwd() + '/' + p;
}

fs.mkdirSync = function (path, options) {
	var o = typeof options === 'number' || typeof options === 'string' ? { mode: options } : (options || {});
	var p = getPath(path), mode = getMode(o.mode, 511);

	if (!o.recursive) {
		sys.mkdir(p, mode);
		return undefined;
	}
	return mkdirp(absolute(p).replace(/\/+$/, '') || '/', mode);
};

function removeTree(p) {
	var st = sys.stat(p, false, true), names, i;

	if ((st[1] & C.S_IFMT) !== C.S_IFDIR)
		return sys.unlink(p);
	names = sys.readdir(p)[0];
	for (i = 0; i < names.length; i++)
		removeTree(p + '/' + names[i]);
	sys.rmdir(p);
}

fs.rmSync = function (path, options) {
	var o = options || {}, p = getPath(path), st = sys.stat(p, false, !o.force);

	if (st === undefined)
		return;
	if ((st[1] & C.S_IFMT) === C.S_IFDIR && !o.recursive) {
		var e = codeError(Error, 'ERR_FS_EISDIR', 'Path is a directory: rm returned EISDIR (is a directory) ' + p);
		e.name = 'SystemError'; e.errno = 21; e.syscall = 'rm'; e.path = p;
		throw e;
	}
	removeTree(p);
};

fs.rmdirSync = function (path, options) {
	var p = getPath(path);

	if (options && options.recursive)
		return removeTree(p);
	sys.rmdir(p);
};

fs.unlinkSync = function (path) { sys.unlink(getPath(path)); };
fs.renameSync = function (from, to) { sys.rename(getPath(from, 'oldPath'), getPath(to, 'newPath')); };
fs.copyFileSync = function (src, dst, mode) {
	sys.copyFile(getPath(src, 'src'), getPath(dst, 'dest'), ((mode | 0) & C.COPYFILE_EXCL) !== 0);
};
fs.realpathSync = function (path, options) {
	var r = sys.realpath(getPath(path)), o = getOptions(options, {});

	return o.encoding === 'buffer' ? later.buffer(new TextEncoder().encode(r)) : r;
};
fs.realpathSync.native = fs.realpathSync;
fs.accessSync = function (path, mode) { sys.access(getPath(path), mode === undefined ? 0 : mode); };
fs.chmodSync = function (path, mode) { sys.chmod(getPath(path), getMode(mode)); };
fs.truncateSync = function (path, len) {
	if (typeof path === 'number')
		return sys.ftruncate(getFd(path), len || 0);
	sys.truncate(getPath(path), len || 0);
};
fs.ftruncateSync = function (fd, len) { sys.ftruncate(getFd(fd), len || 0); };
fs.fsyncSync = function (fd) { sys.fsync(getFd(fd)); };
fs.fdatasyncSync = fs.fsyncSync;
fs.readlinkSync = function (path) { return sys.readlink(getPath(path)); };
fs.symlinkSync = function (target, path) { sys.symlink(getPath(target, 'target'), getPath(path)); };
fs.linkSync = function (from, to) { sys.link(getPath(from, 'existingPath'), getPath(to, 'newPath')); };
function seconds(t) {
	return t instanceof Date ? t.getTime() / 1000 : typeof t === 'string' ? Number(t) : t;
}
fs.utimesSync = function (path, atime, mtime) { sys.utimes(getPath(path), seconds(atime), seconds(mtime), true); };
fs.lutimesSync = function (path, atime, mtime) { sys.utimes(getPath(path), seconds(atime), seconds(mtime), false); };
fs.mkdtempSync = function (prefix) {
	if (typeof prefix !== 'string')
		throw errors.invalidArgType('prefix', 'of type string', prefix);
	return sys.mkdtemp(prefix);
};

var ASYNC = ['open', 'close', 'read', 'write', 'readFile', 'writeFile', 'appendFile', 'stat', 'lstat',
	'fstat', 'readdir', 'mkdir', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'realpath', 'access',
	'chmod', 'truncate', 'ftruncate', 'fsync', 'fdatasync', 'readlink', 'symlink', 'link', 'utimes',
	'lutimes', 'mkdtemp'];

/* read and write call back with the buffer too. */
function withBuffer(r, args) {
	return [r, args[1]];
}

/* fs.promises.open's FileHandle: the fd and the calls on it. */
function FileHandle(fd) {
	this.fd = fd;
}
['read', 'write', 'readFile', 'writeFile', 'appendFile', 'stat', 'truncate', 'sync', 'datasync', 'close']
    .forEach(function (m) {
	var call = later.promiseForm(fs[{ stat: 'fstatSync', truncate: 'ftruncateSync', sync: 'fsyncSync',
		datasync: 'fsyncSync', close: 'closeSync' }[m] || m + 'Sync']);

	FileHandle.prototype[m] = function () {
		var args = [this.fd].concat(Array.prototype.slice.call(arguments)), self = this;

		if (m === 'close')
			self.fd = -1;
		return call.apply(null, args).then(function (r) {
			return m === 'read' ? { bytesRead: r, buffer: args[1] } :
			    m === 'write' ? { bytesWritten: r, buffer: args[1] } : r;
		});
	};
});

var promises = { constants: C };

ASYNC.forEach(function (name) {
	fs[name] = later.callbackForm(fs[name + 'Sync'], name === 'read' || name === 'write' ? withBuffer : null, 'cb');
	promises[name] = later.promiseForm(fs[name + 'Sync']);
});
fs.realpath.native = fs.realpath;
var openFd = promises.open;
promises.open = function () {
	return openFd.apply(null, arguments).then(function (fd) { return new FileHandle(fd); });
};

/* fs.exists: the deprecated callback with one boolean argument. */
fs.exists = function (path, cb) {
	later.checkCallback(cb, 'cb');
	later.later(function () { cb(fs.existsSync(path)); });
};

/* The stream classes, made on first use (they need `stream`). */
var streamClasses = null;

function streams() {
	if (!streamClasses)
		streamClasses = require('internal/fs_streams')(fs, getPath);
	return streamClasses;
}

['ReadStream', 'WriteStream'].forEach(function (cls) {
	Object.defineProperty(fs, cls, { enumerable: true, configurable: true,
	    get: function () { return streams()[cls]; } });
	fs['create' + cls] = function (path, options) {
		return new (streams()[cls])(path, options);
	};
});

fs.promises = promises;
module.exports = fs;
