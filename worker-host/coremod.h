/*
 * coremod.h - the sources of Node's core modules (worker-host/js/node_*.js,
 * embedded at build time; the name -> file table is in js/require.js).
 *
 * coremod_natives() adds to the host's `native` object:
 * coreModule(file), the module function of that embedded file, compiled
 * now (so a module costs memory only once required): it is called as
 * (exports, require, module, native, loader) (loader: what require.js
 * lends node_module.js) and throws an Error naming the file
 * when none is embedded; and utilInspect(value, depth) and
 * utilFormat(...), the console's formatters (rt_inspect.h) for `util`.
 */
#ifndef WH_COREMOD_H
#define WH_COREMOD_H

#include <duktape.h>

void coremod_natives(duk_context *ctx, duk_idx_t native);

#endif
