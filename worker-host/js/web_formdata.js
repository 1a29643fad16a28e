/*
 * web_formdata.js - FormData (XMLHttpRequest Standard) and its two wire
 * forms (Fetch): a list of (name, value) entries, values strings or
 * Files (a Blob appended becomes a File named "blob"), names and strings
 * made well-formed (a lone surrogate is U+FFFD); serialized as
 * multipart/form-data with Node's (undici's) boundary, line breaks made
 * CRLF, and parsed back from multipart/form-data or
 * application/x-www-form-urlencoded for Body's formData().  Node 20's
 * errors and console form.
 *
 * A lazy Web module (webmod.c): the global FormData, and web_body.js's
 * body extraction and formData().
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide;
var kEntries = Symbol('entries');
var encoder = new global.TextEncoder(), decoder = new global.TextDecoder();
/* "UTF-8 decode without BOM": a leading U+FEFF stays */
var keepBOM = new global.TextDecoder('utf-8', { ignoreBOM: true });

function wellFormed(s) {
	return String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g,
	    function (m, before) { return before === undefined ? '\ufffd' : before + '\ufffd'; });
}

function entries(fd) {
	var list = define.isObject(fd) ? fd[kEntries] : undefined;

	if (list === undefined)
		throw new TypeError('Illegal invocation');
	return list;
}

function needArgs(method, given, n) {
	if (given < n)
		throw new TypeError('FormData.' + method + ': ' + n + ' argument' + (n > 1 ? 's' : '') +
		    ' required, but' + (given > 0 ? ' only ' : ' ') + given + ' found.');
}

/* The standard's "create an entry". */
function entry(method, args) {
	var name = wellFormed(args[0]), value = args[1], filename = args[2];

	if (args.length > 2 && !(value instanceof global.Blob))
		throw new TypeError("Failed to execute '" + method + "' on 'FormData': parameter 2 is not of type 'Blob'");
	if (!(value instanceof global.Blob))
		return [name, wellFormed(value)];
	if (!(value instanceof global.File) || filename !== undefined) {
		value = new global.File([value], filename !== undefined ? wellFormed(filename) :
		    value instanceof global.File ? value.name : 'blob',
		    { type: value.type, lastModified: value instanceof global.File ? value.lastModified : undefined });
	}
	return [name, value];
}

function FormData(form) {
	if (!(this instanceof FormData))
		throw new TypeError("Class constructor FormData cannot be invoked without 'new'");
	if (form !== undefined)
		throw new TypeError('FormData constructor: Argument 1 could not be converted to: undefined.');
	hide(this, kEntries, []);
}
var FP = FormData.prototype;

hide(FP, 'append', function append(name, value) {
	var list = entries(this);

	needArgs('append', arguments.length, 2);
	list.push(entry('append', arguments));
});
hide(FP, 'delete', function deleteMethod(name) {
	var list = entries(this), i;

	needArgs('delete', arguments.length, 1);
	name = wellFormed(name);
	for (i = list.length - 1; i >= 0; i--) {
		if (list[i][0] === name)
			list.splice(i, 1);
	}
});
hide(FP, 'get', function get(name) {
	var list = entries(this), i;

	needArgs('get', arguments.length, 1);
	name = wellFormed(name);
	for (i = 0; i < list.length; i++) {
		if (list[i][0] === name)
			return list[i][1];
	}
	return null;
});
hide(FP, 'getAll', function getAll(name) {
	var list = entries(this);

	needArgs('getAll', arguments.length, 1);
	name = wellFormed(name);
	return list.filter(function (e) { return e[0] === name; }).map(function (e) { return e[1]; });
});
hide(FP, 'has', function has(name) {
	var list = entries(this);

	needArgs('has', arguments.length, 1);
	name = wellFormed(name);
	return list.some(function (e) { return e[0] === name; });
});
/* replaces the first entry of the name and drops the others */
hide(FP, 'set', function set(name, value) {
	var list = entries(this), e, i, at = -1;

	needArgs('set', arguments.length, 2);
	e = entry('set', arguments);
	for (i = list.length - 1; i >= 0; i--) {
		if (list[i][0] === e[0]) {
			list.splice(i, 1);
			at = i;
		}
	}
	if (at === -1)
		list.push(e);
	else
		list.splice(at, 0, e);
});
hide(FP, 'forEach', function forEach(fn, thisArg) {
	var list = entries(this), i;

	if (typeof fn !== 'function')
		throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
	for (i = 0; i < list.length; i++)
		fn.call(thisArg, list[i][1], list[i][0], this);
});

/* Live iterators, as WebIDL's pair iterators: they see later changes. */
var FIP = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
var kIter = Symbol('iterator');
hide(FIP, Symbol.iterator, function () { return this; });
hide(FIP, 'next', function next() {
	var it = this[kIter], e;

	if (it === undefined)
		throw new TypeError('next method called on incompatible object');
	if (it.at >= it.list.length)
		return { value: undefined, done: true };
	e = it.list[it.at++];
	return { value: it.kind === 'keys' ? e[0] : it.kind === 'values' ? e[1] : [e[0], e[1]], done: false };
});
define.tag(FIP, 'FormData Iterator');
['keys', 'values', 'entries'].forEach(function (kind) {
	hide(FP, kind, function () {
		var it = Object.create(FIP);

		hide(it, kIter, { list: entries(this), at: 0, kind: kind });
		return it;
	});
	Object.defineProperty(FP[kind], 'name', { value: kind });
});
hide(FP, Symbol.iterator, FP.entries);
define.tag(FP, 'FormData');
define.inspectAs(FP, function (fd) {
	var shown = {};

	fd[kEntries].forEach(function (e) {
		if (!Object.prototype.hasOwnProperty.call(shown, e[0]))
			shown[e[0]] = e[1];
		else if (Array.isArray(shown[e[0]]))
			shown[e[0]].push(e[1]);
		else
			shown[e[0]] = [shown[e[0]], e[1]];
	});
	return shown;
});

