function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
function err(f) { try { f(); return 'no error'; } catch (x) { return x.name + ': ' + x.message; } }
var t = new EventTarget(), log = [];
function a(e) { log.push('a' + e.eventPhase + (this === t)); }
var obj = { handleEvent: function (e) { log.push('obj:' + (this === obj) + ':' + (e.target === t)); } };
t.addEventListener('x', a);
t.addEventListener('x', a);
t.addEventListener('x', obj);
t.addEventListener('x', function () { log.push('once'); }, { once: true });
var e1 = new Event('x');
show('dispatch', [t.dispatchEvent(e1), log, e1.target === t, e1.currentTarget, e1.eventPhase, e1.isTrusted, e1.bubbles, e1.cancelable, e1.defaultPrevented, e1.type, typeof e1.timeStamp]);
log = []; t.dispatchEvent(new Event('x')); show('onceGone', log);
t.removeEventListener('x', a); log = []; t.dispatchEvent(new Event('x')); show('removed', log);
var c = new EventTarget();
c.addEventListener('c', function (e) { e.preventDefault(); });
var ev = new Event('c', { cancelable: true });
show('cancel', [c.dispatchEvent(ev), ev.defaultPrevented, ev.returnValue, c.dispatchEvent(new Event('c'))]);
var s = new EventTarget(), sl = [];
s.addEventListener('s', function (e) { sl.push(1); e.stopImmediatePropagation(); });
s.addEventListener('s', function () { sl.push(2); });
s.dispatchEvent(new Event('s'));
show('stopImmediate', sl);
var ac = new AbortController(), n = 0;
s.addEventListener('y', function () { n++; }, { signal: ac.signal });
s.dispatchEvent(new Event('y')); ac.abort(); s.dispatchEvent(new Event('y'));
s.addEventListener('y', function () { n += 100; }, { signal: ac.signal });
s.dispatchEvent(new Event('y'));
show('signal', n);
var r = new EventTarget(), rl = [];
function f() { rl.push('f'); }
r.addEventListener('r', f, true); r.addEventListener('r', f); r.removeEventListener('r', f, { capture: true });
r.dispatchEvent(new Event('r'));
show('captureKey', rl);
var add = new EventTarget(), al = [];
add.addEventListener('z', function () { al.push(1); add.addEventListener('z', function () { al.push('late'); }); });
add.dispatchEvent(new Event('z'));
show('addedDuring', al);
var ce = new CustomEvent('c', { detail: { a: 1 } });
show('custom', [ce.detail, ce.type, ce instanceof Event, new CustomEvent('q').detail]);
var me = new MessageEvent('message', { data: [1, 2] });
show('messageEvent', [me.data, me.origin, me.lastEventId, me.source, me.ports.length, me instanceof Event]);
show('errors', [err(function () { new Event(); }), err(function () { t.dispatchEvent({}); }), err(function () { Event('x'); })]);
var d = new DOMException('m', 'AbortError');
show('domexception', [d.name, d.message, d.code, d instanceof Error, d instanceof DOMException, String(d), Object.prototype.toString.call(d), new DOMException().name, new DOMException().message, new DOMException('q', 'Foo').code, typeof d.stack]);
show('codes', ['IndexSizeError', 'HierarchyRequestError', 'WrongDocumentError', 'InvalidCharacterError', 'NoModificationAllowedError', 'NotFoundError', 'NotSupportedError', 'InvalidStateError', 'SyntaxError', 'InvalidModificationError', 'NamespaceError', 'InvalidAccessError', 'TypeMismatchError', 'SecurityError', 'NetworkError', 'AbortError', 'URLMismatchError', 'QuotaExceededError', 'TimeoutError', 'InvalidNodeTypeError', 'DataCloneError', 'EncodingError', 'NotReadableError', 'DataError', 'OperationError'].map(function (n) { return new DOMException('', n).code; }));
show('constants', [DOMException.INDEX_SIZE_ERR, DOMException.DATA_CLONE_ERR, DOMException.QUOTA_EXCEEDED_ERR, DOMException.INVALID_CHARACTER_ERR, DOMException.TIMEOUT_ERR, Event.AT_TARGET, Event.NONE]);
var cd = Object.getOwnPropertyDescriptor(DOMException, 'URL_MISMATCH_ERR');
show('allConstants', Object.keys(DOMException).map(function (k) { return k + '=' + DOMException[k]; }).concat([cd.writable, cd.enumerable, cd.configurable, new DOMException('', 'InUseAttributeError').code, DOMException.prototype.VALIDATION_ERR]));
show('tags', [String(new Event('z')), String(new EventTarget()), String(ce)]);
