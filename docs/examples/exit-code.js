// exit-code.js - exits with a chosen code: $EXIT_CODE at once if set,
// otherwise the number in the first message it receives.
//
//   workerctl run --env EXIT_CODE=3 docs/examples/exit-code.js; echo $?   # 3
//   id=$(workerctl spawn docs/examples/exit-code.js)
//   workerctl post $id 300 && workerctl wait $id; echo $?                # 300, then 255
if (process.env.EXIT_CODE !== undefined) {
	process.exit(Number(process.env.EXIT_CODE));
}

self.onmessage = function (event) {
	process.exit(Number(event.data));
};
