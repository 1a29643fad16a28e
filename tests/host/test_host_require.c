/*
 * test_host_require.c - CommonJS in the worker: relative paths with and
 * without extensions, index files, JSON, node_modules packages with
 * package.json main, exports where Bun allows more than Node, core module
 * names, the module cache, cycles, the missing-module error,
 * file: URL requests, a leading byte order mark / invalid UTF-8 in a
 * module, and what of vm a worker cannot have.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"
#include "tsuite.h"

static struct hostfx fx;
static struct hostfx_result res;

static void
setup(void)
{
	hostfx_case_setup(&fx, &res);
}

static void
teardown(void)
{
	hostfx_case_teardown(&fx, &res);
}

static void
put(const char *rel, const char *text)
{
	ck_assert_ptr_nonnull(hostfx_write(&fx, rel, text));
}

START_TEST(relative_json_and_index)
{
	put("lib/a.js", "exports.name = 'a'; exports.file = __filename.slice(__dirname.length);");
	put("lib/b.cjs", "module.exports = function () { return 'b'; };");
	put("lib/dir/index.js", "module.exports = 'index';");
	put("data.json", "{\"answer\": 42, \"list\": [1, 2]}");
	put("lib/up.js", "module.exports = require('../data').answer + 1;");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var a = require('./lib/a'), a2 = require('./lib/a.js');\n"
	    "postMessage([a.name, a.file, a === a2, require('./lib/b.cjs')(), require('./lib/dir'),\n"
	    "  require('./data.json').list, require('./lib/up'), require(__dirname + '/lib/a').name,\n"
	    "  module.id, require.main === module, typeof require.resolve('./lib/a')]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"a\",\"/a.js\",true,\"b\",\"index\",[1,2],43,\"a\",\".\",true,\"string\"]\n");
}
END_TEST

START_TEST(node_modules_packages)
{
	put("node_modules/pkg/package.json", "{\"name\": \"pkg\", \"main\": \"lib/entry\"}");
	put("node_modules/pkg/lib/entry.js", "module.exports = 'pkg:' + require('dep');");
	put("node_modules/dep/index.js", "module.exports = 'dep';");
	put("node_modules/@scope/thing/package.json", "{\"main\": \"./main.js\"}");
	put("node_modules/@scope/thing/main.js", "exports.scoped = true;");
	put("node_modules/nomain/index.js", "module.exports = 'nomain';");
	put("node_modules/pkg/sub.js", "module.exports = 'sub';");
	put("src/deep/user.js", "module.exports = require('pkg') + ',' + require('pkg/sub');");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage([require('pkg'), require('@scope/thing').scoped, require('nomain'),\n"
	    "  require('./src/deep/user')]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"pkg:dep\",true,\"nomain\",\"pkg:dep,sub\"]\n");
}
END_TEST

/* Where Bun is more lenient than Node: a package whose exports have only
 * an "import" condition loads from require (Node 20 says
 * ERR_PACKAGE_PATH_NOT_EXPORTED); and the conditions of a file in a
 * "type": "module" package are import's.  (What Node does is in
 * tests/compat/resolve.js.) */
START_TEST(esm_only_packages_and_conditions)
{
	put("node_modules/esm-only/package.json",
	    "{\"type\": \"module\", \"exports\": {\"import\": \"./index.js\"}}");
	put("node_modules/esm-only/index.js", "exports.kind = 'esm-only';");
	put("node_modules/dual/package.json",
	    "{\"exports\": {\".\": {\"import\": \"./i.js\", \"require\": \"./r.js\"}}}");
	put("node_modules/dual/i.js", "module.exports = 'import';");
	put("node_modules/dual/r.js", "module.exports = 'require';");
	put("esm/package.json", "{\"type\": \"module\"}");
	put("esm/user.js", "module.exports = require('dual');");
	put("cjs/user.js", "module.exports = require('dual');");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage([require('esm-only').kind, require('./esm/user'), require('./cjs/user'),\n"
	    "  require.resolve('node:events'), require.resolve('events')]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"esm-only\",\"import\",\"require\",\"node:events\",\"events\"]\n");
}
END_TEST

/* Core modules load on first require, once, and name what is missing;
 * process.hrtime.bigint and process.emitWarning. */
START_TEST(core_modules)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var out = [require('path') === require('node:path'), require('process') === process];\n"
	    "['cluster', 'node:dgram', 'node:test', 'node:nope', 'nope/x'].forEach(function (n) {\n"
	    "  try { require(n); } catch (e) { out.push(e.code + ': ' + e.message.split('\\n')[0]); } });\n"
	    "try { process.hrtime.bigint(); } catch (e) { out.push(e.name + ': ' + e.message); }\n"
	    "try { process.emitWarning(1); } catch (e) { out.push(e.code); }\n"
	    "process.on('warning', function (w) { postMessage([w.name, w.message, w.code]); });\n"
	    "process.emitWarning('careful', 'MyWarning', 'W1');\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.logs), "error (node:"));
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.logs), ") [W1] MyWarning: careful"));
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[true,true,"
	    "\"ERR_WORKERSD_UNSUPPORTED_MODULE: The core module 'cluster' is not supported in workersd workers\","
	    "\"ERR_WORKERSD_UNSUPPORTED_MODULE: The core module 'dgram' is not supported in workersd workers\","
	    "\"ERR_WORKERSD_UNSUPPORTED_MODULE: The core module 'test' is not supported in workersd workers\","
	    "\"ERR_UNKNOWN_BUILTIN_MODULE: No such built-in module: node:nope\","
	    "\"MODULE_NOT_FOUND: Cannot find module 'nope/x'\","
	    "\"TypeError: BigInt is not supported\",\"ERR_INVALID_ARG_TYPE\"]\n"
	    "[\"MyWarning\",\"careful\",\"W1\"]\n");
}
END_TEST