/* ---- multipart/form-data ---- */

function escapeName(s) {
	return s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}
function crlf(s) {
	return s.replace(/\r?\n|\r/g, '\r\n');
}
function join(parts) {
	var total = 0, out, at = 0, i;

	for (i = 0; i < parts.length; i++)
		total += parts[i].length;
	out = new Uint8Array(total);
	for (i = 0; i < parts.length; i++) {
		out.set(parts[i], at);
		at += parts[i].length;
	}
	return out;
}

/* { bytes, type } of fd as undici sends it */
function serialize(fd) {
	var boundary = '----formdata-undici-0' + String(Math.random()).slice(2, 13).replace(/^(\d*)$/, function (d) {
		return (d + '00000000000').slice(0, 11);
	});
	var prefix = '--' + boundary + '\r\nContent-Disposition: form-data', parts = [];

	entries(fd).forEach(function (e) {
		var name = escapeName(crlf(e[0])), v = e[1];

		if (typeof v === 'string') {
			parts.push(encoder.encode(prefix + '; name="' + name + '"\r\n\r\n' + crlf(v) + '\r\n'));
			return;
		}
		parts.push(encoder.encode(prefix + '; name="' + name + '"' + (v.name ? '; filename="' + escapeName(v.name) + '"' : '') +
		    '\r\nContent-Type: ' + (v.type || 'application/octet-stream') + '\r\n\r\n'));
		parts.push(internal.blobBytes(v));
		parts.push(encoder.encode('\r\n'));
	});
	parts.push(encoder.encode('--' + boundary + '--\r\n'));
	return { bytes: join(parts), type: 'multipart/form-data; boundary=' + boundary };
}

/* The bytes as a string of one char per byte, for searching. */
function binary(bytes) {
	var s = '', i;

	for (i = 0; i < bytes.length; i += 8192)
		s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
	return s;
}
function parseFailed() {
	return new TypeError('Failed to parse body as FormData.');
}
/* a parameter of a header value: name="quoted" or name=token */
function param(header, name) {
	var re = new RegExp('(?:^|;)\\s*' + name + '\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))', 'i');
	var m = re.exec(header);

	if (m === null)
		return null;
	return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}
function utf8(bin) {
	var b = new Uint8Array(bin.length), i;

	for (i = 0; i < bin.length; i++)
		b[i] = bin.charCodeAt(i);
	return decoder.decode(b);
}
function parseMultipart(bytes, boundary, fd) {
	var s = binary(bytes), delim = '--' + boundary, at = s.indexOf(delim), end, head, headers, disp, name, filename, type, body;

	if (at === -1)
		throw parseFailed();
	at += delim.length;
	for (;;) {
		if (s.substr(at, 2) === '--')
			return fd;
		if (s.substr(at, 2) !== '\r\n')
			throw parseFailed();
		at += 2;
		end = s.indexOf('\r\n\r\n', at);
		if (end === -1)
			throw parseFailed();
		head = s.slice(at, end);
		at = end + 4;
		end = s.indexOf('\r\n' + delim, at);
		if (end === -1)
			throw parseFailed();
		headers = {};
		head.split('\r\n').forEach(function (line) {
			var colon = line.indexOf(':');

			if (colon > 0)
				headers[line.slice(0, colon).trim().toLowerCase()] = utf8(line.slice(colon + 1).trim());
		});
		disp = headers['content-disposition'];
		if (disp === undefined || !/^form-data\b/i.test(disp) || (name = param(disp, 'name')) === null)
			throw parseFailed();
		filename = param(disp, 'filename');
		body = bytes.subarray(at, end);
		if (filename !== null) {
			type = headers['content-type'] || 'text/plain';
			fd[kEntries].push([name, new global.File([body], filename, { type: type })]);
		} else {
			fd[kEntries].push([name, decoder.decode(body)]);
		}
		at = end + 2 + delim.length;
	}
}

/* Body's formData(): the entries of bytes as contentType says. */
function parse(bytes, contentType) {
	var fd = new FormData(), mime = String(contentType || '').split(';')[0].trim().toLowerCase(), boundary;

	if (mime === 'multipart/form-data') {
		boundary = param(contentType, 'boundary');
		if (!boundary)
			throw parseFailed();
		return parseMultipart(bytes, boundary, fd);
	}
	if (mime === 'application/x-www-form-urlencoded') {
		new global.URLSearchParams(keepBOM.decode(bytes)).forEach(function (v, k) { fd[kEntries].push([k, v]); });
		return fd;
	}
	throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
}

hide(FP, 'constructor', FormData);

return {
	FormData: FormData,
	isFormData: function (v) { return define.isObject(v) && v[kEntries] !== undefined; },
	serialize: serialize,
	parse: parse
};
})
