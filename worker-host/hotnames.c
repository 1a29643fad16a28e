#include "hotnames.h"

/* What tests/bench/pagediff.py reported an idle worker (bench-child.js)
 * writing, and what tests/bench/writetrace.py found it writing and
 * putting back (a count raised while a string is on the value stack,
 * then lowered: "0", "e", "promise"...), less the names Duktape interns
 * itself when it makes the heap.  Order does not matter; a name missing
 * costs a page, one too many a few bytes of the template's heap that
 * every worker shares. */
static const char *const HOT[] = {
	".",
	"/node_modules",
	"0",
	"2",
	"4",
	"8",
	"attr",
	"builtinName",
	"bytes",
	"cache",
	"capture",
	"children",
	"d",
	"dynamicImport",
	"e",
	"esm",
	"exports",
	"extensions",
	"filename",
	"fn",
	"id",
	"importMeta",
	"importOf",
	"isFileURL",
	"isRelative",
	"loadChecked",
	"loaded",
	"main",
	"meta",
	"mod",
	"module",
	"n",
	"nodeModulesPaths",
	"once",
	"onmessage",
	"parent",
	"passive",
	"path",
	"paths",
	"performance",
	"pid",
	"postMessage",
	"process",
	"promise",
	"rec",
	"removed",
	"require",
	"resolve",
	"runMain",
	"self",
	"sync",
	"timeOrigin",
	"worker-host/require.js",
	"workersd.clone",
};

void
hotnames_install(duk_context *ctx)
{
	duk_push_global_stash(ctx);
	duk_push_bare_array(ctx);
	for (duk_uarridx_t i = 0; i < sizeof(HOT) / sizeof(HOT[0]); i++) {
		duk_push_string(ctx, HOT[i]);
		duk_put_prop_index(ctx, -2, i);
	}
	duk_put_prop_literal(ctx, -2, DUK_HIDDEN_SYMBOL("hotNames"));
	duk_pop(ctx);
}
