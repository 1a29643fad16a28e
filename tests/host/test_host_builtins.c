/*
 * test_host_builtins.c - the ES2015-ES2023 library, the load-time gaps
 * (Proxy.revocable, BigInt, Symbol.prototype.description, normalize),
 * the stable sort, Reflect.construct's newTarget and the English Intl in
 * a plain .js worker: no compile server is given, so nothing is lowered.  Every expected line is what
 * Node 20 prints for the same script (run it with `node`); only the
 * BigInt call differs, by design.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"
#include "tsuite.h"

static struct hostfx fx;
static struct hostfx_result res;

static void
setup(void)
{
	hostfx_case_setup(&fx, &res);
}

static void
teardown(void)
{
	hostfx_case_teardown(&fx, &res);
}

/* A plain script (nothing lowered) logs what Node 20 logs for it. */
static void
prints_as_node(const char *script, const char *node)
{
	ck_assert_int_eq(hostfx_run_script(&fx, script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs), node);
}

static const char es_script[] =
	    "\n"
	    "function show(label, v) { console.log(label + ' ' + JSON.stringify(v)); }\n"
	    "show('from', [Array.from('héllo'), Array.from({ length: 3 }, function (_, i) { return i * 2; }), Array.from(new Set([1, 2, 2]))]);\n"
	    "show('of', Array.of(7, 8));\n"
	    "show('entries', Object.entries({ a: 1, b: [2] }));\n"
	    "show('fromEntries', Object.fromEntries([['x', 1], ['y', 2]]));\n"
	    "show('fromEntriesMap', Object.fromEntries(new Map([['k', 'v']])));\n"
	    "show('values', Object.values({ p: 'q' }));\n"
	    "show('hasOwn', [Object.hasOwn({ z: 1 }, 'z'), Object.hasOwn({}, 'toString')]);\n"
	    "show('includes', [[1, NaN].includes(NaN), [1, 2].includes(3), 'abc'.includes('b')]);\n"
	    "show('flat', [[1, [2, [3, [4]]]].flat(), [1, [2, [3, [4]]]].flat(Infinity), [1, 2].flatMap(function (x) { return [x, x * 10]; })]);\n"
	    "show('at', [[1, 2, 3].at(-1), 'xyz'.at(-2), [].at(0)]);\n"
	    "show('findLast', [[1, 2, 3, 4].findLast(function (x) { return x % 2; }), [1, 2, 3].findLastIndex(function (x) { return x > 5; })]);\n"
	    "show('toSorted', (function () { var a = [3, 1, 2]; return [a.toSorted(), a.toReversed(), a.with(0, 9), a.toSpliced(1, 1, 'a', 'b'), a]; })());\n"
	    "show('pad', ['5'.padStart(3, '0'), 'ab'.padEnd(5, 'xy'), 'abc'.padStart(2)]);\n"
	    "show('trim', ['  a  '.trimStart(), '  a  '.trimEnd()]);\n"
	    "show('replaceAll', ['a.b.c'.replaceAll('.', '/'), 'aaa'.replaceAll('a', '$&$&'), 'x1y2'.replaceAll(/\\d/g, '#')]);\n"
	    "show('matchAll', Array.from('a1b22'.matchAll(/\\d+/g), function (m) { return m[0] + '@' + m.index; }));\n"
	    "show('raw', String.raw({ raw: ['a', 'b', 'c'] }, 1, 2));\n"
	    "show('iter', (function () { var r = []; var it = [10, 20][Symbol.iterator](); r.push(it.next().value, it.next().value, it.next().done); return r; })());\n"
	    "show('math', [Math.trunc(-4.7), Math.sign(-3), Math.cbrt(27), Math.log1p(0), Math.hypot(3, 4)]);\n"
	    "show('typed', Array.from(new Uint8Array([3, 1, 2]).sort()));\n"
	    "show('description', [Symbol('hi').description, Symbol().description === undefined, Symbol('').description, Symbol.iterator.description, Symbol.for('reg').description, Object(Symbol('boxed')).description]);\n"
	    "show('normalize', ['\\u0041\\u030a'.normalize() === '\\u00c5', '\\u00c5'.normalize('NFD').length, '\\ufb01'.normalize('NFKC'), '\\u1e9b\\u0323'.normalize('NFKD').length, 'abc'.normalize('NFD'), '\\ud800x\\u0301'.normalize().length, '\\ud83d\\ude00'.normalize() === '\\ud83d\\ude00', '\\u1100\\u1161'.normalize().charCodeAt(0).toString(16)]);\n"
	    "try { 'a'.normalize('NFX'); } catch (e) { show('normalizeErr', e.name + ': ' + e.message); }\n"
	    "(function () {\n"
	    "  var r = Proxy.revocable({ a: 1 }, { get: function (t, k) { return k in t ? t[k] : 'dflt'; } });\n"
	    "  var seen = [r.proxy.a, r.proxy.b, 'a' in r.proxy];\n"
	    "  r.revoke();\n"
	    "  try { r.proxy.a; } catch (e) { seen.push(e instanceof TypeError); }\n"
	    "  try { 'a' in r.proxy; } catch (e) { seen.push(e instanceof TypeError); }\n"
	    "  show('revocable', seen);\n"
	    "})();\n"
	    "show('asyncIterator', typeof Symbol.asyncIterator);\n"
	    "show('forin', (function () { var k = []; for (var x in [1]) k.push(x); for (var y in 'ab') k.push(y); for (var z in {}) k.push(z); return k; })());\n"
	    "\n";

