/*
 * node_path.js - Node's `path` and `path/posix`: the POSIX rules of Node
 * 20 (resolve against process.cwd(), normalize keeping a leading "//" as
 * one "/", relative, parse/format, basename with a suffix).  path.win32 is
 * absent (undefined): workers run on Linux only.  ES5, run as a core
 * module (require.js).
 */
'use strict';

var errors = require('internal/errors');

function check(v, name) {
	if (typeof v !== 'string')
		throw errors.invalidArgType(name, 'of type string', v);
}

/* Resolves "." and ".." segments of p (no leading slash kept). */
function normalizeString(p, allowAboveRoot) {
	var parts = p.split('/'), out = [], i, s;

	for (i = 0; i < parts.length; i++) {
		s = parts[i];
		if (s === '' || s === '.')
			continue;
		if (s === '..') {
			if (out.length && out[out.length - 1] !== '..')
				out.pop();
			else if (allowAboveRoot)
				out.push('..');
		} else {
			out.push(s);
		}
	}
	return out.join('/');
}

function resolve() {
	var resolved = '', absolute = false, i, p;

	for (i = arguments.length - 1; i >= -1 && !absolute; i--) {
		p = i >= 0 ? arguments[i] : process.cwd();
		check(p, 'paths[' + i + ']');
		if (p === '')
			continue;
		resolved = p + '/' + resolved;
		absolute = p.charAt(0) === '/';
	}
	resolved = normalizeString(resolved, !absolute);
	if (absolute)
		return '/' + resolved;
	return resolved.length ? resolved : '.';
}

function normalize(p) {
	var absolute, trailing;

	check(p, 'path');
	if (p === '')
		return '.';
	absolute = p.charAt(0) === '/';
	trailing = p.charAt(p.length - 1) === '/';
	p = normalizeString(p, !absolute);
	if (p === '') {
		if (absolute)
			return '/';
		return trailing ? './' : '.';
	}
	if (trailing)
		p += '/';
	return absolute ? '/' + p : p;
}

function isAbsolute(p) {
	check(p, 'path');
	return p.charAt(0) === '/';
}

function join() {
	var parts = [], i;

	for (i = 0; i < arguments.length; i++) {
		check(arguments[i], 'path');
		if (arguments[i] !== '')
			parts.push(arguments[i]);
	}
	return parts.length ? normalize(parts.join('/')) : '.';
}

function relative(from, to) {
	var f, t, i, up = [];

	check(from, 'from');
	check(to, 'to');
	if (from === to)
		return '';
	f = resolve(from);
	t = resolve(to);
	if (f === t)
		return '';
	f = f === '/' ? [] : f.slice(1).split('/');
	t = t === '/' ? [] : t.slice(1).split('/');
	for (i = 0; i < f.length && i < t.length && f[i] === t[i]; i++)
		;
	for (var j = i; j < f.length; j++)
		up.push('..');
	return up.concat(t.slice(i)).join('/');
}

function toNamespacedPath(p) {
	return p;
}

/* Node's scan from the end: the last part's start and end, and where its
 * extension starts (-1: none), with Node's rules for "." and "..". */
function lastPart(p, from) {
	var startDot = -1, startPart = 0, end = -1, matchedSlash = true, preDot = 0, i, c;

	for (i = p.length - 1; i >= from; i--) {
		c = p.charAt(i);
		if (c === '/') {
			if (!matchedSlash) {
				startPart = i + 1;
				break;
			}
			continue;
		}
		if (end === -1) {
			matchedSlash = false;
			end = i + 1;
		}
		if (c === '.') {
			if (startDot === -1)
				startDot = i;
			else if (preDot !== 1)
				preDot = 1;
		} else if (startDot !== -1) {
			preDot = -1;
		}
	}
	if (startDot === -1 || end === -1 || preDot === 0 ||
	    (preDot === 1 && startDot === end - 1 && startDot === startPart + 1))
		startDot = -1;
	return { start: startPart, end: end, dot: startDot };
}

