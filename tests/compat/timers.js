// timers and timers/promises: values, order, the interval iterator and
// AbortError with a signal (a stand-in when there is no AbortController).
var timers = require('timers');
var tp = require('timers/promises');
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function fakeSignal() {
  var ls = [];
  return { aborted: false, reason: undefined,
    addEventListener: function (t, f) { ls.push(f); }, removeEventListener: function (t, f) { ls = ls.filter(function (g) { return g !== f; }); },
    abort: function (r) { this.aborted = true; this.reason = r; ls.forEach(function (f) { f(); }); } };
}
log('same functions', timers.setTimeout === setTimeout, timers.clearInterval === clearInterval, timers.setImmediate === setImmediate,
  timers.promises === tp, typeof tp.scheduler.wait);
tp.setTimeout(5, 'late').then(function (v) { log('timeout', v); return tp.setImmediate('imm'); }).then(function (v) {
  log('immediate', v);
  var it = tp.setInterval(1, 'tick'), n = 0;
  function step() {
    return it.next().then(function (r) {
      log('interval', r.value, r.done);
      if (++n < 3) return step();
      return it.return().then(function (r2) { log('returned', r2.done); return it.next(); }).then(function (r3) { log('after return', r3.done); });
    });
  }
  return step();
}).then(function () {
  var s = fakeSignal(), p = tp.setTimeout(1000, 'never', { signal: s });
  s.abort('why');
  return p.then(null, function (e) { log('aborted', e.name, e.code, e.message, e.cause); });
}).then(function () {
  var s = fakeSignal(); s.aborted = true;
  return tp.setImmediate(1, { signal: s }).then(null, function (e) { log('pre-aborted', e.name); });
}).then(function () {
  return tp.setTimeout(1, 1, 'bad').then(null, function (e) { log('bad options', e.name, e.code, e.message); });
}).then(function () {
  return tp.setTimeout(1, 1, { signal: 5 }).then(null, function (e) { log('bad signal', e.name, e.code, e.message); });
}).then(function () {
  return tp.scheduler.wait(1).then(function (v) { log('wait', v === undefined); });
});
