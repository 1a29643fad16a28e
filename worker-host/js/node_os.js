/*
 * node_os.js - Node's `os` on Linux: EOL, devNull, platform, type,
 * release, version, machine, arch, endianness, hostname, homedir ($HOME,
 * else the password entry), tmpdir ($TMPDIR/$TMP/$TEMP, else /tmp),
 * userInfo, uptime, loadavg, totalmem, freemem, cpus,
 * availableParallelism, constants (signals, errno, priority, dlopen:
 * Linux's numbers; the facts come from mod_os.c).  The environment is the worker's
 * (process.env, from spawn).  Absent: networkInterfaces, getPriority,
 * setPriority.  ES5, run as a core
 * module (require.js).
 */
'use strict';

var errors = require('internal/errors');

function info() {
	return native.osInfo();
}

function passwd() {
	var u = native.osUser();

	if (!u) {
		var e = errors.withCode(Error, 'ERR_SYSTEM_ERROR',
		    'A system error occurred: uv_os_get_passwd returned ENOENT (no such file or directory)');
		e.name = 'SystemError';
		throw e;
	}
	return u;
}

function homedir() {
	var home = process.env.HOME;

	return typeof home === 'string' && home !== '' ? home : passwd().homedir;
}

function tmpdir() {
	var env = process.env, p = env.TMPDIR || env.TMP || env.TEMP || '/tmp';

	if (p.length > 1 && p.charAt(p.length - 1) === '/')
		p = p.slice(0, -1);
	return p;
}

function userInfo(options) {
	var u = passwd();

	if (options && options.encoding === 'buffer')
		throw errors.withCode(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: buffer');
	return { uid: u.uid, gid: u.gid, username: u.username, homedir: u.homedir, shell: u.shell };
}

function endianness() {
	return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';
}

/* Linux's numbers, in the order Node lists them. */
var SIGNALS = 'SIGHUP 1 SIGINT 2 SIGQUIT 3 SIGILL 4 SIGTRAP 5 SIGABRT 6 SIGIOT 6 SIGBUS 7 SIGFPE 8 ' +
    'SIGKILL 9 SIGUSR1 10 SIGSEGV 11 SIGUSR2 12 SIGPIPE 13 SIGALRM 14 SIGTERM 15 SIGCHLD 17 ' +
    'SIGSTKFLT 16 SIGCONT 18 SIGSTOP 19 SIGTSTP 20 SIGTTIN 21 SIGTTOU 22 SIGURG 23 SIGXCPU 24 ' +
    'SIGXFSZ 25 SIGVTALRM 26 SIGPROF 27 SIGWINCH 28 SIGIO 29 SIGPOLL 29 SIGPWR 30 SIGSYS 31';

var ERRNO = 'E2BIG 7 EACCES 13 EADDRINUSE 98 EADDRNOTAVAIL 99 EAFNOSUPPORT 97 EAGAIN 11 ' +
    'EALREADY 114 EBADF 9 EBADMSG 74 EBUSY 16 ECANCELED 125 ECHILD 10 ECONNABORTED 103 ' +
    'ECONNREFUSED 111 ECONNRESET 104 EDEADLK 35 EDESTADDRREQ 89 EDOM 33 EDQUOT 122 EEXIST 17 ' +
    'EFAULT 14 EFBIG 27 EHOSTUNREACH 113 EIDRM 43 EILSEQ 84 EINPROGRESS 115 EINTR 4 EINVAL 22 ' +
    'EIO 5 EISCONN 106 EISDIR 21 ELOOP 40 EMFILE 24 EMLINK 31 EMSGSIZE 90 EMULTIHOP 72 ' +
    'ENAMETOOLONG 36 ENETDOWN 100 ENETRESET 102 ENETUNREACH 101 ENFILE 23 ENOBUFS 105 ' +
    'ENODATA 61 ENODEV 19 ENOENT 2 ENOEXEC 8 ENOLCK 37 ENOLINK 67 ENOMEM 12 ENOMSG 42 ' +
    'ENOPROTOOPT 92 ENOSPC 28 ENOSR 63 ENOSTR 60 ENOSYS 38 ENOTCONN 107 ENOTDIR 20 ' +
    'ENOTEMPTY 39 ENOTSOCK 88 ENOTSUP 95 ENOTTY 25 ENXIO 6 EOPNOTSUPP 95 EOVERFLOW 75 EPERM 1 ' +
    'EPIPE 32 EPROTO 71 EPROTONOSUPPORT 93 EPROTOTYPE 91 ERANGE 34 EROFS 30 ESPIPE 29 ' +
    'ESRCH 3 ESTALE 116 ETIME 62 ETIMEDOUT 110 ETXTBSY 26 EWOULDBLOCK 11 EXDEV 18';

/* A "NAME n NAME n ..." table as an object. */
function table(text) {
	var out = {}, list = text.split(' '), i;

	for (i = 0; i < list.length; i += 2)
		out[list[i]] = Number(list[i + 1]);
	return out;
}

module.exports = {
	EOL: '\n',
	devNull: '/dev/null',
	platform: function platform() { return 'linux'; },
	type: function type() { return info().sysname; },
	release: function release() { return info().release; },
	version: function version() { return info().version; },
	machine: function machine() { return info().machine; },
	arch: function arch() { return process.arch; },
	endianness: endianness,
	hostname: function hostname() { return info().hostname; },
	homedir: homedir,
	tmpdir: tmpdir,
	userInfo: userInfo,
	uptime: function uptime() { return info().uptime; },
	loadavg: function loadavg() { return info().loadavg; },
	totalmem: function totalmem() { return info().totalmem; },
	freemem: function freemem() { return info().freemem; },
	cpus: function cpus() { return native.osCpus(); },
	availableParallelism: function availableParallelism() { return Math.max(1, native.osCpus().length); },
	constants: {
		UV_UDP_REUSEADDR: 4,
		dlopen: table('RTLD_LAZY 1 RTLD_NOW 2 RTLD_GLOBAL 256 RTLD_LOCAL 0 RTLD_DEEPBIND 8'),
		errno: table(ERRNO),
		signals: table(SIGNALS),
		priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
			PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 }
	}
};
