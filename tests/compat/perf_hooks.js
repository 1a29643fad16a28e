// perf_hooks: the exports, PerformanceObserver (its checks, its modes and
// its batched delivery from setImmediate), the entry lists, HDR histogram
// numbers for several layouts, monitorEventLoopDelay's shape (its values
// are timing), timerify and its 'function' entries.
var ph = require('perf_hooks');
var PerformanceObserver = ph.PerformanceObserver, createHistogram = ph.createHistogram;
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
function tryit(label, f) {
  try { log(label, 'ok', f()); } catch (e) { log(label, e.name, e.code, e.message); }
}
function names(list) { return list.map(function (e) { return e.name + ':' + e.entryType; }); }
function hist(h) { return [h.count, h.min, h.max, h.mean, h.stddev, h.exceeds, Array.from(h.percentiles)]; }

log('keys', Object.keys(ph));
log('same', ph.performance === performance, ph.Performance === Performance, ph.PerformanceEntry === PerformanceEntry,
  ph.PerformanceMark === PerformanceMark, ph.PerformanceMeasure === PerformanceMeasure, performance instanceof ph.Performance);
log('supported', PerformanceObserver.supportedEntryTypes, Object.isFrozen(PerformanceObserver.supportedEntryTypes),
  PerformanceObserver.supportedEntryTypes === PerformanceObserver.supportedEntryTypes);
log('constants', ph.constants);
log('resource timing', Object.getPrototypeOf(ph.PerformanceResourceTiming.prototype) === PerformanceEntry.prototype,
  Object.getPrototypeOf(ph.PerformanceResourceTiming) === PerformanceEntry);
tryit('new PerformanceResourceTiming', function () { return new ph.PerformanceResourceTiming(); });
tryit('new PerformanceObserverEntryList', function () { return new ph.PerformanceObserverEntryList(); });
log('observer', PerformanceObserver.name, PerformanceObserver.length, Object.keys(PerformanceObserver.prototype),
  Object.keys(ph.PerformanceObserverEntryList.prototype), Object.prototype.toString.call(new PerformanceObserver(function () {})));

// constructor and observe() checks
tryit('no callback', function () { return new PerformanceObserver(); });
tryit('number callback', function () { return new PerformanceObserver(1); });
tryit('without new', function () { return PerformanceObserver(function () {}); });
var o = new PerformanceObserver(function () {});
tryit('observe()', function () { return o.observe(); });
tryit('observe(1)', function () { return o.observe(1); });
tryit('observe(null)', function () { return o.observe(null); });
tryit('observe([])', function () { return o.observe([]); });
tryit('observe({})', function () { return o.observe({}); });
tryit('entryTypes string', function () { return o.observe({ entryTypes: 'mark' }); });
tryit('entryTypes null', function () { return o.observe({ entryTypes: null }); });
tryit('both', function () { return o.observe({ entryTypes: ['mark'], type: 'mark' }); });
tryit('unsupported list', function () { return o.observe({ entryTypes: ['bogus'] }); });
console.log(o);
tryit('unsupported type', function () { return o.observe({ type: 'bogus' }); });
tryit('then a list', function () { return o.observe({ entryTypes: ['mark'] }); });
o.disconnect();
tryit('list after disconnect', function () { return o.observe({ entryTypes: ['mark', 'gc', 'x', 'mark', 'measure'] }); });
console.log(o);
tryit('then a type', function () { return o.observe({ type: 'mark' }); });
o.disconnect();
tryit('observe on {}', function () { return PerformanceObserver.prototype.observe.call({}, { type: 'mark' }); });
tryit('takeRecords on {}', function () { return PerformanceObserver.prototype.takeRecords.call({}); });
tryit('disconnect on {}', function () { return PerformanceObserver.prototype.disconnect.call({}); });

function part2() {
  // delivery: after the microtasks, from an immediate, one call a round
  var a = new PerformanceObserver(function (list, obs) {
    log('a', this === a, obs === a, arguments.length, Object.prototype.toString.call(list), names(list.getEntries()));
  });
  setImmediate(function () { log('immediate before'); });
  a.observe({ type: 'mark' });
  log('observe returns', a.observe({ type: 'measure' }));
  performance.mark('p1');
  performance.mark('p2');
  console.log(a);
  log('takeRecords', names(a.takeRecords()), a.takeRecords());
  performance.mark('p3', { startTime: 0.5 });
  performance.measure('p4', { start: 0.25, end: 0.75 });
  performance.mark('p5');
  setImmediate(function () { log('immediate after'); });
  process.nextTick(function () { log('tick'); });
  Promise.resolve().then(function () { log('microtask'); });
  var b = new PerformanceObserver(function (list) { log('b', names(list.getEntries())); });
  b.observe({ entryTypes: ['measure'] });
  performance.measure('p6', 'p1', 'p2');
  setTimeout(function () { a.disconnect(); b.disconnect(); performance.mark('unheard'); part3(); }, 5);
}

