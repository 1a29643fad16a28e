// ES modules importing CommonJS: the default import is module.exports,
// also of a module that sets __esModule itself (Babel's output, as uuid's
// dist is), and its properties are the named imports; import() of such a
// module gives the same namespace.
var babel = require('./interop/babel.js');
import('./interop/importer.mjs').then(function (m) {
  console.log('static', JSON.stringify(m.got));
  return import('./interop/babel.js');
}).then(function (ns) {
  console.log('dynamic', ns.default === babel, typeof ns.v1, ns.v1 === babel.v1, ns.default.default);
  return import('./interop/plain.js');
}).then(function (ns) {
  console.log('dynamic plain', ns.default === require('./interop/plain.js'), ns.named);
});
