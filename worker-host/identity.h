/*
 * identity.h - the worker takes on the identity of the client that asked
 * for it.
 *
 * A root daemon names the client's uid and gid in `init`; the host, still
 * root after the template's fork, sets the user's supplementary groups
 * (from the user database; none when the uid has no entry there), the gid
 * and the uid, in that order, before any of the script runs.  The kernel
 * clears the parent-death signal when credentials change, so it is armed
 * again.  -1 with a message when any step fails: the worker must not run
 * with privileges it was not meant to have.
 */
#ifndef WH_IDENTITY_H
#define WH_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

/* uid 0: nothing to change. */
int identity_become(uint64_t uid, uint64_t gid, char *err, size_t errlen);

#endif
