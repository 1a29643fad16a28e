// assert: the error each assertion throws (name, code, message, operator,
// generatedMessage, actual, expected), for values that print on one line.
var assert = require('assert');
var strict = require('assert/strict');
// Node prints the objects of deep-equality failures as a line diff of
// multi-line inspections, and quotes the source of assert.ok's argument;
// those messages differ here (docs/worker-api.md) and are not compared.
function t(f) { try { f(); console.log('ok'); } catch (e) { console.log(JSON.stringify([e.name, e.code, e.message, e.operator, e.generatedMessage, e.actual, e.expected])); } }
t(function () { assert.strictEqual(1,2); });
t(function () { assert.strictEqual('a','b'); });
t(function () { assert.equal(1,2); });
t(function () { assert.notStrictEqual(1,1); });
t(function () { assert.notEqual(1,'1'); });
t(function () { assert.ok(0); });
t(function () { assert(false, 'custom'); });
t(function () { assert.ok(); });
t(function () { assert.fail(); });
t(function () { assert.fail('boom'); });
t(function () { assert.throws(function () {}); });
t(function () { assert.throws(function () { throw new TypeError('x'); }, RangeError); });
t(function () { assert.throws(function () { throw new TypeError('x'); }, /y/); });
t(function () { assert.doesNotThrow(function () { throw new TypeError('x'); }); });
t(function () { assert.match('abc', /x/); });
t(function () { assert.doesNotMatch('abc', /b/); });
t(function () { assert.strictEqual(1,2,'mine'); });
t(function () { assert.strictEqual(1,2,new TypeError('own')); });
t(function () { assert.ifError(null); });
t(function () { assert.ifError(new Error('e1')); });
t(function () { assert.strictEqual(NaN,NaN); });
t(function () { assert.deepStrictEqual(new Set([1]), new Set([1])); });
t(function () { assert.deepStrictEqual({ a: 1 }, { a: 1 }); });
t(function () { assert.deepStrictEqual(1, 2); });
t(function () { strict.equal(1, '1'); });
t(function () { assert.throws(function () { throw new TypeError('bad thing'); }, { name: 'TypeError', message: /bad/ }); });
t(function () { assert.throws(function () { throw new TypeError('bad'); }, TypeError); });
t(function () { assert.throws(function () { throw new Error('v'); }, function (e) { return e.message === 'v'; }); });
t(function () { assert.throws(function () { throw new Error('v'); }, Error, 'msg'); });
t(function () { assert.throws(function () {}, 'no throw msg'); });
t(function () { assert.equal(NaN, NaN); });
t(function () { assert.notStrictEqual(1, 2); });
t(function () { assert.strictEqual(1); });
t(function () { var e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' }); throw e; });
console.log(strict.strict === strict, assert.strict === strict, typeof assert.AssertionError, new assert.AssertionError({ message: 'm' }) instanceof Error);
assert.rejects(Promise.reject(new Error('r')), /r/).then(function () { console.log('rejects ok'); });
assert.rejects(Promise.resolve(1)).then(null, function (e) { console.log('rejects fails', e.message); });
assert.doesNotReject(function () { return Promise.reject(new Error('x')); }).then(null, function (e) { console.log('doesNotReject fails', e.message); });
t(function () { assert.deepEqual(1, 2); });
t(function () { assert.notDeepEqual('a', 'a'); });
t(function () { assert.deepStrictEqual({ a: [1, { b: new Map([[1, 2]]) }] }, { a: [1, { b: new Map([[1, 2]]) }] }); });
t(function () { assert.deepEqual({ a: 1 }, { a: '1' }); });
t(function () { assert.strictEqual('aaaaaaaaaa', 'bbbbbbbbbbbb'); });
t(function () { assert.strictEqual(123456, 7891011); });
t(function () { assert.deepStrictEqual('hello world', 'hello'); });
t(function () { assert.notDeepStrictEqual('abcdef', 'abcdef'); });
t(function () { assert.notStrictEqual('abcdef', 'abcdef'); });
t(function () { assert.notDeepEqual(1, '1'); });
t(function () { assert.equal('a', 'b', 'own message'); });
