// regexp-cases.js - the RegExp cases of test_host_regexp.c.  Each case
// prints "name JSON"; regexp-cases.node20.txt is what Node 20 prints for
// this file (node tests/host/regexp-cases.js > tests/host/regexp-cases.node20.txt),
// and the test runs it in a worker and wants the same lines.  Modern
// literals make Duktape reject the file, so it goes through the lowering.
'use strict';
function ex(m) {
	if (m === null) return null;
	var o = { m: Array.prototype.slice.call(m), index: m.index, groups: m.groups };
	if (m.indices) o.indices = { all: Array.prototype.slice.call(m.indices), groups: m.indices.groups };
	return o;
}
function err(f) {
	try { f(); return 'no error'; } catch (e) { return e.name; }
}
const cases = [
	['exec-basic', () => ex(/a(b)?c/.exec('xxacz'))],
	['exec-input', () => /b/.exec('abc').input],
	['flag-g-lastIndex', () => { const r = /o/g; const a = []; while (r.exec('foo boo')) a.push(r.lastIndex); return [a, r.lastIndex]; }],
	['flag-i', () => [/HELLO/i.test('say hello'), /é/i.test('É'), /[a-z]+/i.exec('ABC def')[0]]],
	['flag-m', () => ['a\nb\r\nc'.match(/^\w$/gm), /^b$/.test('a\nb'), /c$/m.exec('c\nd').index]],
	['flag-s', () => [/a.c/s.test('a\nc'), /a.c/.test('a\nc'), /a.c/.test('a\u2028c'), /^.$/s.test('\r')]],
	['flag-u-surrogates', () => ['😀a'.match(/./gu), '😀'.match(/./g).length, /^.$/u.test('😀'), /^.$/.test('😀'), /\u{1F600}/u.test('😀')]],
	['flag-u-class', () => [/[😀-😂]/u.test('😁'), '😀😁x'.replace(/[😀😁]/gu, '-'), /^[^a]$/u.test('😀')]],
	['flag-u-lone-surrogates', () => { const hex = (x) => x === null ? null : Array.prototype.map.call(x, (c) => c.charCodeAt(0).toString(16)).join(' '); return [/[\uD800-\uDFFF]/u.test('a\uD800b'), /[\uD800-\uDFFF]/u.test('😀'), /[\u{D800}-\u{DFFF}]/u.test('x\uDC00'), 'a\uD800b\uDC00😀'.match(/./gu).length, hex('x\uD83Dy😀\uD83D'.replace(/\uD83D/gu, '?')), '\uD800'.search(/[^a]/u), /^[\0-\uFFFF]$/u.test('\uDBFF'), /^[\0-\uFFFF]$/u.test('😀'), /\p{Cs}/u.test('\uD800'), /\P{Cs}/u.test('\uD800'), /^[\P{Cs}]$/u.test('\uD800'), /\p{General_Category=Surrogate}/u.test('\uDFFF'), hex(/(\uD800)(b)/u.exec('a\uD800b')[1]), /(\uD800)(b)/ud.exec('a\uD800b').indices.slice(0), 'a\uD800\uD800b'.split(/\uD800/u), hex('q\uDC00\uDC00z'.replace(/\uDC00+/u, '<$&>')), /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test('plain'), /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test('l\uDFFFone'), [...'\uD800b\uD800'.matchAll(/\uD800|b/gu)].map((m) => m.index)]; }],
	['flag-y', () => { const r = /foo/y; const out = [r.test('foofoo'), r.lastIndex, r.test('foofoo'), r.lastIndex, r.test('foofoo'), r.lastIndex]; r.lastIndex = 1; out.push(r.test('xfoo'), r.lastIndex); return out; }],
	['flag-y-no-search', () => { const r = /b/y; r.lastIndex = 0; return [r.exec('ab'), r.lastIndex]; }],
	['flag-d', () => ex(/a(?<x>b)(c)?/d.exec('zab'))],
	['flags-source-toString', () => { const r = new RegExp('a/b', 'yusmigd'); return [r.flags, r.source, String(r), r.global, r.sticky, r.unicode, r.dotAll, r.hasIndices, String(new RegExp('')), String(/\n/), new RegExp('\n').source]; }],
	['named-groups', () => ex(/(?<year>\d{4})-(?<month>\d{2})/.exec('on 2024-05-17'))],
	['named-backref', () => [/^(?<q>['"]).*\k<q>$/.test('"abc"'), /^(?<q>['"]).*\k<q>$/.test('"abc\'')]],
	['numbered-backref', () => [/(a)\1/.test('aa'), /(a)|\1b/.exec('b')[0], /\1(a)/.exec('aa')[0]]],
	['lookbehind-positive', () => ['$10 and $20'.match(/(?<=\$)\d+/g), ex(/(?<=a(b))c/.exec('abc'))]],
	['lookbehind-negative', () => ['a1 b2 c3'.match(/(?<!b)\d/g), 'price 5 $6'.replace(/(?<!\$)\b\d/g, '#')]],
	['lookahead', () => ['abcabd'.match(/ab(?=d)/g), 'ab ac'.match(/a(?!b)./g)]],
	['property-L', () => ['héllo wörld 123 Ωμέγα'.match(/\p{L}+/gu), /^\p{Lu}$/u.test('Á'), /^\p{Letter}$/u.test('1')]],
	['property-script', () => ['abc αβγ ДЖ'.match(/\p{Script=Greek}+/gu), 'abc αβγ ДЖ'.match(/\p{sc=Cyrillic}+/gu), /\p{Script_Extensions=Latin}/u.test('a')]],
	['property-negated', () => ['a1b2'.replace(/\P{L}/gu, ''), /^[\P{N}]+$/u.test('abc'), /\p{N}/u.test('٣')]],
	['property-binary', () => [/\p{Emoji}/u.test('😀'), /^\p{ASCII}+$/u.test('abc'), /\p{White_Space}/u.test('\u3000'), /\p{Any}/u.test('\n')]],
	['property-non-u', () => [/\p{L}/.test('p{L}'), /\p/.test('p')]],
	['matchAll', () => Array.from('a1b22c333'.matchAll(/(?<d>\d+)/g), (m) => [m[0], m.index, m.groups.d])],
	['matchAll-string', () => Array.from('a.b.c'.matchAll('.'), (m) => m.index)],
	['matchAll-non-global', () => err(() => 'a'.matchAll(/a/))],
	['matchAll-empty', () => Array.from('😀😀'.matchAll(/(?:)/gu), (m) => m.index)],
	['replace-string', () => ['a-b-c'.replace('-', '+'), 'abc'.replace('b', '[$&$`$\'$$]'), 'abc'.replace(/b/, '[$&$`$\'$$]')]],
	['replace-groups', () => ['2024-05'.replace(/(\d+)-(\d+)/, '$2/$1'), '2024-05'.replace(/(?<y>\d+)-(?<m>\d+)/, '$<m>/$<y>'), 'ab'.replace(/(a)/, '$2$1$01$10')]],
	['replace-fn', () => 'x=1, y=22'.replace(/(?<k>\w)=(\d+)/g, (m, k, v, off, s, g) => `${g.k}:${v * 2}@${off}/${s.length}`)],
	['replaceAll', () => ['a.b.c'.replaceAll('.', '/'), 'aaa'.replaceAll('a', '$&$&'), 'x1y2'.replaceAll(/(?<d>\d)/g, '<$<d>>'), 'ab'.replaceAll('', '-'), err(() => 'a'.replaceAll(/a/, 'b'))]],
	['replaceAll-fn', () => 'a1b2'.replaceAll(/\d/g, (d, off) => `[${d}${off}]`)],
	['replace-empty-global', () => ['abc'.replace(/(?:)/g, '-'), '😀'.replace(/(?:)/gu, '-'), '😀'.replace(/(?:)/g, '-').length]],
	['split', () => ['a,b;c'.split(/[,;]/), 'a1b2c3'.split(/(\d)/), 'a1b2c3'.split(/(\d)/, 4), 'abc'.split(/(?:)/), ''.split(/,/), ''.split(/(?:)/), 'a,b'.split(/,/, 0)]],
	['split-u', () => ['😀😁'.split(/(?:)/u), '😀😁'.split(/(?:)/).length, 'a😀b'.split(/(?<=😀)/u)]],
	['split-string', () => ['a,b,,c'.split(','), 'abc'.split(''), 'a b'.split(undefined), 'a,b,c'.split(',', 2)]],
	['match', () => ['a1b2'.match(/\d/g), ex('a1b2'.match(/\d/)), 'abc'.match(/x/g), 'a.b'.match('.')[0]]],
	['search', () => ['abc'.search(/c/), 'abc'.search(/x/), 'a.c'.search('.'), (() => { const r = /b/g; r.lastIndex = 2; const i = 'abc'.search(r); return [i, r.lastIndex]; })()]],
	['escapes', () => [/\d\w\s/.test('1a '), /^\s+$/.test('\u00a0\u2028\ufeff\u3000'), /\cJ/.test('\n'), /\x41\u0042/.test('AB'), /[\b]/.test('\b'), /\0/.test('\0'), /a{2}/.test('aa'), /a{,2}/.test('a{,2}'), /\//.test('/')]],
	['class-escapes', () => ['a-1_ b'.match(/[\w-]+/g), 'a b\tc'.split(/[\s]/), /[^\S]/.test(' '), /[\D]/.test('5')]],
	['word-boundary-i', () => ['Foo foo FOO'.match(/\bfoo\b/gi), /\Bo/i.test('fOo')]],
	['annexB', () => [/]/.test(']'), /{/.test('{'), /a{1/.test('a{1'), /\a/.test('a'), /\8/.test('8'), /[\d-z]/.test('-'), /\1/.test('\u0001')]],
	['symbols', () => [typeof Symbol.match, typeof Symbol.replace, typeof Symbol.split, typeof Symbol.search, typeof Symbol.matchAll, RegExp.prototype[Symbol.replace].name]],
	['symbol-protocol', () => { const fake = { [Symbol.replace]: (s, r) => s + '|' + r, [Symbol.split]: (s, l) => [s, l], [Symbol.search]: () => 42, [Symbol.match]: (s) => ['m:' + s] }; return ['abc'.replace(fake, 'R'), 'abc'.split(fake, 3), 'abc'.search(fake), 'abc'.match(fake)]; }],
	['custom-exec', () => { const r = /x/; r.exec = function (s) { return { 0: 'custom', index: 1, length: 1 }; }; return [r.test('abc'), 'abc'.replace(r, 'Y')]; }],
	['isRegExp-symbol', () => { const r = /a/; r[Symbol.match] = false; return err(() => '/a/'.startsWith(r)); }],
	['instanceof', () => [/a/ instanceof RegExp, new RegExp('a', 'u') instanceof RegExp, /(?<x>a)/ instanceof RegExp, Object.prototype.toString.call(/a/su), RegExp('a').constructor === RegExp, typeof RegExp.prototype.exec]],
	['constructor', () => { const r = /a/g; return [RegExp(r) === r, new RegExp(r) === r, new RegExp(r, 'i').flags, new RegExp(r).flags, new RegExp(/x/y, '').flags, RegExp.length, RegExp.name]; }],
	['lastIndex-rules', () => { const r = /a/g; r.lastIndex = 5; const x = r.exec('aaa'); const n = /a/; n.lastIndex = 2; const y = n.exec('aaa').index; return [x, r.lastIndex, y, n.lastIndex]; }],
	['unicode-case', () => [/\u212A/i.test('k'), /\u212A/iu.test('k'), /σ/iu.test('Σ'), /[a-z]/iu.test('K')]],
	['errors', () => [err(() => new RegExp('(')), err(() => new RegExp('a', 'gg')), err(() => new RegExp('a', 'x')), err(() => new RegExp('(?<a>x)(?<a>y)')), err(() => new RegExp('\\k<b>(?<a>x)')), err(() => new RegExp('\\p{Nope}', 'u')), err(() => new RegExp('{', 'u')), err(() => new RegExp('[b-a]'))]],
	['greedy-lazy', () => [/a+?/.exec('aaa')[0], /a*/.exec('aaa')[0], /(a|ab)(c|bcd)(d*)/.exec('abcd').slice(0)]],
	['flag-v', () => [new RegExp('^\\d+$', 'v').test('123'), /\p{L}/v.test('é'), /./v.exec('😀')[0].length, err(() => new RegExp('[\\w-]', 'v')), new RegExp('a', 'v').flags, new RegExp('a', 'v').unicodeSets, /a/u.unicodeSets, RegExp.prototype.unicodeSets, String(/[\&\!]x/gv), /^[\&\!]$/v.test('!'), err(() => new RegExp('a', 'uv')), err(() => new RegExp('[(]', 'v')), err(() => new RegExp('[a!!]', 'v')), err(() => new RegExp('[a-]', 'v'))]],
	['group-names', () => [/(?<\u0041>.)/u.exec('a').groups, new RegExp('(?<a\\u{104A4}>.)').exec('a').groups, new RegExp('(?<$\u{104A4}>.)').exec('a').groups, /(?<π>a)\k<\u03c0>/.test('aa'), err(() => new RegExp('(?<🦊>x)')), err(() => new RegExp('(?<\u{1d7da}x>x)')), err(() => new RegExp('(?<a\\uD801>x)')), Object.getPrototypeOf(/(?<__proto__>.)/.exec('a').groups), /(?<__proto__>.)/.exec('a').groups.__proto__]],
	['exec-result-defined', () => { const seen = []; const keys = ['groups', 'index', 'input', 'indices', '0', '1']; for (const k of keys) Object.defineProperty(Array.prototype, k, { set() { seen.push(k); }, configurable: true }); const m = /(?<x>.)/d.exec('ab'); const out = [seen, m.index, m.input, m[0], m.groups.x, m.indices[1], Array.isArray(m), Array.isArray(m.indices[0])]; for (const k of keys) delete Array.prototype[k]; return out; }],
	['quantifier-syntax', () => [err(() => new RegExp('a++')), err(() => new RegExp('a{2}*')), err(() => new RegExp('a??+')), err(() => new RegExp('(?=.)*', 'u')), new RegExp('(?=.)*').test('a'), err(() => new RegExp('(?<=a)?')), err(() => new RegExp('^*')), err(() => new RegExp('\\b+')), err(() => new RegExp('a|*')), new RegExp('b{9007199254740991}', 'u').test('b'), new RegExp('b{9007199254740991,}?').test('a'), new RegExp('b{2,9007199254740991}').exec('bbbb')[0], /a{2,3}?/.exec('aaa')[0], /x{1,2/.test('x{1,2'), err(() => new RegExp('a{3,2}'))]],
	['protocol-coerce', () => [err(() => /./[Symbol.search](Symbol.search)), err(() => /./[Symbol.split](Symbol.split)), err(() => /./[Symbol.match](Symbol.match)), err(() => { const r = /./; r.exec = () => ({ length: 1, 0: '', index: 0, groups: null }); r[Symbol.replace]('bar', ''); }), (() => { const r = /./; r.exec = () => ({ length: 1, 0: 'b', index: 0, groups: null }); return r[Symbol.replace]('bar', (m, i, s, g) => String(g)); })(), Object.getOwnPropertyDescriptor(RegExp, 'prototype').writable]],
	['case-fold-after-unicode-14', () => [/[\u0390]/ui.test('\u1fd3'), /\u1fe3/ui.test('\u03b0'), /\ufb05/ui.test('\ufb06'), /[\u0380-\u03a0]/ui.test('\u1fd3'), /\u0390/u.test('\u1fd3'), /\u0390/i.test('\u1fd3'), /[^\u0390]/ui.test('\u1fd3')]],
	['toString-proto', () => [String(RegExp.prototype), RegExp.prototype.source, RegExp.prototype.global, RegExp.prototype.flags]],
];
for (const [name, f] of cases) {
	let v;
	try { v = JSON.stringify(f()); } catch (e) { v = 'threw ' + e.name + ': ' + e.message; }
	console.log(name + ' ' + v);
}
