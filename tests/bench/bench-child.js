// Worker side of `make bench`: the same protocol as the peers' children
// (../../../shared/bench/peers/*-child.js), in ES5: echo, or count N
// messages and ack.
var expect = 0, got = 0, bytes = 0;
self.onmessage = function (e) {
	var d = e.data;
	if (expect) {
		got++;
		if (d && d.byteLength !== undefined) bytes += d.byteLength;
		if (got === expect) { postMessage({ ack: got, bytes: bytes }); expect = 0; }
		return;
	}
	if (d && d.cmd === 'expect') { expect = d.n; got = 0; bytes = 0; postMessage('armed'); return; }
	postMessage(d);
};
postMessage('ready');
