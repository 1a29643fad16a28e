// Array methods on generic receivers, species and frozen arrays.
var o = { length: 2 ** 53 - 1 };
Array.prototype.unshift.call(o);
console.log(o.length);
function tr(f) { try { return String(f()); } catch (e) { return e.name; } }
var a = [1, 2, 3]; a.constructor = { [Symbol.species]: function (n) { this.made = n; } };
console.log(JSON.stringify(a.map(function (x) { return x * 2; })));
console.log(JSON.stringify([1, 2, 3].map(function (x) { return x + 1; })), [1, 2].concat([3]).length);
var r = Proxy.revocable([], {}); r.revoke();
console.log(tr(function () { return Array.isArray(r.proxy); }));
console.log(Array.prototype.toLocaleString.length, JSON.stringify([3, 1, 2].toReversed()));