function part3() {
  // buffered: what the timeline kept, sorted; an empty take still calls back
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark('m1', { startTime: 5 });
  performance.mark('m0', { startTime: 1 });
  performance.measure('z', { start: 2, end: 3 });
  var c = new PerformanceObserver(function (list) {
    log('c', names(list.getEntries()), list.getEntries().map(function (e) { return e.startTime; }));
    log('byType', names(list.getEntriesByType('mark')), names(list.getEntriesByType('measure')), list.getEntriesByType('x'));
    log('byName', names(list.getEntriesByName('m0')), list.getEntriesByName('m0', 'measure').length,
      names(list.getEntriesByName('z', 'measure')), list.getEntriesByName('m0', null).length, list.getEntriesByName('m0', undefined).length);
    log('copies', list.getEntries() !== list.getEntries());
    tryit('getEntriesByName()', function () { return list.getEntriesByName(); });
    tryit('getEntriesByType()', function () { return list.getEntriesByType(); });
    tryit('getEntries on {}', function () { return ph.PerformanceObserverEntryList.prototype.getEntries.call({}); });
  });
  c.observe({ type: 'mark', buffered: true });
  c.observe({ type: 'measure', buffered: true });
  var d = new PerformanceObserver(function (list) { log('d', list.getEntries().length); });
  d.observe({ type: 'mark', buffered: true });
  d.takeRecords();
  var e = new PerformanceObserver(function (list) { log('e', names(list.getEntries())); });
  e.observe({ entryTypes: ['mark'], buffered: true });
  var f = new PerformanceObserver(function () { log('f called'); });
  f.observe({ type: 'mark' });
  f.takeRecords();
  setTimeout(function () { [c, d, e, f].forEach(function (x) { x.disconnect(); }); part4(); }, 5);
}

