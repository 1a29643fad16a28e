/*
 * node_stream.js - Node's `stream`: the legacy Stream (an EventEmitter
 * with pipe) that Node's own stream code inherits from, then Debian's
 * node-readable-stream (Node's streams, published for npm) for Readable,
 * Writable, Duplex, Transform, PassThrough, finished and pipeline.  That
 * code requires 'stream' back for the legacy class, so module.exports is
 * set before it loads.
 */
'use strict';

var EventEmitter = require('events');
var util = require('util');

function Stream(opts) {
	EventEmitter.call(this, opts);
}
util.inherits(Stream, EventEmitter);

/* The old streams' pipe: data to dest.write, paused while dest is full,
 * end to dest.end. */
Stream.prototype.pipe = function (dest, options) {
	var source = this;

	function ondata(chunk) {
		if (dest.writable && dest.write(chunk) === false && source.pause)
			source.pause();
	}
	function ondrain() {
		if (source.readable && source.resume)
			source.resume();
	}
	source.on('data', ondata);
	dest.on('drain', ondrain);
	if (!options || options.end !== false)
		source.on('end', function () { dest.end(); });
	dest.emit('pipe', source);
	return dest;
};

module.exports = Stream;
Stream.Stream = Stream;

var rs = require('internal/readable_stream');

['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'finished', 'pipeline'].forEach(function (k) {
	Stream[k] = rs[k];
});
