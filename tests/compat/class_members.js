// What a lowered class defines, as ES2015 does: methods (plain, static,
// symbol-keyed, async, generator) neither enumerable nor nameless, a
// subclass's prototype with no enumerable constructor, fields own and
// enumerable, accessors on the prototype.
class A {
	m() { return 'm'; }
	static s() {}
	get g() { return 1; }
	set g(v) {}
	[Symbol.iterator]() {}
	async am() {}
	*gen() {}
	static f = 1;
	x = 2;
}
const keys = [];
for (const k in new A()) keys.push(k);
console.log(keys, Object.keys(A.prototype), Object.keys(A), Object.getOwnPropertyNames(A.prototype).sort());
console.log([A.prototype.m.name, A.s.name, A.prototype[Symbol.iterator].name, A.prototype.am.name, A.prototype.gen.name]);
console.log(Object.getOwnPropertyDescriptor(A.prototype, 'm'), Object.getOwnPropertyDescriptor(A, 's'));
console.log(A.prototype, new A(), JSON.stringify(new A()), Object.assign({}, new A()));
class B extends A { m() { return 'b' + super.m(); } static t() {} }
const b = new B();
console.log(b.m(), Object.keys(B.prototype), Object.keys(B), B.prototype.constructor === B, b.constructor.name,
	Object.getOwnPropertyDescriptor(B.prototype, 'constructor').enumerable, b instanceof A);
const C = class { q() {} };
console.log(Object.keys(C.prototype), C.prototype.q.name, new C());
const o = { ...new B() };
console.log(o, Object.entries(new B()));
