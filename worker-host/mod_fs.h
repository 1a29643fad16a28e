/*
 * mod_fs.h - the file system calls behind Node's fs (js/node_fs.js):
 * fs_natives() defines native.fs, an object of synchronous bindings that
 * return results or throw Node's errors (code, errno, syscall, path, dest),
 * made on its first read (rt_def_lazy), not at worker start.
 */
#ifndef MOD_FS_H
#define MOD_FS_H

#include <duktape.h>

void fs_natives(duk_context *ctx, duk_idx_t native);

#endif
