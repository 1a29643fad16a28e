/*
 * require.js - CommonJS modules with Node's resolution.
 *
 * A core module name ('path', 'node:path'; the BUILTINS table below, each
 * an embedded file compiled on first use by coremod.c) comes first; an
 * unknown 'node:x' is ERR_UNKNOWN_BUILTIN_MODULE.  Relative ('./x', '../x')
 * and absolute requests resolve against the requiring file's directory:
 * the exact file, then X + each of EXTS, then a directory's package.json
 * "main" (with the same tries) and its index + EXTS.  '#name' goes through
 * the "imports" of the requiring file's package.  Bare names are first a
 * package naming itself, then searched in node_modules directories from
 * the requiring directory up to the root; a package with "exports"
 * resolves only through them (Node's PACKAGE_EXPORTS_RESOLVE: subpaths,
 * "*" patterns, null targets, conditions in the map's own order).  The
 * conditions are node + require, or node + import for an ES module (.mjs,
 * or .js in a "type": "module" package); when require's select nothing,
 * import's are tried, so an ESM-only package loads from CommonJS as in
 * Bun.  A file: URL is decoded (protocol/fileurl.c) and resolves as its
 * absolute path.  Modules are cached by real path; a cycle sees the
 * partial exports of the module still loading, as in Node.  .json files
 * are JSON.parse'd.  Errors carry Node's codes and messages
 * (MODULE_NOT_FOUND with requireStack, ERR_PACKAGE_PATH_NOT_EXPORTED, ...).
 * internal.runMain(path) runs the entry script as the main module.
 *
 * Globals whose class lives in an internal core module (URL and
 * URLSearchParams, 'internal/url') are getters until first touched: the
 * first read loads the module and turns the global into the plain
 * writable property Node has, so an idle worker never compiles it.
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

/* Parsed package.json files by path (null: none there).  Bounded by the
 * packages the worker's modules live in, like the module cache. */
var packages = Object.create(null);

function readPackage(dir) {
	var pkg = dir + '/package.json';

	if (pkg in packages)
		return packages[pkg];
	if (!isFile(pkg))
		return (packages[pkg] = null);
	try {
		packages[pkg] = JSON.parse(native.readSource(pkg));
	} catch (e) {
		e.message = 'Error parsing ' + pkg + ': ' + e.message;
		throw e;
	}
	if (packages[pkg] === null || typeof packages[pkg] !== 'object')
		packages[pkg] = {};
	return packages[pkg];
}

/* The directory of the package.json nearest above file (Node's package
 * scope), or null; a node_modules directory ends the search. */
function packageScope(file) {
	var dir = dirname(file);

	for (;;) {
		if (dir.slice(dir.lastIndexOf('/') + 1) === 'node_modules')
			return null;
		if (readPackage(dir))
			return dir;
		if (dir === '/')
			return null;
		dir = dirname(dir);
	}
}

/* Whether file is an ES module by Node's rules: .mjs/.mts, or .js/.ts in
 * a package of "type": "module".  It decides the conditions its requests
 * resolve with ("import" instead of "require"). */
function isESM(file) {
	var scope;

	if (/\.m[jt]s$/.test(file))
		return true;
	if (!/\.[jt]sx?$/.test(file))
		return false;
	scope = packageScope(file);
	return scope !== null && readPackage(scope).type === 'module';
}

function packageMain(dir) {
	var pkg = readPackage(dir), main;

	if (!pkg)
		return null;
	main = pkg.main;
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

/* The files that required parent, nearest first (Node's requireStack). */
function requireStack(parent) {
	var stack = [], m;

	for (m = parent; m && stack.length < 100; m = m.parent)
		stack.push(m.filename);
	return stack;
}

function notFound(request, parent) {
	var stack = requireStack(parent), err;

	err = new Error("Cannot find module '" + request + "'" +
	    (stack.length ? '\nRequire stack:\n- ' + stack.join('\n- ') : ''));
	err.code = 'MODULE_NOT_FOUND';
	err.requireStack = stack;
	return err;
}

function codeError(Ctor, code, message) {
	var err = new Ctor(message);

	err.code = code;
	return err;
}

function notExported(pkgDir, subpath, base) {
	return codeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', (subpath === '.' ?
	    'No "exports" main defined in ' + pkgDir + '/package.json' :
	    "Package subpath '" + subpath + "' is not defined by \"exports\" in " + pkgDir + '/package.json') +
	    (base ? ' imported from ' + base : ''));
}

