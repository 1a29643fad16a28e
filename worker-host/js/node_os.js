/*
 * node_os.js - Node's `os` on Linux: EOL, devNull, platform, type,
 * release, version, machine, arch, endianness, hostname, homedir ($HOME,
 * else the password entry), tmpdir ($TMPDIR/$TMP/$TEMP, else /tmp),
 * userInfo, uptime, loadavg, totalmem, freemem, cpus,
 * availableParallelism, constants.signals and constants.priority (the
 * facts come from mod_os.c).  The environment is the worker's
 * (process.env, from spawn).  Absent: networkInterfaces, getPriority,
 * setPriority, constants.errno and constants.dlopen.  ES5, run as a core
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

function signals() {
	var out = {}, list = SIGNALS.split(' '), i;

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
		signals: signals(),
		priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
			PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 }
	}
};
