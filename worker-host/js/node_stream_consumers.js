/*
 * node_stream_consumers.js - Node's `stream/consumers`: text, json,
 * buffer, arrayBuffer and blob of everything a stream (or any async
 * iterable of strings and bytes) yields, read through its async iterator.
 */
'use strict';

var Buffer = require('buffer').Buffer;

/* A promise of every chunk, as Buffers, joined into one. */
function buffer(source) {
	var it = source[Symbol.asyncIterator](), parts = [];

	function loop() {
		return Promise.resolve(it.next()).then(function (r) {
			if (r.done)
				return Buffer.concat(parts);
			parts.push(typeof r.value === 'string' ? Buffer.from(r.value, 'utf8') :
			    Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
			return loop();
		});
	}
	return loop();
}

function text(source) {
	return buffer(source).then(function (b) { return new TextDecoder().decode(b); });
}

module.exports = {
	buffer: buffer,
	text: text,
	json: function json(source) {
		return text(source).then(JSON.parse);
	},
	arrayBuffer: function arrayBuffer(source) {
		return buffer(source).then(function (b) {
			return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
		});
	},
	blob: function blob(source) {
		return buffer(source).then(function (b) { return new Blob([b]); });
	}
};