function invalidTarget(pkgDir, key, target, isImports, base) {
	return codeError(Error, 'ERR_INVALID_PACKAGE_TARGET', 'Invalid "' + (isImports ? 'imports' : 'exports') +
	    '" target ' + JSON.stringify(target) + ' defined for \'' + key + "' in the package config " +
	    pkgDir + '/package.json' + (base ? ' imported from ' + base : ''));
}

/* Node's PATTERN_KEY_COMPARE: the longer prefix before "*" first. */
function patternKeyCompare(a, b) {
	var ba = a.indexOf('*') + 1, bb = b.indexOf('*') + 1;

	if (ba !== bb)
		return ba > bb ? -1 : 1;
	if (ba === 0)
		return 1;
	if (bb === 0)
		return -1;
	return a.length === b.length ? 0 : a.length > b.length ? -1 : 1;
}

var BAD_SEGMENT = /(^|[\/\\])(\.\.?|node_modules|%2e(%2e)?|)([\/\\]|$)/i;

/* Node's PACKAGE_TARGET_RESOLVE: a path, null (excluded), or undefined
 * (no condition matched). */
function targetResolve(r, target, match, key) {
	var i, keys, res, lastErr;

	if (typeof target === 'string') {
		if (target.indexOf('./') !== 0) {
			if (!r.isImports || target.indexOf('../') === 0 || target.charAt(0) === '/' ||
			    /^[a-z][a-z0-9+.-]*:/i.test(target))
				throw invalidTarget(r.pkgDir, key, target, r.isImports, r.base);
			return { bare: match === null ? target : target.split('*').join(match) };
		}
		if (BAD_SEGMENT.test(target.slice(2)))
			throw invalidTarget(r.pkgDir, key, target, r.isImports, r.base);
		if (match !== null && BAD_SEGMENT.test(match))
			throw codeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', 'Invalid module "' +
			    key.replace('*', match) + '" request is not a valid match in pattern "' + key +
			    '" for the "' + (r.isImports ? 'imports' : 'exports') + '" resolution of ' +
			    r.pkgDir + '/package.json' + (r.base ? ' imported from ' + r.base : ''));
		return join(r.pkgDir, match === null ? target : target.split('*').join(match));
	}
	if (Array.isArray(target)) {
		if (target.length === 0)
			return null;
		for (i = 0; i < target.length; i++) {
			try {
				res = targetResolve(r, target[i], match, key);
			} catch (e) {
				if (e.code !== 'ERR_INVALID_PACKAGE_TARGET')
					throw e;
				lastErr = e;
				continue;
			}
			if (res !== undefined)
				return res;
		}
		if (lastErr)
			throw lastErr;
		return res;
	}
	if (target === null)
		return null;
	if (typeof target !== 'object')
		throw invalidTarget(r.pkgDir, key, target, r.isImports, r.base);
	keys = Object.keys(target);
	for (i = 0; i < keys.length; i++) {
		if (keys[i] !== 'default' && r.conditions.indexOf(keys[i]) < 0)
			continue;
		res = targetResolve(r, target[keys[i]], match, key);
		if (res !== undefined)
			return res;
	}
	return undefined;
}

/* Node's PACKAGE_IMPORTS_EXPORTS_RESOLVE: the exact key, then the "*"
 * patterns, most specific first. */
function mapResolve(r, key, map) {
	var keys, i, k, star, base, trailer;

	if (Object.prototype.hasOwnProperty.call(map, key) && key.indexOf('*') < 0)
		return targetResolve(r, map[key], null, key);
	keys = Object.keys(map).filter(function (x) {
		return x.indexOf('*') >= 0 && x.indexOf('*') === x.lastIndexOf('*');
	}).sort(patternKeyCompare);
	for (i = 0; i < keys.length; i++) {
		k = keys[i];
		star = k.indexOf('*');
		base = k.slice(0, star);
		trailer = k.slice(star + 1);
		if (key.indexOf(base) !== 0 || key === base)
			continue;
		if (trailer !== '' && (key.length < k.length || key.slice(key.length - trailer.length) !== trailer))
			continue;
		return targetResolve(r, map[k], key.slice(base.length, key.length - trailer.length), k);
	}
	return null;
}

/* A resolved target: a path, or a bare name (imports only) resolved from
 * the package's directory. */
function targetFile(r, res, parent) {
	var path;

	if (res && typeof res === 'object')
		return resolveFrom(res.bare, r.pkgDir + '/package.json', parent, r.conditions);
	path = asFile(res);
	if (!path || res !== path)
		throw notFound(res, null);
	return path;
}

