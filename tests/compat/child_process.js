// child_process as a worker has it (docs/worker-api.md): it loads, and each
// call checks its arguments as Node 20 does; a call that passes them starts
// a process under Node and throws ERR_WORKERSD_UNSUPPORTED in a worker
// (tests/host/test_host_require.c), so none is made here.
var cp = require('child_process'), EventEmitter = require('events');
console.log(require('node:child_process') === cp);
['ChildProcess', 'spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'].forEach(function (n) {
  console.log(n, typeof cp[n]);
});
console.log(cp.ChildProcess.name, cp.ChildProcess.prototype instanceof EventEmitter,
  Object.getPrototypeOf(cp.ChildProcess) === EventEmitter, cp.ChildProcess.prototype.constructor === cp.ChildProcess);
function f() {}
var cases = {
  spawn: [[], [123], [null], [''], [{}], ['a\u0000b'], ['x', 5], ['x', 'str'], ['x', true], ['x', f], ['x', [], 5],
    ['x', [], 'str'], ['x', [], null], ['x', null, null], ['x', [], []], ['x', [], f], ['x', 5, 5], ['x', ['a', 'b\u0000']],
    ['', 5]],
  exec: [[], [123], [null], [''], [{}], [['ls']], ['a\u0000b'], ['x', [], 5], ['x', {}, 'str'], ['x', null, 5],
    ['x', 5, {}], ['', 5]],
  execFile: [[], [123], [''], ['a\u0000b'], ['x', 5], ['x', 'str'], ['x', [], 5], ['x', [], []], ['x', {}, 5],
    ['x', 5, 5], ['x', null, 5], ['x', ['a\u0000']], [123, [], 5], [123, 5]],
  fork: [[], [123], [null], [{}], ['a\u0000b'], [Buffer.from('a\u0000b')], [new URL('http://a/b')], ['x', 5], ['x', 'str'], ['x', f],
    ['x', [], 5], ['x', [], []], ['x', 5, 5], ['x', null, 5]]
};
cases.spawnSync = cases.spawn;
cases.execSync = [[], [123], [''], [['ls']], ['a\u0000b']];
cases.execFileSync = cases.execFile.concat([['x', [], f]]);
cases.execFile.push(['x', [], {}, 5]);
Object.keys(cases).forEach(function (n) {
  cases[n].forEach(function (args) {
    try {
      cp[n].apply(cp, args);
      console.log(n, 'returned');
    } catch (e) {
      console.log(n, args.length, e.name, e.code, e.message);
    }
  });
});