START_TEST(cycles_see_partial_exports)
{
	put("x.js", "exports.early = 'x-early';\nvar y = require('./y');\nexports.late = 'x-late';\nexports.fromY = y.seen;");
	put("y.js", "var x = require('./x');\nexports.seen = [x.early, x.late === undefined].join(':');");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var x = require('./x'); postMessage([x.early, x.late, x.fromY]);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"x-early\",\"x-late\",\"x-early:true\"]\n");
}
END_TEST

START_TEST(missing_module_error)
{
	put("lib/needs.js", "require('./not-here');");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var out = [];\n"
	    "try { require('./nope'); } catch (e) { out.push(e.message.replace(__dirname, 'DIR'), e.code, e instanceof Error); }\n"
	    "try { require('no-such-package'); } catch (e) { out.push(e.message.replace(__dirname, 'DIR')); }\n"
	    "try { require('./lib/needs'); } catch (e) { out.push(e.message.split(__dirname).join('DIR')); }\n"
	    "postMessage(out);\n"
	    "require('./also-missing');\n",
	    NULL, NULL, &res), 1);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"Cannot find module './nope'\\nRequire stack:\\n- DIR/main.js\",\"MODULE_NOT_FOUND\",true,"
	    "\"Cannot find module 'no-such-package'\\nRequire stack:\\n- DIR/main.js\","
	    "\"Cannot find module './not-here'\\nRequire stack:\\n- DIR/lib/needs.js\\n- DIR/main.js\"]\n");
	ck_assert_ptr_nonnull(strstr(hostfx_nz(res.errors), "Cannot find module './also-missing'"));
	ck_assert_str_eq(res.reason, "error");
}
END_TEST

/* file: URLs resolve as their decoded path; a refused one throws a
 * TypeError naming it. */
START_TEST(file_urls)
{
	put("lib/a b%.js", "module.exports = __filename.slice(__dirname.length);");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var u = 'file://' + encodeURI(__dirname + '/lib/a b%.js'), out = [];\n"
	    "out.push(require(u), require(u.replace('file://', 'FILE://localhost')) === require(u),\n"
	    "  require(u.slice(0, -3) + '?query') === require(u),\n"
	    "  require.resolve(u) === __dirname + '/lib/a b%.js', require.resolve.paths(u));\n"
	    "['file://host/x.js', 'file:///x%2Fy.js', 'file:///x%ZZ.js'].forEach(function (r) {\n"
	    "  try { require(r); } catch (e) { out.push(e.name + ': ' + e.message); } });\n"
	    "try { require('file:///nowhere/x.js'); } catch (e) { out.push(e.code, e.message.replace(__dirname, 'DIR')); }\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"/a b%.js\",true,true,true,null,"
	    "\"TypeError: file://host/x.js: file: URL host must be empty or localhost\","
	    "\"TypeError: file:///x%2Fy.js: file: URL path must not include encoded / characters\","
	    "\"TypeError: file:///x%ZZ.js: malformed percent-encoding in file: URL\","
	    "\"MODULE_NOT_FOUND\",\"Cannot find module 'file:///nowhere/x.js'\\nRequire stack:\\n- DIR/main.js\"]\n");
}
END_TEST

