// fs: the same script under Node 20 and in a worker; fs.out is what
// Node printed (make compat-node checks it again).
var fs = require('fs');
var base = (process.env.TMPDIR || '/tmp') + '/fs-compat-' + process.pid;
function show(label, fn) {
  var r;
  try { r = fn(); } catch (e) {
    console.log(label, 'throws', e.name, e.code, e.errno, e.syscall, e.message.split(base).join('<base>'));
    return;
  }
  console.log(label, typeof r === 'string' ? JSON.stringify(r) : r instanceof Uint8Array ? 'bytes ' + r.length + ' ' + Array.prototype.slice.call(r, 0, 8).join(',') : JSON.stringify(r));
}
fs.rmSync(base, { recursive: true, force: true });
show('mkdir -p', function () { return fs.mkdirSync(base + '/a/b/c', { recursive: true }).replace(base, '<base>'); });
show('mkdir -p again', function () { return fs.mkdirSync(base + '/a/b/c', { recursive: true }); });
show('mkdir exists', function () { return fs.mkdirSync(base + '/a'); });
show('write', function () { return fs.writeFileSync(base + '/a/t.txt', 'héllo\n'); });
show('append', function () { return fs.appendFileSync(base + '/a/t.txt', 'more'); });
show('read utf8', function () { return fs.readFileSync(base + '/a/t.txt', 'utf8'); });
show('read opts', function () { return fs.readFileSync(base + '/a/t.txt', { encoding: 'utf-8' }); });
show('read bytes', function () { return fs.readFileSync(base + '/a/t.txt'); });
show('read hex', function () { return fs.readFileSync(base + '/a/t.txt', 'hex'); });
show('read missing', function () { return fs.readFileSync(base + '/nope'); });
show('read dir', function () { return fs.readFileSync(base + '/a'); });
show('read bad arg', function () { return fs.readFileSync({}); });
show('write bytes', function () { return fs.writeFileSync(base + '/a/b/bin', new Uint8Array([0, 1, 2, 255])); });
show('exists', function () { return [fs.existsSync(base + '/a/t.txt'), fs.existsSync(base + '/zzz'), fs.existsSync()]; });
var st = fs.statSync(base + '/a/t.txt');
show('stat', function () { return [st.size, st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.mtime instanceof Date, typeof st.mtimeMs, st.nlink]; });
show('stat dir', function () { var s = fs.statSync(base + '/a'); return [s.isDirectory(), s.isFile()]; });
show('stat missing', function () { return fs.statSync(base + '/nope'); });
show('stat no throw', function () { return fs.statSync(base + '/nope', { throwIfNoEntry: false }); });
show('symlink', function () { return fs.symlinkSync('t.txt', base + '/a/link'); });
show('lstat', function () { var s = fs.lstatSync(base + '/a/link'); return [s.isSymbolicLink(), fs.statSync(base + '/a/link').isFile()]; });
show('readlink', function () { return fs.readlinkSync(base + '/a/link'); });
show('realpath', function () { return fs.realpathSync(base + '/a/b/../link').replace(fs.realpathSync(base), '<base>'); });
show('readdir', function () { return fs.readdirSync(base + '/a'); });
show('readdir types', function () { return fs.readdirSync(base + '/a', { withFileTypes: true }).map(function (d) { return d.name + ':' + (d.isFile() ? 'f' : d.isDirectory() ? 'd' : d.isSymbolicLink() ? 'l' : '?'); }); });
show('readdir recursive', function () { return fs.readdirSync(base, { recursive: true }).sort(); });
show('readdir missing', function () { return fs.readdirSync(base + '/nope'); });
show('readdir file', function () { return fs.readdirSync(base + '/a/t.txt'); });
show('copy', function () { fs.copyFileSync(base + '/a/t.txt', base + '/a/copy.txt'); return fs.readFileSync(base + '/a/copy.txt', 'utf8'); });
show('copy excl', function () { return fs.copyFileSync(base + '/a/t.txt', base + '/a/copy.txt', fs.constants.COPYFILE_EXCL); });
show('rename', function () { fs.renameSync(base + '/a/copy.txt', base + '/a/moved.txt'); return fs.existsSync(base + '/a/moved.txt'); });
show('rename missing', function () { return fs.renameSync(base + '/a/none', base + '/a/none2'); });
show('fd io', function () {
  var fd = fs.openSync(base + '/a/fd.bin', 'w+');
  var n = fs.writeSync(fd, 'abcdef');
  var buf = new Uint8Array(4);
  var got = fs.readSync(fd, buf, 0, 4, 1);
  var n2 = fs.writeSync(fd, new Uint8Array([120, 121]), 0, 2, 0);
  var st2 = fs.fstatSync(fd);
  fs.ftruncateSync(fd, 3);
  fs.closeSync(fd);
  return [n, got, Array.prototype.slice.call(buf), n2, st2.size, fs.readFileSync(base + '/a/fd.bin', 'utf8')];
});
show('open wx exists', function () { return fs.openSync(base + '/a/fd.bin', 'wx'); });
show('open bad flag', function () { return fs.openSync(base + '/a/fd.bin', 'q'); });
show('close bad fd', function () { return fs.closeSync(99999); });
show('access', function () { return [fs.accessSync(base + '/a/t.txt', fs.constants.R_OK), fs.constants.F_OK, fs.constants.W_OK]; });
show('access missing', function () { return fs.accessSync(base + '/nope'); });
show('chmod', function () { fs.chmodSync(base + '/a/t.txt', 0o600); return (fs.statSync(base + '/a/t.txt').mode & 0o777).toString(8); });
show('truncate', function () { fs.truncateSync(base + '/a/t.txt', 2); return fs.readFileSync(base + '/a/t.txt', 'utf8'); });
show('utimes', function () { fs.utimesSync(base + '/a/t.txt', 1000, 2000); var s = fs.statSync(base + '/a/t.txt'); return [s.atimeMs, s.mtimeMs]; });
show('mkdtemp', function () { var d = fs.mkdtempSync(base + '/tmp-'); return [d.length - (base + '/tmp-').length, fs.statSync(d).isDirectory()]; });
show('unlink', function () { fs.unlinkSync(base + '/a/moved.txt'); return fs.existsSync(base + '/a/moved.txt'); });
show('unlink missing', function () { return fs.unlinkSync(base + '/a/moved.txt'); });
show('rmdir nonempty', function () { return fs.rmdirSync(base + '/a'); });
show('rm dir', function () { return fs.rmSync(base + '/a'); });
show('rm missing', function () { return fs.rmSync(base + '/nope'); });
show('rm force', function () { return fs.rmSync(base + '/nope', { force: true }); });
fs.readFile(base + '/a/t.txt', 'utf8', function (err, data) {
  console.log('cb readFile', err, JSON.stringify(data));
  fs.readFile(base + '/nope', function (err2) {
    console.log('cb missing', err2.code, err2.syscall);
    fs.promises.readFile(base + '/a/b/bin').then(function (b) {
      console.log('promise readFile', b.length, b[3]);
      return fs.promises.stat(base + '/nope');
    }).catch(function (e) {
      console.log('promise reject', e.code);
      return fs.promises.open(base + '/a/t.txt', 'r');
    }).then(function (fh) {
      return fh.readFile('utf8').then(function (s) { console.log('filehandle', JSON.stringify(s)); return fh.close(); });
    }).then(function () {
      fs.rmSync(base, { recursive: true });
      console.log('cleaned', fs.existsSync(base));
    });
  });
});
console.log('sync done');
