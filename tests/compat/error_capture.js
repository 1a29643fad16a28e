// Error.captureStackTrace and Error.stackTraceLimit (V8's, which packages call
// unguarded): the stack's first line (made when first read), its descriptor,
// constructorOpt, the limit.
function show(label, f) { try { console.log(label, f()); } catch (e) { console.log(label, 'throws', e.name + ': ' + e.message); } }
var d = Object.getOwnPropertyDescriptor(Error, 'captureStackTrace');
show('descriptor', function () { return [typeof d.value, d.writable, d.enumerable, d.configurable, d.value.length, d.value.name].join(' '); });
d = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
show('stackTraceLimit', function () { return [d.value, d.writable, d.enumerable, d.configurable].join(' '); });
show('plain', function () { var o = {}; Error.captureStackTrace(o); return o.stack.split('\n')[0]; });
show('named', function () { var o = { name: 'X', message: 'm' }; Error.captureStackTrace(o); return o.stack.split('\n')[0]; });
show('message only', function () { var o = { name: '', message: 'm' }; Error.captureStackTrace(o); return o.stack.split('\n')[0]; });
show('stack descriptor', function () {
  var o = {}, s; Error.captureStackTrace(o); o.stack; s = Object.getOwnPropertyDescriptor(o, 'stack');
  return [typeof s.value, s.writable, s.enumerable, s.configurable, Object.keys(o).length].join(' ');
});
show('number', function () { Error.captureStackTrace(1); });
show('undefined', function () { Error.captureStackTrace(); });
function Outer() { var r = Mid(); return r; }
function Mid() { var q = {}; Error.captureStackTrace(q, Mid); return q.stack; }
show('constructorOpt', function () { var s = Outer(); return /\bMid\b/.test(s) + ' ' + /\bOuter\b/.test(s); });
show('not on the stack', function () { var q = { message: 'z' }; Error.captureStackTrace(q, function nope() {}); return JSON.stringify(q.stack); });
show('limit 1', function () {
  var q = {}, n; Error.stackTraceLimit = 1; Error.captureStackTrace(q); n = q.stack.split('\n').length; Error.stackTraceLimit = 10; return n;
});
show('limit 0', function () {
  var q = {}, s; Error.stackTraceLimit = 0; Error.captureStackTrace(q); s = q.stack; Error.stackTraceLimit = 10; return JSON.stringify(s);
});
function MyError(message) { this.message = message; Error.captureStackTrace(this, MyError); }
MyError.prototype = Object.create(Error.prototype, { constructor: { value: MyError }, name: { value: 'MyError' } });
show('error class', function () { var e = new MyError('bad'); return e.stack.split('\n')[0] + ' ' + (e instanceof Error) + ' ' + String(e); });
class Sub extends Error { constructor(m) { super(m); this.name = 'Sub'; Error.captureStackTrace(this, this.constructor); } }
show('name set after', function () {
  function Late(m) { Error.captureStackTrace(this, Late); this.name = 'Late'; this.message = m; }
  var e = new Late('later'); return e.stack.split('\n')[0];
});
show('stack assigned', function () { var o = {}; Error.captureStackTrace(o); o.stack = 'mine'; return o.stack + ' ' + Object.keys(o).length; });
show('subclass', function () { var e = new Sub('hi'); return e.stack.split('\n')[0] + ' ' + Object.keys(e).join(); });