function exportsKind(pkgDir, exp) {
	var keys, dots = 0, i;

	if (typeof exp !== 'object' || exp === null || Array.isArray(exp))
		return 'main';
	keys = Object.keys(exp);
	for (i = 0; i < keys.length; i++)
		if (keys[i].charAt(0) === '.')
			dots++;
	if (dots && dots !== keys.length)
		throw codeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', 'Invalid package config ' + pkgDir +
		    '/package.json. "exports" cannot contain some keys starting with \'.\' and some not. ' +
		    'The exports object must either be an object of package subpath keys or an object of ' +
		    'main entry condition name keys only.');
	return dots ? 'subpaths' : 'main';
}

/* Node's PACKAGE_EXPORTS_RESOLVE for pkgDir's exports and "." or "./sub";
 * with require's conditions and, when they select nothing, as Bun does,
 * import's: an ESM-only package loads from CommonJS too. */
function exportsResolve(pkgDir, exp, subpath, conditions, parent, base) {
	var kind = exportsKind(pkgDir, exp), r, res, sets = [conditions], i;

	if (conditions.indexOf('require') >= 0)
		sets.push(IMPORT_CONDITIONS);
	for (i = 0; i < sets.length; i++) {
		r = { pkgDir: pkgDir, isImports: false, conditions: sets[i], base: base };
		if (subpath === '.')
			res = kind === 'main' ? targetResolve(r, exp, null, '.') :
			    exp['.'] === undefined ? undefined : targetResolve(r, exp['.'], null, '.');
		else
			res = kind === 'subpaths' ? mapResolve(r, subpath, exp) : null;
		if (res !== null && res !== undefined)
			return targetFile(r, res, parent);
	}
	throw notExported(pkgDir, subpath, base);
}

/* A bare name as name + "./sub" (the scope of @scope/name included). */
function splitBare(request) {
	var parts = request.split('/'), n = request.charAt(0) === '@' ? 2 : 1;

	return { name: parts.slice(0, n).join('/'), sub: parts.length > n ? './' + parts.slice(n).join('/') : '.' };
}

/* Node's PACKAGE_IMPORTS_RESOLVE for '#name'. */
function importsResolve(request, parentFile, parent, conditions) {
	var scope = packageScope(parentFile), pkg = scope && readPackage(scope), r, res;

	if (request === '#' || request.indexOf('#/') === 0)
		throw codeError(TypeError, 'ERR_INVALID_MODULE_SPECIFIER', 'Invalid module "' + request +
		    '" is not a valid internal imports specifier name imported from ' + parentFile);
	if (!pkg || typeof pkg.imports !== 'object' || pkg.imports === null)
		throw notFound(request, parent);
	r = { pkgDir: scope, isImports: true, conditions: conditions, base: parentFile };
	res = mapResolve(r, request, pkg.imports);
	if (res === null || res === undefined)
		throw codeError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED', 'Package import specifier "' +
		    request + '" is not defined in package ' + scope + '/package.json imported from ' + parentFile);
	return targetFile(r, res, parent);
}

/* A package naming itself (Node's LOAD_PACKAGE_SELF), or null. */
function selfResolve(bare, parentFile, parent, conditions) {
	var scope = packageScope(parentFile), pkg = scope && readPackage(scope);

	if (!pkg || pkg.exports === undefined || pkg.exports === null || pkg.name !== bare.name)
		return null;
	return exportsResolve(scope, pkg.exports, bare.sub, conditions, parent, parentFile);
}

/* node_modules lookup: a package with "exports" resolves through them
 * only; one without resolves as files. */
/* Searched after every node_modules: NODE_PATH's absolute entries, then
 * the directories Debian's own node searches, where its node-* packages
 * live.  Read on first use, once the worker's environment is set. */
var DEBIAN_PATHS = ['/usr/share/nodejs', '/usr/lib/nodejs'];
var globalPaths = null;

function globalModulePaths() {
	var env = global.process && global.process.env, list;

	if (globalPaths === null) {
		list = env && typeof env.NODE_PATH === 'string' ? env.NODE_PATH.split(':') : [];
		globalPaths = list.filter(function (p) { return p.charAt(0) === '/'; }).map(normalize)
		    .concat(DEBIAN_PATHS);
	}
	return globalPaths;
}

