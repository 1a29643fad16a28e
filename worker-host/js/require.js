/*
 * require.js - CommonJS modules with Node's resolution.
 *
 * Relative ('./x', '../x') and absolute requests resolve against the
 * requiring file's directory: the exact file, then X + each of EXTS, then a
 * directory's package.json "main" (with the same tries) and its index +
 * EXTS.  Bare names search node_modules directories from the requiring
 * directory up to the root.  A file: URL is decoded (protocol/fileurl.c)
 * and resolves as its absolute path.  Modules are cached by real path; a
 * cycle sees the partial exports of the module still loading, as in Node.
 * .json files are JSON.parse'd.  internal.runMain(path) runs the entry script as the
 * main module.
 *
 * import.meta is made on a module's first use of it (the lowering turns
 * it into a call of the wrapper's __wsdImportMeta): Node 20's url,
 * filename, dirname and resolve(), then Bun's main, dir, file and path.
 * resolve() resolves as the lowered import does, by the rules above, and
 * gives the URL; a relative, absolute or file: specifier that names no
 * file gives the URL of the path it names, as in Node.
 */
(function (global, native, internal) {
'use strict';

var EXTS = ['.js', '.ts', '.tsx', '.jsx', '.mjs', '.cjs', '.json'];
var cache = Object.create(null);
var mainModule;

function normalize(p) {
	var parts = p.split('/'), out = [], i;

	for (i = 0; i < parts.length; i++) {
		if (parts[i] === '' || parts[i] === '.')
			continue;
		if (parts[i] === '..')
			out.pop();
		else
			out.push(parts[i]);
	}
	return '/' + out.join('/');
}

function dirname(p) {
	var i = p.lastIndexOf('/');

	return i <= 0 ? '/' : p.slice(0, i);
}

function join(a, b) {
	return normalize(a + '/' + b);
}

function isFile(p) {
	return native.stat(p) === 1;
}

function withExtension(p) {
	var i;

	for (i = 0; i < EXTS.length; i++)
		if (isFile(p + EXTS[i]))
			return p + EXTS[i];
	return null;
}

function asFile(p) {
	return isFile(p) ? p : withExtension(p);
}

function packageMain(dir) {
	var pkg = dir + '/package.json', main;

	if (!isFile(pkg))
		return null;
	try {
		main = JSON.parse(native.readSource(pkg)).main;
	} catch (e) {
		e.message = 'Error parsing ' + pkg + ': ' + e.message;
		throw e;
	}
	if (typeof main !== 'string' || main === '')
		return null;
	main = join(dir, main);
	return asFile(main) || withExtension(main + '/index');
}

function asDirectory(p) {
	if (native.stat(p) !== 2)
		return null;
	return packageMain(p) || withExtension(p + '/index');
}

function resolvePath(p, dirOnly) {
	return (dirOnly ? null : asFile(p)) || asDirectory(p);
}

function isRelative(request) {
	return request === '.' || request === '..' || request.indexOf('./') === 0 ||
	    request.indexOf('../') === 0 || request.charAt(0) === '/';
}

function isFileURL(request) {
	return /^file:/i.test(request);
}

function nodeModulesPaths(from) {
	var dir = from, paths = [];

	for (;;) {
		if (dir.slice(dir.lastIndexOf('/') + 1) !== 'node_modules')
			paths.push((dir === '/' ? '' : dir) + '/node_modules');
		if (dir === '/')
			return paths;
		dir = dirname(dir);
	}
}

function notFound(request, parentFile) {
	var err = new Error("Cannot find module '" + request + "' from '" + parentFile + "'");

	err.code = 'MODULE_NOT_FOUND';
	err.requireStack = [parentFile];
	return err;
}

function resolve(request, parentFile) {
	var dir = dirname(parentFile), found = null, paths, path, i;
	var dirOnly = /\/$/.test(request);

	if (typeof request !== 'string')
		throw new TypeError('The "id" argument must be of type string. Received ' + native.inspect(request));
	if (request === '')
		throw new TypeError("The argument 'id' must be a non-empty string. Received ''");
	if (isFileURL(request)) {
		path = native.fileURLPath(request);
		found = resolvePath(normalize(path), /\/$/.test(path));
	} else if (isRelative(request)) {
		found = resolvePath(request.charAt(0) === '/' ? normalize(request) : join(dir, request), dirOnly);
	} else {
		paths = nodeModulesPaths(dir);
		for (i = 0; i < paths.length && !found; i++)
			found = resolvePath(join(paths[i], request), dirOnly);
	}
	if (!found)
		throw notFound(request, parentFile);
	return native.realpath(found);
}

function Module(id, filename, parent) {
	this.id = id;
	this.filename = filename;
	this.path = dirname(filename);
	this.exports = {};
	this.parent = parent || null;
	this.loaded = false;
	this.children = [];
	this.paths = nodeModulesPaths(this.path);
	if (parent)
		parent.children.push(this);
}

function makeRequire(mod) {
	function require(request) {
		return load(resolve(request, mod.filename), mod);
	}
	require.resolve = function (request) {
		return resolve(request, mod.filename);
	};
	require.resolve.paths = function (request) {
		return isRelative(request) || isFileURL(request) ? null : nodeModulesPaths(mod.path);
	};
	require.cache = cache;
	require.main = mainModule;
	require.extensions = {};
	return require;
}

Object.defineProperty(Module.prototype, 'require', {
	configurable: true, writable: true, enumerable: false,
	value: function (request) { return load(resolve(request, this.filename), this); }
});

function metaResolve(mod, specifier) {
	var request = String(specifier), path;

	try {
		return native.fileURL(resolve(request, mod.filename));
	} catch (e) {
		if (e.code !== 'MODULE_NOT_FOUND' || !(isRelative(request) || isFileURL(request)))
			throw e;
	}
	path = isFileURL(request) ? normalize(native.fileURLPath(request)) :
	    request.charAt(0) === '/' ? normalize(request) : join(mod.path, request);
	return native.fileURL(/\/$/.test(request) && path !== '/' ? path + '/' : path);
}

function importMeta(mod) {
	var meta = Object.create(null);

	meta.dirname = mod.path;
	meta.filename = mod.filename;
	meta.resolve = function resolve(specifier) {
		return metaResolve(mod, specifier);
	};
	meta.url = native.fileURL(mod.filename);
	meta.main = mod === mainModule;
	meta.dir = mod.path;
	meta.file = mod.filename.slice(mod.filename.lastIndexOf('/') + 1);
	meta.path = mod.filename;
	return meta;
}

function run(mod) {
	var fn, meta;

	/* Not a RegExp: a worker's first match costs it pages (rt_regexp.h). */
	if (mod.filename.slice(-5) === '.json') {
		try {
			mod.exports = JSON.parse(native.readSource(mod.filename));
		} catch (e) {
			e.message = mod.filename + ': ' + e.message;
			throw e;
		}
		return;
	}
	fn = native.compileModule(mod.filename);
	fn.call(mod.exports, mod.exports, makeRequire(mod), mod, mod.filename, mod.path, function () {
		return meta || (meta = importMeta(mod));
	});
}

function load(filename, parent) {
	var mod = cache[filename], ok = false;

	if (mod) {
		if (parent && parent.children.indexOf(mod) < 0)
			parent.children.push(mod);
		return mod.exports;
	}
	mod = new Module(filename, filename, parent);
	cache[filename] = mod;
	try {
		run(mod);
		ok = true;
	} finally {
		if (!ok)
			delete cache[filename];
	}
	mod.loaded = true;
	return mod.exports;
}

internal.runMain = function (path) {
	var filename = native.realpath(path);

	mainModule = new Module('.', filename, null);
	cache[filename] = mainModule;
	run(mainModule);
	mainModule.loaded = true;
};
})
