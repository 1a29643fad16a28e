// Generator, async and async generator functions: their prototypes
// (%GeneratorFunction.prototype% and the rest, which packages such as
// whatwg-url reach for), %IteratorPrototype% under every built-in
// iterator, names kept, declarations hoisted, and the functions still work.
console.log(typeof early().next, Object.getPrototypeOf(early) === Object.getPrototypeOf(function* () {}));
function* early() { yield 1; }
var IP = Object.getPrototypeOf(Object.getPrototypeOf([].values()));
console.log(typeof IP, IP === Object.prototype, typeof IP[Symbol.iterator], typeof Iterator, typeof AsyncIterator);
function* g() { yield 1; }
var GF = Object.getPrototypeOf(g); console.log(GF === Function.prototype, GF.constructor.name, String(GF[Symbol.toStringTag]), Object.prototype.toString.call(g), Object.getOwnPropertyNames(GF).sort().join());
var AGF = Object.getPrototypeOf(async function* () {}); console.log(AGF.constructor.name, String(AGF[Symbol.toStringTag]), Object.getOwnPropertyNames(AGF).sort().join(), Object.getOwnPropertyNames(AGF.prototype).sort().join());
var AIP = Object.getPrototypeOf(AGF.prototype); console.log(typeof AIP[Symbol.asyncIterator], AIP[Symbol.asyncIterator].call(5), Object.getPrototypeOf(AIP) === Object.prototype);
var AF = Object.getPrototypeOf(async function () {}); console.log(AF.constructor.name, String(AF[Symbol.toStringTag]), Object.getPrototypeOf(AF) === Function.prototype, Object.prototype.toString.call(async function () {}));
console.log(Object.getPrototypeOf(g.prototype) === GF.prototype, Object.getOwnPropertyNames(g.prototype).join(), g.prototype.constructor === undefined, Object.getOwnPropertyNames(GF.prototype).sort().join());
async function* ag() { yield 1; } console.log(Object.getPrototypeOf(ag) === AGF, Object.getPrototypeOf(ag.prototype) === AGF.prototype);
var GFn = GF.constructor; console.log(typeof GFn, GFn.name, Object.getPrototypeOf(GFn) === Function);
console.log(g instanceof Function, typeof g, g.name, ag.name, (function* named() {}).name);
var h = function* () {}; console.log(h.name, Object.getPrototypeOf(h) === GF);
console.log(IP === Object.prototype, Object.getOwnPropertyNames(IP).join(), IP[Symbol.iterator].name, IP[Symbol.iterator].call(5));
for (var it of [[].keys(), ''[Symbol.iterator](), new Map().keys(), new Set().entries(), 'a'.matchAll(/a/g)]) {
  var p = Object.getPrototypeOf(it);
  console.log(Object.prototype.toString.call(it), Object.getPrototypeOf(p) === IP, p.hasOwnProperty(Symbol.iterator), p.hasOwnProperty('constructor'), it[Symbol.iterator]() === it, Object.getOwnPropertyNames(p).join());
}
var GF2 = Object.getPrototypeOf(function* () {});
function inBlock(k) {
  'use strict';
  switch (k) {
  case 1: { function* a() { yield 'a'; } return [Object.getPrototypeOf(a) === GF2, a().next().value]; }
  default: async function b() { return 'b'; } return [Object.getPrototypeOf(b) === Object.getPrototypeOf(async function () {}), typeof b().then];
  }
}
console.log(inBlock(1).join(), inBlock(2).join());
var gen = (function* (n) { for (var i = 0; i < n; i++) yield i * 2; })(3);
console.log([...gen].join(), Object.prototype.toString.call(function* () {}));
var GPnext = GF2.prototype.next;
console.log(GPnext.call(early()).value, GPnext.name, GF2.prototype.return.name);
try { GPnext.call({}); } catch (e) { console.log(e instanceof TypeError); }
(async function () {
  var out = [];
  for await (var x of ag()) out.push(x);
  async function* two() { yield 'p'; yield 'q'; }
  for await (var y of two()) out.push(y);
  var af = async function named2() { return 5; };
  console.log(out.join(), await af(), af.name, Object.getPrototypeOf(af) === AF);
})();
// functions of each kind made from source text, as Function makes them
var made = new GFn('a', 'b', 'yield a; yield b;');
console.log(GFn.length, made.name, made.length, Object.getPrototypeOf(made) === GF, Array.from(made(1, 2)).join());
var AFn = AF.constructor, AGFn = AGF.constructor;
console.log(AFn.length, AGFn.length, Object.getPrototypeOf(AFn('return 1')) === AF, Object.getPrototypeOf(AGFn('yield 1')) === AGF);
try { GFn('yield ('); } catch (e) { console.log('syntax', e instanceof SyntaxError); }
try { GFn('a,b', 'null.x')().next(); } catch (e) { console.log('thrown', e instanceof TypeError); }
AFn('x', 'return await x * 2')(21).then(function (v) {
  console.log('async', v);
  var it = AGFn('yield 1; yield await Promise.resolve(2);')(), got = [];
  return it.next().then(function (r) { got.push(r.value); return it.next(); }).then(function (r) { got.push(r.value); console.log('async gen', got.join()); });
});
