// MessageChannel and MessagePort inside one worker, step by step: each
// step closes its ports and starts the next, so the order is Node's own.
var steps = [], at = 0;

function next() {
	var s = steps[at++];
	if (s) {
		console.log('--', s.name);
		s();
	} else {
		console.log('-- done');
	}
}

function err(label, f, quiet) {
	try {
		f();
		console.log(label, 'no throw');
	} catch (e) {
		console.log(label, quiet ? 'threw' : e.name + ' ' + e.code + ' ' + e.message);
	}
}

steps.push(function shape() {
	var ch = new MessageChannel();
	console.log(typeof MessageChannel, typeof MessagePort, ch.port1 instanceof MessagePort, ch.port1 instanceof EventTarget);
	console.log(Object.keys(ch).join(','), ch.port1 !== ch.port2);
	console.log(['postMessage', 'start', 'close', 'ref', 'unref', 'hasRef', 'onmessage', 'onmessageerror'].map(function (k) {
		return k + ':' + (k in ch.port1);
	}).join(' '));
	console.log(ch.port1.onmessage, ch.port1.onmessageerror);
	err('new MessagePort', function () { new MessagePort(); });
	err('MessageChannel()', function () { MessageChannel(); });
	err('postMessage()', function () { ch.port1.postMessage(); });
	// the messages differ: Node names the function, the codec its kind
	err('function', function () { ch.port1.postMessage(function () {}); }, true);
	err('self transfer', function () { ch.port1.postMessage(1, [ch.port1]); });
	var d = new MessageChannel();
	err('duplicate', function () { ch.port1.postMessage(1, [d.port1, d.port1]); });
	ch.port1.close();
	d.port1.close();
	next();
});

steps.push(function cloned() {
	var ch = new MessageChannel(), o = { a: [1, 2], d: new Date(0), m: new Map([['k', 1]]) };
	ch.port1.onmessage = function (e) {
		console.log('data', JSON.stringify(e.data.a), e.data === o, e.data.d instanceof Date, e.data.d.getTime(),
		    e.data.m.get('k'), e.ports.length, e.target === ch.port1, e.type);
		ch.port1.close();
		next();
	};
	ch.port2.postMessage(o);
	o.a.push(3);
});

steps.push(function tasks() {
	var ch = new MessageChannel();
	ch.port1.onmessage = function (e) {
		console.log('message', e.data);
		queueMicrotask(function () { console.log('microtask after', e.data); });
		if (e.data === 3) {
			ch.port1.close();
			next();
		}
	};
	ch.port2.postMessage(1);
	ch.port2.postMessage(2);
	ch.port2.postMessage(3);
	Promise.resolve().then(function () { console.log('microtask of the script'); });
	console.log('posted');
});

steps.push(function listener() {
	var ch = new MessageChannel();
	ch.port1.addEventListener('message', function (e) {
		console.log('listener', e.data);
		ch.port1.close();
		next();
	});
	ch.port2.postMessage('via addEventListener');
});

steps.push(function heldWithoutListener() {
	var ch = new MessageChannel(), f = function () { console.log('never'); };
	ch.port1.addEventListener('message', f);
	ch.port1.removeEventListener('message', f);
	ch.port2.postMessage('held');
	setTimeout(function () {
		ch.port1.onmessage = function (e) {
			console.log('later', e.data);
			ch.port1.close();
			next();
		};
	}, 5);
});

steps.push(function closedDrops() {
	var ch = new MessageChannel();
	ch.port1.onmessage = function (e) { console.log('never', e.data); };
	ch.port2.postMessage('dropped');
	ch.port1.close();
	ch.port2.postMessage('after close');
	console.log('closed');
	setTimeout(next, 5);
});

steps.push(function peerClosed() {
	var ch = new MessageChannel();
	ch.port1.onmessage = function (e) {
		console.log('still delivered', e.data);
		setTimeout(next, 5);
	};
	ch.port2.postMessage('before close');
	ch.port2.close();
	ch.port2.postMessage('after close');
});

steps.push(function transfer() {
	var ch = new MessageChannel(), inner = new MessageChannel();
	ch.port1.onmessage = function (e) {
		var p = e.ports[0];
		console.log('ports', e.ports.length, p instanceof MessagePort, p === inner.port2, e.data.port === p, e.data.n);
		p.onmessage = function (ev) {
			console.log('through the moved port', ev.data);
			if (ev.data !== 'hello')
				return;
			p.close();
			ch.port1.close();
			next();
		};
		inner.port1.postMessage('hello');
	};
	inner.port1.postMessage('queued before the move');
	ch.port2.postMessage({ port: inner.port2, n: 1 }, [inner.port2]);
	err('moved again', function () { ch.port2.postMessage(2, [inner.port2]); });
	// Node: a TypeError of its own; the standard (and here): DataCloneError
	err('not in the list', function () { ch.port2.postMessage({ p: new MessageChannel().port1 }); }, true);
	console.log('old port', inner.port2.onmessage);
});

steps.push(function transferObject() {
	var ch = new MessageChannel(), inner = new MessageChannel();
	ch.port1.onmessage = function (e) {
		console.log('ports in {transfer}', e.ports.length, JSON.stringify(e.data));
		e.ports[0].close();
		ch.port1.close();
		next();
	};
	ch.port2.postMessage('x', { transfer: [inner.port1] });
});

steps.push(function startWithoutListener() {
	var ch = new MessageChannel();
	ch.port1.start();
	ch.port2.postMessage(1);
	console.log('hasRef', ch.port1.hasRef());
	ch.port1.close();
	next();
});

steps.push(function broadcast() {
	var a = new BroadcastChannel(42), b = new BroadcastChannel('42'), c = new BroadcastChannel('other'), got = 0;
	console.log(typeof BroadcastChannel, a instanceof EventTarget, a.name, typeof a.name, a.onmessage);
	a.onmessage = function (e) { console.log('a heard itself', e.data); };
	c.onmessage = function (e) { console.log('other name', e.data); };
	b.onmessage = function (e) {
		console.log('b', JSON.stringify(e.data), e.target === b, e.data === sent);
		if (++got < 2)
			return;
		a.close();
		b.close();
		c.close();
		err('closed', function () { a.postMessage(1); });
		err('no argument', function () { b.postMessage(); });
		next();
	};
	var sent = { n: [1] };
	a.postMessage(sent);
	sent.n.push(2);
	a.postMessage('second');
	err('new BroadcastChannel()', function () { new BroadcastChannel(); });
	err('function', function () { a.postMessage(function () {}); }, true);
});

next();
