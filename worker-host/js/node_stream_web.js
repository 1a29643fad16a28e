/*
 * node_stream_web.js - Node's `stream/web`: the Web streams of the global
 * scope (web_streams.js, web_streams_codecs.js), the same classes.
 */
'use strict';

['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
	'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream',
	'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
	'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
	'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'
].forEach(function (name) {
	module.exports[name] = globalThis[name];
});
