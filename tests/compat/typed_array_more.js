// %TypedArray%.prototype: the @@toStringTag getter ([[TypedArrayName]]),
// toString/toLocaleString as Array's, and ES2023's toReversed, toSorted, with
// (each makes the receiver's own kind, not its constructor's).
const TA = Object.getPrototypeOf(Uint8Array);
const d = Object.getOwnPropertyDescriptor(TA.prototype, Symbol.toStringTag);
console.log(typeof d.get, d.get.name, d.enumerable, d.configurable, d.set);
for (const C of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array])
  console.log(C.name, new C(2)[Symbol.toStringTag], d.get.call(new C(1)), Object.prototype.toString.call(new C(1)));
console.log(d.get.call({}), d.get.call(new DataView(new ArrayBuffer(1))), d.get.call(3), d.get.call(null));
const u = new Uint8Array([3, 1, 2, 200]);
console.log(String(u), u.toString === Array.prototype.toString, u.toLocaleString(), String(new Float32Array([1.5, -0])));
const r = u.toReversed(); console.log(r, r instanceof Uint8Array, u);
const s = u.toSorted(); console.log(s, u, u.toSorted((a, b) => b - a));
console.log(new Float64Array([NaN, 1, -0, 0, -1]).toSorted());
console.log(u.with(0, 9), u.with(-1, 7), u.with(1, '5'), u);
for (const i of [4, -5, Infinity]) { try { u.with(i, 1); } catch (e) { console.log(e.name); } }
try { u.toSorted(1); } catch (e) { console.log(e.name); }
class My extends Uint8Array {}
const m = new My([1, 2]); const mr = m.toReversed();
console.log(mr.constructor === Uint8Array, m.with(0, 5).constructor.name, m[Symbol.toStringTag]);
console.log(Object.getOwnPropertyNames(TA.prototype).filter(k => !['constructor', 'length'].includes(k)).sort().join());
console.log(TA.prototype.toReversed.length, TA.prototype.with.length, TA.prototype.with.name, TA.prototype.toSorted.name);
