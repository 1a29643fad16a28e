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

/*
 * ES modules (the lowering's {__wsdEsm, tla, body}, tsc-driver.js) are
 * evaluated in ES order: their static imports first, then the body, once
 * the imports' top-level awaits have settled; a module whose body awaits,
 * or that waits for an import that does, is async: mod.promise settles
 * when it has evaluated.  A cycle does not wait for a module that is still
 * on the stack; that module's partial exports are seen, as in Node.
 * require() of an async module throws ERR_REQUIRE_ASYNC_MODULE, import()
 * waits for it.
 */
function isEsmRecord(r) {
	return r !== null && typeof r === 'object' && r.__wsdEsm instanceof Array && typeof r.body === 'function';
}

function requireAsyncError(mod, parent) {
	var err = new Error('require() cannot be used on an ESM graph with top-level await. Use import() ' +
	    'instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n' +
	    '  From ' + (parent ? parent.filename : mod.filename) + ' \n  Requiring ' + mod.filename + ' ');

	err.code = 'ERR_REQUIRE_ASYNC_MODULE';
	return err;
}

function setAsync(mod, promise) {
	mod.async = true;
	mod.promise = promise.then(function () {
		mod.settled = true;
	}, function (e) {
		mod.settled = true;
		mod.failed = true;
		mod.error = e;
		throw e;
	});
}

/* What an importer waits for before its body runs, or null. */
function pendingOf(dep) {
	return dep && dep.promise && (!dep.settled || dep.failed) ? dep.promise : null;
}

function evaluateEsm(mod, rec, sync) {
	var waits = [], dep, i, p;

	mod.esm = true;
	for (i = 0; i < rec.__wsdEsm.length; i++) {
		dep = loadRecord(resolve(rec.__wsdEsm[i], mod.filename), mod, false);
		if ((p = pendingOf(dep)) !== null)
			waits.push(p);
	}
	if (sync && (rec.tla || waits.length > 0))
		throw requireAsyncError(mod, mod.parent);
	if (waits.length === 0) {
		p = rec.body.call(mod.exports);
		if (rec.tla)
			setAsync(mod, p);
		return;
	}
	setAsync(mod, Promise.all(waits).then(function () {
		return rec.body.call(mod.exports);
	}));
}

function namespaceOf(exports) {
	var ns = {}, k;

	if (exports && exports.__esModule)
		return exports;
	if (exports !== null && typeof exports === 'object')
		for (k in exports)
			if (k !== 'default' && Object.prototype.hasOwnProperty.call(exports, k))
				ns[k] = exports[k];
	ns['default'] = exports;
	return ns;
}

/* import(specifier) from mod: the namespace once the module has evaluated. */
function dynamicImport(mod, specifier) {
	return Promise.resolve().then(function () {
		var dep = loadRecord(resolve(String(specifier), mod.filename), mod, false);

		return (pendingOf(dep) || Promise.resolve()).then(function () {
			return namespaceOf(dep.exports);
		});
	});
}

function run(mod, sync) {
	var fn, meta, rec;

	if (/\.json$/.test(mod.filename)) {
		try {
			mod.exports = JSON.parse(native.readSource(mod.filename));
		} catch (e) {
			e.message = mod.filename + ': ' + e.message;
			throw e;
		}
		return;
	}
	fn = native.compileModule(mod.filename);
	rec = fn.call(mod.exports, mod.exports, makeRequire(mod), mod, mod.filename, mod.path, function () {
		return meta || (meta = importMeta(mod));
	}, function (specifier) {
		return dynamicImport(mod, specifier);
	});
	if (isEsmRecord(rec))
		evaluateEsm(mod, rec, sync);
}

/* The module record of filename, evaluated (or evaluating). */
function loadRecord(filename, parent, sync) {
	var mod = cache[filename], ok = false;

	if (mod) {
		if (parent && parent.children.indexOf(mod) < 0)
			parent.children.push(mod);
		return mod;
	}
	mod = new Module(filename, filename, parent);
	cache[filename] = mod;
	try {
		run(mod, sync);
		ok = true;
	} finally {
		if (!ok)
			delete cache[filename];
	}
	mod.loaded = true;
	return mod;
}

function load(filename, parent) {
	var mod = loadRecord(filename, parent, true);

	if (mod.failed)
		throw mod.error;
	if (mod.async && !(parent && parent.esm && mod.settled))
		throw requireAsyncError(mod, parent);
	return mod.exports;
}

/* Frames from the daemon wait while the entry module's top-level awaits
 * run, so a listener added after an await misses no message; a rejection
 * there is an uncaught error, as a throw would be. */
internal.runMain = function (path) {
	var filename = native.realpath(path);

	mainModule = new Module('.', filename, null);
	cache[filename] = mainModule;
	run(mainModule, false);
	mainModule.loaded = true;
	if (!pendingOf(mainModule))
		return;
	native.holdFrames(true);
	mainModule.promise.then(function () {
		native.holdFrames(false);
	}, function (e) {
		native.holdFrames(false);
		global.queueMicrotask(function () {
			throw e;
		});
	});
};
})
