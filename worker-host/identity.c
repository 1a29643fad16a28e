/*
 * identity.c - dropping from root to the worker's uid, gid and groups, then
 * taking the client's working directory and environment (identity.h).
 * Order matters: groups and gid need root, so the uid goes last, and
 * afterwards nothing may be able to get root back; the directory is entered
 * as the new user, so it is one that user may enter.
 */
#include "identity.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
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
identity_drop(uint64_t uid, uint64_t gid, char *err, size_t errlen)
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

static int
enter_cwd(const struct msg_str *cwd, char *err, size_t errlen)
{
	char *dir = cwd->p != NULL ? strndup(cwd->p, cwd->n) : strdup("/");
	int rc;

	if (dir == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = chdir(dir);
	if (rc == -1)
		snprintf(err, errlen, "working directory %s: %s", dir, strerror(errno));
	free(dir);
	return rc;
}

/* Entries setenv refuses (an empty key, or one holding '=') are left out,
 * as process.env leaves out what Duktape cannot take. */
static int
set_env(const struct msg_list *env, char *err, size_t errlen)
{
	struct msg_iter it;
	struct msg_str k, v;
	const char *why;
	char *key, *val;
	int rc;

	if (clearenv() != 0) {
		snprintf(err, errlen, "cannot clear the environment");
		return -1;
	}
	msg_iter_init(&it, env);
	while (msg_next_pair(&it, &k, &v, &why) == 1) {
		key = strndup(k.p, k.n);
		val = strndup(v.p, v.n);
		rc = key != NULL && val != NULL ? setenv(key, val, 1) : -1;
		if (rc == -1 && errno != EINVAL) {
			snprintf(err, errlen, "environment: %s", strerror(errno));
			free(key);
			free(val);
			return -1;
		}
		free(key);
		free(val);
	}
	tzset();
	return 0;
}

int
identity_become(const struct msg_init *init, char *err, size_t errlen)
{
	if (identity_drop(init->uid, init->gid, err, errlen) == -1 || enter_cwd(&init->cwd, err, errlen) == -1)
		return -1;
	return set_env(&init->env, err, errlen);
}
