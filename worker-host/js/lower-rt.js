/*
 * lower-rt.js - what lowered code needs from the host, installed before the
 * first lowered module runs (lower.c); plain ES5 workers never load it.
 *
 * Source maps: register(file, mapJSON) keeps a lowered module's map; it is
 * decoded (VLQ, lines only, since Duktape reports lines) the first time an
 * error needs it.  Error.prototype's stack and lineNumber getters are
 * wrapped so that "file:line" of a lowered file reads the original line.
 *
 * __wsdMethod(target, key, fn): a class method, as ES2015 defines it: not
 * enumerable, and an anonymous fn is named for its key.
 *
 * __wsdSuperCall / __wsdSuperApply: the lowering turns a constructor's
 * `_super.call(this, ...)` into these.  A built-in parent (Error, Array,
 * Map, ...) is constructed with `new` and the result given the subclass's
 * prototype, which is what ES2015 `super()` does; a lowered parent is
 * called on `this` as before.
 *
 * __wsdFnKind(fn, kind): a lowered generator (1), async (2) or async
 * generator (3) function gets %GeneratorFunction.prototype%,
 * %AsyncFunction.prototype% or %AsyncGeneratorFunction.prototype% as its
 * prototype (made here, with their constructors, prototypes and tags, and
 * %AsyncIteratorPrototype%), and a generator its own `prototype` object.
 * The constructors make functions from source text as Function does, the
 * text written as Node writes it (`function* anonymous(a,b\n) {\nbody\n}`)
 * and lowered (compileScript, mod_vm.c).  The objects a call returns are
 * still TypeScript's.
 *
 * __wsdProtoLiteral(proto, obj): the lowering's form of an object
 * literal's `__proto__: proto`: obj gets proto as its prototype when that
 * is an object or null, as ES2015 sets it, and is otherwise left alone.
 */
(function (global, compileScript) {
'use strict';

var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
var maps = Object.create(null);
var fnToString = Function.prototype.toString;
var slice = Array.prototype.slice;

/* lines[generated line - 1] = original line (1-based), or 0 where the map
 * says nothing. */
function decode(json) {
	var mappings = '', lines = [], line = 0, srcLine = 0, fields = [], value = 0, shift = 0;
	var first = true, i, c, digit;

	try {
		mappings = String(JSON.parse(json).mappings || '');
	} catch (e) {
		return lines;
	}
	function endSegment() {
		if (fields.length >= 4) {
			srcLine += fields[2];
			if (first) {
				lines[line] = srcLine + 1;
				first = false;
			}
		}
		fields.length = 0;
	}
	for (i = 0; i < mappings.length; i++) {
		c = mappings.charAt(i);
		if (c === ',' || c === ';') {
			endSegment();
			if (c === ';') {
				lines[line] = lines[line] || 0;
				line++;
				first = true;
			}
			continue;
		}
		digit = B64.indexOf(c);
		if (digit < 0)
			return lines;
		value += (digit & 31) << shift;
		if (digit & 32) {
			shift += 5;
			continue;
		}
		fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
		value = 0;
		shift = 0;
	}
	endSegment();
	return lines;
}

function originalLine(file, line) {
	var m = maps[file], l;

	if (!m)
		return line;
	if (typeof m === 'string')
		m = maps[file] = decode(m);
	/* a line the map skips belongs to the statement that began above it */
	for (l = line - 1; l >= 0; l--)
		if (m[l])
			return m[l];
	return line;
}

function mapStack(stack) {
	return stack.replace(/([^\s()]+):(\d+)/g, function (all, file, line) {
		return maps[file] ? file + ':' + originalLine(file, Number(line)) : all;
	});
}

function wrapGetter(name, wrap) {
	var d = Object.getOwnPropertyDescriptor(Error.prototype, name);

	if (!d || typeof d.get !== 'function' || !d.configurable)
		return;
	Object.defineProperty(Error.prototype, name, {
		get: function () { return wrap.call(this, d.get.call(this)); },
		set: d.set,
		enumerable: d.enumerable,
		configurable: true
	});
}

wrapGetter('stack', function (s) {
	return typeof s === 'string' ? mapStack(s) : s;
});
wrapGetter('lineNumber', function (line) {
	var file = this.fileName;

	return typeof line === 'number' && typeof file === 'string' ? originalLine(file, line) : line;
});

function isBuiltin(f) {
	return /\[native code\]\s*\}\s*$/.test(fnToString.call(f));
}

function superConstruct(Super, self, args) {
	var made;

	if (typeof Super !== 'function' || !isBuiltin(Super))
		return Super.apply(self, args);
	made = new (Function.prototype.bind.apply(Super, [null].concat(args)))();
	Object.setPrototypeOf(made, Object.getPrototypeOf(self));
	return made;
}

function hide(name, value) {
	Object.defineProperty(global, name, { value: value, writable: false, enumerable: false, configurable: false });
}

function superCall(Super, self) {
	return superConstruct(Super, self, slice.call(arguments, 2));
}

function superApply(Super, self, args) {
	return superConstruct(Super, self, args == null ? [] : slice.call(args));
}

/* Duktape blames an error on the first function in the stack that has a
 * fileName: these have none, so `new MyError()` points at its caller. */
delete superConstruct.fileName;
delete superCall.fileName;
delete superApply.fileName;
function method(target, key, fn) {
	var d = Object.getOwnPropertyDescriptor(fn, 'name');

	if ((d === undefined || d.value === '') && (d === undefined || d.configurable))
		Object.defineProperty(fn, 'name', { value: typeof key === 'symbol' ?
		    '[' + (key.description === undefined ? '' : key.description) + ']' : String(key), configurable: true });
	Object.defineProperty(target, key, { value: fn, writable: true, configurable: true, enumerable: false });
}

function protoLiteral(proto, obj) {
	if (typeof proto === 'object' || typeof proto === 'function')
		Object.setPrototypeOf(obj, proto);
	return obj;
}

function fixed(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: false, enumerable: false, configurable: true });
}

