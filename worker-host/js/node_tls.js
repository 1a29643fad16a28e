/*
 * node_tls.js - what of Node's `tls` a worker has: Node 20's default
 * protocol bounds and curve, as constants.  TLS itself is mod_http.c's,
 * behind fetch and https (OpenSSL, every peer verified); a worker opens no
 * sockets of its own, so connect, createServer, createSecureContext,
 * TLSSocket and Server throw ERR_WORKERSD_UNSUPPORTED when called, and
 * packages that require `tls` for a path they do not take load.  ES5, run
 * as a core module.
 */
'use strict';

var errors = require('internal/errors');

function unsupported(what) {
	return function () {
		throw errors.unsupported('tls.' + what, "TLS is fetch's and https's");
	};
}

module.exports = {
	DEFAULT_MIN_VERSION: 'TLSv1.2',
	DEFAULT_MAX_VERSION: 'TLSv1.3',
	DEFAULT_ECDH_CURVE: 'auto',
	CLIENT_RENEG_LIMIT: 3,
	CLIENT_RENEG_WINDOW: 600,
	connect: unsupported('connect()'),
	createServer: unsupported('createServer()'),
	createSecureContext: unsupported('createSecureContext()'),
	TLSSocket: unsupported('TLSSocket'),
	Server: unsupported('Server'),
	SecureContext: unsupported('SecureContext')
};
