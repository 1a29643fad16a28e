/*
 * node_child_process.js - Node's `child_process` as a worker has it: a
 * worker cannot start processes (its seccomp filter forbids execve:
 * docs/security.md), so spawn, spawnSync, exec, execSync, execFile,
 * execFileSync, fork and `new ChildProcess()` throw
 * ERR_WORKERSD_UNSUPPORTED when called, and packages that require
 * `child_process` for a path they do not take (commander, nyc, jsdom...)
 * load.  Before that each checks its arguments as Node 20 does, in Node's
 * order: the file or command (a string without null bytes, not empty)
 * or fork's module path (a string, Buffer or file: URL without null
 * bytes), the args array (its strings without null bytes), options an
 * object, the callback a function; the options' own fields are not
 * looked at.  ES5, run as a core module.
 */
'use strict';

var errors = require('internal/errors');
var EventEmitter = require('events');

function unsupported(what) {
	return errors.unsupported('child_process.' + what, 'a worker cannot start processes');
}

/* Node's validateArgumentNullCheck. */
function nullCheck(v, name) {
	if (typeof v === 'string' && v.indexOf('\u0000') !== -1)
		throw errors.invalidArgValue(name, v, 'must be a string without null bytes');
}

function checkString(v, name) {
	if (typeof v !== 'string')
		throw errors.invalidArgType(name, 'of type string', v);
	nullCheck(v, name);
}

/* Node's normalizeSpawnArguments up to the options' fields. */
function spawnArgs(file, args, options) {
	var i;

	checkString(file, 'file');
	if (file.length === 0)
		throw errors.invalidArgValue('file', file, 'cannot be empty');
	if (Array.isArray(args)) {
		for (i = 0; i < args.length; i++)
			nullCheck(args[i], 'args[' + i + ']');
	} else if (args !== null && args !== undefined) {
		if (typeof args !== 'object')
			throw errors.invalidArgType('args', 'of type object', args);
		options = args;
	}
	if (options !== undefined)
		errors.object(options, 'options');
}

/* Node's normalizeExecFileArgs (but for options.argv0): args and options
 * once those that were left out are ([args, options]). */
function execFileArgs(args, options, callback) {
	if (!Array.isArray(args)) {
		if (args !== null && typeof args === 'object') {
			callback = options;
			options = args;
			args = null;
		} else if (typeof args === 'function') {
			callback = args;
			options = null;
			args = null;
		}
	}
	if (args === null || args === undefined)
		args = [];
	if (typeof options === 'function')
		callback = options;
	else if (options !== null && options !== undefined)
		errors.object(options, 'options');
	if (callback !== null && callback !== undefined && typeof callback !== 'function')
		throw errors.invalidArgType('callback', 'of type function', callback);
	return [args, options === null || options === undefined ? {} : options];
}

function spawn(file, args, options) {
	spawnArgs(file, args, options);
	throw unsupported('spawn()');
}

function spawnSync(file, args, options) {
	spawnArgs(file, args, options);
	throw unsupported('spawnSync()');
}

function execFile(file, args, options, callback) {
	/* Node's execFile spawns with options of its own making. */
	spawnArgs(file, execFileArgs(args, options, callback)[0]);
	throw unsupported('execFile()');
}

function execFileSync(file, args, options) {
	var a = execFileArgs(args, options);

	spawnArgs(file, a[0], a[1]);
	throw unsupported('execFileSync()');
}

/* exec and execSync: the command (Node's normalizeExecArgs), then what
 * execFile and spawnSync check of it. */
function exec(command, options, callback) {
	checkString(command, 'command');
	if (typeof options === 'function')
		callback = options;
	if (callback !== null && callback !== undefined && typeof callback !== 'function')
		throw errors.invalidArgType('callback', 'of type function', callback);
	spawnArgs(command);
	throw unsupported('exec()');
}

function execSync(command) {
	checkString(command, 'command');
	spawnArgs(command);
	throw unsupported('execSync()');
}

/* fork: the module path as fs takes one (Node's getValidatedPath), args
 * an array, options an object. */
function fork(modulePath, args, options) {
	var path = modulePath;

	if (path !== null && typeof path === 'object' && path.href && path.protocol &&
	    path.auth === undefined && path.path === undefined)
		path = require('url').fileURLToPath(path);
	if (typeof path !== 'string' && !(path instanceof Uint8Array))
		throw errors.invalidArgType('modulePath', 'of type string or an instance of Buffer or URL', path);
	if (typeof path === 'string' ? path.indexOf('\u0000') !== -1 : Array.prototype.indexOf.call(path, 0) !== -1)
		throw errors.invalidArgValue('modulePath', path, 'must be a string, Uint8Array, or URL without null bytes');
	if (args !== null && args !== undefined) {
		if (typeof args === 'object' && !Array.isArray(args))
			options = args;
		else if (!Array.isArray(args))
			throw errors.invalidArgType('args', 'an instance of Array', args);
	}
	if (options !== null && options !== undefined)
		errors.object(options, 'options');
	throw unsupported('fork()');
}

function ChildProcess() {
	throw unsupported('ChildProcess');
}
ChildProcess.prototype = Object.create(EventEmitter.prototype, {
	constructor: { value: ChildProcess, writable: true, configurable: true }
});
Object.setPrototypeOf(ChildProcess, EventEmitter);

module.exports = {
	ChildProcess: ChildProcess,
	exec: exec,
	execFile: execFile,
	execFileSync: execFileSync,
	execSync: execSync,
	fork: fork,
	spawn: spawn,
	spawnSync: spawnSync
};
