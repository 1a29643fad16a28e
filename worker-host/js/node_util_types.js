/*
 * node_util_types.js - Node's `util/types` (util.types): brand checks by
 * a built-in method that refuses other objects where one exists (Date,
 * RegExp, Map, Set, WeakMap, WeakSet, typed arrays, DataView,
 * ArrayBuffer, boxed primitives), by [[Class]] otherwise.  What the
 * engine cannot tell is false: isProxy, isExternal, isModuleNamespaceObject,
 * isAsyncFunction and isGeneratorFunction for lowered code (it is ES5),
 * isBigInt64Array and the like (no BigInt), isWeakRef-style checks.
 * ES5, run as a core module (require.js).
 */
'use strict';

var toStr = Object.prototype.toString;

function brand(method) {
	return function (v) {
		if (v === null || typeof v !== 'object')
			return false;
		try {
			method.call(v);
			return true;
		} catch (e) {
			return false;
		}
	};
}

function classIs(name) {
	return function (v) {
		return v !== null && (typeof v === 'object' || typeof v === 'function') &&
		    toStr.call(v) === '[object ' + name + ']';
	};
}

var typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
var typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag);
var TYPED = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array'];

function typedName(v) {
	if (v === null || typeof v !== 'object' || !ArrayBuffer.isView(v))
		return undefined;
	if (typedArrayTag && typedArrayTag.get)
		return typedArrayTag.get.call(v);
	var t = toStr.call(v).slice(8, -1);

	return TYPED.indexOf(t) >= 0 ? t : undefined;
}

function isTyped(name) {
	return function (v) { return typedName(v) === name; };
}

function boxed(proto) {
	return brand(proto.valueOf);
}

var exp = {
	isDate: brand(Date.prototype.getTime),
	isRegExp: classIs('RegExp'),
	isMap: brand(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get),
	isSet: brand(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get),
	isWeakMap: function (v) { return brand(function () { WeakMap.prototype.has.call(this, {}); })(v); },
	isWeakSet: function (v) { return brand(function () { WeakSet.prototype.has.call(this, {}); })(v); },
	isPromise: classIs('Promise'),
	isNativeError: function (v) { return classIs('Error')(v); },
	isArrayBuffer: classIs('ArrayBuffer'),
	isAnyArrayBuffer: classIs('ArrayBuffer'),
	isSharedArrayBuffer: function () { return false; },
	isArrayBufferView: function (v) { return ArrayBuffer.isView(v); },
	isDataView: function (v) { return ArrayBuffer.isView(v) && typedName(v) === undefined; },
	isTypedArray: function (v) { return typedName(v) !== undefined; },
	isNumberObject: boxed(Number.prototype),
	isStringObject: boxed(String.prototype),
	isBooleanObject: boxed(Boolean.prototype),
	isSymbolObject: boxed(Symbol.prototype),
	isBigIntObject: function () { return false; },
	isBoxedPrimitive: function (v) {
		return exp.isNumberObject(v) || exp.isStringObject(v) || exp.isBooleanObject(v) || exp.isSymbolObject(v);
	},
	isArgumentsObject: classIs('Arguments'),
	isGeneratorObject: classIs('Generator'),
	isGeneratorFunction: classIs('GeneratorFunction'),
	isAsyncFunction: classIs('AsyncFunction'),
	isMapIterator: classIs('Map Iterator'),
	isSetIterator: classIs('Set Iterator'),
	isModuleNamespaceObject: function () { return false; },
	isProxy: function () { return false; },
	isExternal: function () { return false; },
	isKeyObject: function () { return false; },
	isCryptoKey: function () { return false; },
	isBigInt64Array: function () { return false; },
	isBigUint64Array: function () { return false; }
};
TYPED.forEach(function (name) {
	exp['is' + name] = isTyped(name);
});

module.exports = exp;
