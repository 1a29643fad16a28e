/*
 * cgroup.c - per-worker cgroup v2 directories under the daemon's delegated
 * cgroup (cgroup.h): finding that cgroup (/proc/self/cgroup and the cgroup2
 * mount in /proc/self/mountinfo), the supervisor's own leaf, and one
 * worker-ID directory per worker.
 */
#include "cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONTROLLERS_MAX 256

/* The cgroup2 mount point, from mountinfo's fifth field. */
static int
cgroup2_mount(char *out, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], mnt[PATH_MAX];
	int found = -1;

	if (f == NULL)
		return -1;
	while (found == -1 && fgets(line, sizeof(line), f) != NULL) {
		const char *sep = strstr(line, " - ");

		if (sep == NULL || strncmp(sep, " - cgroup2 ", 11) != 0)
			continue;
		if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) == 1 && strlen(mnt) < len) {
			memcpy(out, mnt, strlen(mnt) + 1);
			found = 0;
		}
	}
	fclose(f);
	return found;
}

/* The daemon's own cgroup2 directory: the mount plus the "0::" path. */
static int
own_cgroup(char *out, size_t len)
{
	FILE *f = fopen("/proc/self/cgroup", "re");
	char line[PATH_MAX + 8], mnt[PATH_MAX];
	int found = -1;

	if (f == NULL)
		return -1;
	while (found == -1 && fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		/* The root cgroup is nobody's delegation. */
		if (strcmp(line + 3, "/") != 0 && cgroup2_mount(mnt, sizeof(mnt)) == 0) {
			int n = snprintf(out, len, "%s%s", mnt, line + 3);

			found = n > 0 && (size_t)n < len ? 0 : -1;
		}
	}
	fclose(f);
	return found;
}

static int
write_at(int dirfd, const char *file, const char *text)
{
	int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd == -1)
		return -1;
	n = write(fd, text, strlen(text));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* "+memory +pids +cpu" for those of them the cgroup has. */
static void
enable_controllers(int dirfd)
{
	static const char *const wanted[] = { "memory", "pids", "cpu" };
	char have[CONTROLLERS_MAX], line[64];
	int fd = openat(dirfd, "cgroup.controllers", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		return;
	n = read(fd, have, sizeof(have) - 1);
	close(fd);
	if (n <= 0)
		return;
	have[n] = '\0';
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		size_t k = strlen(wanted[i]);

		for (const char *p = strstr(have, wanted[i]); p != NULL; p = strstr(p + k, wanted[i])) {
			if ((p == have || p[-1] == ' ') && (p[k] == ' ' || p[k] == '\n' || p[k] == '\0')) {
				snprintf(line, sizeof(line), "+%s", wanted[i]);
				(void)write_at(dirfd, "cgroup.subtree_control", line);
				break;
			}
		}
	}
}

/* The daemon moves into DIR/supervisor; DIR may then give controllers to
 * its children. */
static int
take_over(struct cgroups *cg, char *err, size_t errlen)
{
	char pid[32];
	int sup;

	if (mkdirat(cg->dirfd, "supervisor", 0755) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "cgroup %s: mkdir supervisor: %s", cg->path, strerror(errno));
		return -1;
	}
	sup = openat(cg->dirfd, "supervisor", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (sup == -1 || write_at(sup, "cgroup.procs", pid) == -1) {
		snprintf(err, errlen, "cgroup %s: moving the daemon into supervisor: %s", cg->path,
		    strerror(errno));
		if (sup != -1)
			close(sup);
		return -1;
	}
	close(sup);
	enable_controllers(cg->dirfd);
	return 0;
}

int
cgroups_open(struct cgroups *cg, const char *mode, char *err, size_t errlen)
{
	bool must = mode[0] == '/';

	cg->dirfd = -1;
	cg->path[0] = '\0';
	if (strcmp(mode, "off") == 0)
		return 0;
	if (must) {
		if (strlen(mode) >= sizeof(cg->path)) {
			snprintf(err, errlen, "cgroup %s: path too long", mode);
			return -1;
		}
		memcpy(cg->path, mode, strlen(mode) + 1);
	} else if (getenv("INVOCATION_ID") == NULL || own_cgroup(cg->path, sizeof(cg->path)) == -1) {
		return 0;
	}
	/* Not delegated: systemd owns this cgroup, and auto leaves it alone. */
	if (access(cg->path, W_OK) == -1 && !must)
		return 0;
	cg->dirfd = open(cg->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->dirfd == -1) {
		snprintf(err, errlen, "cgroup %s: %s", cg->path, strerror(errno));
		return -1;
	}
	if (take_over(cg, err, errlen) == -1) {
		cgroups_close(cg);
		return -1;
	}
	return 0;
}

void
cgroups_close(struct cgroups *cg)
{
	if (cg->dirfd != -1)
		close(cg->dirfd);
	cg->dirfd = -1;
}

bool
cgroups_on(const struct cgroups *cg)
{
	return cg->dirfd != -1;
}

int
cgroup_add(struct cgroups *cg, uint64_t id, pid_t pid, char *err, size_t errlen)
{
	char name[32], text[32];
	int fd;

	if (cg == NULL || cg->dirfd == -1)
		return 0;
	snprintf(name, sizeof(name), "worker-%llu", (unsigned long long)id);
	snprintf(text, sizeof(text), "%d", (int)pid);
	if (mkdirat(cg->dirfd, name, 0755) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "cgroup %s/%s: %s", cg->path, name, strerror(errno));
		return -1;
	}
	fd = openat(cg->dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd == -1 || write_at(fd, "cgroup.procs", text) == -1) {
		snprintf(err, errlen, "cgroup %s/%s: %s", cg->path, name, strerror(errno));
		if (fd != -1)
			close(fd);
		(void)unlinkat(cg->dirfd, name, AT_REMOVEDIR);
		return -1;
	}
	close(fd);
	return 0;
}

void
cgroup_remove(struct cgroups *cg, uint64_t id)
{
	char name[32];

	if (cg == NULL || cg->dirfd == -1)
		return;
	snprintf(name, sizeof(name), "worker-%llu", (unsigned long long)id);
	(void)unlinkat(cg->dirfd, name, AT_REMOVEDIR);
}
