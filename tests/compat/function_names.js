// Functions take the name of the variable or property they initialise,
// as ES2015 says, through the lowering (a file with any modern syntax).
const a = () => 1;
let b = function () { return 2; };
var c = async () => 3;
const d = function* () { yield 4; };
const fact = (n) => n ? n * fact(n - 1) : 1;
const named = function inner() {};
const wrapped = (() => () => 5)();
const paren = (() => 6);
function outer() { const local = () => 7; return local.name; }
const obj = { arrow: () => 8, 'quoted': function () { return 9; }, nested: { deep: () => 10 } };
console.log([a, b, c, d, fact, named, wrapped, paren].map(f => f.name), outer(), obj.arrow.name, obj.quoted.name,
	obj.nested.deep.name, fact(5), a(), b(), obj.quoted());
console.log([a, obj.arrow]);
const m = 1;
const o2 = { z: () => m };
console.log(o2.z(), o2.z.name);
