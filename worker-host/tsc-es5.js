/*
 * tsc-es5.js - run by `make deps` under node: lowers the pinned
 * TypeScript's own lib/typescript.js (ES2018+, which Duktape cannot parse)
 * to ES5 with that same TypeScript, once, at install time.
 *
 *   node worker-host/tsc-es5.js PACKAGE_DIR OUT_FILE
 *
 * Writes OUT_FILE.tmp and renames it, so a half-written compiler is never
 * taken for one; exits 1 with one line naming the cause on any failure.
 */
'use strict';

var fs = require('fs');
var path = require('path');

function fail(msg) {
	process.stderr.write('tsc-es5: ' + msg + '\n');
	process.exit(1);
}

if (process.argv.length !== 4)
	fail('usage: node worker-host/tsc-es5.js PACKAGE_DIR OUT_FILE');

var lib = path.join(process.argv[2], 'lib', 'typescript.js');
var out = process.argv[3];
var ts, src, res, errors;

try {
	ts = require(lib);
	src = fs.readFileSync(lib, 'utf8');
} catch (e) {
	fail(lib + ': ' + e.message);
}
res = ts.transpileModule(src, {
	fileName: 'typescript.js',
	reportDiagnostics: true,
	compilerOptions: {
		target: ts.ScriptTarget.ES5,
		module: ts.ModuleKind.None,
		downlevelIteration: true,
		allowJs: true
	}
});
errors = (res.diagnostics || []).filter(function (d) {
	return d.file && d.category === ts.DiagnosticCategory.Error;
});
if (errors.length > 0)
	fail(lib + ': ' + ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
try {
	fs.writeFileSync(out + '.tmp', res.outputText);
	fs.renameSync(out + '.tmp', out);
} catch (e) {
	fail(out + ': ' + e.message);
}
