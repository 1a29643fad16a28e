// Proxy and Reflect as ES2023 has them (worker-host/js/proxy.js): every trap
// reached with the handler as `this`, the invariants checked, revocation,
// proxies of proxies, and Reflect.get/set with a receiver.
'use strict';
function show(label, f) {
	var r;
	try {
		r = f();
	} catch (e) {
		r = e.constructor.name;
	}
	console.log(label + ':', typeof r === 'object' && r !== null ? JSON.stringify(r) : String(r));
}

var log = [];
var handler = {};
['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'apply', 'construct', 'defineProperty',
    'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible',
    'preventExtensions'].forEach(function (name) {
	handler[name] = function () {
		log.push(name + (this === handler ? '' : ' (wrong this)'));
		return Reflect[name].apply(null, arguments);
	};
});
function T() {}
T.prototype.m = function () { return 'm'; };
var target = function () { return 'called'; };
target.a = 1;
var p = new Proxy(target, handler);
function traps(label, f) {
	log = [];
	show(label, f);
	console.log('  traps:', log.join(', '));
}
traps('get', function () { return p.a; });
traps('set', function () { p.b = 2; return target.b; });
traps('has', function () { return 'a' in p; });
traps('delete', function () { return delete p.b; });
var po = new Proxy({ a: 1, b: 2 }, handler);
traps('keys', function () { return Object.keys(po); });
traps('call', function () { return p(); });
traps('new', function () { return typeof new p(); });
traps('defineProperty', function () { return Object.defineProperty(p, 'c', { value: 3, configurable: true }) === p; });
traps('getOwnPropertyDescriptor', function () { return Object.getOwnPropertyDescriptor(p, 'a'); });
traps('getPrototypeOf', function () { return Object.getPrototypeOf(p) === Function.prototype; });
traps('setPrototypeOf', function () { return Object.setPrototypeOf(p, T.prototype) === p; });
traps('isExtensible', function () { return Object.isExtensible(p); });
traps('hasOwnProperty', function () { return Object.prototype.hasOwnProperty.call(p, 'a'); });
traps('preventExtensions', function () { return Object.isExtensible(Object.preventExtensions(p)); });

// invariants
var frozen = Object.freeze({ x: 1 });
show('get lies about a frozen property', function () { return new Proxy(frozen, { get: function () { return 2; } }).x; });
show('has hides a non-configurable property', function () { return 'x' in new Proxy(frozen, { has: function () { return false; } }); });
show('ownKeys leaves out a non-configurable key', function () {
	return Object.keys(new Proxy(frozen, { ownKeys: function () { return []; } }));
});
show('ownKeys with duplicates', function () { return Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return ['a', 'a']; } })); });
show('getPrototypeOf lies on a non-extensible target', function () {
	return Object.getPrototypeOf(new Proxy(Object.preventExtensions({}), { getPrototypeOf: function () { return Array.prototype; } }));
});
show('isExtensible lies', function () { return Object.isExtensible(new Proxy({}, { isExtensible: function () { return false; } })); });
show('defineProperty reports a non-configurable one it did not make', function () {
	return Object.defineProperty(new Proxy({}, { defineProperty: function () { return true; } }), 'q', { value: 1, configurable: false });
});
show('defineProperty refused', function () { return Reflect.defineProperty(new Proxy({}, { defineProperty: function () { return false; } }), 'q', { value: 1 }); });
show('trap that is not a function', function () { return new Proxy({}, { get: 1 }).x; });
show('construct returns a primitive', function () { return new (new Proxy(function () {}, { construct: function () { return 1; } }))(); });

// revocation
var r = Proxy.revocable({ a: 1 }, {});
show('before revoke', function () { return r.proxy.a; });
r.revoke();
show('after revoke: get', function () { return r.proxy.a; });
show('after revoke: getPrototypeOf', function () { return Object.getPrototypeOf(r.proxy); });
show('after revoke: keys', function () { return Object.keys(r.proxy); });
show('revoke twice', function () { return r.revoke(); });
show('revoke shape', function () { return [r.revoke.name, r.revoke.length, 'prototype' in r.revoke]; });

// a proxy of a proxy, and the constructor's shape
var inner = new Proxy({ deep: 'yes' }, {});
var outer = new Proxy(inner, { get: function (t, k, rcv) { return k === 'deep' ? Reflect.get(t, k, rcv) + '!' : undefined; } });
show('proxy of a proxy', function () { return outer.deep; });
show('proxy of a proxy: keys', function () { return Object.keys(outer); });
show('Proxy without new', function () { return Proxy({}, {}); });
show('Proxy shape', function () { return [Proxy.name, Proxy.length, 'prototype' in Proxy, typeof Proxy.revocable]; });
show('non-object target', function () { return new Proxy(1, {}); });

// Reflect.get and Reflect.set with a receiver
var withGetter = { get who() { return this.name; }, set who(v) { this.seen = v; } };
var other = { name: 'other' };
show('Reflect.get receiver', function () { return Reflect.get(withGetter, 'who', other); });
show('Reflect.set receiver', function () { return [Reflect.set(withGetter, 'who', 5, other), other.seen]; });
show('Reflect.set data to receiver', function () { var o = {}; return [Reflect.set({ v: 1 }, 'v', 2, o), o.v]; });
show('Reflect.set non-writable', function () { return Reflect.set(Object.freeze({ v: 1 }), 'v', 2, {}); });
show('Reflect.deleteProperty symbol', function () { var s = Symbol('s'), o = {}; o[s] = 1; return [Reflect.deleteProperty(o, s), s in o]; });
// a Vue-style reactive get: the getter runs with the proxy as `this`
var seen = [];
var state = new Proxy({ first: 'a', last: 'b', get full() { return this.first + this.last; } }, {
	get: function (t, k, rcv) { seen.push(k); return Reflect.get(t, k, rcv); }
});
show('getter through the proxy', function () { return state.full + ' ' + seen.join(','); });
// Object.assign copies enumerable symbols and fails loudly on a frozen target
var sym = Symbol('k'), withSym = { a: 1 };
withSym[sym] = 2;
show('assign copies symbols', function () { var o = Object.assign({}, withSym); return [o.a, o[sym]]; });
show('assign to a frozen target', function () { return Object.assign(Object.freeze({ a: 0 }), { a: 1 }); });
show('assign from a proxy', function () { return Object.assign({}, new Proxy({ x: 1, y: 2 }, {})); });
// a key whose ToPropertyKey is a symbol
var symKey = Symbol('sk'), holder = {};
holder[symKey] = 1;
show('hasOwnProperty with a key that converts to a symbol', function () {
	return [holder.hasOwnProperty({ toString: function () { return symKey; } }),
	    holder.propertyIsEnumerable({ toString: function () { return symKey; } })];
});
// a revoked proxy as a target: making the proxy works, IsArray of it throws
var revokedTarget = Proxy.revocable([], {});
var ofRevoked = new Proxy(revokedTarget.proxy, {});
show('isArray through a live proxy of a proxy', function () { return Array.isArray(ofRevoked); });
revokedTarget.revoke();
show('isArray once the inner proxy is revoked', function () { return Array.isArray(ofRevoked); });
show('a proxy of a revoked proxy', function () {
	var r = Proxy.revocable({}, {});
	r.revoke();
	return typeof new Proxy(r.proxy, {});
});
