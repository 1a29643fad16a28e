/*
 * runas.c - resolving --worker-user/--worker-group and choosing each
 * worker's uid and gid (runas.h).  The host does the switch itself
 * (worker-host/identity.c); this only decides what init asks for.
 */
#include "runas.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>

/* A decimal id below (uid_t)-1, which means "no change" to the kernel. */
static int
parse_id(const char *s, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || *out >= (unsigned long)(uid_t)-1)
		return -1;
	return 0;
}

static int
resolve_user(struct runas *r, const char *user, char *err, size_t errlen)
{
	struct passwd *pw = getpwnam(user);
	unsigned long v;

	if (pw != NULL) {
		r->user = pw->pw_uid;
		r->user_gid = pw->pw_gid;
	} else if (parse_id(user, &v) == 0) {
		r->user = (uid_t)v;
		pw = getpwuid(r->user);
		r->user_gid = pw != NULL ? pw->pw_gid : 0;	/* 0: --worker-group must say */
	} else {
		snprintf(err, errlen, "--worker-user %s: no such user", user);
		return -1;
	}
	if (r->user == 0) {
		snprintf(err, errlen, "--worker-user %s: workers may not run as root (see --allow-root-workers)",
		    user);
		return -1;
	}
	r->has_user = true;
	return 0;
}

static int
resolve_group(struct runas *r, const char *group, char *err, size_t errlen)
{
	struct group *gr = getgrnam(group);
	unsigned long v;

	if (gr != NULL) {
		r->group = gr->gr_gid;
	} else if (parse_id(group, &v) == 0) {
		r->group = (gid_t)v;
	} else {
		snprintf(err, errlen, "--worker-group %s: no such group", group);
		return -1;
	}
	if (r->group == 0) {
		snprintf(err, errlen, "--worker-group %s: workers may not run in group root", group);
		return -1;
	}
	r->has_group = true;
	return 0;
}

int
runas_init(struct runas *r, bool root_daemon, const char *user, const char *group, bool allow_root,
    char *err, size_t errlen)
{
	*r = (struct runas){ .root_daemon = root_daemon, .allow_root = allow_root };
	if ((user != NULL || group != NULL) && !root_daemon) {
		snprintf(err, errlen, "--%s: only a root daemon can run workers as another user",
		    user != NULL ? "worker-user" : "worker-group");
		return -1;
	}
	if (user != NULL && resolve_user(r, user, err, errlen) == -1)
		return -1;
	if (group != NULL && resolve_group(r, group, err, errlen) == -1)
		return -1;
	if (r->has_user && !r->has_group && r->user_gid == 0) {
		snprintf(err, errlen, "--worker-user %s: no primary group but root known; give --worker-group",
		    user);
		return -1;
	}
	return 0;
}

int
runas_pick(const struct runas *r, uid_t uid, gid_t gid, struct runas_id *out, char *err, size_t errlen)
{
	*out = (struct runas_id){ 0, 0 };
	if (!r->root_daemon)
		return 0;
	if (uid == 0 && r->allow_root)
		return 0;
	if (uid == 0 && !r->has_user) {
		snprintf(err, errlen, "spawn: root's workers would run as root, which workersd "
		    "allows only with --allow-root-workers (or runs them as --worker-user)");
		return -1;
	}
	out->uid = r->has_user ? r->user : uid;
	out->gid = r->has_group ? r->group : r->has_user ? r->user_gid : gid;
	return 0;
}
