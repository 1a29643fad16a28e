/*
 * proxy.js - Proxy and Reflect as ES2015-ES2023 have them, on top of
 * Duktape's Proxy, which traps only get, set, has, deleteProperty,
 * ownKeys, apply and construct, checks none of the spec's invariants,
 * calls traps with its own handler as `this`, and whose Reflect.get and
 * Reflect.set refuse a receiver.
 *
 * Every proxy is a Duktape proxy whose handler is a private record
 * (inheriting the traps below): the target, the caller's handler (null
 * once revoked) and the proxy.  Those traps look the caller's trap up at
 * each operation, call it with the caller's handler as `this`, check what
 * it returns against the target as the spec does, and fall back to the
 * target when the handler has no such trap.  A proxy is told from other
 * objects by reading a private symbol (REC): only a proxy's own get trap
 * answers it, with its record.
 *
 * The operations Duktape never traps (getPrototypeOf, setPrototypeOf,
 * isExtensible, preventExtensions, getOwnPropertyDescriptor,
 * defineProperty, and what is built on them: Object.keys, freeze,
 * hasOwnProperty, ...) are listed in `wrapped` with what a proxy gets from
 * them; rt_proxy.c puts a native in front of each that sends a proxy here
 * and anything else to Duktape's own, so that ordinary objects pay no
 * JavaScript call.  The few whose proxy may sit elsewhere are wrapped here.
 *
 * Evaluates to a function that rt_proxy.c calls once per heap with the
 * global object, rt_bare_method (rt_define.h), the native Proxy
 * constructor (which it gives `revocable`) and REC; it returns { make,
 * wrapped }: make(target, handler) is what that constructor calls.  ES5
 * syntax and shorthand methods only.
 */