/* node es.js */
static const char es_node[] =
	    "log from [[\"h\",\"é\",\"l\",\"l\",\"o\"],[0,2,4],[1,2]]\n"
	    "log of [7,8]\n"
	    "log entries [[\"a\",1],[\"b\",[2]]]\n"
	    "log fromEntries {\"x\":1,\"y\":2}\n"
	    "log fromEntriesMap {\"k\":\"v\"}\n"
	    "log values [\"q\"]\n"
	    "log hasOwn [true,false]\n"
	    "log includes [true,false,true]\n"
	    "log flat [[1,2,[3,[4]]],[1,2,3,4],[1,10,2,20]]\n"
	    "log at [3,\"y\",null]\n"
	    "log findLast [3,-1]\n"
	    "log toSorted [[1,2,3],[2,1,3],[9,1,2],[3,\"a\",\"b\",2],[3,1,2]]\n"
	    "log pad [\"005\",\"abxyx\",\"abc\"]\n"
	    "log trim [\"a  \",\"  a\"]\n"
	    "log replaceAll [\"a/b/c\",\"aaaaaa\",\"x#y#\"]\n"
	    "log matchAll [\"1@1\",\"22@3\"]\n"
	    "log raw \"a1b2c\"\n"
	    "log iter [10,20,true]\n"
	    "log math [-4,-1,3,0,5]\n"
	    "log typed [1,2,3]\n"
	    "log description [\"hi\",true,\"\",\"Symbol.iterator\",\"reg\",\"boxed\"]\n"
	    "log normalize [true,2,\"fi\",3,\"abc\",3,true,\"ac00\"]\n"
	    "log normalizeErr \"RangeError: The normalization form should be one of NFC, NFD, NFKC, NFKD.\"\n"
	    "log revocable [1,\"dflt\",true,true,true]\n"
	    "log asyncIterator \"symbol\"\n"
	    "log forin [\"0\",\"0\",\"1\"]\n";

START_TEST(es_library_without_lowering)
{
	prints_as_node(es_script, es_node);
}
END_TEST

static const char bigint_script[] =
	    "function show(label, v) { console.log(label + ' ' + JSON.stringify(v)); }\n"
	    "show('bigint', [typeof BigInt, typeof BigInt === 'function', typeof BigInt.asUintN]);\n"
	    "try { BigInt(1); } catch (e) { show('bigintErr', e.name + ': ' + e.message); }\n";

START_TEST(bigint_exists_and_refuses)
{
	ck_assert_int_eq(hostfx_run_script(&fx, bigint_script, NULL, NULL, &res), 0);
	/* Node prints only the first line: its BigInt(1) works. */
	ck_assert_str_eq(hostfx_nz(res.logs),
	    "log bigint [\"function\",true,\"function\"]\n"
	    "log bigintErr \"TypeError: BigInt is not supported\"\n");
}
END_TEST

