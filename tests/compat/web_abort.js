function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
function err(f) { try { f(); return 'no error'; } catch (x) { return x.name + ': ' + x.message; } }
var ac = new AbortController(), s = ac.signal, seen = [];
s.onabort = function (e) { seen.push('onabort:' + e.type + ':' + (e.target === s)); };
s.addEventListener('abort', function () { seen.push('listener'); });
show('before', [s.aborted, s.reason, String(s), String(ac), s instanceof EventTarget, typeof s.onabort, ac.signal === s]);
ac.abort(); ac.abort('again');
show('after', [s.aborted, s.reason.name, s.reason.message, s.reason.code, s.reason instanceof DOMException, seen]);
show('throwIfAborted', [err(function () { s.throwIfAborted(); }), err(function () { new AbortController().signal.throwIfAborted(); })]);
var r = new AbortController(); r.abort({ why: 1 });
show('reason', r.signal.reason);
show('static', [AbortSignal.abort().reason.name, AbortSignal.abort('x').reason, AbortSignal.abort().aborted]);
show('illegal', err(function () { new AbortSignal(); }));
var a1 = new AbortController(), a2 = new AbortController(), any = AbortSignal.any([a1.signal, a2.signal]);
any.addEventListener('abort', function () { show('any', [any.reason, a2.signal.aborted]); });
a1.abort(42); a2.abort(43);
show('anyAborted', [AbortSignal.any([AbortSignal.abort(7)]).reason, AbortSignal.any([]).aborted]);
var forever = AbortSignal.timeout(1e7);
var t0 = Date.now(), ts = AbortSignal.timeout(20);
var keep = setTimeout(function () { show('timeout', 'never fired'); }, 5000);
ts.addEventListener('abort', function () {
  show('timeout', [ts.reason.name, ts.reason.message, ts.reason.code, Date.now() - t0 >= 10, forever.aborted]);
  clearTimeout(keep);
});
