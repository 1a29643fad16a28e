// events: EventEmitter's order of calls, once, prepend, removal during
// emit, 'newListener'/'removeListener', 'error', the leak warning, and
// events.once.
var EventEmitter = require('events');
var log = function () { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); };
var e = new EventEmitter();
e.on('newListener', function (name) { if (name !== 'newListener') log('newListener', name); });
e.on('removeListener', function (name) { log('removeListener', name); });
function a(x) { log('a', x, this === e); }
function b(x) { log('b', x); }
e.on('x', a);
e.prependListener('x', b);
e.once('x', function c(x) { log('c once', x); });
e.prependOnceListener('x', function d(x) { log('d once', x); });
log('emit', e.emit('x', 1));
log('emit again', e.emit('x', 2));
log('count', e.listenerCount('x'), EventEmitter.listenerCount(e, 'x'), e.eventNames());
log('listeners', e.listeners('x').map(function (f) { return f.name; }));
e.once('y', b);
log('raw', e.rawListeners('y').map(function (f) { return typeof f.listener; }), e.listeners('y')[0] === b);
e.off('y', b);
e.removeListener('x', a);
log('after off', e.listenerCount('x'), e.emit('nothing'));
// removing during emit does not affect the current emit
var f = new EventEmitter();
f.on('z', function one() { log('one'); f.removeListener('z', two); });
function two() { log('two'); }
f.on('z', two);
f.emit('z'); f.emit('z');
// error semantics
try { f.emit('error', new Error('boom')); } catch (err) { log('thrown', err.message); }
try { f.emit('error', 'str'); } catch (err) { log('thrown', err.name, err.code, err.message, err.context); }
try { f.emit('error'); } catch (err) { log('thrown', err.code, err.message); }
f.on(EventEmitter.errorMonitor, function (er) { log('monitor', er.message); });
f.on('error', function (er) { log('handled', er.message); });
f.emit('error', new Error('e2'));
try { f.on('x', 'nope'); } catch (err) { log(err.name, err.code, err.message); }
try { f.setMaxListeners(-1); } catch (err) { log(err.name, err.code, err.message); }
log('max', f.getMaxListeners(), EventEmitter.defaultMaxListeners);
// leak warning
process.on('warning', function (w) { log('warning', w.name, w.message, w.count, w.type); });
var g = new EventEmitter();
for (var i = 0; i < 11; i++) g.on('leak', function () {});
g.setMaxListeners(1);
g.on('other', function () {}); g.on('other', function () {});
// removeAllListeners
g.removeAllListeners('leak');
log('removed all leak', g.listenerCount('leak'), g.eventNames());
g.removeAllListeners();
log('removed all', g.eventNames());
// inheritance as old packages do it
function Sub() { EventEmitter.call(this); }
require('util').inherits(Sub, EventEmitter);
var s = new Sub();
s.on('hi', function (v) { log('sub hi', v, s instanceof EventEmitter); });
s.emit('hi', 'there');
log('EventEmitter.EventEmitter', EventEmitter.EventEmitter === EventEmitter, typeof EventEmitter.once);
// events.once
var h = new EventEmitter();
EventEmitter.once(h, 'ready').then(function (args) { log('once resolved', args); });
EventEmitter.once(h, 'fail').then(null, function (err) { log('once rejected', err.message, h.listenerCount('error')); });
h.emit('ready', 1, 2);
h.emit('error', new Error('bad'));