START_TEST(bom_shebang_and_bad_utf8)
{
	put("bom.js", "\xEF\xBB\xBFmodule.exports = 'bom ok \xC3\xBC';");
	put("bad.js", "module.exports = '\xFF\x80';");
	put("tool.js", "#!/usr/bin/env node\nmodule.exports = 'shebang ok';");
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "\xEF\xBB\xBFvar out = [require('./bom'), require('./tool')];\n"
	    "try { require('./bad'); } catch (e) { out.push(e.name, /not valid UTF-8/.test(e.message)); }\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "[\"bom ok \xC3\xBC\",\"shebang ok\",\"SyntaxError\",true]\n");
}
END_TEST

START_TEST(top_level_return)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "postMessage('before');\nif (true) return;\npostMessage('after');\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages), "\"before\"\n");
}
END_TEST

/* vm where Node has more than a worker can give (one global scope, no
 * interrupt), and a script Duktape rejects when there is no compile
 * server to lower it: Duktape's own SyntaxError, saying why. */
START_TEST(vm_one_context)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var vm = require('vm'), out = [];\n"
	    "[function () { vm.createContext({}); }, function () { vm.runInNewContext('1', {}); },\n"
	    " function () { vm.runInContext('1', {}); }, function () { new vm.Script('1').runInNewContext(); },\n"
	    " function () { vm.runInThisContext('1', { timeout: 10 }); }].forEach(function (f) {\n"
	    "  try { f(); out.push('ran'); } catch (e) { out.push(e.code + ': ' + e.message); } });\n"
	    "try { vm.runInThisContext('let a = 1;'); } catch (e) { out.push(e.name + ': ' + e.message); }\n"
	    "out.push(vm.runInThisContext('var b = [1, 2].map(function (x) { return x * 2; }); b.join()'));\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"ERR_WORKERSD_UNSUPPORTED: vm.createContext() is not supported in workersd workers (a worker has one "
	    "global scope)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: vm.runInNewContext() is not supported in workersd workers (a worker has one "
	    "global scope)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: vm.runInContext() is not supported in workersd workers (a worker has one "
	    "global scope)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: Script.prototype.runInNewContext() is not supported in workersd workers (a "
	    "worker has one global scope)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: The vm timeout option is not supported in workersd workers (the engine "
	    "cannot interrupt a running script)\","
	    "\"SyntaxError: unterminated statement (line 1); the script was not lowered: cannot lower evalmachine.<anonymous>: "
	    "no compile server (workersd starts one; this worker-host was given none)\","
	    "\"2,4\"]\n");
}
END_TEST

/* child_process loads, but a worker cannot start processes: each call
 * whose arguments Node would take throws ERR_WORKERSD_UNSUPPORTED
 * (tests/compat/child_process.js has the argument errors, Node's). */
START_TEST(child_process_unsupported)
{
	ck_assert_int_eq(hostfx_run_script(&fx,
	    "var cp = require('node:child_process'), out = [];\n"
	    "[function () { cp.spawn('ls', ['-l'], {}); }, function () { cp.spawnSync('ls'); },\n"
	    " function () { cp.exec('ls', function () {}); }, function () { cp.execSync('ls'); },\n"
	    " function () { cp.execFile('ls', function () {}); }, function () { cp.execFileSync('ls', []); },\n"
	    " function () { cp.fork('./x.js'); }, function () { new cp.ChildProcess(); }].forEach(function (f) {\n"
	    "  try { f(); out.push('ran'); } catch (e) { out.push(e.code + ': ' + e.message); } });\n"
	    "postMessage(out);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.messages),
	    "[\"ERR_WORKERSD_UNSUPPORTED: child_process.spawn() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.spawnSync() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.exec() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.execSync() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.execFile() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.execFileSync() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.fork() is not supported in workersd workers (a worker "
	    "cannot start processes)\","
	    "\"ERR_WORKERSD_UNSUPPORTED: child_process.ChildProcess is not supported in workersd workers (a worker "
	    "cannot start processes)\"]\n");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_require");
	TCase *tc = tcase_create("require");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, relative_json_and_index);
	tcase_add_test(tc, node_modules_packages);
	tcase_add_test(tc, esm_only_packages_and_conditions);
	tcase_add_test(tc, core_modules);
	tcase_add_test(tc, cycles_see_partial_exports);
	tcase_add_test(tc, missing_module_error);
	tcase_add_test(tc, file_urls);
	tcase_add_test(tc, bom_shebang_and_bad_utf8);
	tcase_add_test(tc, top_level_return);
	tcase_add_test(tc, vm_one_context);
	tcase_add_test(tc, child_process_unsupported);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
