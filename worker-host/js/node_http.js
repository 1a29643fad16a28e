/*
 * node_http.js - Node's `http` client over mod_http.c (the HTTP/1.1 client
 * fetch uses): request() and get() make a ClientRequest, an outgoing
 * message whose body is gathered until end() and then sent whole, with a
 * Content-Length (mod_http.c takes one body per request: no chunked
 * upload); its 'response' is an IncomingMessage, a Readable fed with the
 * body's pieces as they arrive, the connection paused while the stream's
 * buffer is full.  Nothing is decoded or followed: gzip bodies and
 * redirects reach the script as the server sent them, as in Node.  An
 * Agent is Node's object with Node's options, but the connections (keep-
 * alive, at most HTTP_MAX_CONNS a worker) are mod_http.c's, so an agent
 * shapes no socket, and `req.socket` is a stand-in with the calls clients
 * make on it (setTimeout, setNoDelay, setKeepAlive, ref, unref, destroy).
 * A worker cannot listen, so createServer() and Server throw.  `https`
 * (node_https.js) is this client with TLS.  ES5, run as a core module.
 */
'use strict';

var EventEmitter = require('events');
var Stream = require('stream');
var util = require('util');
var urlModule = require('url');
var errors = require('internal/errors');
var Buffer = require('buffer').Buffer;

var MAX_BODY = 64 * 1024 * 1024;
var TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
var BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
var BAD_PATH = /[\u0000-\u0020]/;
/* Node's _addHeaderLine: these keep their first value */
var FIRST_WINS = ('age authorization content-length content-type etag expires from host if-modified-since ' +
    'if-unmodified-since last-modified location max-forwards proxy-authorization referer retry-after server ' +
    'user-agent').split(' ');
/* what an https request could ask of TLS and this client cannot do */
var TLS_OPTIONS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'crl', 'ciphers', 'secureContext', 'checkServerIdentity'];

var METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH',
	'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND',
	'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND',
	'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];
var STATUS_CODES = {
	100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
	202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content',
	206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices',
	301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
	307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
	402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
	407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
	411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
	415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
	421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
	425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
	431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
	501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
	505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
	508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required'
};

