// querystring: parse and stringify as packages call them.
var qs = require('querystring');
function show(name, v) { console.log(name, JSON.stringify(v), v && typeof v === 'object' && !Array.isArray(v) ? Object.getPrototypeOf(v) === null : ''); }
show('basic', qs.parse('a=1&b=2&a=3&c'));
show('plus and percent', qs.parse('q=hello+world%21&x=%E2%82%AC&y=%ZZ&z=%E4'));
show('empty parts', qs.parse('a=1&&b=&=c&'));
show('sep eq', qs.parse('a:1;b:2', ';', ':'));
show('multi-char sep', qs.parse('a=1||b=2', '||'));
show('maxKeys', qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 }));
show('maxKeys 0', Object.keys(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 0 })).length);
show('custom decode', qs.parse('a=X', null, null, { decodeURIComponent: function (s) { return s.toLowerCase(); } }));
show('not a string', qs.parse(5));
show('stringify', qs.stringify({ a: 1, b: [2, 'x y'], c: true, d: null, e: undefined, f: {}, g: 'é&=', h: NaN }));
show('stringify sep', qs.stringify({ a: 1, b: 2 }, ';', ':'));
show('stringify custom', qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: function (s) { return s.toUpperCase(); } }));
show('stringify non-object', qs.stringify('abc'));
show('escape', [qs.escape('a b&c/d?é!*()\''), qs.unescape('a%20b%zz'), qs.encode === qs.stringify, qs.decode === qs.parse]);
try { qs.escape('\ud800'); } catch (e) { show('lone surrogate', [e.name, e.code, e.message]); }
