// Legacy (experimentalDecorators) class and method decorators: run with
// workerctl --legacy-decorators; without it TypeScript 5 applies the
// standard decorators, whose arguments differ, and the method one throws.
function tag(ctor: Function) { (ctor as any).tagged = 'legacy'; }
function logged(target: any, key: string, desc: PropertyDescriptor) {
  const f = desc.value;
  desc.value = function (this: any, ...a: any[]) { return 'logged ' + key + ': ' + f.apply(this, a); };
}
@tag
class Greeter {
  @logged greet(n: string) { return 'hi ' + n; }
}
postMessage([(Greeter as any).tagged, new Greeter().greet('x')]);
