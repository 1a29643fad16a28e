/*
 * node_perf_hooks.js - Node's `perf_hooks`: the global `performance`
 * (web_perf.js) and its classes; PerformanceObserver with
 * PerformanceObserverEntryList, delivering batched records from
 * setImmediate as Node 20 does (marks and measures, which web_perf.js
 * tells it of through native.perfObserve, and timerify's 'function'
 * entries: the other supported types have no source in a worker);
 * createHistogram() and monitorEventLoopDelay() (an unref'd interval
 * timer); constants (Node 20's GC numbers); performance.timerify, put on
 * Performance.prototype when this module is first required.  Absent:
 * eventLoopUtilization and nodeTiming (the loop measures no idle time),
 * resource timing (PerformanceResourceTiming is only the class), the
 * *BigInt histogram forms (no BigInt here).
 *
 * The histograms compute what Node's HdrHistogram_c does (its bucket
 * layout, min/max/mean/stddev, percentile() and the percentiles
 * iterator), so the numbers are Node's.  Node allocates every bucket up
 * front; here a counts slot exists only once a value lands in it, so a
 * histogram holds one slot per distinct equivalence range recorded: at
 * most Node's counts length (45056 for the default 3 figures over
 * 1..2^53-1, 4.8 million for 5 figures), in practice the few hundred
 * ranges its values fall in.  ES5, run as a core module (require.js).
 */
'use strict';

var errors = require('internal/errors');

var performance = globalThis.performance;
var Performance = globalThis.Performance, PerformanceEntry = globalThis.PerformanceEntry;
var getEntriesByType = Performance.prototype.getEntriesByType;
var setImmediate = globalThis.setImmediate, setInterval = globalThis.setInterval;
var clearInterval = globalThis.clearInterval;
var kInspect = Symbol.for('nodejs.util.inspect.custom');
var kToken = Symbol('token');

/* Node's errors, as its validators word them. */

