// An object literal's __proto__: p sets its prototype (ES2015 Annex B), in a
// file that is otherwise ES5, which Duktape would take and read as an own
// property: the loader lowers it (lower_es2015_meaning).
var base = { hi: function () { return 'hi ' + this.n; } };
var o = { __proto__: base, n: 1 };
var q = { "__proto__": null, a: 1 };
var r = { __proto__: 5, b: 2 };
var s = {};
var t = {};
var order = []; var u = { a: 1, __proto__: base };
console.log(o.hi(), Object.keys(o).join(), Object.getPrototypeOf(q), Object.keys(q).join(), Object.getPrototypeOf(r) === Object.prototype, Object.keys(r).join());
console.log(Object.getPrototypeOf(s) === Object.prototype, Object.keys(s).join(), Object.keys(t).join(), t.__proto__ === Object.prototype || t.__proto__, Object.getPrototypeOf(u) === base);
var nested = { x: { __proto__: base, n: 2 } }; console.log(nested.x.hi());
