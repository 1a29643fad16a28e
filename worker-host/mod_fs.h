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
/* Throws Node's error for errno `err` from `syscall` (on path, to dest;
 * either may be NULL): "ENOENT: no such file or directory, open 'x'",
 * with code, errno (negative, as libuv's), syscall, path and dest.  Other
 * natives that make system calls (mod_tty.c) throw the same shape. */
duk_ret_t fs_throw_errno(duk_context *ctx, int err, const char *syscall, const char *path,
    const char *dest);

#endif
