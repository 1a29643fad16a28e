/*
 * runas.h - who a worker runs as (workersd(8), docs/security.md).
 *
 * A daemon that is not root runs every worker as itself.  A root daemon
 * runs a worker as the client that asked for it (SO_PEERCRED), or as
 * --worker-user / --worker-group when given; a worker of root's runs as
 * root only with --allow-root-workers, is run as --worker-user without it
 * when there is one, and is refused otherwise.  --worker-user and
 * --worker-group may not name root (uid or gid 0): a non-root client would
 * get a root worker.  The worker's supplementary groups are its user's in
 * the user database (worker-host/identity.c).
 */
#ifndef WD_RUNAS_H
#define WD_RUNAS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct runas {
	bool root_daemon;		/* switching identity is possible at all */
	bool allow_root;		/* --allow-root-workers */
	bool has_user, has_group;
	uid_t user;			/* --worker-user */
	gid_t user_gid;			/* its primary group (0: none known) */
	gid_t group;			/* --worker-group */
};

/* An identity for init: uid 0 means the host keeps the daemon's. */
struct runas_id {
	uid_t uid;
	gid_t gid;
};

/* Resolves the flags (NULL: not given), names or numbers; -1 with a message
 * naming the flag when one names nobody, names root, or is given to a
 * daemon that cannot switch users. */
int runas_init(struct runas *r, bool root_daemon, const char *user, const char *group, bool allow_root,
    char *err, size_t errlen);

/* The identity a worker of a client (uid, gid) gets; -1 with a message the
 * client can be shown when it may not have a worker at all. */
int runas_pick(const struct runas *r, uid_t uid, gid_t gid, struct runas_id *out, char *err, size_t errlen);

#endif
