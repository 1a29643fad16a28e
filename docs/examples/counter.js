// counter.js - timers: posts a tick every INTERVAL ms (default 100), TICKS
// times (default 5), then has nothing left to do and exits with code 0.
//
//   workerctl run --env TICKS=3 docs/examples/counter.js
//   {"tick":1,"at":{"$type":"Date","value":"..."}}
//   ...
//   (stderr) counted to 3
var ticks = Number(process.env.TICKS || 5);
var interval = Number(process.env.INTERVAL || 100);
var n = 0;

var timer = setInterval(function () {
	n += 1;
	postMessage({ tick: n, at: new Date() });
	if (n >= ticks) {
		clearInterval(timer);
		console.log("counted to " + n);
	}
}, interval);
