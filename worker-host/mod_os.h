/*
 * mod_os.h - the system facts behind Node's `os` (js/node_os.js).
 *
 * os_natives() adds to the host's `native` object:
 *   osInfo()  {hostname, sysname, release, version, machine, uptime (s),
 *             loadavg [1, 5, 15 min], totalmem, freemem (bytes: MemTotal
 *             and MemAvailable, as libuv reports them)}
 *   osCpus()  [{model, speed (MHz, 0 when unknown), times {user, nice,
 *             sys, idle, irq} (ms)}] for each CPU in /proc/stat
 *   osUser()  {uid, gid, username, homedir, shell} from the password
 *             database, or null when this uid has no entry
 * Each throws an Error naming the call when the system refuses it.
 */
#ifndef WH_MOD_OS_H
#define WH_MOD_OS_H

#include <duktape.h>

void os_natives(duk_context *ctx, duk_idx_t native);

#endif
