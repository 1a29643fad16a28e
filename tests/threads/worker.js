// The worker side of worker_threads, run as a workersd worker (spawned with
// --data) and as a Node worker thread (node-driver.js): the values it posts
// must be the same (expected.txt, Node's; tests/e2e/worker_threads.sh).
var wt = require('worker_threads');
var seen = 0;
wt.parentPort.on('message', function (m) {
  seen++;
  if (m === 'ping') {
    wt.parentPort.postMessage({ isMainThread: wt.isMainThread, workerData: wt.workerData,
      threadId: typeof wt.threadId === 'number' && wt.threadId > 0, port: typeof wt.parentPort.postMessage });
    return;
  }
  wt.parentPort.postMessage('echo ' + JSON.stringify(m) + ' #' + seen);
  if (m === 'bye')
    wt.parentPort.close();
});
