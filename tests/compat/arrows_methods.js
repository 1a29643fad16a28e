// Arrows and object-literal methods as ES2015 has them, after lowering: not
// constructors, no prototype, named for their binding or key, the `this` of
// the enclosing function; methods named get and set work (they stay
// functions: docs/worker-api.md), an arrow's `arguments` is its own
// (TypeScript's ES5 form; not shown here).
'use strict';
function shape(label, fn) {
	var constructs;
	try {
		new fn();
		constructs = true;
	} catch (e) {
		constructs = e.constructor.name;
	}
	console.log(label, JSON.stringify(fn.name), fn.length, 'prototype' in fn, constructs);
}
const add = (a, b) => a + b;
shape('arrow', add);
shape('anonymous arrow', [(x) => x][0]);
const o = { m(x) { return x * 2; }, get(k) { return k; }, set(k, v) { return [k, v]; }, 'quoted key'() { return 1; } };
shape('method', o.m);
shape('function expression', function () {});
console.log(o.m(4), o.get('g'), o.set('s', 1), o['quoted key']());
class Counter {
	constructor() {
		this.n = 0;
		this.bump = () => ++this.n;
	}
	twice() { return [1, 2].map((x) => this.n + x); }
}
const c = new Counter();
c.bump();
c.bump();
console.log(c.n, c.twice());
const am = async (x) => x + 1;
shape('async arrow', am);
am(1).then((v) => console.log('async arrow result', v));
const gen = { *g() { yield 1; yield 2; } };
console.log([...gen.g()]);
// Reserved words as method keys (an iterator's return(), a map-like
// delete()), which Duktape takes only quoted; in strict code let and static
// too.
const iter = {
	next() { return { done: true }; },
	return() { return { done: true, closed: true }; },
	delete(k) { return 'deleted ' + k; },
	default: 1,
	static(x) { return x * 3; },
	let: () => 'let'
};
console.log(iter.return().closed, iter.delete('k'), iter.default, iter.static(2), iter.let());
console.log('prototype' in iter.return, 'prototype' in iter.let);
