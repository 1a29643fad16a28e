// cjs/lib.js - a CommonJS module loaded by cjs/main.js with require().
var calls = 0;

exports.greet = function (name) {
	calls += 1;
	return "hello, " + name + " (#" + calls + ")";
};

exports.calls = function () {
	return calls;
};