function validateHeaderName(name) {
	if (typeof name !== 'string' || !name || !TOKEN.test(name))
		throw errors.withCode(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Header name must be a valid HTTP token ["' +
		    name + '"]');
}

function validateHeaderValue(name, value) {
	if (value === undefined)
		throw errors.withCode(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "' + value +
		    '" for header "' + name + '"');
	[].concat(value).forEach(function (v) {
		if (BAD_VALUE.test(String(v)))
			throw errors.withCode(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in header content ["' +
			    name + '"]');
	});
}

/* Node's connResetException. */
function connReset(message) {
	return errors.withCode(Error, 'ECONNRESET', message);
}

/* ---- Agent: Node's options and name; the connections are mod_http.c's ---- */

function Agent(options) {
	if (!(this instanceof Agent))
		return new Agent(options);
	EventEmitter.call(this);
	this.options = Object.assign(Object.create(null), options);
	this.options.path = null;
	this.defaultPort = this.options.defaultPort || 80;
	this.protocol = this.options.protocol || 'http:';
	this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
	this.keepAlive = this.options.keepAlive || false;
	this.maxSockets = this.options.maxSockets || Infinity;
	this.maxFreeSockets = this.options.maxFreeSockets || 256;
	this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
	this.totalSocketCount = 0;
	this.scheduling = this.options.scheduling || 'lifo';
	this.requests = Object.create(null);
	this.sockets = Object.create(null);
	this.freeSockets = Object.create(null);
}
util.inherits(Agent, EventEmitter);
Agent.defaultMaxSockets = Infinity;

Agent.prototype.getName = function getName(options) {
	var o = options || {};
	var name = (o.host || 'localhost') + ':' + (o.port || '') + ':' + (o.localAddress || '');

	if (o.family === 4 || o.family === 6)
		name += ':' + o.family;
	return name;
};
Agent.prototype.createConnection = function createConnection() {
	throw errors.unsupported('Agent.createConnection()');
};
Agent.prototype.destroy = function destroy() {};

var globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

/* ---- the stand-in socket ---- */

function RequestSocket(req, encrypted) {
	EventEmitter.call(this);
	this._req = req;
	this.encrypted = encrypted || undefined;
	this.connecting = false;
	this.destroyed = false;
}
util.inherits(RequestSocket, EventEmitter);
RequestSocket.prototype.setTimeout = function (ms, cb) {
	this._req.setTimeout(ms, cb);
	return this;
};
RequestSocket.prototype.setNoDelay = function () { return this; };
RequestSocket.prototype.setKeepAlive = function () { return this; };
RequestSocket.prototype.ref = function () { return this; };
RequestSocket.prototype.unref = function () { return this; };
RequestSocket.prototype.destroy = function (err) {
	this._req.destroy(err);
	return this;
};

/* ---- IncomingMessage ---- */

function IncomingMessage(req) {
	Stream.Readable.call(this, { emitClose: false, autoDestroy: false });
	this.req = req;
	this.socket = req ? req.socket : null;
	this.httpVersionMajor = 1;
	this.httpVersionMinor = 1;
	this.httpVersion = '1.1';
	this.complete = false;
	this.aborted = false;
	this.headers = {};
	this.headersDistinct = {};
	this.rawHeaders = [];
	this.trailers = {};
	this.trailersDistinct = {};
	this.rawTrailers = [];
	this.url = '';
	this.method = null;
	this.statusCode = null;
	this.statusMessage = null;
	this._paused = false;
}
util.inherits(IncomingMessage, Stream.Readable);

IncomingMessage.prototype._addHeaderLine = function (name, value) {
	var key = name.toLowerCase(), h = this.headers;

	(this.headersDistinct[key] = this.headersDistinct[key] || []).push(value);
	if (!(key in h))
		h[key] = key === 'set-cookie' ? [value] : value;
	else if (key === 'set-cookie')
		h[key].push(value);
	else if (key === 'cookie')
		h[key] += '; ' + value;
	else if (FIRST_WINS.indexOf(key) === -1)
		h[key] += ', ' + value;
};

IncomingMessage.prototype._read = function () {
	if (this._paused && this.req && this.req._id) {
		this._paused = false;
		native.http.resume(this.req._id);
	}
};

/* A piece of the body; the connection waits while the buffer is full. */
IncomingMessage.prototype._piece = function (bytes) {
	if (bytes.length === 0)
		return;
	if (!this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) && !this._paused && this.req._id) {
		this._paused = true;
		native.http.pause(this.req._id);
	}
};

IncomingMessage.prototype._end = function () {
	var self = this;

	this.complete = true;
	this.once('end', function () {
		process.nextTick(function () {
			self.req._close();
			self._closeOnce();
		});
	});
	this.push(null);
};

IncomingMessage.prototype._closeOnce = function () {
	if (this._closed)
		return;
	this._closed = true;
	this.destroyed = true;
	this.emit('close');
};

IncomingMessage.prototype._destroy = function (err, cb) {
	var req = this.req, self = this;

	if (!this.readableEnded || !this.complete) {
		this.aborted = true;
		this.emit('aborted');
		if (req && req._id) {
			native.http.abort(req._id);
			req._id = 0;
		}
	}
	/* Node's order: the request closes, then the response errs and closes */
	if (req)
		req._close();
	/* as Node keeps it: the error is emitted only to a listener */
	cb(this.listenerCount('error') > 0 ? err : null);
	process.nextTick(function () { self._closeOnce(); });
};

IncomingMessage.prototype.setTimeout = function (ms, cb) {
	if (this.req)
		this.req.setTimeout(ms, cb);
	return this;
};

/* ---- ClientRequest ---- */

function isURL(v) {
	return v !== null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string' &&
	    v.auth === undefined && v.path === undefined;
}

/* request(url[, options][, cb]) and request(options[, cb]) as one options. */
function requestArgs(input, options, cb) {
	var o;

	if (typeof input === 'string')
		input = urlModule.urlToHttpOptions(new URL(input));
	else if (isURL(input))
		input = urlModule.urlToHttpOptions(input);
	else {
		cb = options;
		options = input;
		input = null;
	}
	if (typeof options === 'function') {
		cb = options;
		options = null;
	}
	o = Object.assign({}, input || {}, options || {});
	return { options: o, cb: cb };
}

function checkHost(v, name) {
	if (v !== null && v !== undefined && typeof v !== 'string')
		throw errors.invalidArgType('options.' + name, 'of type string', v);
	return v;
}

function setHeaders(req, headers) {
	var i;

	if (Array.isArray(headers)) {
		for (i = 0; i < headers.length; i++) {
			if (Array.isArray(headers[i]))
				req.appendHeader(headers[i][0], headers[i][1]);
			else if (i % 2 === 0)
				req.appendHeader(headers[i], headers[i + 1]);
		}
		return;
	}
	Object.keys(headers).forEach(function (k) {
		req.setHeader(k, headers[k]);
	});
}

function checkTls(o) {
	TLS_OPTIONS.forEach(function (k) {
		if (o[k] !== undefined)
			throw errors.unsupported("The https option '" + k + "'");
	});
	if (o.rejectUnauthorized === false)
		throw errors.unsupported('rejectUnauthorized: false (every certificate is verified)');
}

/* moduleAgent: the agent of the module making the request (https passes
 * its own; Node's options._defaultAgent still wins). */
function ClientRequest(input, options, cb, moduleAgent) {
	var args = requestArgs(input, options, cb), o = args.options;
	var defaultAgent = o._defaultAgent || moduleAgent || globalAgent, agent, expected, method, self = this;

	Stream.call(this);
	if (typeof o.createConnection === 'function')
		throw errors.unsupported('createConnection');
	if (o.socketPath !== undefined)
		throw errors.unsupported('socketPath');
	agent = o.agent === false ? new defaultAgent.constructor() : o.agent || defaultAgent;
	this.agent = agent;
	expected = agent.protocol || defaultAgent.protocol;
	this.protocol = o.protocol || expected;
	if (this.protocol !== expected)
		throw errors.withCode(TypeError, 'ERR_INVALID_PROTOCOL', 'Protocol "' + this.protocol +
		    '" not supported. Expected "' + expected + '"');
	if (expected === 'https:')
		checkTls(o);
	method = o.method === undefined || o.method === null ? 'GET' : o.method;
	if (typeof method !== 'string')
		throw errors.invalidArgType('options.method', 'of type string', method);
	if (!TOKEN.test(method))
		throw errors.withCode(TypeError, 'ERR_INVALID_HTTP_TOKEN', 'Method must be a valid HTTP token ["' +
		    method + '"]');
	this.method = method.toUpperCase();
	this.host = checkHost(o.hostname, 'hostname') || checkHost(o.host, 'host') || 'localhost';
	this.port = Number(o.port || agent.defaultPort || defaultAgent.defaultPort);
	this.path = o.path || '/';
	if (BAD_PATH.test(this.path))
		throw errors.withCode(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
	this._headers = Object.create(null);	/* lowercased name -> [name, value] */
	this._chunks = [];
	this._size = 0;
	this._id = 0;
	this._timer = null;
	this._timeoutMs = 0;
	this._closed = false;
	this.headersSent = false;
	this.finished = false;
	this.writableEnded = false;
	this.writableFinished = false;
	this.destroyed = false;
	this.aborted = false;
	this.reusedSocket = false;
	this.maxHeadersCount = null;
	this.res = null;
	this.socket = new RequestSocket(this, expected === 'https:');
	this.connection = this.socket;
	/* Node's order: the given headers, then Host and Authorization; a
	 * header array goes as it is */
	if (o.headers)
		setHeaders(this, o.headers);
	if (o.setHost !== false && !Array.isArray(o.headers) && !this.hasHeader('host'))
		this.setHeader('Host', hostHeader(this.host, this.port, defaultAgent.defaultPort));
	if (o.auth && !Array.isArray(o.headers) && !this.hasHeader('authorization'))
		this.setHeader('Authorization', 'Basic ' + Buffer.from(o.auth).toString('base64'));
	if (args.cb)
		this.once('response', args.cb);
	if (o.timeout !== undefined)
		this.setTimeout(o.timeout);
	if (o.signal)
		watchSignal(this, o.signal);
	process.nextTick(function () {
		if (!self.destroyed)
			self.emit('socket', self.socket);
	});
}
util.inherits(ClientRequest, Stream);

function hostHeader(host, port, defaultPort) {
	var h = host.indexOf(':') !== -1 && host.charAt(0) !== '[' ? '[' + host + ']' : host;

	return port === defaultPort ? h : h + ':' + port;
}

function watchSignal(req, signal) {
	function onAbort() {
		req.destroy(errors.abortError(signal));
	}
	if (signal.aborted)
		return process.nextTick(onAbort);
	signal.addEventListener('abort', onAbort);
	req.once('close', function () { signal.removeEventListener('abort', onAbort); });
}

function headersSentError() {
	return errors.withCode(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
}

ClientRequest.prototype.setHeader = function setHeader(name, value) {
	if (this.headersSent)
		throw headersSentError();
	validateHeaderName(name);
	validateHeaderValue(name, value);
	this._headers[name.toLowerCase()] = [name, value];
	return this;
};

ClientRequest.prototype.appendHeader = function appendHeader(name, value) {
	var key = String(name).toLowerCase(), had = this._headers[key];

	if (!had)
		return this.setHeader(name, value);
	if (this.headersSent)
		throw headersSentError();
	validateHeaderValue(name, value);
	had[1] = [].concat(had[1], value);
	return this;
};

ClientRequest.prototype.getHeader = function getHeader(name) {
	if (typeof name !== 'string')
		throw errors.invalidArgType('name', 'of type string', name);
	var h = this._headers[name.toLowerCase()];

	return h ? h[1] : undefined;
};

ClientRequest.prototype.getHeaders = function getHeaders() {
	var out = Object.create(null), h = this._headers;

	Object.keys(h).forEach(function (k) { out[k] = h[k][1]; });
	return out;
};

ClientRequest.prototype.getHeaderNames = function getHeaderNames() {
	return Object.keys(this._headers);
};

ClientRequest.prototype.getRawHeaderNames = function getRawHeaderNames() {
	var h = this._headers;

	return Object.keys(h).map(function (k) { return h[k][0]; });
};

ClientRequest.prototype.hasHeader = function hasHeader(name) {
	if (typeof name !== 'string')
		throw errors.invalidArgType('name', 'of type string', name);
	return name.toLowerCase() in this._headers;
};

ClientRequest.prototype.removeHeader = function removeHeader(name) {
	if (typeof name !== 'string')
		throw errors.invalidArgType('name', 'of type string', name);
	if (this.headersSent)
		throw errors.withCode(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
	delete this._headers[name.toLowerCase()];
};

ClientRequest.prototype.flushHeaders = function flushHeaders() {
	this.headersSent = true;
};

ClientRequest.prototype.setTimeout = function setTimeout_(ms, cb) {
	errors.integer(ms, 'msecs', 0);
	if (cb)
		this.once('timeout', cb);
	this._timeoutMs = ms;
	this._touch();
	return this;
};

/* The idle timer, restarted by every sign of life from the server. */
ClientRequest.prototype._touch = function () {
	var self = this;

	if (this._timer !== null)
		clearTimeout(this._timer);
	this._timer = null;
	if (this._timeoutMs > 0 && !this._closed)
		this._timer = setTimeout(function () {
			self._timer = null;
			self.emit('timeout');
			self.socket.emit('timeout');
		}, this._timeoutMs);
};

ClientRequest.prototype.setNoDelay = function () {};
ClientRequest.prototype.setSocketKeepAlive = function () {};

function chunkBytes(chunk, encoding) {
	if (typeof chunk === 'string')
		return Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
	if (chunk instanceof Uint8Array)
		return chunk;
	throw errors.invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
}

ClientRequest.prototype.write = function write(chunk, encoding, cb) {
	var bytes, self = this;

	if (typeof encoding === 'function') {
		cb = encoding;
		encoding = null;
	}
	if (this.writableEnded) {
		var e = errors.withCode(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
		process.nextTick(function () {
			if (cb)
				cb(e);
			self.emit('error', e);
		});
		return false;
	}
	if (chunk === null || chunk === undefined)
		throw errors.withCode(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
	bytes = chunkBytes(chunk, encoding);
	this.headersSent = true;
	this._size += bytes.length;
	if (this._size > MAX_BODY) {
		this.destroy(errors.withCode(RangeError, 'ERR_WORKERSD_BODY_TOO_LARGE', 'the request body is larger than ' +
		    MAX_BODY + ' bytes'));
		return false;
	}
	this._chunks.push(bytes);
	if (cb)
		process.nextTick(cb);
	return true;
};

ClientRequest.prototype.end = function end(chunk, encoding, cb) {
	var self = this;

	if (typeof chunk === 'function') {
		cb = chunk;
		chunk = null;
	} else if (typeof encoding === 'function') {
		cb = encoding;
		encoding = null;
	}
	if (this.writableEnded)
		return this;
	if (chunk !== null && chunk !== undefined && !this.write(chunk, encoding))
		return this;
	this.headersSent = true;
	this.writableEnded = this.finished = true;
	if (cb)
		this.once('finish', cb);
	process.nextTick(function () { self._send(); });
	return this;
};

ClientRequest.prototype._wireHeaders = function (length) {
	var out = [], h = this._headers;

	Object.keys(h).forEach(function (k) {
		[].concat(h[k][1]).forEach(function (v) { out.push([h[k][0], String(v)]); });
	});
	/* mod_http.c writes the length of the body it is given */
	return out.filter(function (p) { return p[0].toLowerCase() !== 'content-length' || length === 0; });
};

ClientRequest.prototype._send = function () {
	var body = this._size ? Buffer.concat(this._chunks, this._size) : undefined, self = this;

	if (this.destroyed)
		return;
	this._chunks = [];
	this._touch();
	try {
		this._id = native.http.request({ scheme: this.protocol === 'https:' ? 'https' : 'http',
		    host: this.host.charAt(0) === '[' ? this.host.slice(1, -1) : this.host, port: this.port,
		    path: this.path, method: this.method, headers: this._wireHeaders(this._size),
		    body: body, stream: this.method !== 'HEAD' }, function (err, res, piece, last) {
			self._onNative(err, res, piece, last);
		});
	} catch (e) {
		this.destroy(e);
	}
};

ClientRequest.prototype._onNative = function (err, head, piece, last) {
	var res = this.res;

	if (this.destroyed && !res)
		return;
	if (last || (head && head.body !== undefined) || (err && !res))
		this._id = 0;
	this._touch();
	if (err) {
		if (res)
			return res.destroy(connReset('aborted'));
		return this.destroy(err);
	}
	if (head)
		return this._onHead(head);
	if (piece !== null)
		res._piece(piece);
	if (last)
		res._end();
};

ClientRequest.prototype._onHead = function (head) {
	var res = new IncomingMessage(this), i;

	this.res = res;
	res.statusCode = head.status;
	res.statusMessage = head.statusText;
	res.httpVersion = head.version;
	res.httpVersionMajor = Number(head.version.charAt(0));
	res.httpVersionMinor = Number(head.version.charAt(2));
	for (i = 0; i < head.headers.length; i++) {
		res.rawHeaders.push(head.headers[i][0], head.headers[i][1]);
		res._addHeaderLine(head.headers[i][0], head.headers[i][1]);
	}
	this.writableFinished = true;
	this.emit('finish');
	if (!this.emit('response', res))
		res.resume();
	/* a body mod_http.c streams comes in pieces; any other comes whole */
	if (head.body === undefined)
		return;
	if (head.body)
		res._piece(head.body);
	res._end();
};

ClientRequest.prototype._close = function () {
	if (this._closed)
		return;
	this._closed = true;
	this._touch();
	this.emit('close');
};

ClientRequest.prototype.destroy = function destroy(err) {
	var self = this, res = this.res;

	if (this.destroyed)
		return this;
	this.destroyed = true;
	this.socket.destroyed = true;
	if (res && !res.complete)
		return res.destroy(err || connReset('aborted')), this;
	if (this._id) {
		native.http.abort(this._id);
		this._id = 0;
	}
	if (!res && !err)
		err = connReset('socket hang up');
	process.nextTick(function () {
		if (err)
			self.emit('error', err);
		self._close();
	});
	return this;
};

ClientRequest.prototype.abort = function abort() {
	var self = this;

	if (this.aborted)
		return;
	this.aborted = true;
	process.nextTick(function () { self.emit('abort'); });
	this.destroy();
};

function OutgoingMessage() {
	Stream.call(this);
}
util.inherits(OutgoingMessage, Stream);

function request(url, options, cb) {
	return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
	var req = request(url, options, cb);

	req.end();
	return req;
}

function Server() {
	throw errors.unsupported('http.Server (a worker cannot listen for connections)');
}

module.exports = {
	METHODS: METHODS,
	STATUS_CODES: STATUS_CODES,
	Agent: Agent,
	ClientRequest: ClientRequest,
	IncomingMessage: IncomingMessage,
	OutgoingMessage: OutgoingMessage,
	Server: Server,
	ServerResponse: function ServerResponse() { throw errors.unsupported('http.ServerResponse'); },
	createServer: function createServer() { throw errors.unsupported('http.createServer() (a worker cannot listen for connections)'); },
	validateHeaderName: validateHeaderName,
	validateHeaderValue: validateHeaderValue,
	get: get,
	request: request,
	setMaxIdleHTTPParsers: function setMaxIdleHTTPParsers(max) { errors.integer(max, 'max', 1); },
	maxHeaderSize: 16384,
	globalAgent: globalAgent
};