function part4() {
  // histograms
  tryit('options 1', function () { return createHistogram(1); });
  tryit('options null', function () { return createHistogram(null); });
  tryit('lowest 0', function () { return createHistogram({ lowest: 0 }); });
  tryit('lowest 1.5', function () { return createHistogram({ lowest: 1.5 }); });
  tryit('lowest string', function () { return createHistogram({ lowest: '1' }); });
  tryit('highest 1', function () { return createHistogram({ highest: 1 }); });
  tryit('highest < 2 lowest', function () { return createHistogram({ lowest: 10, highest: 19 }); });
  tryit('figures 0', function () { return createHistogram({ figures: 0 }); });
  tryit('figures 6', function () { return createHistogram({ figures: 6 }); });
  tryit('figures NaN', function () { return createHistogram({ figures: NaN }); });
  var h = createHistogram();
  log('empty', hist(h), h.percentile(50), h.percentile(100), JSON.stringify(h));
  log('shape', h.constructor.name, Object.getPrototypeOf(Object.getPrototypeOf(h)).constructor.name, h instanceof Object,
    typeof h.recordDelta, typeof h.add, h.percentiles === h.percentiles);
  tryit('record 0', function () { return h.record(0); });
  tryit('record -1', function () { return h.record(-1); });
  tryit('record 1.5', function () { return h.record(1.5); });
  tryit('record NaN', function () { return h.record(NaN); });
  tryit('record Infinity', function () { return h.record(Infinity); });
  tryit('record string', function () { return h.record('1'); });
  tryit('record()', function () { return h.record(); });
  tryit('record 2^53', function () { return h.record(Math.pow(2, 53)); });
  tryit('percentile 0', function () { return h.percentile(0); });
  tryit('percentile 101', function () { return h.percentile(101); });
  tryit('percentile NaN', function () { return h.percentile(NaN); });
  tryit('percentile -Infinity', function () { return h.percentile(-Infinity); });
  tryit('percentile string', function () { return h.percentile('50'); });
  tryit('min on {}', function () { return Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(h)), 'min').get.call({}); });
  tryit('record on {}', function () { return h.record.call({}, 1); });
  tryit('reset on {}', function () { return h.reset.call({}); });
  [1, 2, 3, 4, 5, 100, 1000, 2047, 2048, 2049, 3000, 123456].forEach(function (v) { h.record(v); });
  log('small', hist(h), [50, 99, 100, 0.001, 12.5, 99.999].map(function (p) { return h.percentile(p); }));
  log('json', JSON.stringify(h));
  log('reset', h.reset(), hist(h));
  h.record(Number.MAX_SAFE_INTEGER);
  log('max safe', hist(h));
  var s = createHistogram({ lowest: 1, highest: 10 });
  [1, 10, 11, 100, 2047, 2048, 4095, 4096, 5000].forEach(function (v) { s.record(v); });
  log('highest 10', hist(s));
  var t = createHistogram({ highest: 3000 });
  [3000, 3001, 3002, 4000].forEach(function (v) { t.record(v); });
  log('highest 3000', hist(t));
  var l = createHistogram({ lowest: 1000, highest: 1e9, figures: 2 });
  [1, 999, 1000, 1500, 123456, 999999999, 1000000000, 1000000001].forEach(function (v) { l.record(v); });
  log('lowest 1000', hist(l), l.percentile(50), l.percentile(99));
  var d = createHistogram({ lowest: 3, highest: 100000, figures: 1 });
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 19, 20, 21, 22, 23, 24, 25, 50, 99, 1000].forEach(function (v) { d.record(v); });
  log('figures 1', hist(d));
  var f = createHistogram({ figures: 5 });
  [1, 2, 3, 99999, 100000, 200001, 5e6, 123456789].forEach(function (v) { f.record(v); });
  log('figures 5', hist(f));
  var many = createHistogram();
  for (var i = 1; i <= 10000; i++) many.record(i * i % 65536 + 1);
  log('many', hist(many), many.percentile(33.3), many.percentile(99.9));
  var a = createHistogram(), b = createHistogram(), c = createHistogram({ highest: 10 }), x = createHistogram({ highest: 50 });
  a.record(5); b.record(7); b.record(7); b.record(300000); x.record(60);
  tryit('add 1', function () { return a.add(1); });
  tryit('add {}', function () { return a.add({}); });
  tryit('add delay', function () { return a.add(ph.monitorEventLoopDelay()); });
  log('add', a.add(b), hist(a));
  c.add(b); c.add(x);
  log('add past highest', hist(c));
  var r = createHistogram();
  log('recordDelta', r.recordDelta(), r.count);
  r.recordDelta();
  log('recordDelta twice', r.count + r.exceeds);

  // monitorEventLoopDelay: shape only
  tryit('delay options 1', function () { return ph.monitorEventLoopDelay(1); });
  tryit('resolution 0', function () { return ph.monitorEventLoopDelay({ resolution: 0 }); });
  tryit('resolution string', function () { return ph.monitorEventLoopDelay({ resolution: 'a' }); });
  tryit('resolution 1.5', function () { return ph.monitorEventLoopDelay({ resolution: 1.5 }); });
  var e = ph.monitorEventLoopDelay({ resolution: 1 });
  log('delay', e.constructor.name, typeof e.record, typeof e.recordDelta, typeof e.add, typeof e.percentile, hist(e));
  tryit('enable on {}', function () { return e.enable.call({}); });
  log('enable', e.enable(), e.enable());
  setTimeout(function () {
    log('disable', e.disable(), e.disable(), typeof e.count, typeof e.min, typeof e.max, typeof e.mean, typeof e.stddev,
      typeof e.percentile(50));
    e.reset();
    log('delay reset', hist(e), e.enable(), e.disable());
    part5();
  }, 20);
}

function part5() {
  var P = performance;
  log('timerify', typeof P.timerify, Object.getOwnPropertyDescriptor(Performance.prototype, 'timerify').enumerable);
  tryit('timerify()', function () { return P.timerify(); });
  tryit('timerify(1)', function () { return P.timerify(1); });
  tryit('options 1', function () { return P.timerify(function () {}, 1); });
  tryit('histogram 1', function () { return P.timerify(function () {}, { histogram: 1 }); });
  tryit('histogram delay', function () { return P.timerify(function () {}, { histogram: ph.monitorEventLoopDelay() }); });
  function add(a, b) { return a + b; }
  var t = P.timerify(add);
  log('timerified', t.name, t.length, Object.keys(t), t === P.timerify(add), P.timerify(t) === t);
  var h = createHistogram();
  var Foo = P.timerify(function Foo(x) { this.x = x; }, { histogram: h });
  var o = new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      log('entry', e.name, e.entryType, typeof e.startTime, typeof e.duration, e.detail, Object.keys(e), e.constructor.name,
        e instanceof PerformanceEntry, Object.keys(e.toJSON()));
    });
    log('kept', P.getEntriesByType('function').length);
    o.disconnect();
  });
  o.observe({ entryTypes: ['function'] });
  log('call', t(1, 2));
  var foo = new Foo(4);
  log('new', foo.x, foo instanceof Foo, h.count);
  tryit('throws', function () { return P.timerify(function boom() { throw new Error('boom'); })(); });
  var later = P.timerify(function later(v) { return Promise.resolve(v); });
  later('p').then(function (v) { log('settled', v); });
}

setTimeout(part2, 5);
