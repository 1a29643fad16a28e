// vm in the one context a worker has (docs/worker-api.md): Script,
// runInThisContext, compileFunction, their argument checks, modern syntax
var vm = require('vm');
function t(label, f) {
  try { console.log(label, f()); } catch (e) { console.log(label, e.name, e.code, e.message); }
}
console.log(Object.keys(vm).join(' '));
console.log(Object.getOwnPropertyNames(vm.Script.prototype).join(' '));
t('options number', function () { return new vm.Script('1', 5); });
t('filename number', function () { return new vm.Script('1', { filename: 5 }); });
t('lineOffset 1.5', function () { return new vm.Script('1', { lineOffset: 1.5 }); });
t('columnOffset str', function () { return new vm.Script('1', { columnOffset: '1' }); });
t('cachedData str', function () { return new vm.Script('1', { cachedData: 'x' }); });
t('code coerced', function () { return new vm.Script(42).runInThisContext(); });
t('timeout -1', function () { return new vm.Script('1').runInThisContext({ timeout: -1 }); });
t('displayErrors 1', function () { return new vm.Script('1').runInThisContext({ displayErrors: 1 }); });
t('run options null', function () { return new vm.Script('1').runInThisContext(null); });
t('code not string', function () { return vm.compileFunction(5); });
t('params string', function () { return vm.compileFunction('return 1', 'a'); });
t('params[0]', function () { return vm.compileFunction('return 1', [1]); });
t('isContext 5', function () { return vm.isContext(5); });
t('isContext {}', function () { return vm.isContext({}); });
t('createContext 5', function () { return vm.createContext(5); });
t('globals', function () {
  return vm.runInThisContext('var q1 = 7; function q2() { return 8 } q1 + q2()') + ' ' + typeof q1 + ' ' + q2();
});
t('strict globals', function () { return vm.runInThisContext('"use strict"; var q3 = 9; q3') + ' ' + q3; });
t('filename string', function () { return vm.runInThisContext('typeof q1', 'named.js'); });
t('this', function () { return vm.runInThisContext('this === globalThis'); });
t('empty', function () { return vm.runInThisContext(''); });
t('completion', function () { return vm.runInThisContext('if (true) { "yes" } else { "no" }'); });
t('twice', function () { var s = new vm.Script('q1++'); s.runInThisContext(); return s.runInThisContext() + ' ' + q1; });
t('createScript', function () { return vm.createScript('6 * 7').runInThisContext(); });
t('sourceMapURL', function () { return new vm.Script('1\n//# sourceMappingURL=a.js.map').sourceMapURL; });
t('no sourceMapURL', function () { return new vm.Script('1').sourceMapURL; });
t('cachedDataRejected', function () { return new vm.Script('1').cachedDataRejected; });
t('syntax', function () { try { new vm.Script('var = ;'); } catch (e) { return e instanceof SyntaxError; } });
t('syntax modern', function () { try { new vm.Script('let x = (a) => ;'); } catch (e) { return e instanceof SyntaxError; } });
t('import', function () { try { vm.runInThisContext('import x from "y"'); } catch (e) { return e.name + ': ' + e.message; } });
t('thrown', function () { try { vm.runInThisContext('throw new RangeError("boom")'); } catch (e) { return e.name + ': ' + e.message; } });
t('lineOffset', function () {
  try { vm.runInThisContext('\n\nnull.x', { filename: 'z.js', lineOffset: 3 }); } catch (e) { return e.stack.match(/z\.js:\d+/)[0]; }
});
t('lineOffset lowered', function () {
  try { vm.runInThisContext('\nconst a = () => null;\na().x', { filename: 'z2.js', lineOffset: 2 }); } catch (e) { return e.stack.match(/z2\.js:\d+/)[0]; }
});
t('modern', function () {
  return JSON.stringify(vm.runInThisContext('const f = (a, ...b) => [a, b.length];\n' +
    'class A { #p = 2; m() { return `t${this.#p}`; } }\n' +
    'const { x = 1, ...rest } = { y: 2, z: 3 };\n' +
    '[f(1, 2, 3), new A().m(), x, rest, [1, [2, [3]]].flat(Infinity), 2 ** 10, null ?? "d", ({}).a?.b]'));
});
t('generator', function () { return vm.runInThisContext('function* g() { yield 1; yield 2; } [...g()].join()'); });
t('compileFunction', function () { return vm.compileFunction('return a + b', ['a', 'b'])(2, 3); });
t('compileFunction shape', function () { var f = vm.compileFunction('return 1', ['a', 'b']); return f.length + ' ' + JSON.stringify(f.name); });
t('compileFunction this', function () { return vm.compileFunction('return this')() === globalThis; });
t('compileFunction strict', function () { return vm.compileFunction('"use strict"; return this')(); });
t('compileFunction modern', function () { return vm.compileFunction('return [...a].map((c) => c.toUpperCase())', ['a'])('xyz').join(''); });
t('compileFunction line', function () {
  try { vm.compileFunction('var a = 1;\nnull.x', [], { filename: 'cf.js' })(); } catch (e) { return e.stack.match(/cf\.js:\d+/)[0]; }
});
t('Script options array', function () { try { new vm.Script('1', []); } catch (e) { return e.code + ' ' + e.message; } });
t('runInThisContext options array', function () { try { vm.runInThisContext('1', [1]); } catch (e) { return e.code + ' ' + e.message; } });
t('compileFunction options array', function () { try { vm.compileFunction('return 1', [], []); } catch (e) { return e.code + ' ' + e.message; } });
t('compileFunction options function', function () { try { vm.compileFunction('return 1', [], function () {}); } catch (e) { return e.code + ' ' + e.message; } });
t('isContext array', function () { return vm.isContext([]); });
t('isContext function', function () { try { vm.isContext(function () {}); } catch (e) { return e.code + ' ' + e.message; } });
console.log('measureMemory', typeof vm.measureMemory);
