/*
 * notify.h - systemd readiness and status notification (sd_notify's wire
 * protocol, without libsystemd): one datagram per message to the socket
 * named by $NOTIFY_SOCKET (a path, or an abstract name written "@name").
 * Without $NOTIFY_SOCKET every call does nothing.  The variable is removed
 * from the environment so that worker hosts do not inherit it.
 */
#ifndef WD_NOTIFY_H
#define WD_NOTIFY_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/un.h>

struct notifier {
	int fd;
	struct sockaddr_un addr;
	socklen_t addrlen;
};

/* -1 with err when $NOTIFY_SOCKET is set but unusable. */
int notify_open(struct notifier *n, char *err, size_t errlen);
void notify_send(struct notifier *n, const char *msg);
void notify_close(struct notifier *n);

#endif
