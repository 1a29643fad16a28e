// Popular npm packages as Debian ships them (node-*, installed by make deps,
// found in /usr/share/nodejs as Debian's node finds them), each loaded and
// asked a question; packages.out is what Node 20 answered.  Run through a
// real daemon, whose compile servers lower the packages written in modern
// JavaScript (tests/e2e/npm_packages.sh); make compat-node re-checks it.
// Hashing, ids, signing and bcrypt are in crypto.js, qs, YAML and HTML
// in text.js, command-line packages (commander...) in terminal.js.
var cases = {
  'js-yaml': function (m) { return JSON.stringify(m.load('a: 1\nb: [x, y]\nc: {d: true}\n')) + ' ' + m.dump({k: [1, 'two']}).trim(); },
  'semver': function (m) { return m.satisfies('1.2.3', '^1.0.0') + ' ' + m.inc('1.2.3', 'minor') + ' ' + m.maxSatisfying(['1.0.0','1.5.0','2.0.0'], '~1.0 || ^1.2') + ' ' + m.coerce('v3.4').version; },
  'marked': function (m) { return JSON.stringify(m.parse('# Hi\n\n*a* **b** `c`\n\n- x\n- y\n')); },
  'markdown-it': function (m) { return JSON.stringify(m().render('# Hi\n\n*a* [l](http://x.y)\n')); },
  'lodash': function (m) { return JSON.stringify([m.chunk([1,2,3,4,5], 2), m.camelCase('foo-bar baz'), m.groupBy([1.3,2.1,2.4], Math.floor), m.template('hi <%= n %>')({n: 'z'})]); },
  'minimist': function (m) { return JSON.stringify(m(['-x', '3', '--name=bo', 'rest', '--no-color'])); },
  'ms': function (m) { return m('2 days') + ' ' + m(60000) + ' ' + m(1e9, {long: true}); },
  'qs': function (m) { return m.stringify({a: [1, 2], b: {c: 'd e'}}) + ' ' + JSON.stringify(m.parse('a[b][c]=1&d=2&e[]=x')); },
  'escape-html': function (m) { return m('<a href="x">&\'</a>'); },
  'diff': function (m) { return JSON.stringify(m.diffWords('the quick fox', 'the slow fox').map(function (p) { return [p.added, p.removed, p.value]; })); },
  'ajv': function (m) { var a = new m(); var v = a.compile({type: 'object', properties: {n: {type: 'integer', minimum: 1}}, required: ['n']}); return v({n: 2}) + ' ' + v({n: 0}) + ' ' + a.errorsText(v.errors); },
  'he': function (m) { return m.encode('foo © bar ≠ baz 𝌆') + ' ' + m.decode('&lt;&eacute;&#x1D306;&gt;'); },
  'mustache': function (m) { return m.render('{{#xs}}<{{.}}>{{/xs}} {{&raw}} {{esc}}', {xs: [1, 2], raw: '<b>', esc: '<i>'}); },
  'moment': function (m) { return m.utc('2024-02-29T12:34:56Z').add(1, 'year').format('YYYY-MM-DD dddd HH:mm') + ' ' + m.duration(90, 'minutes').humanize(); },
  'immutable': function (m) { var a = m.Map({x: 1}); var b = a.set('y', 2); return a.size + ' ' + b.size + ' ' + JSON.stringify(b.toJS()) + ' ' + m.List([1,2,3]).map(function (x) { return x * 2; }).toArray(); },
  'big.js': function (m) { return new m('0.1').plus('0.2').toString() + ' ' + new m('1').div(3).toFixed(10); },
  'sprintf-js': function (m) { return m.sprintf('%05.2f|%-4s|%x|%j', 3.14159, 'ab', 255, {a: 1}); },
  'acorn': function (m) { var ast = m.parse('const f = async (a, ...b) => a ?? b', {ecmaVersion: 2022}); return ast.body[0].declarations[0].init.type + ' ' + ast.body[0].declarations[0].init.body.operator; },
  'punycode': function (m) { return m.toASCII('mañana.com') + ' ' + m.toUnicode('xn--maana-pta.com'); },
  'esprima': function (m) { return JSON.stringify(m.tokenize('var a = 42;').map(function (t) { return t.type; })); },
  'underscore': function (m) { return JSON.stringify([m.uniq([1,2,1,3]), m.pluck([{a:1},{a:2}], 'a'), m.template('<%- x %>')({x: '<'})]); },
  'fast-deep-equal': function (m) { return m({a: [1, {b: 2}]}, {a: [1, {b: 2}]}) + ' ' + m({a: 1}, {a: 2}); },
};
Object.keys(cases).forEach(function (name) {
  var out;
  try { out = cases[name](require(name)); } catch (e) { out = 'ERROR ' + (e && e.message); }
  console.log(name + ': ' + out);
});
