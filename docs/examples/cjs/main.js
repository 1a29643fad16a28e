// cjs/main.js - a worker that uses a CommonJS module: require() resolves
// "./lib" relative to this file (trying .js, .ts, ... then index.*).
//
//   workerctl run docs/examples/cjs/main.js
//   "world"                  (typed on stdin)
//   "hello, world (#1)"      (printed on stdout)
const lib = require("./lib");

self.onmessage = (event) => {
	postMessage(lib.greet(event.data));
};
