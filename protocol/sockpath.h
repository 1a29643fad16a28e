/*
 * sockpath.h - where the daemon's socket is (CONTRACT section 2), shared by
 * the daemon and every client so the two can never disagree:
 * an explicit path, else $WORKERSD_SOCKET, else /run/workersd/workersd.sock
 * for root, else $XDG_RUNTIME_DIR/workersd.sock, else
 * /tmp/workersd-$UID/workersd.sock.
 */
#ifndef WP_SOCKPATH_H
#define WP_SOCKPATH_H

#include <stddef.h>

/* Writes the path into out; -1 (with err) when it does not fit a
 * sockaddr_un.  `explicit_path` may be NULL. */
int sockpath_resolve(const char *explicit_path, char *out, size_t outlen, char *err, size_t errlen);

#endif