static const char intl_script[] =
	    "function show(label, v) { console.log(label + ' ' + JSON.stringify(v)); }\n"
	    "var nf = function (o, x) { return new Intl.NumberFormat('en', o).format(x); };\n"
	    "show('number', [nf({ maximumFractionDigits: 2 }, 1.005), (1234567.891).toLocaleString(), (0.000001234).toLocaleString(), (1e21).toLocaleString(), (-0).toLocaleString(), NaN.toLocaleString(), (1 / 0).toLocaleString(), (-1 / 0).toLocaleString('en-US'), (0.1 + 0.2).toLocaleString(), (999.9999).toLocaleString(), (1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 })]);\n"
	    "show('styles', [nf({ style: 'percent' }, 0.256), nf({ style: 'currency', currency: 'USD' }, -1234.5), nf({ style: 'currency', currency: 'EUR' }, 3), nf({ style: 'currency', currency: 'JPY' }, 3.5), nf({ style: 'currency', currency: 'GBP', currencyDisplay: 'code' }, 1), nf({ style: 'currency', currency: 'CHF' }, 1)]);\n"
	    "show('digits', [nf({ minimumFractionDigits: 2 }, 5), nf({ maximumSignificantDigits: 3 }, 123456), nf({ maximumSignificantDigits: 2 }, 0.012345), nf({ minimumSignificantDigits: 4 }, 1.5), nf({ minimumIntegerDigits: 3 }, 7), nf({ useGrouping: false }, 12345.6789), nf({}, 2.5e-7), nf({}, 123456789012345680000), nf({ maximumFractionDigits: 0 }, 2.5), nf({ maximumFractionDigits: 0 }, -2.5), nf({ maximumFractionDigits: 1 }, 9.96)]);\n"
	    "show('signs', [nf({ signDisplay: 'always' }, 5), nf({ signDisplay: 'always' }, 0), nf({ signDisplay: 'exceptZero' }, 0), nf({ signDisplay: 'exceptZero' }, -3), nf({ signDisplay: 'never' }, -3)]);\n"
	    "show('compact', [nf({ notation: 'compact' }, 1234), nf({ notation: 'compact' }, 12345), nf({ notation: 'compact' }, 123456), nf({ notation: 'compact' }, 1234567), nf({ notation: 'compact', compactDisplay: 'long' }, 1234567), nf({ notation: 'compact' }, 999999), nf({ notation: 'compact' }, 15), nf({ notation: 'compact' }, 1.55), nf({ notation: 'compact' }, 999.9), nf({ notation: 'compact' }, 2.5e12)]);\n"
	    "show('parts', new Intl.NumberFormat('en').formatToParts(-1234.5));\n"
	    "show('nfOptions', new Intl.NumberFormat().resolvedOptions().maximumFractionDigits);\n"
	    "show('plural', [[0, 1, 2, 1.5, '1'].map(function (n) { return new Intl.PluralRules('en').select(n); }), [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(function (n) { return new Intl.PluralRules('en', { type: 'ordinal' }).select(n); }), new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1), new Intl.PluralRules('en').resolvedOptions().pluralCategories]);\n"
	    "show('compare', ['a'.localeCompare('B'), 'a'.localeCompare('A'), 'résumé'.localeCompare('resume'), 'résumé'.localeCompare('resume', undefined, { sensitivity: 'base' }), 'a'.localeCompare('A', undefined, { sensitivity: 'accent' }), 'a'.localeCompare('á', undefined, { sensitivity: 'case' }), 'a'.localeCompare('A', undefined, { sensitivity: 'case' }), 'item10'.localeCompare('item9'), 'item10'.localeCompare('item9', undefined, { numeric: true }), ''.localeCompare('a'), 'ab'.localeCompare('a'), 'a'.localeCompare('a'), 'Zebra'.localeCompare('apple'), 'a-b'.localeCompare('ab', 'en', { ignorePunctuation: true })]);\n"
	    "show('sort', ['z', 'a', 'Z', 'ä', 'b', '_x', '10', '9', 'Ab', 'ab', 'aB', 'é', 'e', 'E', 'f'].sort(new Intl.Collator('en').compare));\n"
	    "show('sortNumericUpper', ['z', 'a', 'Z', 'ä', 'b', '_x', '10', '9', 'Ab', 'ab', 'aB', 'file2', 'file10', 'file1'].sort(new Intl.Collator('en', { numeric: true, caseFirst: 'upper' }).compare));\n"
	    "show('ascii', (function () { var c = []; for (var i = 32; i < 127; i++) c.push(String.fromCharCode(i)); return c.sort(new Intl.Collator('en').compare).join(''); })());\n"
	    "show('base', ['Résumé', 'resume', 'RESUME'].map(function (s) { return new Intl.Collator('en', { sensitivity: 'base' }).compare(s, 'resume'); }));\n"
	    "var d = new Date(Date.UTC(2024, 0, 5, 15, 4, 9));\n"
	    "var utc = { timeZone: 'UTC' };\n"
	    "show('dates', [d.toLocaleString('en-US', utc), d.toLocaleDateString('en-US', utc), d.toLocaleTimeString('en-US', utc), new Date(NaN).toLocaleString()]);\n"
	    "show('styles', ['full', 'long', 'medium', 'short'].map(function (s) { return new Intl.DateTimeFormat('en', { dateStyle: s, timeStyle: s, timeZone: 'UTC' }).format(d); }));\n"
	    "show('dateOnly', ['full', 'long', 'medium', 'short'].map(function (s) { return new Intl.DateTimeFormat('en', { dateStyle: s, timeZone: 'UTC' }).format(d); }));\n"
	    "show('fields', [\n"
	    "  new Intl.DateTimeFormat('en', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { month: 'long', day: 'numeric', hour: 'numeric', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { weekday: 'short', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { year: '2-digit', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { hour: 'numeric', timeZone: 'UTC', timeZoneName: 'short' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'UTC' }).format(d),\n"
	    "  new Intl.DateTimeFormat('en', utc).format(d),\n"
	    "  new Intl.DateTimeFormat('en', utc).format(0)]);\n"
	    "show('dparts', new Intl.DateTimeFormat('en', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).formatToParts(new Date(0)));\n"
	    "show('dtOptions', new Intl.DateTimeFormat('en-US', utc).resolvedOptions());\n"
	    "show('locales', [Intl.getCanonicalLocales(['EN-us', 'en-gb']), new Intl.NumberFormat('en-gb').resolvedOptions().locale, new Intl.Collator().resolvedOptions().locale, typeof Intl.DateTimeFormat.supportedLocalesOf, Object.prototype.toString.call(Intl), Object.prototype.toString.call(new Intl.NumberFormat())]);\n"
	    "[function () { new Intl.NumberFormat('x_y'); }, function () { new Intl.DateTimeFormat('en', { timeZone: 'Mars/Base' }); }, function () { new Intl.NumberFormat('en', { style: 'currency' }); }, function () { new Intl.DateTimeFormat('en', utc).format(NaN); }, function () { new Intl.NumberFormat('en', { style: 'bogus' }); }].forEach(function (f) {\n"
	    "  try { f(); show('noError', null); } catch (e) { show('error', e.name + ': ' + e.message); }\n"
	    "});\n"
	    "show('arrayLocale', [1234.5, 'x', new Date(0)].toLocaleString('en-US', utc));\n"
	    "show('accents', ['u\\u0308\\u0301', 'u\\u0301\\u0308', '\\u00fc', '\\u00fa', 'u', 'U', '\\u00dc', 'ux'].sort(new Intl.Collator('en').compare).map(function (s) { return escape(s); }));\n"
	    "show('spaces', ['a b', 'ab', 'a-b', 'co-op', 'coop', 'Co-op', 'a\\u00a0b'].sort(function (a, b) { return a.localeCompare(b); }));\n"
	    "show('ignorePunct', ['co-op', 'coop', 'co op'].map(function (s) { return s.localeCompare('coop', 'en', { ignorePunctuation: true }); }));\n";

