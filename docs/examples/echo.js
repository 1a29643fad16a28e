// echo.js - posts every message straight back.
//
//   id=$(workerctl spawn docs/examples/echo.js)
//   workerctl post $id '{"hello":"world"}'
//   workerctl recv $id            # {"hello":"world"}
//
// The message listener keeps the worker alive until it is terminated.
self.onmessage = function (event) {
	postMessage(event.data);
};
