/*
 * require.h - the C half of CommonJS `require` (the resolution, cache and
 * module objects are in js/require.js, which follows Node's algorithm).
 *
 * require_natives() adds to the host's `native` object: stat(path) (0 none,
 * 1 file, 2 directory), realpath(path), fileURLPath(url) and fileURL(path)
 * (protocol/fileurl.h), readSource(path) (a string, via host_load_source)
 * and compileModule(path) (the module's source wrapped in Node's function
 * (exports, require, module, __filename, __dirname) plus __wsdImportMeta
 * and __wsdImport, the functions lowered code calls for import.meta and
 * import(), on the same first line, so line numbers hold), and
 * holdFrames(bool) (link_hold(): no frame is taken while the entry
 * module's top-level awaits run).
 */
#ifndef WH_REQUIRE_H
#define WH_REQUIRE_H

#include <duktape.h>

void require_natives(duk_context *ctx, duk_idx_t native);

#endif
