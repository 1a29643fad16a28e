// cjs/main.js - a worker that uses a CommonJS module: require() resolves
// "./lib" relative to this file (trying .js, .ts, ... then index.*).
// It answers each message with a greeting; a null message ends it.
//
//   printf '"world"\n"again"\nnull\n' | workerctl run docs/examples/cjs/main.js
//   "hello, world (#1)"
//   "hello, again (#2)"
var lib = require("./lib");

self.onmessage = function (event) {
	if (event.data === null) {
		self.close();
		return;
	}
	postMessage(lib.greet(event.data));
};
