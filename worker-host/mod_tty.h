/*
 * mod_tty.h - the terminal calls behind Node's `tty` (js/node_tty.js).
 *
 * tty_natives() adds native.tty, an object made on its first read:
 *   isatty(fd)          true when fd is an open terminal, else false
 *   kind(fd)            'tty', 'pipe' (pipes and sockets) or 'other'
 *                       (files, directories, other devices: what libuv's
 *                       uv_tty_init refuses); throws EBADF
 *   size(fd)            [columns, rows] (TIOCGWINSZ)
 *   setRaw(fd, saved)   with saved undefined: raw mode (as libuv's
 *                       UV_TTY_MODE_RAW), returning the old settings as a
 *                       Buffer; with that Buffer: puts them back
 *   read(fd, buf)       the bytes read into buf (a Uint8Array), 0 at end
 *                       of input, -1 when none is waiting (poll, no wait:
 *                       a terminal read never holds the worker's loop)
 * Each throws Node's system error (fs_throw_errno) when the call fails.
 */
#ifndef WH_MOD_TTY_H
#define WH_MOD_TTY_H

#include <duktape.h>

void tty_natives(duk_context *ctx, duk_idx_t native);

#endif