function modulesResolve(request, dir, parent, conditions, dirOnly) {
	var bare = splitBare(request), paths = nodeModulesPaths(dir).concat(globalModulePaths()), i, pkgDir, pkg, found;

	for (i = 0; i < paths.length; i++) {
		pkgDir = join(paths[i], bare.name);
		pkg = native.stat(pkgDir) === 2 ? readPackage(pkgDir) : null;
		if (pkg && pkg.exports !== undefined && pkg.exports !== null)
			return exportsResolve(pkgDir, pkg.exports, bare.sub, conditions, parent, null);
		if ((found = resolvePath(join(paths[i], request), dirOnly)))
			return found;
	}
	return null;
}

var REQUIRE_CONDITIONS = ['node', 'require'];
var IMPORT_CONDITIONS = ['node', 'import'];

function resolveFrom(request, parentFile, parent, conditions) {
	var dir = dirname(parentFile), found = null, path;
	var dirOnly = /\/$/.test(request);

	if (typeof request !== 'string')
		throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "id" argument must be of type string. Received ' +
		    native.inspect(request));
	if (request === '')
		throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
	if (isFileURL(request)) {
		path = native.fileURLPath(request);
		found = resolvePath(normalize(path), /\/$/.test(path));
	} else if (isRelative(request)) {
		found = resolvePath(request.charAt(0) === '/' ? normalize(request) : join(dir, request), dirOnly);
	} else if (request.charAt(0) === '#') {
		found = importsResolve(request, parentFile, parent, conditions);
	} else {
		found = selfResolve(splitBare(request), parentFile, parent, conditions) ||
		    modulesResolve(request, dir, parent, conditions, dirOnly);
	}
	if (!found)
		throw notFound(request, parent);
	return native.realpath(found);
}

/* Node's core modules: the embedded file each is (worker-host/js/FILE.js,
 * coremod.c).  Registering one is one line here. */
var BUILTINS = {
	assert: 'node_assert',
	'assert/strict': 'node_assert_strict',
	buffer: 'node_buffer',
	child_process: 'node_child_process',
	constants: 'node_constants',
	crypto: 'node_crypto',
	events: 'node_events',
	fs: 'node_fs',
	'fs/promises': 'node_fs_promises',
	http: 'node_http',
	https: 'node_https',
	module: 'node_module',
	net: 'node_net',
	os: 'node_os',
	path: 'node_path',
	'path/posix': 'node_path',
	perf_hooks: 'node_perf_hooks',
	process: 'node_process',
	punycode: '/usr/share/nodejs/punycode/punycode.js',
	querystring: 'node_querystring',
	readline: 'node_readline',
	'readline/promises': 'node_readline_promises',
	stream: 'node_stream',
	'stream/consumers': 'node_stream_consumers',
	'stream/promises': 'node_stream_promises',
	'stream/web': 'node_stream_web',
	string_decoder: 'node_string_decoder',
	timers: 'node_timers',
	tls: 'node_tls',
	tty: 'node_tty',
	url: 'node_url',
	'timers/promises': 'node_timers_promises',
	util: 'node_util',
	'util/types': 'node_util_types',
	vm: 'node_vm',
	worker_threads: 'node_worker_threads',
	zlib: 'node_zlib'
};
/* Node 20's other core modules: requiring one says it is not supported
 * here (docs/worker-api.md).  Only node:test needs the prefix. */
var UNSUPPORTED = ('_http_agent _http_client _http_common _http_incoming _http_outgoing _http_server ' +
    '_stream_duplex _stream_passthrough _stream_readable _stream_transform _stream_wrap _stream_writable ' +
    '_tls_common _tls_wrap async_hooks cluster console dgram ' +
    'diagnostics_channel dns dns/promises domain http2 inspector ' +
    'inspector/promises path/win32 ' +
    'repl sys ' +
    'trace_events v8 wasi').split(' ');
/* Files only core modules require. */
var INTERNAL = {
	/* readable-stream's lib files, not its readable.js: that requires
	 * 'stream' first, so a script requiring the package before 'stream'
	 * would hand 'stream' the package's exports before they exist. */
	'internal/streams/readable': '/usr/share/nodejs/readable-stream/lib/_stream_readable.js',
	'internal/streams/writable': '/usr/share/nodejs/readable-stream/lib/_stream_writable.js',
	'internal/streams/duplex': '/usr/share/nodejs/readable-stream/lib/_stream_duplex.js',
	'internal/streams/transform': '/usr/share/nodejs/readable-stream/lib/_stream_transform.js',
	'internal/streams/passthrough': '/usr/share/nodejs/readable-stream/lib/_stream_passthrough.js',
	'internal/streams/end-of-stream': '/usr/share/nodejs/readable-stream/lib/internal/streams/end-of-stream.js',
	'internal/streams/pipeline': '/usr/share/nodejs/readable-stream/lib/internal/streams/pipeline.js',
	'internal/compare': 'node_internal_compare',
	'internal/errors': 'node_internal_errors',
	'internal/fs_streams': 'node_fs_streams',
	'internal/later': 'node_internal_later',
	'internal/readline': 'node_internal_readline',
	'internal/url': 'node_internal_url',
	'internal/zlib_stream': 'node_zlib_stream'
};
var builtinCache = Object.create(null);

