// Reflect.get, set and has with a symbol key (Duktape's own threw "cannot string
// coerce Symbol", so a Proxy handler forwarding with Reflect.get(t, k) failed on
// Symbol.iterator and every other symbol).
var o = {}; var s = Symbol('1'); o[s] = 42;
console.log(Reflect.get(o, s), Reflect.has(o, s), Reflect.has(o, Symbol.iterator), Reflect.has([], Symbol.iterator));
console.log(Reflect.set(o, s, 43), o[s], Reflect.set(Object.freeze({ [s]: 1 }), s, 2));
var log = [];
var p = new Proxy({}, { has(t, k) { log.push(typeof k); return true; }, get(t, k) { log.push('get ' + String(k)); return 7; } });
console.log(Reflect.has(p, s), Reflect.get(p, s), log.join());
var inh = Object.create({ [s]: 'proto' }); console.log(Reflect.get(inh, s), Reflect.has(inh, s));
try { Reflect.has(1, s); } catch (e) { console.log(e.name); }
try { Reflect.get(1, s); } catch (e) { console.log(e.name); }
