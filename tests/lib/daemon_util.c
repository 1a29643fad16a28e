#include "daemon_util.h"

#include <check.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "mpread.h"
#include "mpwrite.h"

uint64_t
du_spawn(struct daemon_fixture *d, struct rawclient *c, const char *file, const char *src,
    const char *name, const char *extra_key, bool extra_val, uint64_t heap_limit)
{
	char path[PATH_MAX];
	struct proto_msg m;
	uint64_t rid, id;

	if (df_script(d, file, src, path, sizeof(path)) == NULL)
		return 0;
	rid = rc_begin(c, MSG_SPAWN, 1 + (name != NULL) + (extra_key != NULL));
	mpw_cstr(&c->out, "script");
	mpw_cstr(&c->out, path);
	if (name != NULL) {
		mpw_cstr(&c->out, "name");
		mpw_cstr(&c->out, name);
	}
	if (extra_key != NULL) {
		mpw_cstr(&c->out, extra_key);
		if (strcmp(extra_key, "owner") == 0)
			mpw_cstr(&c->out, extra_val ? "client" : "daemon");
		else if (strcmp(extra_key, "heap_limit") == 0)
			mpw_uint(&c->out, heap_limit);
		else
			mpw_bool(&c->out, extra_val);
	}
	if (rc_end(c) == -1 || rc_reply(c, rid, (int)(df_slow(10) * 1000), &m) != 1 || m.type != MSG_OK ||
	    proto_get_uint(&m, "id", &id) != PF_OK)
		return 0;
	return id;
}

bool
du_wait_event(struct rawclient *c, uint64_t id, const char *event, double timeout_s, struct proto_msg *m)
{
	double deadline = mono_s() + df_slow(timeout_s);
	char name[32];
	uint64_t wid;

	while (mono_s() < deadline) {
		if (rc_event(c, (int)((deadline - mono_s()) * 1000) + 1, m) != 1)
			return false;
		if (proto_get_uint(m, "id", &wid) == PF_OK && wid == id &&
		    strcmp(rc_event_name(m, name, sizeof(name)), event) == 0)
			return true;
	}
	return false;
}

void
du_close_info(const struct proto_msg *m, struct close_info *ci)
{
	ci->code = rc_int(m, "code");
	rc_str(m, "reason", ci->reason, sizeof(ci->reason));
	if (rc_str(m, "signal", ci->signal, sizeof(ci->signal))[0] == '\0')
		ci->signal[0] = '\0';
}

int
du_close_req(struct rawclient *c, enum msg_type t, uint64_t id, double timeout_s, struct close_info *ci)
{
	uint64_t rid = rc_begin(c, t, 1);
	struct proto_msg m;

	mpw_cstr(&c->out, "id");
	mpw_uint(&c->out, id);
	if (rc_end(c) == -1 || rc_reply(c, rid, (int)(df_slow(timeout_s) * 1000), &m) != 1)
		return -1;
	memset(ci, 0, sizeof(*ci));
	if (m.type == MSG_OK)
		du_close_info(&m, ci);
	return (int)m.type;
}

static int
msgs_reader(const struct proto_msg *m, struct mp_reader *r, uint32_t *count)
{
	const uint8_t *p;
	size_t n;
	struct mp_item it;

	if (proto_get_raw(m, "msgs", &p, &n) != PF_OK)
		return -1;
	mp_reader_init(r, p, n);
	if (mp_next(r, &it) == -1 || it.kind != MP_ARRAY)
		return -1;
	*count = it.len;
	return 0;
}

uint32_t
du_msgs_count(const struct proto_msg *m)
{
	struct mp_reader r;
	uint32_t n;

	return msgs_reader(m, &r, &n) == 0 ? n : 0;
}

int
du_msgs_int(const struct proto_msg *m, uint32_t i, int64_t *out)
{
	struct mp_reader r;
	struct mp_item it;
	uint32_t n, k;

	if (msgs_reader(m, &r, &n) == -1 || i >= n)
		return -1;
	for (k = 0; k < i; k++)
		if (mp_skip(&r) == -1)
			return -1;
	if (mp_next(&r, &it) == -1)
		return -1;
	if (it.kind == MP_ARRAY && (it.len == 0 || mp_next(&r, &it) == -1))
		return -1;
	return mp_item_int64(&it, out);
}

