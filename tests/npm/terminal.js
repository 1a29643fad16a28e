// Command-line and terminal packages as Debian ships them: they need `tty`,
// the `constants` module and process.versions.node at load time, so each
// was refused before those came (docs/worker-api.md).  What each prints is
// compared with Node 20's (packages.out's way); no output goes to a
// terminal here, so colours are off as Node's are.
var path = require('path');
var cases = {
  'debug': function (m) { var d = m('workersd:test'); return [typeof d, d.namespace, d.enabled, m.enabled('workersd:test'), typeof m.formatters.o, m.humanize ? 'humanize' : 'no humanize'].join(' '); },
  'chalk': function (m) { return JSON.stringify(m.red('x')) + ' ' + m.level + ' ' + JSON.stringify(new m.Instance({level: 1}).green.bold('y')); },
  'supports-color': function (m) { return JSON.stringify([m.stdout, m.stderr]); },
  'picocolors': function (m) { return m.isColorSupported + ' ' + JSON.stringify(m.red('r')) + ' ' + JSON.stringify(m.createColors(true).blue('b')); },
  'yargs-parser': function (m) { return JSON.stringify(m(['--n', '3', '-xv', 'rest', '--no-color', '--list', 'a', '--list', 'b'], {array: ['list']})); },
  'yargs': function (m) { var a = m(['serve', '--port', '80', '-v']).command('serve', 'run it').option('port', {type: 'number'}).boolean('v').parse(); return JSON.stringify([a._, a.port, a.v]); },
  'graceful-fs': function (m) { return typeof m.readFile + ' ' + typeof m.gracefulify + ' ' + m.readFileSync(path.join(__dirname, 'main.js'), 'utf8').split('\n')[0]; },
  'fast-glob': function (m) { return JSON.stringify(m.sync('*.js', {cwd: __dirname})) + ' ' + m.isDynamicPattern('a/*') + ' ' + JSON.stringify(m.escapePath('a(b)')); },
  'constants': function (m) { return [m.ENOENT, m.SIGINT, m.O_CREAT, Object.isFrozen(m)].join(' '); },
};
Object.keys(cases).forEach(function (name) {
  var out;
  try { out = cases[name](require(name)); } catch (e) { out = 'ERROR ' + (e && e.message); }
  console.log(name + ': ' + out);
});
