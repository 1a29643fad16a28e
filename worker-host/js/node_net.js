/*
 * node_net.js - what of Node's `net` a worker has: the address checks
 * (isIP, isIPv4, isIPv6, as Node 20 answers them: dotted quads without
 * leading zeros, IPv6 with `::`, an embedded quad and a zone).  A worker
 * opens no sockets of its own (fetch, http and https are its clients, on
 * mod_http.c), so Socket, Server, connect, createConnection and
 * createServer throw ERR_WORKERSD_UNSUPPORTED when called: packages that
 * require `net` for the checks, or for a path they do not take, load.
 * ES5, run as a core module.
 */
'use strict';

var errors = require('internal/errors');

var QUAD_PART = /^(?:0|[1-9][0-9]{0,2})$/;
var HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
var ZONE = /%[0-9a-zA-Z\-.:]+$/;

function isIPv4(s) {
	var parts;

	if (typeof s !== 'string')
		return false;
	parts = s.split('.');
	return parts.length === 4 && parts.every(function (p) { return QUAD_PART.test(p) && Number(p) <= 255; });
}

/* Groups of one side of '::' (or of the whole address): how many 16-bit
 * groups they make, or -1; a dotted quad may end the address only. */
function groups(list, last) {
	var n = 0;

	for (var i = 0; i < list.length; i++) {
		if (HEX_GROUP.test(list[i]))
			n++;
		else if (last && i === list.length - 1 && isIPv4(list[i]))
			n += 2;
		else
			return -1;
	}
	return n;
}

function isIPv6(s) {
	var halves, head, tail;

	if (typeof s !== 'string')
		return false;
	s = s.replace(ZONE, '');
	halves = s.split('::');
	if (halves.length > 2)
		return false;
	if (halves.length === 1)
		return groups(s.split(':'), true) === 8;
	head = halves[0] === '' ? 0 : groups(halves[0].split(':'), false);
	tail = halves[1] === '' ? 0 : groups(halves[1].split(':'), true);
	return head >= 0 && tail >= 0 && head + tail <= 7;
}

function isIP(s) {
	return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0;
}

function unsupported(what) {
	return function () {
		throw errors.unsupported('net.' + what, 'a worker opens no sockets of its own');
	};
}

module.exports = {
	isIP: isIP,
	isIPv4: isIPv4,
	isIPv6: isIPv6,
	Socket: unsupported('Socket'),
	Stream: unsupported('Stream'),
	Server: unsupported('Server'),
	connect: unsupported('connect()'),
	createConnection: unsupported('createConnection()'),
	createServer: unsupported('createServer()')
};