/* The core module a request names, or null when it names none. */
function builtinName(request) {
	var name = request.indexOf('node:') === 0 ? request.slice(5) : request;

	if (Object.prototype.hasOwnProperty.call(BUILTINS, name) || UNSUPPORTED.indexOf(name) >= 0)
		return name;
	if (name === 'test' && name !== request)
		return name;
	if (name !== request)
		throw codeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: ' + request);
	return null;
}

function builtinRequire(name, table) {
	var file = Object.prototype.hasOwnProperty.call(table || BUILTINS, name) ? (table || BUILTINS)[name] : null, mod;

	if (!file)
		throw codeError(Error, 'ERR_WORKERSD_UNSUPPORTED_MODULE', "The core module '" + name +
		    "' is not supported in workersd workers");
	if (file.charAt(0) === '/')
		return debianModule(name, file);
	if (builtinCache[file])
		return builtinCache[file].exports;
	mod = { id: 'node:' + name, exports: {}, loaded: false };
	builtinCache[file] = mod;
	try {
		native.coreModule(file).call(mod.exports, mod.exports, coreRequire, mod, native, moduleApi);
	} catch (e) {
		delete builtinCache[file];
		throw e;
	}
	mod.loaded = true;
	return mod.exports;
}

/* A core module that Node bundles from a package Debian ships as node-X:
 * that package's file, loaded as any file is. */
function debianModule(name, file) {
	if (native.stat(file) !== 1)
		throw codeError(Error, 'ERR_WORKERSD_UNSUPPORTED_MODULE', "The core module '" + name + "' needs " +
		    file + ' (Debian package node-' + file.split('/')[4] + ')');
	return load(file, null);
}

/* What core modules require: other core modules only. */
function coreRequire(request) {
	var name;

	if (Object.prototype.hasOwnProperty.call(INTERNAL, request))
		return builtinRequire(request, INTERNAL);
	name = builtinName(request);
	if (name === null)
		throw notFound(request, null);
	return builtinRequire(name);
}

function resolve(request, parentFile, parent) {
	if (typeof request === 'string' && builtinName(request) !== null)
		return request;
	return resolveFrom(request, parentFile, parent || { filename: parentFile, parent: null },
	    isESM(parentFile) ? IMPORT_CONDITIONS : REQUIRE_CONDITIONS);
}

/* From here to run(), the functions a worker's start calls to load its
 * script: a function's object is made in the template where it is
 * declared, and these, kept together, share the pages a worker copies
 * when it calls them (docs/performance.md, "Memory"). */
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
		var dep = loadChecked(resolve(request, mod.filename, mod), mod);

		return mod.esm ? importOf(dep) : dep.exports;
	}
	require.resolve = function (request) {
		return resolve(request, mod.filename, mod);
	};
	require.resolve.paths = function (request) {
		return isRelative(request) || isFileURL(request) || builtinName(request) !== null ? null :
		    nodeModulesPaths(mod.path);
	};
	require.cache = cache;
	require.main = mainModule;
	require.extensions = {};
	return require;
}

Object.defineProperty(Module.prototype, 'require', {
	configurable: true, writable: true, enumerable: false,
	value: function (request) { return load(resolve(request, this.filename, this), this); }
});

