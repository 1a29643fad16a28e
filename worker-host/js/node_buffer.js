/*
 * node_buffer.js - Node's `buffer`: the module rt_buffer.c builds (js/buffer.js),
 * whose Buffer is the global one, with resolveObjectURL (internal/url's
 * registry of URL.createObjectURL) and Blob/File (the globals).
 */
'use strict';

var m = native.bufferModule();

if (m.resolveObjectURL === undefined) {
	/* URL's class compiles only when a URL is made, not with buffer */
	m.resolveObjectURL = function resolveObjectURL(url) { return require('internal/url').resolveObjectURL(url); };
	m.Blob = globalThis.Blob;
	m.File = globalThis.File;
}
module.exports = m;
