function show(l, v) { console.log(l + ' ' + JSON.stringify(v)); }
performance.mark('a', { startTime: 5, detail: { x: 1 } }); performance.mark('b', { startTime: 12 });
var m = performance.measure('ab', 'a', 'b');
show('measure', [m.name, m.entryType, m.startTime, m.duration, m.detail, String(m), m.toJSON()]);
show('options', performance.measure('o', { start: 1, end: 4, detail: 'd' }).toJSON());
show('duration', [performance.measure('o2', { start: 'a', duration: 2 }).duration, performance.measure('o3', { end: 'b', duration: 3 }).startTime]);
show('entries', performance.getEntries().map(function (e) { return e.name + ':' + e.entryType + ':' + e.startTime; }));
show('by', [performance.getEntriesByType('mark').length, performance.getEntriesByName('ab').length, performance.getEntriesByName('a', 'measure').length, performance.getEntriesByType('nothing').length]);
try { performance.measure('z', 'nope'); } catch (e) { show('noMark', [e.name, e.message, e instanceof DOMException]); }
try { performance.mark(); } catch (e) { show('markErr', [e.name, e.message]); }
try { performance.mark('neg', { startTime: -1 }); } catch (e) { show('negErr', [e.name, e.message]); }
performance.clearMarks('a');
show('clearA', performance.getEntriesByType('mark').map(function (e) { return e.name; }));
performance.clearMarks(); performance.clearMeasures('ab');
show('cleared', performance.getEntries().map(function (e) { return e.name; }));
performance.clearMeasures();
var mk = performance.mark('n');
show('mark', [typeof mk.startTime, mk.startTime >= 0, mk.duration, mk.detail, mk instanceof PerformanceEntry, mk instanceof PerformanceMark, typeof PerformanceMeasure, String(mk), typeof performance.timeOrigin, performance.timeOrigin > 1.6e12, performance.now() >= mk.startTime]);
var live = performance.measure('live', 'n'); show('toNow', [live.startTime === mk.startTime, live.duration >= 0]);
var order = [];
setImmediate(function (a, b) { order.push('imm:' + a + b); }, 1, 2);
clearImmediate(setImmediate(function () { order.push('cleared'); }));
Promise.resolve().then(function () { order.push('micro'); });
setImmediate(function () { show('immediate', order); });