/* %IteratorPrototype% as es-runtime.js made it for the array iterators. */
var iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
var asyncIteratorProto = {}, asyncIterator = { m() { return this; } }.m;

Object.defineProperty(asyncIterator, 'name', { value: '[Symbol.asyncIterator]', configurable: true });
own(asyncIteratorProto, Symbol.asyncIterator, asyncIterator);

/* %GeneratorPrototype%.next and the rest: the objects a lowered generator
 * returns are TypeScript's, each with its own next, return and throw,
 * which these call; anything else is not a generator. */
function resume(kind, verb) {
	var fn = function (value) {
		var d = Object.getOwnPropertyDescriptor(Object(this), verb);

		if (d === undefined || typeof d.value !== 'function' || d.value === fn)
			throw new TypeError(kind + '.prototype.' + verb + ' called on a value that is not one');
		return d.value.call(this, value);
	};

	Object.defineProperty(fn, 'name', { value: verb, configurable: true });
	return fn;
}

/* The function prototype of a kind and the prototype its functions' own
 * `prototype` objects inherit (null for async functions, which have none). */
function fnIntrinsic(name, head, instances) {
	var proto = Object.create(Function.prototype), kind = name.replace(/Function$/, '');
	var ctor = function () {
		var params = slice.call(arguments, 0, -1).map(String).join(',');
		var body = arguments.length ? String(arguments[arguments.length - 1]) : '';

		return compileScript('(' + head + ' anonymous(' + params + '\n) {\n' + body + '\n})', 'anonymous')();
	};

	Object.defineProperty(ctor, 'name', { value: name, configurable: true });
	Object.defineProperty(ctor, 'length', { value: 1, configurable: true });
	Object.setPrototypeOf(ctor, Function);
	Object.defineProperty(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
	fixed(proto, 'constructor', ctor);
	fixed(proto, Symbol.toStringTag, name);
	if (instances) {
		['next', 'return', 'throw'].forEach(function (verb) { own(instances, verb, resume(kind, verb)); });
		fixed(proto, 'prototype', instances);
		fixed(instances, 'constructor', proto);
		fixed(instances, Symbol.toStringTag, kind);
	}
	return { proto: proto, instances: instances };
}

var fnKinds = [null, fnIntrinsic('GeneratorFunction', 'function*', Object.create(iteratorProto)),
	fnIntrinsic('AsyncFunction', 'async function', null),
	fnIntrinsic('AsyncGeneratorFunction', 'async function*', Object.create(asyncIteratorProto))];

function fnKind(fn, kind) {
	var k = fnKinds[kind];

	Object.setPrototypeOf(fn, k.proto);
	if (k.instances)
		fn.prototype = Object.create(k.instances);
	return fn;
}

delete method.fileName;
delete protoLiteral.fileName;
delete fnKind.fileName;
hide('__wsdFnKind', fnKind);
hide('__wsdMethod', method);
hide('__wsdProtoLiteral', protoLiteral);
hide('__wsdSuperCall', superCall);
hide('__wsdSuperApply', superApply);

function own(obj, key, value) {
	Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

return {
	register: function (file, json) {
		maps[file] = json;
	},
	fixSyntaxError: function (file, err) {
		var m = /\(line (\d+)\)$/.exec(String(err.message)), line;

		if (!m || !maps[file])
			return;
		line = originalLine(file, Number(m[1]));
		err.message = err.message.slice(0, m.index) + '(' + file + ':' + line + ')';
		own(err, 'fileName', file);
		own(err, 'lineNumber', line);
		own(err, 'stack', err.name + ': ' + err.message + '\n    at ' + file + ':' + line);
	}
};
})