function illegalConstructor() {
	return errors.withCode(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
}

function invalidThis(type) {
	return errors.withCode(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type ' + type);
}

function checkFunction(v, name) {
	if (typeof v !== 'function')
		throw errors.invalidArgType(name, 'of type function', v);
}


function hide(o, name, value) {
	Object.defineProperty(o, name, { value: value, writable: true, configurable: true });
}

function getter(o, name, get) {
	Object.defineProperty(get, 'name', { value: 'get ' + name, configurable: true });
	Object.defineProperty(o, name, { get: get, configurable: true });
}

function method(o, name, fn) {
	Object.defineProperty(o, name, { value: fn, writable: true, enumerable: true, configurable: true });
}

function tag(o, name) {
	Object.defineProperty(o, Symbol.toStringTag, { value: name, configurable: true });
}

/* Node's custom inspection: "Label { ...view }"; past the depth Node's
 * inspector shows [Class] for the object handed back, which this one
 * would print in full, so the text is returned instead. */
function inspectAs(proto, label, view) {
	hide(proto, kInspect, function (depth, options) {
		var opts = {};

		if (depth < 0)
			return '[' + this.constructor.name + ']';
		Object.keys(options).forEach(function (k) { opts[k] = options[k]; });
		opts.depth = options.depth === null || options.depth === undefined ? null : options.depth - 1;
		return label + ' ' + native.inspect(view(this), opts);
	});
}

function subclass(Ctor, Parent) {
	Ctor.prototype = Object.create(Parent.prototype);
	hide(Ctor.prototype, 'constructor', Ctor);
	Object.setPrototypeOf(Ctor, Parent);
}

function needNew(self, Ctor) {
	if (!(self instanceof Ctor))
		throw new TypeError('Class constructor ' + Ctor.name + " cannot be invoked without 'new'");
}

function byStart(a, b) {
	return a.startTime - b.startTime;
}

/*
 * Observers.  Connected observers hear each new entry of their types;
 * the first record since the last delivery queues one setImmediate that
 * calls every pending observer's callback in the order they became
 * pending (a callback that throws loses the rest of that round, as in
 * Node).
 */

var SUPPORTED = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);
var SINGLE = 1, MULTIPLE = 2;
var kCallback = Symbol('callback'), kTypes = Symbol('entryTypes'), kBuffer = Symbol('buffer'), kMode = Symbol('type');
var observers = [], pending = [], queued = false;

function addOnce(list, v) {
	if (list.indexOf(v) < 0)
		list.push(v);
}

function remove(list, v) {
	var i = list.indexOf(v);

	if (i >= 0)
		list.splice(i, 1);
}

function take(observer) {
	var list = observer[kBuffer];

	observer[kBuffer] = [];
	return list;
}

function deliver() {
	var round = pending, i;

	queued = false;
	pending = [];
	for (i = 0; i < round.length; i++)
		round[i][kCallback].call(round[i], new PerformanceObserverEntryList(kToken, take(round[i])), round[i]);
}

function makePending(observer) {
	addOnce(pending, observer);
	if (!queued) {
		queued = true;
		setImmediate(deliver);
	}
}

function enqueue(entry) {
	observers.forEach(function (o) {
		if (o[kTypes].indexOf(entry.entryType) >= 0) {
			o[kBuffer].push(entry);
			makePending(o);
		}
	});
}

/* V8's words for a private field that the object lacks. */
function checkObserver(self, field) {
	if (self === null || typeof self !== 'object' || !(kCallback in self))
		throw new TypeError('Cannot read private member #' + field + ' from an object whose class did not declare it');
}

function PerformanceObserver(callback) {
	needNew(this, PerformanceObserver);
	checkFunction(callback, 'callback');
	this[kCallback] = callback;
	this[kTypes] = [];
	this[kBuffer] = [];
	this[kMode] = undefined;
}
var OP = PerformanceObserver.prototype;

getter(PerformanceObserver, 'supportedEntryTypes', function () { return SUPPORTED; });

/* An observer is of one kind for good once observe() picks it: a list of
 * entryTypes, or one type (which alone may take the buffered entries). */
function modeOf(observer, entryTypes, type) {
	var DOMException = globalThis.DOMException;

	if (observer[kMode] === SINGLE && entryTypes !== undefined)
		throw new DOMException('PerformanceObserver can not change to multiple observations', 'InvalidModificationError');
	if (observer[kMode] === MULTIPLE && type !== undefined)
		throw new DOMException('PerformanceObserver can not change to single observation', 'InvalidModificationError');
	return observer[kMode] || (type !== undefined ? SINGLE : MULTIPLE);
}

function observeList(observer, entryTypes) {
	if (!Array.isArray(entryTypes))
		throw errors.invalidArgType('options.entryTypes', 'string[]', entryTypes);
	observer[kTypes] = [];
	entryTypes.forEach(function (t) {
		if (SUPPORTED.indexOf(t) >= 0)
			addOnce(observer[kTypes], t);
	});
}

/* false: an unsupported type, which Node ignores without connecting. */
function observeOne(observer, type, buffered) {
	if (SUPPORTED.indexOf(type) < 0)
		return false;
	addOnce(observer[kTypes], type);
	if (buffered) {
		Array.prototype.push.apply(observer[kBuffer], getEntriesByType.call(performance, type));
		makePending(observer);
	}
	return true;
}

method(OP, 'observe', function observe(options) {
	var entryTypes, type;

	if (options === undefined)
		options = {};
	errors.object(options, 'options');
	entryTypes = options.entryTypes;
	type = options.type;
	if (entryTypes === undefined && type === undefined)
		throw errors.missingArgs(['options.entryTypes', 'options.type']);
	if (entryTypes !== undefined && entryTypes !== null && type !== undefined && type !== null)
		throw errors.invalidArgValue('options.entryTypes', entryTypes, 'options.entryTypes can not set with options.type together');
	checkObserver(this, 'type');
	this[kMode] = modeOf(this, entryTypes, type);
	if (this[kMode] === MULTIPLE)
		observeList(this, entryTypes);
	else if (!observeOne(this, type, options.buffered))
		return;
	if (this[kTypes].length > 0)
		addOnce(observers, this);
	else
		this.disconnect();
});

method(OP, 'disconnect', function disconnect() {
	checkObserver(this, 'entryTypes');
	remove(observers, this);
	remove(pending, this);
	this[kBuffer] = [];
	this[kTypes] = [];
	this[kMode] = undefined;
});

method(OP, 'takeRecords', function takeRecords() {
	checkObserver(this, 'buffer');
	return take(this);
});
tag(OP, 'PerformanceObserver');
inspectAs(OP, 'PerformanceObserver', function (o) {
	return { connected: observers.indexOf(o) >= 0, pending: pending.indexOf(o) >= 0, entryTypes: o[kTypes].slice(),
		buffer: o[kBuffer] };
});

var kEntries = Symbol('buffer');

function PerformanceObserverEntryList(token, entries) {
	if (token !== kToken)
		throw illegalConstructor();
	this[kEntries] = entries.sort(byStart);
}
var LP = PerformanceObserverEntryList.prototype;

function entriesOf(list) {
	if (list === null || typeof list !== 'object' || !(kEntries in list))
		throw errors.invalidArgType('this', 'an instance of PerformanceObserverEntryList', list);
	return list[kEntries];
}

method(LP, 'getEntries', function getEntries() {
	return entriesOf(this).slice();
});

method(LP, 'getEntriesByType', function getEntriesByType(type) {
	var entries = entriesOf(this);

	if (arguments.length === 0)
		throw errors.missingArgs(['type']);
	type = '' + type;
	return entries.filter(function (e) { return e.entryType === type; });
});

method(LP, 'getEntriesByName', function getEntriesByName(name, type) {
	var entries = entriesOf(this);

	if (arguments.length === 0)
		throw errors.missingArgs(['name']);
	name = '' + name;
	type = type === undefined || type === null ? null : '' + type;
	return entries.filter(function (e) { return e.name === name && (type === null || e.entryType === type); });
});
tag(LP, 'PerformanceObserverEntryList');
inspectAs(LP, 'PerformanceObserverEntryList', function (list) { return list[kEntries]; });

/* Never made here (a worker fetches without resource timing); the class
 * is exported for instanceof checks. */
function PerformanceResourceTiming() {
	throw illegalConstructor();
}
subclass(PerformanceResourceTiming, PerformanceEntry);

/*
 * timerify's 'function' entries, Node's PerformanceNodeEntry: observers
 * receive them, the performance timeline does not keep them.
 */

var kFields = Symbol('fields');

function PerformanceNodeEntry() {
	throw illegalConstructor();
}
subclass(PerformanceNodeEntry, PerformanceEntry);
['name', 'entryType', 'startTime', 'duration', 'detail'].forEach(function (k) {
	getter(PerformanceNodeEntry.prototype, k, function () { return this[kFields][k]; });
});
hide(PerformanceNodeEntry.prototype, 'toJSON', function toJSON() {
	var f = this[kFields];

	return { name: f.name, entryType: f.entryType, startTime: f.startTime, duration: f.duration, detail: f.detail };
});
inspectAs(PerformanceNodeEntry.prototype, 'PerformanceNodeEntry', function (e) { return e.toJSON(); });

/* The entry also holds the arguments as its indexed properties, as Node's. */
function timed(name, start, args, histogram) {
	var duration = native.now() - start, e = Object.create(PerformanceNodeEntry.prototype), i;

	if (histogram !== undefined)
		histogram.record(Math.ceil(duration * 1e6));
	e[kFields] = { name: name, entryType: 'function', startTime: start, duration: duration, detail: args };
	for (i = 0; i < args.length; i++)
		e[i] = args[i];
	enqueue(e);
}

/* Node 20's timerify: no cache, a promise's time runs to its settling,
 * an entry only when fn returns.  `new` is told by instanceof here, as
 * ES5 has no new.target. */
function timerify(fn, options) {
	var histogram;

	checkFunction(fn, 'fn');
	if (options === undefined)
		options = {};
	errors.object(options, 'options');
	histogram = options.histogram;
	if (histogram !== undefined && (!isHistogram(histogram) || typeof histogram.record !== 'function'))
		throw errors.invalidArgType('options.histogram', 'an instance of RecordableHistogram', histogram);

	function timerified() {
		var args = Array.prototype.slice.call(arguments), asNew = this instanceof timerified;
		var start = native.now(), result = asNew ? Reflect.construct(fn, args, fn) : fn.apply(this, args);

		if (!asNew && result !== null && result !== undefined && typeof result.finally === 'function')
			return result.finally(function () { timed(fn.name, start, args, histogram); });
		timed(fn.name, start, args, histogram);
		return result;
	}
	Object.defineProperties(timerified, {
		length: { configurable: false, enumerable: true, value: fn.length },
		name: { configurable: false, enumerable: true, value: 'timerified ' + fn.name }
	});
	return timerified;
}

/*
 * HdrHistogram_c, sparse.  A value's bucket b and sub-bucket s (its top
 * bits) give its counts index; every value of one index is "equivalent":
 * the index stands for the range [low, low + size).  Values are integers
 * below 2^63, held exactly as doubles up to 2^53.
 */

var INT64_MAX = 9223372036854775807;	/* 2^63 as a double: an empty histogram's min */
var TWO32 = 4294967296;

function hdr(lowest, highest, figures) {
	var countMag = Math.ceil(Math.log(2 * Math.pow(10, figures)) / Math.log(2));
	var halfMag = (countMag > 1 ? countMag : 1) - 1;

	return { unit: Math.floor(Math.log(lowest) / Math.log(2)), halfMag: halfMag, halfCount: Math.pow(2, halfMag),
		highest: highest, counts: Object.create(null), indices: [], sorted: true, total: 0, min: INT64_MAX,
		max: 0, count: 0, exceeds: 0, prev: null };
}

function bitLength(v) {
	var n = 0;

	for (; v >= TWO32; v = Math.floor(v / TWO32))
		n += 32;
	return n + 32 - Math.clz32(v);
}

function indexFor(h, v) {
	var b = Math.max(bitLength(v), h.unit + h.halfMag + 1) - h.unit - h.halfMag - 1;
	var s = Math.floor(v / Math.pow(2, b + h.unit));

	return (b + 1) * h.halfCount + s - h.halfCount;
}

function lowAt(h, i) {
	var b = Math.floor(i / h.halfCount) - 1, s = i % h.halfCount + h.halfCount;

	if (b < 0) {
		b = 0;
		s -= h.halfCount;
	}
	return s * Math.pow(2, b + h.unit);
}

function sizeAt(h, i) {
	return Math.pow(2, Math.max(0, Math.floor(i / h.halfCount) - 1) + h.unit);
}

function highAt(h, i) {
	return lowAt(h, i) + sizeAt(h, i) - 1;
}

function medianAt(h, i) {
	return lowAt(h, i) + Math.floor(sizeAt(h, i) / 2);
}

/* hdr_record_values; false past the highest trackable value. */
function hdrRecord(h, v, n) {
	var i;

	if (v > h.highest)
		return false;
	i = indexFor(h, v);
	if (!(i in h.counts)) {
		h.counts[i] = 0;
		if (h.indices.length > 0 && i < h.indices[h.indices.length - 1])
			h.sorted = false;
		h.indices.push(i);
	}
	h.counts[i] += n;
	h.total += n;
	if (v < h.min && v !== 0)
		h.min = v;
	if (v > h.max)
		h.max = v;
	return true;
}

/* Node's Histogram::Record: the value, or one more exceeding. */
function tally(h, v) {
	if (hdrRecord(h, v, 1))
		h.count++;
	else
		h.exceeds++;
}

/* Node's RecordDelta: nanoseconds since the previous call. */
function tallyDelta(h) {
	var t = Math.round(native.now() * 1e6);

	if (h.prev !== null)
		tally(h, t - h.prev);
	h.prev = t;
}

function ordered(h) {
	if (!h.sorted) {
		h.indices.sort(function (a, b) { return a - b; });
		h.sorted = true;
	}
	return h.indices;
}

function hdrMin(h) {
	if (h.counts[0] > 0)
		return 0;
	return h.min === INT64_MAX ? INT64_MAX : lowAt(h, indexFor(h, h.min));
}

function hdrMax(h) {
	return h.max === 0 ? 0 : highAt(h, indexFor(h, h.max));
}

function hdrMean(h) {
	var total = 0;

	ordered(h).forEach(function (i) { total += h.counts[i] * medianAt(h, i); });
	return total / h.total;
}

function hdrStddev(h) {
	var mean = hdrMean(h), sum = 0;

	ordered(h).forEach(function (i) {
		var dev = medianAt(h, i) - mean;

		sum += dev * dev * h.counts[i];
	});
	return Math.sqrt(sum / h.total);
}

function hdrPercentile(h, p) {
	var want = Math.max(1, Math.floor((Math.min(p, 100) / 100) * h.total + 0.5)), list = ordered(h), seen = 0, k;

	for (k = 0; k < list.length; k++) {
		seen += h.counts[list[k]];
		if (seen >= want)
			return highAt(h, list[k]);
	}
	return 0;
}

/* hdr_iter_percentile_init(h, 1): percentiles 0, 50, 75, 87.5, ...
 * (each step halves the distance to 100) at the first index reaching
 * them, then 100 at the last, each with its index's lowest value. */
function hdrPercentiles(h, map) {
	var list = ordered(h), seen = 0, value = 0, next = 0, k;

	map.clear();
	for (k = 0; k < list.length && seen < h.total; k++) {
		seen += h.counts[list[k]];
		value = lowAt(h, list[k]);
		while (next <= 100 * seen / h.total) {
			map.set(next, value);
			next += 100 / Math.pow(2, Math.floor(Math.log(100 / (100 - next)) / Math.log(2)) + 1);
			if (seen >= h.total)
				break;
		}
	}
	map.set(100, value);
}

function hdrAdd(h, from) {
	ordered(from).forEach(function (i) { hdrRecord(h, lowAt(from, i), from.counts[i]); });
	h.count += from.count;
	h.exceeds += from.exceeds;
}

function hdrReset(h) {
	h.counts = Object.create(null);
	h.indices = [];
	h.sorted = true;
	h.total = h.count = h.exceeds = h.max = 0;
	h.min = INT64_MAX;
	h.prev = null;
}

/*
 * Histogram, RecordableHistogram (createHistogram) and ELDHistogram
 * (monitorEventLoopDelay): classes that cannot be constructed, over an
 * hdr() state in kHandle.
 */

var kHandle = Symbol('kHandle'), kMap = Symbol('kMap'), kTimer = Symbol('kTimer');

function Histogram() {
	throw illegalConstructor();
}
var HP = Histogram.prototype;

function RecordableHistogram() {
	throw illegalConstructor();
}
subclass(RecordableHistogram, Histogram);
var RP = RecordableHistogram.prototype;

function ELDHistogram() {
	throw illegalConstructor();
}
subclass(ELDHistogram, Histogram);
var EP = ELDHistogram.prototype;

function isHistogram(v) {
	return v !== null && typeof v === 'object' && v[kHandle] !== undefined;
}

function handleOf(self, Kind) {
	if (!isHistogram(self) || !(self instanceof Kind))
		throw invalidThis(Kind.name);
	return self[kHandle];
}

function makeHistogram(proto, h) {
	var self = Object.create(proto);

	self[kHandle] = h;
	self[kMap] = new Map();
	return self;
}

[['count', function (h) { return h.count; }], ['min', hdrMin], ['max', hdrMax], ['mean', hdrMean],
	['exceeds', function (h) { return h.exceeds; }], ['stddev', hdrStddev]
].forEach(function (g) {
	getter(HP, g[0], function () { return g[1](handleOf(this, Histogram)); });
});

hide(HP, 'percentile', function percentile(p) {
	var h = handleOf(this, Histogram);

	if (typeof p !== 'number')
		throw errors.invalidArgType('percentile', 'of type number', p);
	if (!(p > 0 && p <= 100))
		throw errors.outOfRange('percentile', '> 0 && <= 100', p);
	return hdrPercentile(h, p);
});

getter(HP, 'percentiles', function () {
	hdrPercentiles(handleOf(this, Histogram), this[kMap]);
	return this[kMap];
});

hide(HP, 'reset', function reset() {
	hdrReset(handleOf(this, Histogram));
});

hide(HP, 'toJSON', function toJSON() {
	var percentiles = {};

	handleOf(this, Histogram);
	this.percentiles.forEach(function (v, k) { percentiles[k] = v; });
	return { count: this.count, min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
		stddev: this.stddev, percentiles: percentiles };
});

inspectAs(HP, 'Histogram', function (self) {
	return { min: self.min, max: self.max, mean: self.mean, exceeds: self.exceeds, stddev: self.stddev,
		count: self.count, percentiles: self.percentiles };
});

hide(RP, 'record', function record(val) {
	var h = handleOf(this, RecordableHistogram);

	errors.integer(val, 'val', 1, Number.MAX_SAFE_INTEGER);
	tally(h, val);
});

hide(RP, 'recordDelta', function recordDelta() {
	tallyDelta(handleOf(this, RecordableHistogram));
});

hide(RP, 'add', function add(other) {
	var h = handleOf(this, RecordableHistogram);

	if (!isHistogram(other) || !(other instanceof RecordableHistogram))
		throw errors.invalidArgType('other', 'an instance of RecordableHistogram', other);
	hdrAdd(h, other[kHandle]);
});

function createHistogram(options) {
	var lowest, highest, figures;

	if (options === undefined)
		options = {};
	errors.object(options, 'options');
	lowest = options.lowest === undefined ? 1 : options.lowest;
	highest = options.highest === undefined ? Number.MAX_SAFE_INTEGER : options.highest;
	figures = options.figures === undefined ? 3 : options.figures;
	errors.integer(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
	errors.integer(highest, 'options.highest', 2 * lowest, Number.MAX_SAFE_INTEGER);
	errors.integer(figures, 'options.figures', 1, 5);
	return makeHistogram(RP, hdr(lowest, highest, figures));
}

/* The sampler records each interval between its ticks, in nanoseconds:
 * the resolution plus however long the loop kept the tick waiting.  The
 * first tick after enable() only starts the clock, so time spent
 * disabled is no delay. */
hide(EP, 'enable', function enable() {
	var h = handleOf(this, ELDHistogram);

	if (this[kTimer])
		return false;
	h.prev = null;
	this[kTimer] = setInterval(function () { tallyDelta(h); }, h.resolution);
	this[kTimer].unref();
	return true;
});

hide(EP, 'disable', function disable() {
	handleOf(this, ELDHistogram);
	if (!this[kTimer])
		return false;
	clearInterval(this[kTimer]);
	this[kTimer] = null;
	return true;
});

/* Node's delay histogram: 1 microsecond up, to INT64_MAX nanoseconds. */
function monitorEventLoopDelay(options) {
	var resolution, h;

	if (options === undefined)
		options = {};
	errors.object(options, 'options');
	resolution = options.resolution === undefined ? 10 : options.resolution;
	errors.integer(resolution, 'options.resolution', 1, Number.MAX_SAFE_INTEGER);
	h = hdr(1000, INT64_MAX, 3);
	h.resolution = resolution;
	return makeHistogram(EP, h);
}

hide(Performance.prototype, 'timerify', timerify);
native.perfObserve(enqueue);

module.exports = {
	Performance: Performance,
	PerformanceEntry: PerformanceEntry,
	PerformanceMark: globalThis.PerformanceMark,
	PerformanceMeasure: globalThis.PerformanceMeasure,
	PerformanceObserver: PerformanceObserver,
	PerformanceObserverEntryList: PerformanceObserverEntryList,
	PerformanceResourceTiming: PerformanceResourceTiming,
	monitorEventLoopDelay: monitorEventLoopDelay,
	createHistogram: createHistogram,
	performance: performance,
	constants: {
		NODE_PERFORMANCE_GC_MAJOR: 4,
		NODE_PERFORMANCE_GC_MINOR: 1,
		NODE_PERFORMANCE_GC_INCREMENTAL: 8,
		NODE_PERFORMANCE_GC_WEAKCB: 16,
		NODE_PERFORMANCE_GC_FLAGS_NO: 0,
		NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
		NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
		NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
		NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
		NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
		NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64
	}
};
