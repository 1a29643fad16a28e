// util.inspect.custom as Node calls it (remaining depth, options,
// util.inspect; a string printed as it is and re-indented, another value
// formatted in its place, a class's prototype skipped), and the console
// forms of the Web classes, which Node gives through the same hook.
const util = require('util');
class P { [util.inspect.custom](depth, opts, insp) { return 'P<' + depth + ',' + typeof opts.stylize + ',' + opts.breakLength + ',' + (insp === util.inspect) + '>'; } }
console.log(new P(), [new P()], { a: { b: new P() } }, { a: { b: { c: new P() } } });
class Q { [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: [1, 2] }; } }
console.log(new Q(), util.inspect(new Q()), util.format('%o|%s|%j', new P(), new P(), new P()));
class R { [util.inspect.custom]() { return 'line1\nline2'; } }
console.log({ r: new R() }, [[new R()]]);
class S { [util.inspect.custom]() { return this; } }
console.log(new S(), util.inspect(new P(), { depth: 0 }), util.inspect({ x: new P() }, { depth: Infinity }));
console.log(P.prototype, typeof util.inspect.custom, util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
const stamp = (s) => s.replace(/timeStamp: [0-9.]+/g, 'timeStamp: T');
const u = new URL('https://user:pw@a.example:8080/p/q?x=1&y=%20#h');
console.log(u);
console.log(u.searchParams, new URLSearchParams(), [new URL('http://x/')]);
const long = new URLSearchParams();
for (let i = 0; i < 8; i++) long.append('key' + i, 'value' + i);
console.log(long);
console.log({ l: long });
console.log(new (class MyURL extends URL {})('http://y/'));
console.log(new Blob(['abc'], { type: 'Text/Plain' }), new File(['ab'], 'a.txt', { lastModified: 5 }));
const ac = new AbortController();
console.log(ac, AbortSignal.abort());
ac.abort();
console.log(ac);
console.log(new TextEncoder(), new TextDecoder('utf-16le', { fatal: true }), new TextDecoder());
console.log(stamp(util.inspect(new Event('x', { cancelable: true }))));
console.log(stamp(util.inspect(new CustomEvent('c', { detail: 2 }))));
console.log(stamp(util.inspect({ a: { b: { c: new URL('http://x/'), d: new URLSearchParams('a=1'), e: new Event('x'), f: AbortSignal.abort(), g: new Blob([]), h: new TextDecoder() } } })));
