/*
 * identity.c - dropping from root to the client's uid, gid and groups
 * (identity.h).  Order matters: groups and gid need root, so the uid goes
 * last, and afterwards nothing may be able to get root back.
 */
#include "identity.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int
set_groups(uid_t uid, gid_t gid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw == NULL)
		return setgroups(0, NULL);
	return initgroups(pw->pw_name, gid);
}

int
identity_become(uint64_t uid, uint64_t gid, char *err, size_t errlen)
{
	pid_t parent = getppid();

	if (uid == 0)
		return 0;
	if (uid != (uint64_t)(uid_t)uid || gid != (uint64_t)(gid_t)gid) {
		snprintf(err, errlen, "uid %llu or gid %llu out of range", (unsigned long long)uid,
		    (unsigned long long)gid);
		return -1;
	}
	if (set_groups((uid_t)uid, (gid_t)gid) == -1 || setgid((gid_t)gid) == -1 ||
	    setuid((uid_t)uid) == -1) {
		snprintf(err, errlen, "cannot run as uid %llu, gid %llu: %s", (unsigned long long)uid,
		    (unsigned long long)gid, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || getuid() != (uid_t)uid || geteuid() != (uid_t)uid) {
		snprintf(err, errlen, "uid %llu: root could be regained", (unsigned long long)uid);
		return -1;
	}
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent) {
		snprintf(err, errlen, "the daemon is gone");
		return -1;
	}
	return 0;
}
