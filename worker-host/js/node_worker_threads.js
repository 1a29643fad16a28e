/*
 * node_worker_threads.js - Node's `worker_threads` as seen from inside a
 * worker: isMainThread false, threadId the worker's id, workerData the
 * spawn's `data` (workerctl spawn --data JSON), and parentPort, a port to
 * whoever talks to the worker through the daemon: its 'message' listeners
 * get each message's value (self's message events, taken over while any
 * listener is on), and its postMessage is the global one.  There are no
 * nested workers: new Worker() throws, as does anything that needs one.
 */
'use strict';

var global = globalThis;

var EventEmitter = require('events');
var data = native.workerData();
var environment = new Map();

function unsupported(what) {
	var e = new Error(what + ' is not supported in a workersd worker: workers are started by the daemon ' +
	    '(workerctl spawn, or the protocol)');

	e.code = 'ERR_WORKER_UNSUPPORTED_OPERATION';
	return e;
}

function ParentPort() {
	EventEmitter.call(this);
	this._forward = null;
}
ParentPort.prototype = Object.create(EventEmitter.prototype);
ParentPort.prototype.constructor = ParentPort;

/* While the port has 'message' listeners it listens on self; the worker
 * keeps its own onmessage and listeners as well. */
ParentPort.prototype._sync = function () {
	var self = this, want = this.listenerCount('message') > 0;

	if (want && this._forward === null) {
		this._forward = function (ev) { self.emit('message', ev.data); };
		global.addEventListener('message', this._forward);
	} else if (!want && this._forward !== null) {
		global.removeEventListener('message', this._forward);
		this._forward = null;
	}
};
ParentPort.prototype.postMessage = function (value, transfer) {
	return global.postMessage(value, transfer);
};
ParentPort.prototype.start = function () {};
ParentPort.prototype.ref = function () {};
ParentPort.prototype.unref = function () {};
ParentPort.prototype.close = function () {
	this.removeAllListeners('message');
	this._sync();
	this.emit('close');
};

var parentPort = new ParentPort();
parentPort.on('newListener', function () {
	var port = this;

	/* newListener runs before the listener is added. */
	Promise.resolve().then(function () { port._sync(); });
});
parentPort.on('removeListener', function () { this._sync(); });

function Worker() {
	throw unsupported('new Worker()');
}

module.exports = {
	isMainThread: false,
	threadId: native.workerId(),
	workerData: data === undefined ? null : data,
	parentPort: parentPort,
	resourceLimits: {},
	SHARE_ENV: Symbol('nodejs.worker_threads.SHARE_ENV'),
	Worker: Worker,
	MessageChannel: global.MessageChannel,
	MessagePort: global.MessagePort,
	BroadcastChannel: global.BroadcastChannel,
	markAsUntransferable: function () {},
	isMarkedAsUntransferable: function () { return false; },
	getEnvironmentData: function (key) { return environment.get(key); },
	setEnvironmentData: function (key, value) {
		if (value === undefined)
			environment['delete'](key);
		else
			environment.set(key, value);
	},
	receiveMessageOnPort: function () { throw unsupported('receiveMessageOnPort()'); },
	moveMessagePortToContext: function () { throw unsupported('moveMessagePortToContext()'); }
};