/* node intl.js */
static const char intl_node[] =
	    "log number [\"1.01\",\"1,234,567.891\",\"0\",\"1,000,000,000,000,000,000,000\",\"-0\",\"NaN\",\"∞\",\"-∞\",\"0.3\",\"1,000\",\"1,234.50\"]\n"
	    "log styles [\"26%\",\"-$1,234.50\",\"€3.00\",\"¥4\",\"GBP 1.00\",\"CHF 1.00\"]\n"
	    "log digits [\"5.00\",\"123,000\",\"0.012\",\"1.500\",\"007\",\"12345.679\",\"0\",\"123,456,789,012,345,680,000\",\"3\",\"-3\",\"10\"]\n"
	    "log signs [\"+5\",\"+0\",\"0\",\"-3\",\"3\"]\n"
	    "log compact [\"1.2K\",\"12K\",\"123K\",\"1.2M\",\"1.2 million\",\"1M\",\"15\",\"1.6\",\"1K\",\"2.5T\"]\n"
	    "log parts [{\"type\":\"minusSign\",\"value\":\"-\"},{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"group\",\"value\":\",\"},{\"type\":\"integer\",\"value\":\"234\"},{\"type\":\"decimal\",\"value\":\".\"},{\"type\":\"fraction\",\"value\":\"5\"}]\n"
	    "log nfOptions 3\n"
	    "log plural [[\"other\",\"one\",\"other\",\"other\",\"one\"],[\"one\",\"two\",\"few\",\"other\",\"other\",\"other\",\"other\",\"one\",\"two\",\"few\",\"one\",\"other\"],\"other\",[\"one\",\"other\"]]\n"
	    "log compare [-1,-1,1,0,0,0,-1,-1,1,-1,1,0,1,0]\n"
	    "log sort [\"_x\",\"10\",\"9\",\"a\",\"ä\",\"ab\",\"aB\",\"Ab\",\"b\",\"e\",\"E\",\"é\",\"f\",\"z\",\"Z\"]\n"
	    "log sortNumericUpper [\"_x\",\"9\",\"10\",\"a\",\"ä\",\"Ab\",\"aB\",\"ab\",\"b\",\"file1\",\"file2\",\"file10\",\"Z\",\"z\"]\n"
	    "log ascii \" _-,;:!?.'\\\"()[]{}@*/\\\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ\"\n"
	    "log base [0,0,0]\n"
	    "log dates [\"1/5/2024, 3:04:09 PM\",\"1/5/2024\",\"3:04:09 PM\",\"Invalid Date\"]\n"
	    "log styles [\"Friday, January 5, 2024 at 3:04:09 PM Coordinated Universal Time\",\"January 5, 2024 at 3:04:09 PM UTC\",\"Jan 5, 2024, 3:04:09 PM\",\"1/5/24, 3:04 PM\"]\n"
	    "log dateOnly [\"Friday, January 5, 2024\",\"January 5, 2024\",\"Jan 5, 2024\",\"1/5/24\"]\n"
	    "log fields [\"Friday, January 5, 2024\",\"January 5 at 3 PM\",\"Jan 2024\",\"Fri, 1/5\",\"01/05/24\",\"3 PM UTC\",\"03:04 PM\",\"15:04\",\"January\",\"2024\",\"1/5/2024\",\"1/1/1970\"]\n"
	    "log dparts [{\"type\":\"hour\",\"value\":\"12\"},{\"type\":\"literal\",\"value\":\":\"},{\"type\":\"minute\",\"value\":\"00\"},{\"type\":\"literal\",\"value\":\" \"},{\"type\":\"dayPeriod\",\"value\":\"AM\"}]\n"
	    "log dtOptions {\"locale\":\"en-US\",\"calendar\":\"gregory\",\"numberingSystem\":\"latn\",\"timeZone\":\"UTC\",\"year\":\"numeric\",\"month\":\"numeric\",\"day\":\"numeric\"}\n"
	    "log locales [[\"en-US\",\"en-GB\"],\"en-GB\",\"en-US\",\"function\",\"[object Intl]\",\"[object Intl.NumberFormat]\"]\n"
	    "log error \"RangeError: Incorrect locale information provided\"\n"
	    "log error \"RangeError: Invalid time zone specified: Mars/Base\"\n"
	    "log error \"TypeError: Currency code is required with currency style.\"\n"
	    "log error \"RangeError: Invalid time value\"\n"
	    "log error \"RangeError: Value bogus out of range for Intl.NumberFormat options property style\"\n"
	    "log arrayLocale \"1,234.5,x,1/1/1970, 12:00:00 AM\"\n"
	    "log accents [\"u\",\"U\",\"%FA\",\"u%u0301%u0308\",\"%FC\",\"%DC\",\"u%u0308%u0301\",\"ux\"]\n"
	    "log spaces [\"a b\",\"a b\",\"a-b\",\"ab\",\"co-op\",\"Co-op\",\"coop\"]\n"
	    "log ignorePunct [0,0,0]\n";

