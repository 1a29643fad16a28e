/*
 * web_channels.js - MessageChannel, MessagePort and BroadcastChannel, as
 * HTML defines them and Node 20 behaves: every message is cloned when it
 * is posted (the worker's clone codec, mod_channel.c) and decoded for its
 * receiver in a task of its own, in the order posted; ports move through
 * transfer lists within the worker; a closed port drops what reaches it.
 * A BroadcastChannel reaches the other channels of its name in this worker
 * directly and those of the daemon's other workers through the daemon
 * (bc_* frames, docs/protocol.md 2.5 and 2.8), which fans each message out.
 *
 * Loaded on the first touch of one of the three globals (globals.c), with
 * (global, native, internal); nothing of it exists in a worker that never
 * names them.  What a receiver needs is one "inbox" object: its target,
 * the messages waiting (bytes and the states of the ports they carry),
 * how many delivery tasks are scheduled, and whether it is started,
 * closed, ref'd.  internal.liveChannels counts the inboxes that keep the
 * worker alive (loop.c asks through hasMessageListener).
 */
(function (global, native, internal) {
'use strict';

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag;
var EventTarget = internal.EventTarget, MessageEvent = internal.MessageEvent;
var setImmediate = internal.setImmediate, dispatch = internal.dispatch;
var kInbox = Symbol('inbox');

function nodeError(Ctor, code, message) {
	var e = new Ctor(message);

	hide(e, 'code', code);
	return e;
}

function cloneError(message) {
	return internal.domException(message, 'DataCloneError');
}

function needArgs(n, what) {
	if (n < 1)
		throw nodeError(TypeError, 'ERR_MISSING_ARGS', what);
}

/* ---- inboxes: the receiving half of a port or a channel ---- */

function Inbox(target, port) {
	this.target = target;
	this.queue = [];		/* from head on: a shift would move the rest */
	this.head = 0;
	this.scheduled = 0;
	this.started = false;
	this.closed = false;
	this.refd = true;
	this.counted = false;
	this.peer = null;		/* a port's entangled inbox */
	this.ending = false;		/* the peer closed: close once the queue is empty */
	this.port = port;		/* a port waits for a listener; a channel does not */
}

function recount(box) {
	var live = !box.closed && box.refd && box.target !== null && (!box.port || box.started && hasListener(box));

	if (live === box.counted)
		return;
	box.counted = live;
	internal.liveChannels += live ? 1 : -1;
}

function hasListener(box) {
	return internal.listenerCount(box.target, 'message') > 0;
}

/* Node delivers to a port only while it has a message listener: the
 * rest wait for one.  A BroadcastChannel keeps the worker alive while it
 * is open, listener or not (as in Node); what it gets without one is lost. */
function deliverable(box) {
	return box.started && !box.closed && box.target !== null && waiting(box) > 0 && (!box.port || hasListener(box));
}

function waiting(box) {
	return box.queue.length - box.head;
}

function schedule(box) {
	while (box.scheduled < waiting(box) && deliverable(box)) {
		box.scheduled++;
		setImmediate(deliverOne, box).unref();
	}
}

function closeInbox(box) {
	box.closed = true;
	box.queue = [];
	box.head = 0;
	recount(box);
}

function take(box) {
	var m = box.queue[box.head];

	box.queue[box.head++] = undefined;
	if (box.head === box.queue.length) {
		box.queue = [];
		box.head = 0;
	} else if (box.head >= 1024 && box.head * 2 >= box.queue.length) {
		box.queue = box.queue.slice(box.head);
		box.head = 0;
	}
	return m;
}

function receive(box, message) {
	if (box.closed)
		return;
	box.queue.push(message);
	schedule(box);
}

/* One task: the oldest message, decoded for this receiver. */
function deliverOne(box) {
	var m, ports, value;

	box.scheduled--;
	if (!deliverable(box))
		return;
	m = take(box);
	if (box.ending && waiting(box) === 0)
		closeInbox(box);
	if (m.error !== undefined) {
		fire(box.target, 'messageerror', { data: m.error });
		return;
	}
	ports = m.ports.map(adopt);
	try {
		value = native.portDecode(m.bytes, ports);
	} catch (e) {
		fire(box.target, 'messageerror', { data: e });
		return;
	}
	dispatch(box.target, internal.messageEvent(value, ports), native.reportError, false);
}

function fire(target, type, init) {
	dispatch(target, internal.trusted(new MessageEvent(type, init)), native.reportError, false);
}

/* ---- MessagePort ---- */

function MessagePort() {
	throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
}
MessagePort.prototype = Object.create(EventTarget.prototype);
Object.setPrototypeOf(MessagePort, EventTarget);
var PP = MessagePort.prototype;
hide(PP, 'constructor', MessagePort);
tag(PP, 'MessagePort');

/* A new port object over an inbox (a new channel's, or one that moved). */
function adopt(box) {
	var port = Object.create(PP);

	native.markPort(port);
	hide(port, kInbox, box);
	box.target = port;
	return port;
}

function inboxOf(port, method) {
	var box = port !== null && typeof port === 'object' ? port[kInbox] : undefined;

	if (box === undefined)
		throw new TypeError('MessagePort.prototype.' + method + ' called on an object that is not a MessagePort');
	return box;
}

/* The transfer list: ports apart (checked as Node checks them), the rest
 * for the codec. */
function splitTransfer(self, transfer) {
	var list = transfer, ports = [], rest = [], i, t;

	if (transfer !== null && typeof transfer === 'object' && !Array.isArray(transfer))
		list = transfer.transfer;
	if (list === undefined || list === null)
		return { ports: ports, rest: undefined };
	if (!Array.isArray(list))
		throw new TypeError('The transfer list must be an array');
	for (i = 0; i < list.length; i++) {
		t = list[i];
		if (t === null || typeof t !== 'object' || t[kInbox] === undefined) {
			rest.push(t);
			continue;
		}
		if (t === self)
			throw cloneError('Transfer list contains source port');
		if (t[kInbox].target !== t || t[kInbox].closed)
			throw cloneError('MessagePort in transfer list is already detached');
		if (ports.indexOf(t) >= 0)
			throw cloneError('Transfer list contains duplicate MessagePort');
		ports.push(t);
	}
	return { ports: ports, rest: rest.length ? rest : undefined };
}

/* The port object is left behind, closed: its inbox goes with the message
 * and gets a new object on delivery. */
function detach(port) {
	var box = port[kInbox];

	hide(port, kInbox, new Inbox(port, true));
	port[kInbox].closed = true;
	box.target = null;
	box.started = false;
	recount(box);
	return box;
}

function closePort(box) {
	var peer = box.peer;

	if (box.closed)
		return;
	closeInbox(box);
	box.peer = null;
	if (peer === null)
		return;
	/* what the peer has already received is still delivered */
	peer.peer = null;
	if (waiting(peer) === 0)
		closeInbox(peer);
	else
		peer.ending = true;
}

hide(PP, 'postMessage', function postMessage(value, transfer) {
	var box = inboxOf(this, 'postMessage'), t, bytes, moved, target;

	needArgs(arguments.length, 'Not enough arguments to MessagePort.postMessage');
	t = splitTransfer(this, transfer);
	bytes = native.portEncode(value, t.rest, t.ports);
	moved = t.ports.map(detach);
	target = box.peer;
	if (target === null || box.closed)
		return;
	if (moved.indexOf(target) >= 0) {
		/* the receiving port travels inside its own message: nobody can
		 * ever read it, the channel is lost (as Node says) */
		process.emitWarning('The target port was posted to itself, and the communication channel was lost');
		closePort(box);
		return;
	}
	receive(target, { bytes: bytes, ports: moved });
});

hide(PP, 'start', function start() {
	var box = inboxOf(this, 'start');

	if (box.closed || box.target !== this)
		return;
	box.started = true;
	recount(box);
	schedule(box);
});

hide(PP, 'close', function close() {
	closePort(inboxOf(this, 'close'));
});

hide(PP, 'ref', function ref() {
	var box = inboxOf(this, 'ref');

	box.refd = true;
	recount(box);
});

hide(PP, 'unref', function unref() {
	var box = inboxOf(this, 'unref');

	box.refd = false;
	recount(box);
});

hide(PP, 'hasRef', function hasRef() {
	return inboxOf(this, 'hasRef').counted;
});

/* Node starts a port at its first message listener, added either way;
 * a listener added or removed changes whether it keeps the worker alive. */
function listenersChanged(port, type) {
	var box = port[kInbox];

	if (type !== 'message' || box === undefined || box.target !== port)
		return;
	if (hasListener(box) && !box.closed)
		box.started = true;
	recount(box);
	schedule(box);
}

hide(PP, 'addEventListener', function addEventListener(type, listener, options) {
	EventTarget.prototype.addEventListener.apply(this, arguments);
	listenersChanged(this, String(type));
});

hide(PP, 'removeEventListener', function removeEventListener(type, listener, options) {
	EventTarget.prototype.removeEventListener.apply(this, arguments);
	listenersChanged(this, String(type));
});

/* on<type> with the listener bookkeeping above after each set. */
function defineHandler(proto, type, after) {
	var d;

	internal.defineHandler(proto, type);
	d = Object.getOwnPropertyDescriptor(proto, 'on' + type);
	Object.defineProperty(proto, 'on' + type, {
		enumerable: true, configurable: true, get: d.get,
		set: function (fn) {
			d.set.call(this, fn);
			after(this, type);
		}
	});
}
defineHandler(PP, 'message', listenersChanged);
defineHandler(PP, 'messageerror', listenersChanged);

/* ---- MessageChannel ---- */

function MessageChannel() {
	var a, b;

	if (!(this instanceof MessageChannel))
		throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
	a = new Inbox(null, true);
	b = new Inbox(null, true);
	a.peer = b;
	b.peer = a;
	this.port1 = adopt(a);
	this.port2 = adopt(b);
}
tag(MessageChannel.prototype, 'MessageChannel');

/* ---- BroadcastChannel ---- */

/* This worker's open channels by wire name (the name as UTF-8 holds it:
 * lone surrogates are U+FFFD), in creation order. */
var byName = Object.create(null), names = 0;
var kName = Symbol('name'), kKey = Symbol('key');

function BroadcastChannel(name) {
	var list, box, key;

	if (!(this instanceof BroadcastChannel))
		throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_REQUIRED', 'Cannot call constructor without `new`');
	needArgs(arguments.length, 'The "name" argument must be specified');
	name = String(name);
	key = native.bcKey(name);
	list = byName[key];
	if (list === undefined) {
		native.bcJoin(key, names);
		list = byName[key] = [];
		names++;
	}
	hide(this, kName, name);
	hide(this, kKey, key);
	box = new Inbox(this, false);
	box.started = true;
	hide(this, kInbox, box);
	list.push(this);
	recount(box);
}
BroadcastChannel.prototype = Object.create(EventTarget.prototype);
Object.setPrototypeOf(BroadcastChannel, EventTarget);
var BP = BroadcastChannel.prototype;
hide(BP, 'constructor', BroadcastChannel);
tag(BP, 'BroadcastChannel');

function channelBox(ch, method) {
	var box = ch !== null && typeof ch === 'object' && ch[kName] !== undefined ? ch[kInbox] : undefined;

	if (box === undefined)
		throw new TypeError('BroadcastChannel.prototype.' + method + ' called on an object that is not a BroadcastChannel');
	return box;
}

getter(BP, 'name', function () {
	channelBox(this, 'name');
	return this[kName];
});

/* The other open channels of the name in this worker get it at once; the
 * daemon sends it to the other workers. */
hide(BP, 'postMessage', function postMessage(message) {
	var box = channelBox(this, 'postMessage'), list, bytes, i;

	needArgs(arguments.length, 'The "message" argument must be specified');
	if (box.closed)
		throw internal.domException('BroadcastChannel is closed.', 'InvalidStateError');
	list = byName[this[kKey]];
	bytes = native.bcPost(this[kKey], message);
	for (i = 0; i < list.length; i++)
		if (list[i] !== this)
			receive(list[i][kInbox], { bytes: bytes, ports: [] });
});

hide(BP, 'close', function close() {
	var box = channelBox(this, 'close'), key = this[kKey], list = byName[key];

	if (box.closed)
		return;
	closeInbox(box);
	list.splice(list.indexOf(this), 1);
	if (list.length > 0)
		return;
	delete byName[key];
	names--;
	native.bcLeave(key);
});

hide(BP, 'ref', function ref() {
	var box = channelBox(this, 'ref');

	box.refd = true;
	recount(box);
	return this;
});

hide(BP, 'unref', function unref() {
	var box = channelBox(this, 'unref');

	box.refd = false;
	recount(box);
	return this;
});

internal.defineHandler(BP, 'message');
internal.defineHandler(BP, 'messageerror');

/* A message from another worker: each channel of the name decodes its own
 * copy, in a task of its own. */
internal.bcDeliver = function (key, bytes) {
	var list = byName[key] || [], i;

	for (i = 0; i < list.length; i++)
		receive(list[i][kInbox], { bytes: bytes, ports: [] });
};

/* The daemon's news: it dropped messages for this worker (its queue was
 * full), or refused to subscribe it.  A messageerror at each channel of
 * the name says so, in its place among the messages. */
function trouble(key, message) {
	var list = byName[key] || [], i;

	for (i = 0; i < list.length; i++)
		receive(list[i][kInbox], { error: internal.domException(message, 'QuotaExceededError') });
}

internal.bcLost = function (key, count) {
	trouble(key, 'BroadcastChannel ' + key + ': ' + count + ' message' + (count === 1 ? ' was' : 's were') +
	    ' dropped: this worker\'s queue in the daemon was full');
};

internal.bcRefused = function (key, why) {
	trouble(key, 'BroadcastChannel ' + key + ': the daemon refused to subscribe this worker: ' + why);
};

hide(global, 'MessagePort', MessagePort);
hide(global, 'MessageChannel', MessageChannel);
hide(global, 'BroadcastChannel', BroadcastChannel);
})
