#include "hotnames.h"

/* What tests/bench/pagediff.py reported an idle worker (bench-child.js)
 * writing, less the names Duktape interns itself when it makes the heap.
 * Order does not matter; a name missing costs a page, one too many a few
 * bytes of the template's heap that every worker shares. */
static const char *const HOT[] = {
	".",
	"/node_modules",
	"attr",
	"builtinName",
	"bytes",
	"cache",
	"capture",
	"children",
	"dynamicImport",
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
	"pid",
	"postMessage",
	"process",
	"rec",
	"removed",
	"require",
	"resolve",
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