function metaResolve(mod, specifier) {
	var request = String(specifier), path;

	try {
		path = resolve(request, mod.filename, mod);
		if (path.charAt(0) !== '/')
			return 'node:' + builtinName(path);
		return native.fileURL(path);
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

/* What an importer waits for before its body runs, or null. */
function pendingOf(dep) {
	return dep && dep.promise && (!dep.settled || dep.failed) ? dep.promise : null;
}

function run(mod, sync) {
	var fn, meta, rec;

	/* A native addon cannot be loaded into Duktape: Node's code for an
	 * addon it cannot open, so that packages fall back to their
	 * JavaScript as they do when no build of theirs fits. */
	if (mod.filename.slice(-5) === '.node')
		throw codeError(Error, 'ERR_DLOPEN_FAILED', mod.filename + ': native addons cannot be loaded in workersd workers');
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
	rec = fn.call(mod.exports, mod.exports, makeRequire(mod), mod, mod.filename, mod.path, function () {
		return meta || (meta = importMeta(mod));
	}, function (specifier) {
		return dynamicImport(mod, specifier);
	});
	if (isEsmRecord(rec))
		evaluateEsm(mod, rec, sync);
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

function evaluateEsm(mod, rec, sync) {
	var waits = [], dep, i, p;

	mod.esm = true;
	for (i = 0; i < rec.__wsdEsm.length; i++) {
		dep = loadRecord(resolve(rec.__wsdEsm[i], mod.filename, mod), mod, false);
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

/* The namespace of a CommonJS module as Node makes it for an importer:
 * its own properties as named exports, module.exports as the default. */
function cjsNamespace(exports) {
	var ns = {}, k;

	if (exports !== null && (typeof exports === 'object' || typeof exports === 'function'))
		for (k in exports)
			if (k !== 'default' && Object.prototype.hasOwnProperty.call(exports, k))
				ns[k] = exports[k];
	ns['default'] = exports;
	return ns;
}

function namespaceOf(dep) {
	return dep.esm ? dep.exports : cjsNamespace(dep.exports);
}

/* What a lowered ES module's require() (its static imports) gets: a
 * CommonJS module that sets __esModule itself (Babel's output, such as
 * uuid's dist) is still CommonJS to Node, whose default import is its
 * module.exports, not its exports.default; so such a module is seen
 * through its namespace, marked __esModule for the lowering's helpers.
 * Anything else as it is (their helpers already wrap plain CommonJS). */
function importOf(dep) {
	var ns;

	if (dep.esm || !dep.exports || !dep.exports.__esModule)
		return dep.exports;
	if (dep.interop)
		return dep.interop;
	ns = cjsNamespace(dep.exports);
	Object.defineProperty(ns, '__esModule', { value: true });
	if (dep.loaded)
		dep.interop = ns;
	return ns;
}

/* import(specifier) from mod: the namespace once the module has evaluated. */
function dynamicImport(mod, specifier) {
	return Promise.resolve().then(function () {
		var dep = loadRecord(resolve(String(specifier), mod.filename, mod), mod, false);

		return (pendingOf(dep) || Promise.resolve()).then(function () {
			return namespaceOf(dep);
		});
	});
}

/* The module record of filename, evaluated (or evaluating). */
function loadRecord(filename, parent, sync) {
	var mod = cache[filename], ok = false;

	/* a core module: evaluated at once, never async */
	if (filename.charAt(0) !== '/')
		return { exports: builtinRequire(builtinName(filename)) };
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

/* The record of filename for require(): evaluated, and not async. */
function loadChecked(filename, parent) {
	var mod = loadRecord(filename, parent, true);

	if (mod.failed)
		throw mod.error;
	if (mod.async && !(parent && parent.esm && mod.settled))
		throw requireAsyncError(mod, parent);
	return mod;
}

function load(filename, parent) {
	return loadChecked(filename, parent).exports;
}

/* What node_module.js builds `module` from. */
var moduleApi = {
	Module: Module,
	createRequire: function (filename) {
		var mod = new Module(filename, /\/$/.test(filename) ? filename + 'noop.js' : filename, null);

		return makeRequire(mod);
	},
	builtinModules: function () {
		return Object.keys(BUILTINS).concat(UNSUPPORTED).sort();
	},
	isBuiltin: function (name) {
		try {
			return typeof name === 'string' && builtinName(name) !== null;
		} catch (e) {
			return false;
		}
	}
};

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

/* A global the first touch of which loads internal module request and
 * becomes its export key (assigning first just sets the value). */
function lazyGlobal(name, request, key) {
	function set(v) {
		Object.defineProperty(global, name, { value: v, writable: true, enumerable: false, configurable: true });
	}
	Object.defineProperty(global, name, {
		get: function () {
			var v = builtinRequire(request, INTERNAL)[key];

			set(v);
			return v;
		},
		set: set, enumerable: false, configurable: true
	});
}
lazyGlobal('URL', 'internal/url', 'URL');
lazyGlobal('URLSearchParams', 'internal/url', 'URLSearchParams');
})
