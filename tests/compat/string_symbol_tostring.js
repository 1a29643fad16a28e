// ToString of a symbol throws a TypeError in the ES2017+ String methods.
var s = Symbol('x');
function check(label, fn) {
	try {
		console.log(label, fn());
	} catch (e) {
		console.log(label, e instanceof TypeError ? 'TypeError' : 'other');
	}
}
check('padStart fill', function () { return 'a'.padStart(3, s); });
check('padEnd fill', function () { return 'a'.padEnd(3, s); });
check('padStart ok', function () { return 'a'.padStart(3, 'xy'); });
check('trimStart this', function () { return String.prototype.trimStart.call(s); });
check('trimEnd this', function () { return String.prototype.trimEnd.call(s); });
check('raw substitution', function () { return String.raw({ raw: ['a', 'b'] }, s); });
check('raw key', function () { return String.raw({ raw: [s] }); });
check('raw ok', function () { return String.raw({ raw: ['a', 'b', 'c'] }, 1, 2); });
