/*
 * wc_util.h - shared steps of the end-to-end tests that drive a daemon
 * through libworkerclient: a connection to the fixture's daemon, and a
 * worker owned by that connection and attached to it.  Each fails the
 * test when the step does not work.
 */
#ifndef WC_UTIL_H
#define WC_UTIL_H

#include <stddef.h>

#include "daemon_fixture.h"
#include "workerclient.h"

struct wc_conn *wu_connect(const struct daemon_fixture *d, const char *client_name);
/* Spawns script with owner "client" and attach; its id, as text, in wid. */
void wu_spawn_owned(struct wc_conn *c, const char *script, char *wid, size_t len);

#endif
