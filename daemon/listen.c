#include "listen.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sockpath.h"

#define SD_LISTEN_FDS_START 3

static int
set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* systemd socket activation; 1 when a socket was passed, 0 when not. */
static int
take_activated(struct listener *l, char *err, size_t errlen)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	int type = 0;
	socklen_t tl = sizeof(type);
	int rc = 0;

	if (pid == NULL || fds == NULL || strtol(pid, NULL, 10) != (long)getpid())
		goto out;
	if (strtol(fds, NULL, 10) < 1)
		goto out;
	if (getsockopt(SD_LISTEN_FDS_START, SOL_SOCKET, SO_TYPE, &type, &tl) == -1 ||
	    type != SOCK_STREAM || set_flags(SD_LISTEN_FDS_START) == -1) {
		snprintf(err, errlen, "LISTEN_FDS: fd 3 is not a stream socket");
		rc = -1;
		goto out;
	}
	l->fd = SD_LISTEN_FDS_START;
	l->activated = true;
	rc = 1;
out:
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return rc;
}

static int
make_parent(const struct listener *l, char *err, size_t errlen)
{
	char dir[sizeof(l->path)];
	char *slash;
	struct stat st;

	snprintf(dir, sizeof(dir), "%s", l->path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return 0;
	*slash = '\0';
	if (stat(dir, &st) == 0)
		return 0;
	if (mkdir(dir, l->has_group ? 0750 : 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "socket directory %s: %s", dir, strerror(errno));
		return -1;
	}
	if (l->has_group && chown(dir, (uid_t)-1, l->gid) == -1) {
		snprintf(err, errlen, "socket directory %s: chown: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Removes a stale socket file; refuses a live one or a non-socket. */
static int
clear_stale(const struct listener *l, const struct sockaddr_un *sun, char *err, size_t errlen)
{
	struct stat st;
	int fd, rc;

	if (lstat(l->path, &st) == -1)
		return 0;
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "socket %s: exists and is not a socket", l->path);
		return -1;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	rc = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	close(fd);
	if (rc == 0) {
		snprintf(err, errlen, "socket %s: another workersd is already listening there", l->path);
		return -1;
	}
	if (errno != ECONNREFUSED) {
		snprintf(err, errlen, "socket %s: %s", l->path, strerror(errno));
		return -1;
	}
	if (unlink(l->path) == -1 && errno != ENOENT) {
		snprintf(err, errlen, "socket %s: removing stale socket: %s", l->path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
create_socket(struct listener *l, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	mode_t old;
	int rc;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, l->path, strlen(l->path));
	if (make_parent(l, err, errlen) == -1 || clear_stale(l, &sun, err, errlen) == -1)
		return -1;
	l->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (l->fd == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	old = umask(0177);
	rc = bind(l->fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old);
	if (rc == -1) {
		snprintf(err, errlen, "socket %s: bind: %s", l->path, strerror(errno));
		return -1;
	}
	l->created = true;
	if (l->has_group && (chown(l->path, (uid_t)-1, l->gid) == -1 || chmod(l->path, 0660) == -1)) {
		snprintf(err, errlen, "socket %s: setting group: %s", l->path, strerror(errno));
		return -1;
	}
	if (listen(l->fd, 1024) == -1) {
		snprintf(err, errlen, "socket %s: listen: %s", l->path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
resolve_group(struct listener *l, const char *group, char *err, size_t errlen)
{
	struct group *gr;
	char *end;
	unsigned long v;

	if (group == NULL)
		return 0;
	gr = getgrnam(group);
	if (gr != NULL) {
		l->gid = gr->gr_gid;
	} else {
		v = strtoul(group, &end, 10);
		if (*group == '\0' || *end != '\0') {
			snprintf(err, errlen, "socket group %s: no such group", group);
			return -1;
		}
		l->gid = (gid_t)v;
	}
	l->has_group = true;
	return 0;
}

int
listener_open(struct listener *l, const char *path_arg, const char *group, char *err, size_t errlen)
{
	int rc;

	memset(l, 0, sizeof(*l));
	l->fd = -1;
	l->uid = geteuid();
	if (resolve_group(l, group, err, errlen) == -1)
		return -1;
	rc = take_activated(l, err, errlen);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	if (sockpath_resolve(path_arg, l->path, sizeof(l->path), err, errlen) == -1)
		return -1;
	if (create_socket(l, err, errlen) == -1) {
		listener_close(l);
		return -1;
	}
	return 0;
}

void
listener_close(struct listener *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	if (l->created && !l->activated)
		unlink(l->path);
	l->created = false;
}

bool
listener_peer_allowed(const struct listener *l, int fd, uid_t *uid, gid_t *gid)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	gid_t groups[256];
	socklen_t glen = sizeof(groups);
	size_t i;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1)
		return false;
	*uid = cred.uid;
	*gid = cred.gid;
	if (cred.uid == l->uid || cred.uid == 0)
		return true;
	if (!l->has_group)
		return false;
	if (cred.gid == l->gid)
		return true;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &glen) == -1)
		return false;
	for (i = 0; i < glen / sizeof(gid_t); i++)
		if (groups[i] == l->gid)
			return true;
	return false;
}
