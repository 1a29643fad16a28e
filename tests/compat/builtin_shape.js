// The library's methods are shaped as the spec's built-ins: not constructors
// (Reflect.construct and new refuse them), own length then name only.
function isCtor(f) { try { Reflect.construct(function () {}, [], f); return true; } catch (e) { return false; } }
var fs = [Array.from, Array.of, Array.prototype.find, Array.prototype.includes, Array.prototype.flat, Array.prototype.at, Array.prototype.with, Object.entries, Object.fromEntries, String.prototype.padStart, String.prototype.at, Math.cbrt];
console.log(fs.map(function (f) { var t; try { new f(); t = 'new ok'; } catch (e) { t = e.name; } return f.name + ':' + f.length + ':' + isCtor(f) + ':' + t + ':' + Object.getOwnPropertyNames(f).filter(function (k) { return k !== 'fileName'; }).join('/') + ':' + Object.getOwnPropertyDescriptor(f, 'name').configurable; }).join('\n'));
console.log([1, [2, [3]]].flat(Infinity).join(), [1,2,3].with(1, 9).join(), Array.from('abc').join(), Array.of(7).length, [3,4].at(-1), 'x'.padStart(3, '-'));
// Lengths the spec gives natives that take more arguments than it counts,
// and String.prototype.split's conversion order (limit before separator).
console.log(Map.prototype.forEach.length, Set.prototype.forEach.length, String.prototype.normalize.length, String.prototype.split.length);
var order = [];
'a,b,c'.split({ toString() { order.push('separator'); return ','; } }, { valueOf() { order.push('limit'); return 2; } });
console.log(order.join(), 'a,b,c'.split(',', -1).length, 'a,b,c'.split(',', 0).length, 'x'.split(undefined, 0).length);
