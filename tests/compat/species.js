// Symbol.species and Symbol.unscopables: the getters on the constructors,
// Promise's then and RegExp's split/matchAll honouring a subclass's species.
console.log(typeof Symbol.species, String(Symbol.species), String(Symbol.unscopables));
console.log([Array, Map, Set, Promise, RegExp, ArrayBuffer].map(C => C[Symbol.species] === C).join(' '));
const d = Object.getOwnPropertyDescriptor(Map, Symbol.species); console.log(typeof d.get, d.set, d.enumerable, d.configurable, d.get.name);
class MyP extends Promise {}
const p = MyP.resolve(1).then(x => x); console.log(p instanceof MyP, p.constructor === MyP);
class P2 extends Promise { static get [Symbol.species]() { return Promise; } }
const q = P2.resolve(1).then(x => x); console.log(q instanceof P2, q instanceof Promise);
const bad = Promise.resolve(1); bad.constructor = { [Symbol.species]: 5 };
try { bad.then(() => {}); } catch (e) { console.log(e.name); }
const nul = Promise.resolve(1); nul.constructor = { [Symbol.species]: null }; console.log(nul.then(() => {}).constructor === Promise);
class R extends RegExp {}
console.log('a,b'.split(new R(',')).join('|'), [...'a1b2'.matchAll(new R('\\d', 'g'))].map(m => m[0]).join(''));
console.log(Object.keys(Array.prototype[Symbol.unscopables]).join(' '), Object.getPrototypeOf(Array.prototype[Symbol.unscopables]));
