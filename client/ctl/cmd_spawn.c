/*
 * cmd_spawn.c - `spawn`: start a daemon-owned worker, print its id.  The
 * script (a path or a file: URL) is checked here first so a typo fails at
 * once with the file's name and nothing is sent (the daemon checks again:
 * it may see another file system view).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmds.h"
#include "fileurl.h"

int
spawn_prepare(struct ctl *c, char *abs, size_t abslen)
{
	const char *script = c->args[0];
	char cwd[PATH_MAX], uerr[96];
	struct stat st;
	int n;

	if ((n = fileurl_path(script, strlen(script), abs, abslen, uerr, sizeof uerr)) == -1)
		return ctl_fail(EX_USAGE_ERR, "script %s: %s", script, uerr);
	if (n == 1) {
		script = abs;
	} else if (script[0] == '/') {
		n = snprintf(abs, abslen, "%s", script);
	} else {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return ctl_fail(EX_FAIL, "cannot get the working directory: %s", strerror(errno));
		n = snprintf(abs, abslen, "%s/%s", cwd, script);
	}
	if (n < 0 || (size_t)n >= abslen)
		return ctl_fail(EX_FAIL, "%s: path too long", script);
	if (stat(abs, &st) < 0)
		return ctl_fail(EX_FAIL, "%s: %s", script, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return ctl_fail(EX_FAIL, "%s: is a directory", script);
	if (access(abs, R_OK) < 0)
		return ctl_fail(EX_FAIL, "%s: %s", script, strerror(errno));
	c->spawn.script = abs;
	c->spawn.args = (const char *const *)c->args + 1;
	c->spawn.nargs = (size_t)(c->nargs - 1);
	return EX_OK;
}

int
cmd_spawn(struct ctl *c)
{
	char abs[PATH_MAX];
	struct wc_error err;
	uint64_t id;
	int rc;

	if ((rc = spawn_prepare(c, abs, sizeof abs)) != EX_OK || (rc = ctl_connect(c)) != EX_OK)
		return rc;
	if (wc_spawn(c->conn, &c->spawn, &id, &err) < 0)
		return ctl_error(c, NULL, &err);
	printf("%llu\n", (unsigned long long)id);
	return EX_OK;
}