(function (global, bare, P, REC) {
	'use strict';

	var NativeProxy = global.Proxy;
	var O = Object, R = Reflect, OP = Object.prototype;
	var nGetProto = O.getPrototypeOf, nIsExt = O.isExtensible, nGopd = O.getOwnPropertyDescriptor;
	var nDefProp = O.defineProperty, nDefineProperties = O.defineProperties;
	var nKeys = O.keys, nGops = O.getOwnPropertySymbols;
	var nOwnKeys = R.ownKeys, nGet = R.get, nSet = R.set, nHas = R.has, nDel = R.deleteProperty;
	var nApply = R.apply, nConstruct = R.construct, nReflectSetProto = R.setPrototypeOf;
	var nReflectPrevExt = R.preventExtensions, nReflectDefProp = R.defineProperty;
	var hasOwn = OP.hasOwnProperty, isEnum = OP.propertyIsEnumerable;
	var protoDesc = nGopd(OP, '__proto__');
	var isArray = Array.isArray;

	function isObject(v) {
		return v !== null && (typeof v === 'object' || typeof v === 'function');
	}

	function fail(msg) {
		throw new TypeError(msg);
	}

	/* The record of a proxy made here, else undefined. */
	function recOf(o) {
		return isObject(o) ? o[REC] : undefined;
	}

	function key(k) {
		return typeof k === 'symbol' ? k : String(k);
	}

	function keyName(k) {
		return typeof k === 'symbol' ? k.toString() : k;
	}

	function sameValue(a, b) {
		if (a === b)
			return a !== 0 || 1 / a === 1 / b;
		return a !== a && b !== b;
	}

	/* ---- property descriptors (ES2023 6.2.6) ---- */

	function isAccessor(d) {
		return d !== undefined && (hasOwn.call(d, 'get') || hasOwn.call(d, 'set'));
	}

	function isData(d) {
		return d !== undefined && (hasOwn.call(d, 'value') || hasOwn.call(d, 'writable'));
	}

	var FIELDS = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'];

	/* FromPropertyDescriptor's order over the fields of f that has[] says
	 * are present. */
	function ordered(f, has) {
		var d = {}, i;

		for (i = 0; i < FIELDS.length; i++)
			if (has[i])
				d[FIELDS[i]] = f[FIELDS[i]];
		return d;
	}

	/* ToPropertyDescriptor: the fields present, read once each in the
	 * spec's order. */
	function toDesc(obj) {
		var f = {}, has = [], order = [4, 5, 0, 1, 2, 3], i, n;

		if (!isObject(obj))
			fail('Property description must be an object: ' + String(obj));
		for (i = 0; i < order.length; i++) {
			n = FIELDS[order[i]];
			if ((has[order[i]] = n in obj))
				f[n] = order[i] === 1 || order[i] >= 4 ? !!obj[n] : obj[n];
		}
		if (has[2] && f.get !== undefined && typeof f.get !== 'function')
			fail('Getter must be a function: ' + String(f.get));
		if (has[3] && f.set !== undefined && typeof f.set !== 'function')
			fail('Setter must be a function: ' + String(f.set));
		if ((has[2] || has[3]) && (has[0] || has[1]))
			fail('Invalid property descriptor. Cannot both specify accessors and a value or writable attribute');
		return ordered(f, has);
	}

	/* CompletePropertyDescriptor, in FromPropertyDescriptor's order. */
	function complete(d) {
		var acc = isAccessor(d), f = {}, i, n;

		for (i = 0; i < FIELDS.length; i++) {
			n = FIELDS[i];
			f[n] = hasOwn.call(d, n) ? d[n] : i === 1 || i >= 4 ? false : undefined;
		}
		return ordered(f, [!acc, !acc, acc, acc, true, true]);
	}

	/* IsCompatiblePropertyDescriptor: ValidateAndApplyPropertyDescriptor
	 * with no object to apply to. */
	function compatible(extensible, d, cur) {
		if (cur === undefined)
			return extensible;
		if (cur.configurable)
			return true;
		if (d.configurable === true)
			return false;
		if (hasOwn.call(d, 'enumerable') && d.enumerable !== cur.enumerable)
			return false;
		if (!isAccessor(d) && !isData(d))
			return true;
		if (isAccessor(cur) !== isAccessor(d))
			return false;
		if (isAccessor(cur))
			return !(hasOwn.call(d, 'get') && !sameValue(d.get, cur.get)) &&
			    !(hasOwn.call(d, 'set') && !sameValue(d.set, cur.set));
		if (cur.writable)
			return true;
		return d.writable !== true && !(hasOwn.call(d, 'value') && !sameValue(d.value, cur.value));
	}

	/* ---- the operations, for proxies made here and anything else ---- */

	/* An internal method: the proxy's trap for a proxy made here, the
	 * engine's own for anything else. */
	function internal(trap, native) {
		return function (o, a, b) {
			var r = recOf(o);

			return r !== undefined ? r[trap](r.t, a, b) : native(o, a, b);
		};
	}

	var getProto = internal('getPrototypeOf', nGetProto);
	var isExt = internal('isExtensible', nIsExt);
	var gopd = internal('getOwnPropertyDescriptor', nGopd);
	var ownKeys = internal('ownKeys', nOwnKeys);
	/* [[DefineOwnProperty]] with a descriptor from toDesc(): a boolean. */
	var define = internal('defineProperty', nReflectDefProp);
	var setProto = internal('setPrototypeOf', nReflectSetProto);
	var prevExt = internal('preventExtensions', nReflectPrevExt);

	/* [[Get]] with a receiver (OrdinaryGet on anything but a proxy). */
	function get(o, k, receiver) {
		var r = o[REC], d, proto;

		if (r !== undefined)
			return r.get(r.t, k, receiver);
		if (receiver === o)
			return o[k];
		d = nGopd(o, k);
		if (d === undefined) {
			proto = nGetProto(o);
			return proto === null ? undefined : get(proto, k, receiver);
		}
		if (hasOwn.call(d, 'value'))
			return d.value;
		return d.get === undefined ? undefined : d.get.call(receiver);
	}

	/* [[Set]] with a receiver (OrdinarySet on anything but a proxy). */
	function set(o, k, v, receiver) {
		var r = recOf(o), d, proto, existing;

		if (r !== undefined)
			return r.set(r.t, k, v, receiver);
		if (receiver === o && recOf(receiver) === undefined && typeof k !== 'symbol')
			return nSet(o, k, v);
		d = nGopd(o, k);
		if (d === undefined) {
			proto = nGetProto(o);
			if (proto !== null)
				return set(proto, k, v, receiver);
			d = { value: undefined, writable: true, enumerable: true, configurable: true };
		}
		if (isAccessor(d)) {
			if (d.set === undefined)
				return false;
			d.set.call(receiver, v);
			return true;
		}
		if (!d.writable || !isObject(receiver))
			return false;
		existing = gopd(receiver, k);
		if (existing !== undefined) {
			if (isAccessor(existing) || !existing.writable)
				return false;
			return define(receiver, k, { value: v });
		}
		return define(receiver, k, { value: v, writable: true, enumerable: true, configurable: true });
	}

	/* ---- the traps Duktape calls (this: the record) ---- */

	function live(rec, name) {
		if (rec.h === null)
			fail('Cannot perform \'' + name + '\' on a proxy that has been revoked');
		return rec.h;
	}

	function trapOf(handler, name) {
		var t = handler[name];

		if (t === undefined || t === null)
			return undefined;
		if (typeof t !== 'function')
			fail('\'' + name + '\' on proxy: trap is not a function');
		return t;
	}

	function broke(name, what) {
		fail('\'' + name + '\' on proxy: ' + what);
	}

	var TRAPS = {
		get: function (dt, k, receiver) {
			var target = this.t, handler = this.h, trap, v, d;

			if (k === REC)
				return receiver === this.p ? this : undefined;
			/* the hottest trap: live(), trapOf() and gopd() inline */
			if (handler === null)
				live(this, 'get');
			trap = handler.get;
			if (trap === undefined || trap === null)
				return get(target, k, receiver);
			if (typeof trap !== 'function')
				trapOf(handler, 'get');
			v = trap.call(handler, target, k, receiver);
			d = target[REC] === undefined ? nGopd(target, k) : gopd(target, k);
			if (d !== undefined && !d.configurable) {
				if (isData(d) && !d.writable && !sameValue(v, d.value))
					broke('get', 'property \'' + keyName(k) + '\' is a read-only and non-configurable data ' +
					    'property on the proxy target but the proxy did not return its actual value');
				if (isAccessor(d) && d.get === undefined && v !== undefined)
					broke('get', 'property \'' + keyName(k) + '\' is a non-configurable accessor property ' +
					    'on the proxy target and does not have a getter function, but the trap did not return \'undefined\'');
			}
			return v;
		},
		set: function (dt, k, v, receiver) {
			var target = this.t;
			var handler = live(this, 'set'), trap = trapOf(handler, 'set'), d;

			if (trap === undefined)
				return set(target, k, v, receiver);
			if (!trap.call(handler, target, k, v, receiver))
				return false;
			d = gopd(target, k);
			if (d !== undefined && !d.configurable) {
				if (isData(d) && !d.writable && !sameValue(v, d.value))
					broke('set', 'trap returned truish for property \'' + keyName(k) +
					    '\' which exists in the proxy target as a non-configurable and non-writable data property with a different value');
				if (isAccessor(d) && d.set === undefined)
					broke('set', 'trap returned truish for property \'' + keyName(k) +
					    '\' which exists in the proxy target as a non-configurable and non-writable accessor property without a setter');
			}
			return true;
		},
		has: function (dt, k) {
			var target = this.t;
			var handler = live(this, 'has'), trap = trapOf(handler, 'has'), d;

			if (trap === undefined)
				return nHas(target, k);
			if (trap.call(handler, target, k))
				return true;
			d = gopd(target, k);
			if (d !== undefined && (!d.configurable || !isExt(target)))
				broke('has', 'trap returned falsish for property \'' + keyName(k) + '\' which exists in the proxy target as ' +
				    (d.configurable ? 'a property of a non-extensible object' : 'non-configurable'));
			return false;
		},
		deleteProperty: function (dt, k) {
			var target = this.t;
			var handler = live(this, 'deleteProperty'), trap = trapOf(handler, 'deleteProperty'), d;

			if (trap === undefined)
				return nDel(target, k);
			if (!trap.call(handler, target, k))
				return false;
			d = gopd(target, k);
			if (d !== undefined && (!d.configurable || !isExt(target)))
				broke('deleteProperty', 'trap returned truish for property \'' + keyName(k) +
				    '\' which is non-configurable in the proxy target or the target is non-extensible');
			return true;
		},
		ownKeys: function (dt) {
			var target = this.t;
			var handler = live(this, 'ownKeys'), trap = trapOf(handler, 'ownKeys');
			var res, len, keys = [], seen = {}, syms = [], tkeys, ext, i, k, d, left;

			if (trap === undefined)
				return ownKeys(target);
			res = trap.call(handler, target);
			if (!isObject(res))
				broke('ownKeys', 'trap returned a non-object');
			len = res.length >>> 0;
			for (i = 0; i < len; i++) {
				k = res[i];
				if (typeof k !== 'string' && typeof k !== 'symbol')
					broke('ownKeys', keyName(String(k)) + ' is not a valid property name');
				if (typeof k === 'string' ? hasOwn.call(seen, k) : syms.indexOf(k) >= 0)
					broke('ownKeys', 'trap returned duplicate entries');
				if (typeof k === 'string')
					seen[k] = true;
				else
					syms.push(k);
				keys.push(k);
			}
			ext = isExt(target);
			tkeys = ownKeys(target);
			left = keys.slice();
			for (i = 0; i < tkeys.length; i++) {
				d = gopd(target, tkeys[i]);
				if (d !== undefined && !d.configurable || !ext) {
					k = left.indexOf(tkeys[i]);
					if (k < 0)
						broke('ownKeys', 'trap result did not include \'' + keyName(tkeys[i]) + '\'');
					left.splice(k, 1);
				}
			}
			if (!ext && left.length > 0)
				broke('ownKeys', 'trap returned extra keys but proxy target is non-extensible');
			return keys;
		},
		apply: function (dt, self, args) {
			var target = this.t;
			var handler = live(this, 'apply'), trap = trapOf(handler, 'apply');

			if (trap === undefined)
				return nApply(target, self, args);
			return trap.call(handler, target, self, args);
		},
		construct: function (dt, args, newTarget) {
			var target = this.t;
			var handler = live(this, 'construct'), trap = trapOf(handler, 'construct'), r;

			if (newTarget === undefined || newTarget === dt)
				newTarget = this.p;	/* Duktape's `new p()` */
			if (trap === undefined)
				return nConstruct(target, args, newTarget === this.p ? target : newTarget);
			r = trap.call(handler, target, args, newTarget);
			if (!isObject(r))
				broke('construct', 'trap returned non-object (\'' + String(r) + '\')');
			return r;
		},
		getPrototypeOf: function (dt) {
			var target = this.t;
			var handler = live(this, 'getPrototypeOf'), trap = trapOf(handler, 'getPrototypeOf'), p;

			if (trap === undefined)
				return getProto(target);
			p = trap.call(handler, target);
			if (p !== null && !isObject(p))
				broke('getPrototypeOf', 'trap returned neither object nor null');
			if (!isExt(target) && p !== getProto(target))
				broke('getPrototypeOf', 'proxy target is non-extensible but the trap did not return its actual prototype');
			return p;
		},
		setPrototypeOf: function (dt, proto) {
			var target = this.t;
			var handler = live(this, 'setPrototypeOf'), trap = trapOf(handler, 'setPrototypeOf');

			if (trap === undefined)
				return setProto(target, proto);
			if (!trap.call(handler, target, proto))
				return false;
			if (!isExt(target) && proto !== getProto(target))
				broke('setPrototypeOf', 'trap returned truish for setting a new prototype on the non-extensible proxy target');
			return true;
		},
		isExtensible: function (dt) {
			var target = this.t;
			var handler = live(this, 'isExtensible'), trap = trapOf(handler, 'isExtensible'), b;

			if (trap === undefined)
				return isExt(target);
			b = !!trap.call(handler, target);
			if (b !== isExt(target))
				broke('isExtensible', 'trap result does not reflect extensibility of proxy target (which is \'' + !b + '\')');
			return b;
		},
		preventExtensions: function (dt) {
			var target = this.t;
			var handler = live(this, 'preventExtensions'), trap = trapOf(handler, 'preventExtensions');

			if (trap === undefined)
				return prevExt(target);
			if (!trap.call(handler, target))
				return false;
			if (isExt(target))
				broke('preventExtensions', 'trap returned truish but the proxy target is extensible');
			return true;
		},
		getOwnPropertyDescriptor: function (dt, k) {
			var target = this.t;
			var handler = live(this, 'getOwnPropertyDescriptor');
			var trap = trapOf(handler, 'getOwnPropertyDescriptor'), res, td, d, ext;

			if (trap === undefined)
				return gopd(target, k);
			res = trap.call(handler, target, k);
			if (res !== undefined && !isObject(res))
				broke('getOwnPropertyDescriptor', 'trap returned neither object nor undefined for property \'' + keyName(k) + '\'');
			td = gopd(target, k);
			if (res === undefined) {
				if (td !== undefined && (!td.configurable || !isExt(target)))
					broke('getOwnPropertyDescriptor', 'trap returned undefined for property \'' + keyName(k) +
					    '\' which is non-configurable in the proxy target or the target is non-extensible');
				return undefined;
			}
			ext = isExt(target);
			d = complete(toDesc(res));
			if (!compatible(ext, d, td))
				broke('getOwnPropertyDescriptor', 'trap returned descriptor for property \'' + keyName(k) +
				    '\' that is incompatible with the existing property in the proxy target');
			if (!d.configurable) {
				if (td === undefined || td.configurable)
					broke('getOwnPropertyDescriptor', 'trap reported non-configurability for property \'' + keyName(k) +
					    '\' which is either non-existent or configurable in the proxy target');
				if (hasOwn.call(d, 'writable') && !d.writable && td.writable)
					broke('getOwnPropertyDescriptor', 'trap reported non-configurable and writable for property \'' +
					    keyName(k) + '\' which is non-configurable, non-writable in the proxy target');
			}
			return d;
		},
		defineProperty: function (dt, k, d) {
			var target = this.t;
			var handler = live(this, 'defineProperty'), trap = trapOf(handler, 'defineProperty');
			var td, ext, offConfig;

			if (trap === undefined)
				return define(target, k, d);
			if (!trap.call(handler, target, k, d))
				return false;
			td = gopd(target, k);
			ext = isExt(target);
			offConfig = hasOwn.call(d, 'configurable') && !d.configurable;
			if (td === undefined) {
				if (!ext)
					broke('defineProperty', 'trap returned truish for adding property \'' + keyName(k) +
					    '\' to the non-extensible proxy target');
				if (offConfig)
					broke('defineProperty', 'trap returned truish for defining non-configurable property \'' +
					    keyName(k) + '\' which is either non-existent or configurable in the proxy target');
				return true;
			}
			if (!compatible(ext, d, td))
				broke('defineProperty', 'trap returned truish for adding property \'' + keyName(k) +
				    '\' that is incompatible with the existing property in the proxy target');
			if (offConfig && td.configurable)
				broke('defineProperty', 'trap returned truish for defining non-configurable property \'' +
				    keyName(k) + '\' which is either non-existent or configurable in the proxy target');
			if (isData(td) && !td.configurable && td.writable && hasOwn.call(d, 'writable') && !d.writable)
				broke('defineProperty', 'trap returned truish for defining non-configurable property \'' +
				    keyName(k) + '\' which cannot be non-writable, unless there exists a corresponding ' +
				    'non-configurable, non-writable own property of the target object.');
			return true;
		}
	};

	/* Duktape refuses a proxy as a proxy's target: it is given an object
	 * of the same kind instead, and the traps use the record's target.
	 * A revoked proxy may be a target (ES2021): its kind is unknown, and
	 * IsArray of the new proxy throws when asked, not now. */
	function standIn(target) {
		if (typeof target === 'function')
			return function () {};
		try {
			return isArray(target) ? [] : {};
		} catch (e) {
			return {};
		}
	}

	function make(target, handler) {
		var rec;

		if (!isObject(target) || !isObject(handler))
			fail('Cannot create proxy with a non-object as target or handler');
		rec = O.create(TRAPS);
		rec.t = target;
		rec.h = handler;
		rec.p = new NativeProxy(recOf(target) === undefined ? target : standIn(target), rec);
		return rec.p;
	}

	/* ---- what is built on the untrapped operations ---- */

	function toObj(o, name) {
		if (o === null || o === undefined)
			fail(name + ' called on null or undefined');
		return O(o);
	}

	function needObject(o, name) {
		if (!isObject(o))
			fail(name + ' called on non-object');
		return o;
	}

	function enumerableKeys(o) {
		var keys = ownKeys(o), out = [], i, d;

		for (i = 0; i < keys.length; i++) {
			if (typeof keys[i] !== 'string')
				continue;
			d = gopd(o, keys[i]);
			if (d !== undefined && d.enumerable)
				out.push(keys[i]);
		}
		return out;
	}

	function testLevel(o, frozen) {
		var keys, i, d;

		if (isExt(o))
			return false;
		keys = ownKeys(o);
		for (i = 0; i < keys.length; i++) {
			d = gopd(o, keys[i]);
			if (d !== undefined && (d.configurable || frozen && isData(d) && d.writable))
				return false;
		}
		return true;
	}

	function setLevel(o, frozen) {
		var keys, i, d;

		if (!prevExt(o))
			fail('Cannot prevent extensions');
		keys = ownKeys(o);
		for (i = 0; i < keys.length; i++) {
			if (!frozen) {
				d = { configurable: false };
			} else {
				d = gopd(o, keys[i]);
				if (d === undefined)
					continue;
				d = isAccessor(d) ? { configurable: false } : { configurable: false, writable: false };
			}
			if (!define(o, keys[i], d))
				fail('Cannot redefine property: ' + keyName(keys[i]));
		}
		return o;
	}

	/* fns: shorthand methods, which Duktape makes as built-in methods are
	 * (not constructors, `length` then `name`); bare() takes away the
	 * `caller` and `arguments` Duktape gives strict functions. */
	function shapes(obj, fns) {
		O.keys(fns).forEach(function (k) {
			if (fns[k].name !== k)
				nDefProp(fns[k], 'name', { value: k, configurable: true });
			bare(fns[k]);
			nDefProp(obj, k, { value: fns[k], writable: true, enumerable: false, configurable: true });
		});
	}

	/* What a proxy's subject gets from the functions rt_proxy.c wraps:
	 * [object, name, where the subject is (-1: this, else the argument's
	 * index), the proxy's version].  The wrapper calls Duktape's own for
	 * any other subject. */
	var wrapped = [
		[O, 'getPrototypeOf', 0, function (o) { return getProto(o); }],
		[O, 'setPrototypeOf', 0, function (o, proto) {
			if (proto !== null && !isObject(proto))
				fail('Object prototype may only be an Object or null: ' + String(proto));
			if (!setProto(o, proto))
				fail('\'setPrototypeOf\' on proxy: trap returned falsish');
			return o;
		}],
		[O, 'isExtensible', 0, isExt],
		[O, 'preventExtensions', 0, function (o) {
			if (!prevExt(o))
				fail('\'preventExtensions\' on proxy: trap returned falsish');
			return o;
		}],
		[O, 'getOwnPropertyDescriptor', 0, function (o, k) { return gopd(o, key(k)); }],
		[O, 'defineProperty', 0, function (o, k, attrs) {
			k = key(k);
			if (!define(o, k, toDesc(attrs)))
				fail('\'defineProperty\' on proxy: trap returned falsish for property \'' + keyName(k) + '\'');
			return o;
		}],
		[O, 'keys', 0, enumerableKeys],
		[O, 'values', 0, function (o) {
			return enumerableKeys(o).map(function (k) { return get(o, k, o); });
		}],
		[O, 'entries', 0, function (o) {
			return enumerableKeys(o).map(function (k) { return [k, get(o, k, o)]; });
		}],
		[O, 'getOwnPropertyDescriptors', 0, function (o) {
			var keys = ownKeys(o), out = {}, i, d;

			for (i = 0; i < keys.length; i++) {
				d = gopd(o, keys[i]);
				if (d !== undefined)
					nDefProp(out, keys[i], { value: d, writable: true, enumerable: true, configurable: true });
			}
			return out;
		}],
		[O, 'getOwnPropertyNames', 0, function (o) {
			return ownKeys(o).filter(function (k) { return typeof k === 'string'; });
		}],
		[O, 'getOwnPropertySymbols', 0, function (o) {
			return ownKeys(o).filter(function (k) { return typeof k === 'symbol'; });
		}],
		[O, 'freeze', 0, function (o) { return setLevel(o, true); }],
		[O, 'seal', 0, function (o) { return setLevel(o, false); }],
		[O, 'isFrozen', 0, function (o) { return testLevel(o, true); }],
		[O, 'isSealed', 0, function (o) { return testLevel(o, false); }],
		[O, 'hasOwn', 0, function (o, k) { return gopd(o, key(k)) !== undefined; }],
		[OP, 'hasOwnProperty', -1, function (k) { return gopd(this, key(k)) !== undefined; }],
		[OP, 'propertyIsEnumerable', -1, function (k) {
			var d = gopd(this, key(k));

			return d !== undefined && d.enumerable;
		}],
		[R, 'getPrototypeOf', 0, getProto],
		[R, 'setPrototypeOf', 0, function (o, proto) {
			if (proto !== null && !isObject(proto))
				fail('Object prototype may only be an Object or null: ' + String(proto));
			return setProto(o, proto);
		}],
		[R, 'isExtensible', 0, isExt],
		[R, 'preventExtensions', 0, prevExt],
		[R, 'getOwnPropertyDescriptor', 0, function (o, k) { return gopd(o, key(k)); }],
		[R, 'defineProperty', 0, function (o, k, attrs) { return define(o, key(k), toDesc(attrs)); }],
		[R, 'ownKeys', 0, ownKeys],
		[R, 'construct', 0, function (f, args) {
			var r = recOf(f);

			if (!isObject(args))
				fail('CreateListFromArrayLike called on non-object');
			return r.construct(r.t, args, arguments.length < 3 ? f : arguments[2]);
		}]
	].filter(function (w) { return typeof w[0][w[1]] === 'function'; });

	/* Where the proxy may be elsewhere than in one argument, or where
	 * Duktape's own falls short for every subject: plain functions. */
	shapes(O, {
		/* Duktape's copies no symbol and ignores a failed write */
		assign(target, firstSource) {
			var to = toObj(target, 'Object.assign'), i, j, from, keys, d;

			for (i = 1; i < arguments.length; i++) {
				if (arguments[i] === null || arguments[i] === undefined)
					continue;
				from = O(arguments[i]);
				if (recOf(from) === undefined) {
					/* the enumerable strings, then symbols: the spec's order */
					keys = nKeys(from);
					for (j = 0; j < keys.length; j++)
						to[keys[j]] = from[keys[j]];
					keys = nGops(from);
					for (j = 0; j < keys.length; j++)
						if (isEnum.call(from, keys[j]))
							to[keys[j]] = from[keys[j]];
					continue;
				}
				keys = ownKeys(from);
				for (j = 0; j < keys.length; j++)
					if ((d = gopd(from, keys[j])) !== undefined && d.enumerable)
						to[keys[j]] = from[keys[j]];
			}
			return to;
		},
		defineProperties(o, props) {
			var src, keys, descs = [], i, d;

			if (recOf(o) === undefined && recOf(props) === undefined)
				return nDefineProperties(o, props);
			needObject(o, 'Object.defineProperties');
			src = toObj(props, 'Object.defineProperties');
			keys = ownKeys(src);
			for (i = 0; i < keys.length; i++) {
				d = gopd(src, keys[i]);
				if (d !== undefined && d.enumerable)
					descs.push([keys[i], toDesc(get(src, keys[i], src))]);
			}
			for (i = 0; i < descs.length; i++)
				O.defineProperty(o, descs[i][0], descs[i][1]);
			return o;
		}
	});
	if (protoDesc !== undefined && protoDesc.get !== undefined) {
		nDefProp(OP, '__proto__', {
			get: function () {
				return recOf(this) !== undefined ? getProto(this) : protoDesc.get.call(this);
			},
			set: function (proto) {
				if (recOf(this) === undefined)
					return protoDesc.set.call(this, proto);
				if ((proto === null || isObject(proto)) && !setProto(this, proto))
					fail('Object.prototype.__proto__ setter failed');
			},
			enumerable: false, configurable: true
		});
	}
	/* Duktape's refuse a receiver, and their get, set, has and
	 * deleteProperty a symbol key ("cannot string coerce Symbol"). */
	shapes(R, {
		'get'(o, k) {
			if (arguments.length < 3 && recOf(o) === undefined && typeof k !== 'symbol')
				return nGet(o, k);
			needObject(o, 'Reflect.get');
			return get(o, key(k), arguments.length < 3 ? o : arguments[2]);
		},
		'set'(o, k, v) {
			if (arguments.length < 4 && recOf(o) === undefined && typeof k !== 'symbol')
				return nSet(o, k, v);
			needObject(o, 'Reflect.set');
			return set(o, key(k), v, arguments.length < 4 ? o : arguments[3]);
		},
		has(o, k) {
			if (typeof k !== 'symbol')
				return nHas(o, k);
			return k in needObject(o, 'Reflect.has');
		},
		deleteProperty(o, k) {
			var d;

			if (typeof k !== 'symbol' || recOf(o) !== undefined)
				return nDel(o, k);
			d = nGopd(needObject(o, 'Reflect.deleteProperty'), k);
			if (d !== undefined && !d.configurable)
				return false;
			return delete o[k];
		}
	});

	shapes(P, {
		revocable(target, handler) {
			var p = make(target, handler), rec = p[REC];
			var revoke = {
				revoke() {
					if (rec === null)
						return;
					rec.h = null;
					rec.t = null;
					rec = null;
				}
			}.revoke;

			nDefProp(revoke, 'name', { value: '', configurable: true });
			bare(revoke);
			return { proxy: p, revoke: revoke };
		}
	});

	return { make: make, wrapped: wrapped };
})