function dirname(p) {
	var root, end = -1, matchedSlash = true, i;

	check(p, 'path');
	if (p === '')
		return '.';
	root = p.charAt(0) === '/';
	for (i = p.length - 1; i >= 1; i--) {
		if (p.charAt(i) === '/') {
			if (!matchedSlash) {
				end = i;
				break;
			}
		} else {
			matchedSlash = false;
		}
	}
	if (end === -1)
		return root ? '/' : '.';
	if (root && end === 1)
		return '//';
	return p.slice(0, end);
}

function basename(p, suffix) {
	var start = 0, end = -1, matchedSlash = true, extIdx, firstNonSlashEnd = -1, i, c;

	if (suffix !== undefined)
		check(suffix, 'ext');
	check(p, 'path');
	if (suffix === undefined || suffix.length === 0 || suffix.length > p.length) {
		for (i = p.length - 1; i >= 0; i--) {
			if (p.charAt(i) === '/') {
				if (!matchedSlash) {
					start = i + 1;
					break;
				}
			} else if (end === -1) {
				matchedSlash = false;
				end = i + 1;
			}
		}
		return end === -1 ? '' : p.slice(start, end);
	}
	if (suffix === p)
		return '';
	extIdx = suffix.length - 1;
	for (i = p.length - 1; i >= 0; i--) {
		c = p.charAt(i);
		if (c === '/') {
			if (!matchedSlash) {
				start = i + 1;
				break;
			}
			continue;
		}
		if (firstNonSlashEnd === -1) {
			matchedSlash = false;
			firstNonSlashEnd = i + 1;
		}
		if (extIdx >= 0) {
			if (c === suffix.charAt(extIdx)) {
				if (--extIdx === -1)
					end = i;
			} else {
				extIdx = -1;
				end = firstNonSlashEnd;
			}
		}
	}
	if (start === end)
		end = firstNonSlashEnd;
	else if (end === -1)
		end = p.length;
	return p.slice(start, end);
}

function extname(p) {
	var part;

	check(p, 'path');
	part = lastPart(p, 0);
	return part.dot === -1 ? '' : p.slice(part.dot, part.end);
}

function format(obj) {
	var dir, base;

	if (obj === null || typeof obj !== 'object')
		throw errors.invalidArgType('pathObject', 'of type object', obj);
	dir = obj.dir || obj.root;
	base = obj.base || ((obj.name || '') + (obj.ext ? (obj.ext.charAt(0) === '.' ? '' : '.') + obj.ext : ''));
	if (!dir)
		return base;
	return dir === obj.root ? dir + base : dir + '/' + base;
}

function parse(p) {
	var ret = { root: '', dir: '', base: '', ext: '', name: '' }, abs, part, start;

	check(p, 'path');
	if (p === '')
		return ret;
	abs = p.charAt(0) === '/';
	if (abs)
		ret.root = '/';
	part = lastPart(p, abs ? 1 : 0);
	if (part.end !== -1) {
		start = part.start === 0 && abs ? 1 : part.start;
		ret.base = p.slice(start, part.end);
		if (part.dot === -1) {
			ret.name = ret.base;
		} else {
			ret.name = p.slice(start, part.dot);
			ret.ext = p.slice(part.dot, part.end);
		}
	}
	if (part.start > 0)
		ret.dir = p.slice(0, part.start - 1);
	else if (abs)
		ret.dir = '/';
	return ret;
}

module.exports = {
	resolve: resolve,
	normalize: normalize,
	isAbsolute: isAbsolute,
	join: join,
	relative: relative,
	toNamespacedPath: toNamespacedPath,
	dirname: dirname,
	basename: basename,
	extname: extname,
	format: format,
	parse: parse,
	sep: '/',
	delimiter: ':',
	win32: undefined,
	posix: null
};
module.exports.posix = module.exports;
