// util: format, inspect, promisify (and .custom), callbackify, inherits,
// deprecate, types, isDeepStrictEqual, TextEncoder/TextDecoder.
var util = require('util');
var log = function () { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); };
log(util.format('%s:%d:%i:%f:%j:%%:%c|', 'str', 42.5, 42.5, '1.5', { a: [1] }, 'css'));
log(util.format('%s', { a: 1 }), util.format('%o', { a: 1 }), util.format('%O', { b: { c: {} } }), util.format('a', 'b', 3));
log(util.format('%d', '0x10'), util.format('%s %s', 'only'), util.format(1, 2), util.format('%i', 'z'));
log(util.inspect({ a: 1, b: 'x', c: [1, 2, { d: { e: { f: 1 } } }] }));
log(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), util.inspect({ a: { b: { c: { d: {} } } } }, { depth: Infinity }));
log(util.inspect('str'), util.inspect(new Map([[1, 2]])), util.inspect(null), typeof util.inspect.custom);
// Before any promise: Node runs process.nextTick callbacks ahead of promise
// reactions, a worker in one queue (docs/worker-api.md).
process.on('warning', function (w) { log('warning', w.name, w.message, w.code); });
var dep = util.deprecate(function (x) { return x * 3; }, 'old() is deprecated', 'DEP_TEST');
log('deprecate', dep(1), dep(2));
function cbStyle(x, cb) { setTimeout(function () { if (x < 0) cb(new Error('neg')); else cb(null, x * 2); }, 0); }
var p = util.promisify(cbStyle);
p(21).then(function (v) { log('promisified', v); });
p(-1).then(null, function (e) { log('promisified rejects', e.message); });
function custom() {}
custom[util.promisify.custom] = function () { return Promise.resolve('custom!'); };
log('custom', util.promisify(custom) === custom[util.promisify.custom], util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
util.promisify(custom)().then(function (v) { log('custom result', v); });
try { util.promisify(1); } catch (e) { log(e.name, e.code, e.message); }
var cbd = util.callbackify(function (x) { return x ? Promise.resolve(x + 1) : Promise.reject(null); });
cbd(1, function (err, v) { log('callbackified', err, v); });
cbd(0, function (err) { log('callbackified falsy', err.code, err.message, err.reason); });
function Base() {} Base.prototype.hello = function () { return 'hello'; };
function Derived() { Base.call(this); }
util.inherits(Derived, Base);
log('inherits', new Derived().hello(), Derived.super_ === Base, new Derived() instanceof Base);
try { util.inherits(Derived, null); } catch (e) { log(e.code, e.message); }
var t = util.types;
log('types', [t.isDate(new Date()), t.isDate({}), t.isRegExp(/x/), t.isRegExp({}), t.isMap(new Map()), t.isSet(new Set()),
  t.isMap(new Set()), t.isPromise(Promise.resolve()), t.isPromise({ then: function () {} }), t.isTypedArray(new Uint8Array(1)),
  t.isUint8Array(new Uint8Array(1)), t.isUint8Array(new Int8Array(1)), t.isArrayBuffer(new ArrayBuffer(1)),
  t.isDataView(new DataView(new ArrayBuffer(1))), t.isNativeError(new TypeError('x')), t.isNativeError({ message: 'x' }),
  t.isBoxedPrimitive(Object(1)), t.isNumberObject(Object(1)), t.isStringObject(Object('s')), t.isBoxedPrimitive(1),
  t.isWeakMap(new WeakMap()), t.isWeakSet(new WeakSet()), t.isArgumentsObject((function () { return arguments; })()),
  t.isAnyArrayBuffer(new ArrayBuffer(2)), t.isArrayBufferView(new Uint16Array(1)), t.isSymbolObject(Object(Symbol()))]);
log('util/types', require('util/types') === util.types);
log('isDeepStrictEqual', [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual({ a: 1 }, { a: '1' }),
  util.isDeepStrictEqual([1, 2], [1, 2, 3]), util.isDeepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])),
  util.isDeepStrictEqual(new Set([1, 2]), new Set([2, 1])), util.isDeepStrictEqual(NaN, NaN), util.isDeepStrictEqual(0, -0),
  util.isDeepStrictEqual(new Date(1), new Date(1)), util.isDeepStrictEqual(new Date(1), new Date(2)), util.isDeepStrictEqual(/a/g, /a/g),
  util.isDeepStrictEqual(/a/g, /a/i), util.isDeepStrictEqual(Object.create(null), {}), util.isDeepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])),
  util.isDeepStrictEqual([1, , 3], [1, undefined, 3])]);
var cyc1 = { n: 1 }; cyc1.self = cyc1; var cyc2 = { n: 1 }; cyc2.self = cyc2;
log('cycles', util.isDeepStrictEqual(cyc1, cyc2));
log('text', util.TextEncoder === TextEncoder, new util.TextDecoder().decode(new util.TextEncoder().encode('h\u00e9')));
log('legacy', [util.isArray([]), util.isString('s'), util.isFunction(log), util.isPrimitive(null), util.isObject(null)]);
log('strip', util.stripVTControlCharacters('\u001b[31mred\u001b[39m'));
log('debuglog', typeof util.debuglog('nothing'), util.debuglog('nothing').enabled);
