// os: the facts of this machine (node and the worker run on the same
// one); what changes from moment to moment is checked for shape.
var os = require('os');
function log() { console.log(Array.prototype.slice.call(arguments).map(function (x) { return typeof x === 'string' ? x : JSON.stringify(x); }).join(' ')); }
log('EOL', JSON.stringify(os.EOL), os.devNull, os.platform(), os.type(), os.arch() === process.arch, os.endianness());
// the kernel's own words, read from /proc, not a machine's recorded in os.out
function proc(name) { return require('fs').readFileSync('/proc/sys/kernel/' + name, 'utf8').trim(); }
log('release', os.release() === proc('osrelease'), os.version() === proc('version'), os.machine(), os.hostname() === proc('hostname'));
log('tmpdir', os.tmpdir() === (process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp').replace(/(.)\/$/, '$1'));
var u = os.userInfo();
log('userInfo', Object.keys(u), typeof u.uid === 'number' && u.uid >= 0, typeof u.username, typeof u.shell, u.homedir.charAt(0));
log('homedir', os.homedir() === (process.env.HOME || u.homedir));
var c = os.cpus();
log('cpus', c.length === os.availableParallelism(), c.length > 0, Object.keys(c[0]), Object.keys(c[0].times),
  c[0].model === /model name\s*: (.*)/.exec(require('fs').readFileSync('/proc/cpuinfo', 'utf8'))[1], typeof c[0].speed,
  c.every(function (x) { return x.times.user >= 0 && x.times.idle > 0; }));
log('memory', os.totalmem() > os.freemem(), os.freemem() > 0, os.totalmem() % 4096);
log('uptime', os.uptime() > 0, Array.isArray(os.loadavg()), os.loadavg().length, os.loadavg().every(function (x) { return x >= 0; }));
log('constants', os.constants.signals, os.constants.priority, Object.isFrozen(os.constants));
// the process's credentials and file mode mask, beside os.userInfo()
var me = os.userInfo();
console.log(process.getuid() === me.uid, process.getgid() === me.gid, process.geteuid() === process.getuid(),
  process.getegid() === process.getgid(), Array.isArray(process.getgroups()), process.getgroups().indexOf(process.getegid()) >= 0,
  process.getuid.name, process.umask.length);
var was = process.umask();
console.log(typeof was, process.umask('027') === was, process.umask(was) === 23, process.umask() === was);
['x', -1, 1.5, 4294967296, {}, '8'].forEach(function (m) {
  try { process.umask(m); console.log('took', m); } catch (e) { console.log(e.name, e.code, e.message); }
});
