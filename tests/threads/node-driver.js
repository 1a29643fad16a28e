// Runs worker.js as a Node worker thread with the same workerData and
// posts as tests/e2e/worker_threads.sh, printing each value it posts as
// one JSON line (what workerctl run prints).  make compat-node compares
// that with expected.txt.
var Worker = require('worker_threads').Worker;
var w = new Worker(__dirname + '/worker.js', { workerData: { a: [1, 'x'], n: null } });
w.on('message', function (m) { console.log(JSON.stringify(m)); });
['ping', { k: 2 }, 'bye'].forEach(function (m) { w.postMessage(m); });
