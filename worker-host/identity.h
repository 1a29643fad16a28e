/*
 * identity.h - the worker takes on the identity of the client that asked
 * for it: its user, its working directory and its environment.
 *
 * A root daemon names the worker's uid and gid in `init` (daemon/runas.h);
 * the host, still root after the template's fork, sets the user's
 * supplementary groups (getgrouplist via initgroups, from the user
 * database; none when the uid has no entry there), the gid and the uid, in
 * that order, before any of the script runs.  The kernel clears the
 * parent-death signal when credentials change, so it is armed again.
 *
 * Then, as that user, the process enters `init`'s cwd (the client's; "/"
 * when absent) and its environment becomes exactly `init`'s env (the one
 * process.env shows; TZ in it sets the worker's local time zone): nothing
 * of the daemon's environment or directory reaches the script.
 *
 * -1 with a message when any step fails: the worker must not run with
 * privileges it was not meant to have, nor in a directory it did not ask
 * for.
 */
#ifndef WH_IDENTITY_H
#define WH_IDENTITY_H

#include <stddef.h>

#include <stdint.h>

#include "msg.h"

int identity_become(const struct msg_init *init, char *err, size_t errlen);
/* Only the user part (groups, gid, uid; uid 0: nothing): what the compile
 * server takes, having no client directory or environment. */
int identity_drop(uint64_t uid, uint64_t gid, char *err, size_t errlen);

#endif
