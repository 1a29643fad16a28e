/*
 * wc_util.c - the libworkerclient steps of the end-to-end tests (see
 * wc_util.h).
 */
#include "wc_util.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>

struct wc_conn *
wu_connect(const struct daemon_fixture *d, const char *client_name)
{
	struct wc_error err;
	struct wc_conn *c = wc_connect(d->sock, client_name, df_slow(10), &err);

	ck_assert_msg(c != NULL, "connect: %s", err.msg);
	return c;
}

void
wu_spawn_owned(struct wc_conn *c, const char *script, char *wid, size_t len)
{
	struct wc_spawn_opts o = { .script = script, .client_owned = true, .attach = true };
	struct wc_error err;
	uint64_t id;

	ck_assert_msg(wc_spawn(c, &o, &id, &err) == 0, "spawn: %s", err.msg);
	snprintf(wid, len, "%llu", (unsigned long long)id);
}
