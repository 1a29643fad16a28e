/*
 * node_https.js - Node's `https`: the http client (node_http.js) with TLS
 * (mod_http.c: OpenSSL, the system's trust store or SSL_CERT_FILE, every
 * peer verified).  Options that would change what is trusted or offer a
 * client certificate (ca, cert, key, pfx, rejectUnauthorized: false...)
 * throw ERR_WORKERSD_UNSUPPORTED rather than be ignored.  ES5, run as a
 * core module.
 */
'use strict';

var http = require('http');
var util = require('util');

function Agent(options) {
	if (!(this instanceof Agent))
		return new Agent(options);
	http.Agent.call(this, Object.assign({ defaultPort: 443, protocol: 'https:' }, options));
	this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 : this.options.maxCachedSessions;
}
util.inherits(Agent, http.Agent);

var globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function request(input, options, cb) {
	return new http.ClientRequest(input, options, cb, globalAgent);
}

function get(input, options, cb) {
	var req = request(input, options, cb);

	req.end();
	return req;
}

module.exports = {
	Agent: Agent,
	globalAgent: globalAgent,
	request: request,
	get: get,
	Server: http.Server,
	createServer: function createServer() { return http.createServer(); }
};
