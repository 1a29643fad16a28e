/*
 * node_vm.js - Node's `vm` for the one context a worker has: Script,
 * createScript, runInThisContext and compileFunction, with Node 20's
 * argument checks.  A script is compiled when it is made (a SyntaxError
 * comes from `new Script`), by native.compileScript (mod_vm.c): as the
 * global scope's code, modern syntax lowered as a file's is.  lineOffset
 * is honoured (the text is moved down that many lines); columnOffset is
 * checked, not applied.  A worker has one global scope: there is no second
 * context to make (Duktape has no way to give a script a sandbox object as
 * its global), so createContext, runInContext, runInNewContext and the
 * Script methods of those names throw ERR_WORKERSD_UNSUPPORTED, and
 * isContext is false for every object.  The timeout option throws
 * ERR_WORKERSD_UNSUPPORTED too: the engine cannot interrupt a running
 * script.  Cached data is never used: cachedDataRejected is true when
 * some is given.  ES5, run as a core module.
 */
'use strict';

var errors = require('internal/errors');

var DEFAULT_FILENAME = 'evalmachine.<anonymous>';
var INT32_MAX = 2147483647, UINT32_MAX = 4294967295;
var SOURCE_MAP_URL = /\/[*/][#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/\s*)?$/;

/* What may become a context in Node: any object, arrays too. */
function checkContext(v, name) {
	if (v === null || typeof v !== 'object')
		throw errors.invalidArgType(name, 'of type object', v);
}


function checkString(v, name) {
	if (typeof v !== 'string')
		throw errors.invalidArgType(name, 'of type string', v);
}

function checkBoolean(v, name) {
	if (v !== undefined && typeof v !== 'boolean')
		throw errors.invalidArgType(name, 'of type boolean', v);
}

function isView(v) {
	return ArrayBuffer.isView(v);
}

/* The text moved down lineOffset lines, so that positions in errors and
 * stacks count from where the caller says the text starts. */
function offsetText(code, lineOffset) {
	return lineOffset > 0 ? new Array(lineOffset + 1).join('\n') + code : code;
}

/* Script's and compileFunction's common options. */
function compileOptions(options, defaultName) {
	var o = {
		filename: options.filename === undefined ? defaultName : options.filename,
		lineOffset: options.lineOffset === undefined ? 0 : options.lineOffset,
		columnOffset: options.columnOffset === undefined ? 0 : options.columnOffset
	};

	checkString(o.filename, 'options.filename');
	errors.integer(o.lineOffset, 'options.lineOffset', -INT32_MAX - 1, INT32_MAX);
	errors.integer(o.columnOffset, 'options.columnOffset', -INT32_MAX - 1, INT32_MAX);
	if (options.cachedData !== undefined && !isView(options.cachedData))
		throw errors.invalidArgType('options.cachedData', 'an instance of Buffer, TypedArray, or DataView', options.cachedData);
	checkBoolean(options.produceCachedData, 'options.produceCachedData');
	return o;
}

function runOptions(options) {
	if (options === undefined)
		return;
	errors.object(options, 'options');
	checkBoolean(options.displayErrors, 'options.displayErrors');
	checkBoolean(options.breakOnSigint, 'options.breakOnSigint');
	if (options.timeout !== undefined) {
		errors.integer(options.timeout, 'options.timeout', 1, UINT32_MAX);
		throw errors.unsupported('The vm timeout option', 'the engine cannot interrupt a running script');
	}
}

var kRun = Symbol('run');

function Script(code, options) {
	var o, m;

	if (!(this instanceof Script))
		throw new TypeError("Class constructor Script cannot be invoked without 'new'");
	code = String(code);
	if (typeof options === 'string')
		options = { filename: options };
	else if (options === undefined)
		options = {};
	else
		errors.object(options, 'options');
	o = compileOptions(options, DEFAULT_FILENAME);
	Object.defineProperty(this, kRun, { value: native.compileScript(offsetText(code, o.lineOffset), o.filename) });
	if (options.cachedData !== undefined)
		this.cachedDataRejected = true;
	m = SOURCE_MAP_URL.exec(code);
	this.sourceMapURL = m ? m[1] : undefined;
}

Script.prototype.runInThisContext = function runInThisContext(options) {
	runOptions(options);
	return this[kRun].call(undefined);
};

function noContexts(what) {
	return function () {
		throw errors.unsupported(what, 'a worker has one global scope');
	};
}

Script.prototype.runInContext = noContexts('Script.prototype.runInContext()');
Script.prototype.runInNewContext = noContexts('Script.prototype.runInNewContext()');

function createScript(code, options) {
	return new Script(code, options);
}

function runInThisContext(code, options) {
	if (typeof options === 'string')
		options = { filename: options };
	return createScript(code, options).runInThisContext(options);
}

function isContext(object) {
	checkContext(object, 'object');
	return false;
}

function createContext(object) {
	if (object !== undefined)
		checkContext(object, 'object');
	throw errors.unsupported('vm.createContext()', 'a worker has one global scope');
}

/* The function is written on the text's first line, so the body's lines
 * keep their numbers. */
function compileFunction(code, params, options) {
	var o, i;

	if (typeof code !== 'string')
		throw errors.invalidArgType('code', 'of type string', code);
	if (params === undefined)
		params = [];
	if (!Array.isArray(params))
		throw errors.invalidArgType('params', 'an instance of Array', params);
	for (i = 0; i < params.length; i++) {
		if (typeof params[i] !== 'string')
			throw errors.invalidArgType('params[' + i + ']', 'of type string', params[i]);
	}
	if (options === undefined)
		options = {};
	errors.object(options, 'options');
	o = compileOptions(options, '');
	if (options.parsingContext !== undefined || (options.contextExtensions && options.contextExtensions.length))
		throw errors.unsupported('vm.compileFunction() in another context', 'a worker has one global scope');
	return native.compileScript(offsetText('(function (' + params.join(', ') + ') {' + code + '\n})', o.lineOffset),
	    o.filename || DEFAULT_FILENAME).call(undefined);
}

/* Node's estimate is V8's heap; here the worker's Duktape heap. */
function measureMemory(options) {
	var used;

	if (options !== undefined)
		errors.object(options, 'options');
	used = process.memoryUsage().heapUsed;
	return Promise.resolve({ total: { jsMemoryEstimate: used, jsMemoryRange: [used, used] } });
}

module.exports = {
	Script: Script,
	createContext: createContext,
	createScript: createScript,
	runInContext: noContexts('vm.runInContext()'),
	runInNewContext: noContexts('vm.runInNewContext()'),
	runInThisContext: runInThisContext,
	isContext: isContext,
	compileFunction: compileFunction,
	measureMemory: measureMemory,
	constants: Object.freeze(Object.setPrototypeOf({
		USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
		DONT_CONTEXTIFY: Symbol('vm_context_no_contextify')
	}, null))
};
