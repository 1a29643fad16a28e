// tty: isatty, the streams on a pty master (/dev/ptmx is a terminal) and on
// a non-terminal, raw mode, colour depth by environment, cursor escapes,
// and the constants / os.constants tables.
const tty = require('tty'), fs = require('fs');
console.log(Object.keys(tty), tty.isatty(99), tty.isatty(-1), tty.isatty('1'), tty.isatty(1.5));
for (const fd of [99]) {
  try { new tty.WriteStream(fd); console.log(fd, 'ok'); } catch (e) { console.log(fd, e.name, e.code, e.message, JSON.stringify(e.info), e.errno, e.syscall); }
}
try { new tty.WriteStream(-1); } catch (e) { console.log(e.name, e.code, e.message); }
const P = tty.WriteStream.prototype;
console.log(P.isTTY, typeof P.getColorDepth, typeof P.hasColors);
const envs = [{}, {TERM: 'xterm-256color'}, {TERM: 'xterm'}, {TERM: 'dumb'}, {NO_COLOR: '1', TERM: 'xterm'}, {FORCE_COLOR: '0'}, {FORCE_COLOR: ''}, {FORCE_COLOR: '2'}, {FORCE_COLOR: '3'}, {FORCE_COLOR: 'x'}, {TMUX: '1'}, {CI: '1'}, {CI: '1', GITHUB_ACTIONS: 'true'}, {CI: '1', TRAVIS: '1'}, {CI: '1', CI_NAME: 'codeship'}, {TEAMCITY_VERSION: '9.1.0'}, {TEAMCITY_VERSION: '8.0'}, {TERM_PROGRAM: 'iTerm.app'}, {TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4'}, {TERM_PROGRAM: 'Apple_Terminal'}, {TERM_PROGRAM: 'HyperTerm'}, {COLORTERM: 'truecolor'}, {COLORTERM: '24bit'}, {COLORTERM: 'yes'}, {TERM: 'screen-256color'}, {TERM: 'rxvt-unicode-24bit'}, {TERM: 'XTERM-KITTY'}, {TERM: 'linux'}, {TERM: 'vt100'}, {TERM: 'foo'}, {TERM: 'foo', COLORTERM: '1'}, {TERM: 'cons25'}, {TERM: 'con132x25'}, {NODE_DISABLE_COLORS: ''}];
for (const env of envs) console.log(JSON.stringify(env), P.getColorDepth.call(null, env), P.hasColors.call({getColorDepth: P.getColorDepth}, env), P.hasColors.call({getColorDepth: P.getColorDepth}, 256, env));
for (const bad of ['16', 1.5, 1, null]) { try { P.hasColors.call({getColorDepth: P.getColorDepth}, bad, {}); console.log('no throw', bad); } catch (e) { console.log(e.name, e.code, e.message); } }
const out = [];
const fake = { write(d, cb) { out.push(JSON.stringify(d)); return true; } };
P.cursorTo.call(fake, 3); P.cursorTo.call(fake, 3, 4); P.moveCursor.call(fake, -2, 3); P.moveCursor.call(fake, 2, -3); P.moveCursor.call(fake, 0, 0);
P.clearLine.call(fake, -1); P.clearLine.call(fake, 1); P.clearLine.call(fake, 0); P.clearScreenDown.call(fake);
console.log(out.join(' '));
for (const args of [[NaN], [1, NaN], [undefined, 2]]) { try { P.cursorTo.apply(fake, args); console.log('ok', out.length); } catch (e) { console.log(e.name, e.code, e.message); } }
const c = require('constants');
console.log(Object.isFrozen(c), c.ENOENT, c.SIGTERM, c.O_RDONLY, c.RTLD_NOW, c.PRIORITY_HIGH, c.O_SYMLINK, c.EWOULDBLOCK);
const os = require('os');
console.log(Object.keys(os.constants), Object.keys(os.constants.errno).length, os.constants.errno.ENOTSUP, JSON.stringify(os.constants.dlopen));
let fd;
try { fd = fs.openSync('/dev/ptmx', 'r+'); } catch (e) { console.log('open', e.code); }
console.log('isatty', tty.isatty(fd));
const ws = new tty.WriteStream(fd);
console.log(ws.isTTY, ws.columns, ws.rows, JSON.stringify(ws.getWindowSize()), ws instanceof require('stream').Writable);
const rs = new tty.ReadStream(fd);
console.log(rs.isTTY, rs.isRaw, rs.setRawMode(true) === rs, rs.isRaw, rs.setRawMode(false).isRaw);
ws.write('hi\n', () => console.log('written'));
rs.on('data', d => { console.log('data', JSON.stringify(String(d))); rs.destroy(); ws.destroy(); });
rs.on('error', e => console.log('rs error', e.code));
rs.on('end', () => console.log('end'));
rs.on('close', () => console.log('rs close'));
const f = fs.openSync('/dev/null', 'r');
console.log(tty.isatty(f));
try { new tty.ReadStream(f); } catch (e) { console.log(e.code); }
