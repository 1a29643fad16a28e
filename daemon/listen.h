/*
 * listen.h - the daemon's listening socket and who may connect to it.
 *
 * listener_open() takes the socket systemd passed ($LISTEN_PID/$LISTEN_FDS,
 * fd 3) or creates one at the resolved path: the parent directory is made
 * 0700 (0750 with a socket group) when missing, a stale socket file left by
 * a dead daemon (connect refused) is replaced, and a live one is refused.
 * The socket is 0600, or 0660 owned by the socket group.  Peers are checked
 * with SO_PEERCRED/SO_PEERGROUPS: the daemon's own uid, root, and members of
 * the socket group may connect.
 */
#ifndef WD_LISTEN_H
#define WD_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/un.h>

struct listener {
	int fd;
	bool activated;		/* came from systemd: never unlinked */
	bool created;		/* we made the file: unlink on exit */
	bool has_group;
	gid_t gid;
	uid_t uid;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
};

/* `group` may be NULL.  -1 with a one-line message in err. */
int listener_open(struct listener *l, const char *path_arg, const char *group, char *err, size_t errlen);
void listener_close(struct listener *l);
/* May the peer on `fd` use the daemon?  *uid and *gid receive its ids. */
bool listener_peer_allowed(const struct listener *l, int fd, uid_t *uid, gid_t *gid);

#endif
