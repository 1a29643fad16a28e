// Command-line and terminal packages as Debian ships them: they need `tty`,
// the `constants` module, process.versions.node and (commander)
// `child_process` at load time, so each was refused before those came
// (docs/worker-api.md).  What each prints is
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
  'commander': function (m) {
    var p = new m.Command('x').option('-f, --flag <v>', 'a flag').option('-d, --debug', 'debug').option('--no-color', 'no colour')
      .option('-n, --num <n>', 'a number', function (v) { return Number(v) * 2; }, 1).argument('[rest...]').exitOverride();
    var q = new m.Command('y'), ran;
    p.parse(['node', 'x', '--flag', 'v', '-d', '-n', '21', 'a', 'b'], {from: 'node'});
    q.command('serve <port>').option('--host <h>', 'host', 'localhost').action(function (port, o) { ran = [port, o.host]; });
    q.parse(['serve', '80', '--host', 'h'], {from: 'user'});
    return JSON.stringify(p.opts()) + ' ' + JSON.stringify(p.args) + ' ' + typeof m.program + ' ' + JSON.stringify(ran) + ' ' + JSON.stringify(p.helpInformation());
  },
  // CommanderError and InvalidArgumentError call Error.captureStackTrace
  'commander errors': function () {
    var m = require('commander'), out = [];
    var p = new m.Command('z').exitOverride().configureOutput({ writeErr: function () {} })
      .option('-p, --port <n>', 'a port', function (v) { if (isNaN(v)) throw new m.InvalidArgumentError('Not a number.'); return +v; });
    [['--nope'], ['--port', 'x']].forEach(function (argv) {
      try { p.parse(argv, {from: 'user'}); out.push('parsed'); } catch (e) {
        out.push([e.name, e.code, e.exitCode, e.message, e instanceof m.CommanderError, e.stack.split('\n')[0]].join('|'));
      }
    });
    return JSON.stringify(out);
  },
};
Object.keys(cases).forEach(function (name) {
  var out;
  try { out = cases[name](name.indexOf(' ') < 0 ? require(name) : null); } catch (e) { out = 'ERROR ' + (e && e.message); }
  console.log(name + ': ' + out);
});
