/*
 * node_module.js - Node's `module`: the Module class of require.js with
 * createRequire (an absolute path, a file: URL string or a URL-like
 * object; a path ending in "/" names a directory), builtinModules (every
 * core name, the unsupported ones included, as Node lists them) and
 * isBuiltin.  Absent: register, syncBuiltinESMExports, findSourceMap,
 * Module._load and the other internals loaders patch.  ES5, run as a core
 * module (require.js).
 */
'use strict';

var errors = require('internal/errors');
var Module = loader.Module;

function createRequire(filename) {
	var p = filename;

	if (typeof p === 'object' && p !== null && typeof p.href === 'string')
		p = p.href;
	if (typeof p === 'string' && /^file:/i.test(p))
		p = require('url').fileURLToPath(p) + (/\/$/.test(p) ? '/' : '');
	if (typeof p !== 'string' || p.charAt(0) !== '/')
		throw errors.withCode(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'filename' must be a file URL " +
		    'object, file URL string, or absolute path string. Received ' + native.utilInspect(filename, 2));
	return loader.createRequire(p);
}

Module.createRequire = createRequire;
Module.builtinModules = loader.builtinModules();
Module.isBuiltin = loader.isBuiltin;
Module.Module = Module;

module.exports = Module;