START_TEST(intl_english)
{
	prints_as_node(intl_script, intl_node);
}
END_TEST

static const char sort_script[] =
	    "function show(label, v) { console.log(label + ' ' + JSON.stringify(v)); }\n"
	    "var a = []; for (var i = 0; i < 50; i++) a.push({ k: i % 3, i: i });\n"
	    "a.sort(function (x, y) { return x.k - y.k; });\n"
	    "show('stable', a.map(function (e) { return e.i; }));\n"
	    "show('default', [10, 9, 1, 'b', 'B', undefined, 'a', null, 2].sort());\n"
	    "var h = [3, , 1, undefined, 2]; h.sort(); show('holes', [h.length, 1 in h, 3 in h, 4 in h, h[3]]);\n"
	    "show('numbers', [5, 1, 4, 2, 3].sort(function (x, y) { return y - x; }));\n"
	    "show('nan', [3, 1, 2].sort(function () { return NaN; }));\n"
	    "show('unicode', ['\\ud83d\\ude00', '\\uffff', 'z', '\\u00e9'].sort().map(escape));\n"
	    "var o = { 0: 'c', 1: 'a', 2: 'b', length: 3 }; Array.prototype.sort.call(o); show('arrayLike', [o[0], o[1], o[2]]);\n"
	    "var keep = [3, 2, 1]; try { keep.sort(function () { throw new Error('x'); }); } catch (e) { show('throws', [e.message, keep]); }\n"
	    "try { [].sort(1); } catch (e) { show('badFn', e.name + ': ' + e.message); }\n"
	    "show('typed', Array.from(new Float64Array([3, -0, 0, NaN, -1]).sort()).map(function (x) { return Object.is(x, -0) ? '-0' : String(x); }));\n"
	    "show('toSorted', [3, 1, 2].toSorted());\n";