/* Finds key in the status map of a status reply; r is left at its value. */
static int
status_field(struct rawclient *c, uint64_t id, const char *key, struct mp_reader *r, struct proto_msg *m)
{
	const uint8_t *p;
	size_t n, kl = strlen(key);
	struct mp_item k;
	uint32_t i;

	if (rc_simple(c, MSG_STATUS, id, m) != MSG_OK || proto_get_raw(m, "worker", &p, &n) != PF_OK)
		return -1;
	mp_reader_init(r, p, n);
	if (mp_next(r, &k) == -1 || k.kind != MP_MAP)
		return -1;
	for (i = k.len; i > 0; i--) {
		if (mp_next(r, &k) == -1)
			return -1;
		if (k.kind == MP_STR && k.len == kl && memcmp(k.ptr, key, kl) == 0)
			return 0;
		if (mp_skip(r) == -1)
			return -1;
	}
	return -1;
}

uint64_t
du_status_uint(struct rawclient *c, uint64_t id, const char *key)
{
	struct proto_msg m;
	struct mp_reader r;
	struct mp_item v;

	if (status_field(c, id, key, &r, &m) == -1 || mp_next(&r, &v) == -1 || v.kind != MP_UINT)
		return UINT64_MAX;
	return v.v.u;
}

const char *
du_state(struct rawclient *c, uint64_t id, char *buf, size_t len)
{
	struct proto_msg m;
	struct mp_reader r;
	struct mp_item v;

	buf[0] = '\0';
	if (status_field(c, id, "state", &r, &m) == 0 && mp_next(&r, &v) == 0 && v.kind == MP_STR)
		snprintf(buf, len, "%.*s", (int)v.len, (const char *)v.ptr);
	return buf;
}

struct state_arg {
	struct rawclient *c;
	uint64_t id;
	const char *state;
};

static bool
in_state(void *arg)
{
	struct state_arg *a = arg;
	char buf[32];

	return strcmp(du_state(a->c, a->id, buf, sizeof(buf)), a->state) == 0;
}

bool
du_wait_state(struct rawclient *c, uint64_t id, const char *state, double timeout_s)
{
	struct state_arg a = { c, id, state };

	return df_wait_until(in_state, &a, timeout_s);
}

void
du_start(struct daemon_fixture *d, struct rawclient *c, const char *const *flags)
{
	ck_assert_int_eq(df_start(d, flags), 0);
	ck_assert_int_eq(rc_open(c, d->sock), 0);
}

void
du_stop(struct daemon_fixture *d, struct rawclient *c)
{
	rc_close(c);
	ck_assert_int_eq(df_stop(d), 0);
	df_cleanup(d);
}

void
du_start_with(struct daemon_fixture *d, const char *file, const char *src, char *path, size_t len)
{
	ck_assert_int_eq(df_start(d, NULL), 0);
	ck_assert_ptr_nonnull(df_script(d, file, src, path, len));
}

void
du_finish(struct daemon_fixture *d)
{
	/* The daemon's status counts (a valgrind error or leak, a crash):
	 * the client-side suites stop it the way the daemon suites do. */
	ck_assert_int_eq(df_stop(d), 0);
	df_cleanup(d);
}

void
du_serves(struct daemon_fixture *d, const char *file)
{
	static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";
	struct rawclient o;
	struct proto_msg m;
	uint64_t id;
	int64_t v;

	ck_assert_int_eq(rc_open(&o, d->sock), 0);
	id = du_spawn(d, &o, file, echo_js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	ck_assert_int_eq(rc_post_int(&o, id, 77, true, &m), MSG_OK);
	ck_assert_int_eq(rc_recv(&o, id, 1, true, (int)(df_slow(10) * 1000), &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 77);
	rc_close(&o);
}
