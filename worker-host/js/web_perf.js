/*
 * web_perf.js - the `performance` global (High Resolution Time and User
 * Timing): now(), timeOrigin (set per worker by globals_personalize()),
 * mark(), measure(), getEntries(), getEntriesByName(), getEntriesByType(),
 * clearMarks(), clearMeasures(), and the PerformanceEntry classes.
 *
 * The buffer holds at most MAX_ENTRIES marks and measures: beyond that,
 * mark() and measure() still return their entry but do not keep it (as a
 * browser's full resource-timing buffer drops new entries).
 *
 * native.perfObserve(fn) makes fn hear of each new mark and measure, kept
 * or not: node_perf_hooks.js sets it when first required (its
 * PerformanceObserver), so until then no worker pays for listening.
 *
 * Evaluated once in the template with (global, native, internal), after
 * web_events.js (for DOMException).
 */
(function (global, native, internal) {
'use strict';

var MAX_ENTRIES = 100000;
var kName = Symbol('name'), kKind = Symbol('entryType'), kStart = Symbol('startTime');
var kDuration = Symbol('duration'), kDetail = Symbol('detail');
var entries = [];
var making = false;
var heard = null;

var define = internal.define, hide = define.hide, getter = define.getter, tag = define.tag, isObject = define.isObject;

function illegal() {
	if (!making)
		throw new TypeError('Illegal constructor');
}

function PerformanceEntry() {
	illegal();
}
var EP = PerformanceEntry.prototype;
getter(EP, 'name', function () { return this[kName]; });
getter(EP, 'entryType', function () { return this[kKind]; });
getter(EP, 'startTime', function () { return this[kStart]; });
getter(EP, 'duration', function () { return this[kDuration]; });
hide(EP, 'toJSON', function toJSON() {
	var o = { name: this[kName], entryType: this[kKind], startTime: this[kStart], duration: this[kDuration] };

	if (kDetail in this)
		o.detail = this[kDetail];
	return o;
});
tag(EP, 'PerformanceEntry');

function subclass(name) {
	var Ctor = function () { illegal(); };

	Object.defineProperty(Ctor, 'name', { value: name, configurable: true });
	Ctor.prototype = Object.create(EP);
	hide(Ctor.prototype, 'constructor', Ctor);
	Object.setPrototypeOf(Ctor, PerformanceEntry);
	getter(Ctor.prototype, 'detail', function () { return this[kDetail]; });
	tag(Ctor.prototype, name);
	return Ctor;
}

var PerformanceMark = subclass('PerformanceMark'), PerformanceMeasure = subclass('PerformanceMeasure');

/* detail is structured-cloned, as User Timing says. */
function entry(Ctor, kind, name, start, duration, detail) {
	var e;

	making = true;
	try {
		e = new Ctor();
	} finally {
		making = false;
	}
	e[kName] = name;
	e[kKind] = kind;
	e[kStart] = start;
	e[kDuration] = duration;
	e[kDetail] = detail === undefined || detail === null ? null : global.structuredClone(detail);
	if (entries.length < MAX_ENTRIES)
		entries.push(e);
	if (heard)
		heard(e);
	return e;
}

native.perfObserve = function (fn) {
	heard = fn;
};

function Performance() {
	illegal();
}
Performance.prototype = Object.create(global.EventTarget.prototype);
hide(Performance.prototype, 'constructor', Performance);
tag(Performance.prototype, 'Performance');
var PP = Performance.prototype;

hide(PP, 'now', native.now);

hide(PP, 'mark', function mark(name, options) {
	var start;

	if (arguments.length < 1)
		throw new TypeError('The "name" argument must be specified');
	start = isObject(options) && options.startTime !== undefined ? Number(options.startTime) : native.now();
	if (!(start >= 0))
		throw new TypeError(start + ' is not a valid timestamp');
	return entry(PerformanceMark, 'mark', String(name), start, 0, isObject(options) ? options.detail : null);
});

/* A mark's name or a timestamp, as measure() reads its start and end. */
function timeOf(v) {
	var i;

	if (typeof v === 'number')
		return v;
	for (i = entries.length - 1; i >= 0; i--)
		if (entries[i][kKind] === 'mark' && entries[i][kName] === String(v))
			return entries[i][kStart];
	throw new global.DOMException('The "' + v + '" performance mark has not been set', 'SyntaxError');
}

hide(PP, 'measure', function measure(name, startOrOptions, endMark) {
	var o = isObject(startOrOptions) ? startOrOptions : null, start, end;

	if (arguments.length < 1)
		throw new TypeError('The "name" argument must be specified');
	if (o) {
		end = o.end !== undefined ? timeOf(o.end) :
		    o.start !== undefined && o.duration !== undefined ? timeOf(o.start) + Number(o.duration) : native.now();
		start = o.start !== undefined ? timeOf(o.start) :
		    o.duration !== undefined && o.end !== undefined ? end - Number(o.duration) : 0;
	} else {
		end = endMark !== undefined ? timeOf(endMark) : native.now();
		start = startOrOptions !== undefined ? timeOf(startOrOptions) : 0;
	}
	return entry(PerformanceMeasure, 'measure', String(name), start, end - start, o ? o.detail : null);
});

/* Entries in start order; the sort is stable, so equal starts keep the
 * order they were made in. */
function select(name, kind) {
	return entries.filter(function (e) {
		return (name === undefined || e[kName] === name) && (kind === undefined || e[kKind] === kind);
	}).sort(function (a, b) { return a[kStart] - b[kStart]; });
}

hide(PP, 'getEntries', function getEntries() {
	return select(undefined, undefined);
});
hide(PP, 'getEntriesByName', function getEntriesByName(name, type) {
	return select(String(name), type === undefined ? undefined : String(type));
});
hide(PP, 'getEntriesByType', function getEntriesByType(type) {
	return select(undefined, String(type));
});

function clear(kind, name) {
	entries = entries.filter(function (e) {
		return e[kKind] !== kind || (name !== undefined && e[kName] !== String(name));
	});
}

hide(PP, 'clearMarks', function clearMarks(name) {
	clear('mark', name);
});
hide(PP, 'clearMeasures', function clearMeasures(name) {
	clear('measure', name);
});
hide(PP, 'toJSON', function toJSON() {
	return { timeOrigin: this.timeOrigin };
});

making = true;
var performance = new Performance();
making = false;

hide(global, 'Performance', Performance);
hide(global, 'PerformanceEntry', PerformanceEntry);
hide(global, 'PerformanceMark', PerformanceMark);
hide(global, 'PerformanceMeasure', PerformanceMeasure);
hide(global, 'performance', performance);
})