/* node sort.js */
static const char sort_node[] =
	    "log stable [0,3,6,9,12,15,18,21,24,27,30,33,36,39,42,45,48,1,4,7,10,13,16,19,22,25,28,31,34,37,40,43,46,49,2,5,8,11,14,17,20,23,26,29,32,35,38,41,44,47]\n"
	    "log default [1,10,2,9,\"B\",\"a\",\"b\",null,null]\n"
	    "log holes [5,true,true,false,null]\n"
	    "log numbers [5,4,3,2,1]\n"
	    "log nan [3,1,2]\n"
	    "log unicode [\"z\",\"%E9\",\"%uD83D%uDE00\",\"%uFFFF\"]\n"
	    "log arrayLike [\"a\",\"b\",\"c\"]\n"
	    "log throws [\"x\",[3,2,1]]\n"
	    "log badFn \"TypeError: The comparison function must be either a function or undefined\"\n"
	    "log typed [\"-1\",\"-0\",\"0\",\"3\",\"NaN\"]\n"
	    "log toSorted [1,2,3]\n";

START_TEST(sort_is_stable)
{
	prints_as_node(sort_script, sort_node);
}
END_TEST

/* Reflect.construct with a newTarget (Duktape's refuses one). */
static const char construct_script[] =
	    "function show(label, v) { console.log(label + ' ' + JSON.stringify(v)); }\n"
	    "function F(a, b) { this.sum = a + b; }\n"
	    "function G() {}\n"
	    "G.prototype.tag = 'g';\n"
	    "var o = Reflect.construct(F, [1, 2], G);\n"
	    "var m = Reflect.construct(Map, [], G); Map.prototype.set.call(m, 1, 2);\n"
	    "var other = {};\n"
	    "function R() { return other; }\n"
	    "var errs = [];\n"
	    "try { Reflect.construct(function () {}, [], Math.max); } catch (e) { errs.push(e.name); }\n"
	    "try { Reflect.construct(F, [], undefined); } catch (e) { errs.push(e.name); }\n"
	    "try { Reflect.construct(F, 1); } catch (e) { errs.push(e.name); }\n"
	    "try { Reflect.construct(F, [], Map.prototype.get); } catch (e) { errs.push(e.name); }\n"
	    "try { Reflect.construct(Set.prototype.add, []); } catch (e) { errs.push(e.name); }\n"
	    "show('construct', [o.sum, o.tag, o instanceof G, o instanceof F, Map.prototype.get.call(m, 1), Object.getPrototypeOf(m) === G.prototype, Reflect.construct(R, [], G) === other, Reflect.construct(F, [2, 3]).sum, Reflect.construct.length, errs]);\n";

/* node construct.js */
static const char construct_node[] =
	    "log construct [3,\"g\",true,false,2,true,true,5,2,[\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\",\"TypeError\"]]\n";

START_TEST(reflect_construct_new_target)
{
	prints_as_node(construct_script, construct_node);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_builtins");
	TCase *tc = tcase_create("builtins");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, es_library_without_lowering);
	tcase_add_test(tc, bigint_exists_and_refuses);
	tcase_add_test(tc, intl_english);
	tcase_add_test(tc, sort_is_stable);
	tcase_add_test(tc, reflect_construct_new_target);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
