// ES2022's Error cause: each constructor's options (own, inherited, absent,
// undefined), the property's attributes, the constructors' shape, subclasses,
// AggregateError, and how util.inspect shows [cause] and [errors].
var util = require('util');
function show(label, f) { try { console.log(label, f()); } catch (e) { console.log(label, 'throws', e.name + ': ' + e.message); } }
var names = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
names.forEach(function (n) {
  var C = globalThis[n], e = new C('m', { cause: n }), d = Object.getOwnPropertyDescriptor(e, 'cause');
  console.log(n, e.cause, d.enumerable, d.writable, d.configurable, e instanceof C, e instanceof Error, C.length, C.name,
    Object.getPrototypeOf(C) === (n === 'Error' ? Function.prototype : Error), C.prototype.constructor === C, e.constructor === C, String(e));
});
show('called', function () { var e = Error('x', { cause: 1 }); return e.cause + ' ' + (e instanceof Error); });
show('no options', function () { return Object.prototype.hasOwnProperty.call(new Error('x'), 'cause'); });
show('options without cause', function () { return 'cause' in new Error('x', {}); });
show('cause undefined', function () { var e = new Error('x', { cause: undefined }); return Object.prototype.hasOwnProperty.call(e, 'cause') + ' ' + e.cause; });
show('inherited cause', function () { return new Error('x', Object.create({ cause: 'proto' })).cause; });
show('primitive options', function () { return 'cause' in new Error('x', 'str'); });
show('getter order', function () { var log = []; new Error({ toString: function () { log.push('msg'); return 'm'; } }, { get cause() { log.push('cause'); return 1; } }); return log.join(); });
show('no message', function () { var e = new Error(undefined, { cause: 2 }); return Object.prototype.hasOwnProperty.call(e, 'message') + ' ' + e.cause; });
show('engine error', function () { try { null.x; } catch (e) { return (e instanceof TypeError) + ' ' + (e.constructor === TypeError); } });
show('subclass', function () { class E2 extends Error { constructor(m, o) { super(m, o); this.name = 'E2'; } } var e = new E2('s', { cause: 'c' }); return [e instanceof E2, e instanceof Error, e.cause, String(e)].join(' '); });
show('stack first frame', function () { function here() { var e = new Error('x'); return e.stack; } return here().split('\n')[1].indexOf('here') >= 0; });
show('throw catch', function () { try { throw new RangeError('r', { cause: 'why' }); } catch (e) { return e.name + ' ' + e.cause; } });
show('AggregateError', function () { var e = new AggregateError([1], 'a', { cause: 'agg' }); return e.cause + ' ' + e.errors.length + ' ' + e.message; });
show('keys', function () { return Object.keys(new Error('x', { cause: 1 })).length; });
show('AggregateError.length', function () { return AggregateError.length; });
function shown(v) { return util.inspect(v).split('\n').filter(l => !/^\s+(at |\.\.\. )/.test(l)).join('|'); }
console.log(shown(new Error('x', { cause: 'why' })));
console.log(shown(new Error('x', { cause: { code: 1, list: [1, 2] } })));
console.log(shown(new Error('outer', { cause: new TypeError('inner') })));
console.log(shown(new AggregateError([1, 'two'], 'agg')));
var e = new Error('e'); e.cause = 'enumerable'; console.log(shown(e));
console.log(shown({ nested: new RangeError('r', { cause: 5 }) }));
show('AggregateError shape', function () {
  var d = Object.getOwnPropertyDescriptor(AggregateError, 'prototype');
  return [Object.getPrototypeOf(AggregateError) === Error, d.writable, d.enumerable, d.configurable].join(' ');
});
show('AggregateError message once', function () {
  var n = 0; new AggregateError([], { toString: function () { n++; return 'm'; } }); return n;
});
show('AggregateError symbol message', function () { new AggregateError([], Symbol('s')); });
