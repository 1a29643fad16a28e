#include "rawclient.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "frame.h"
#include "mpwrite.h"

struct rc_saved {
	struct rc_saved *next;
	size_t len;
	uint8_t doc[];
};

int
rc_connect(struct rawclient *c, const char *path)
{
	struct sockaddr_un sun;

	memset(c, 0, sizeof(*c));
	pbuf_init(&c->out);
	c->off = -1;
	c->max_frame = FRAME_MAX_DEFAULT + 4096;
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd == -1)
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (connect(c->fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		int e = errno;

		close(c->fd);
		c->fd = -1;
		errno = e;
		return -1;
	}
	return 0;
}

int
rc_open(struct rawclient *c, const char *path)
{
	struct proto_msg m;

	if (rc_connect(c, path) == -1)
		return -1;
	c->off = proto_begin(&c->out, MSG_HELLO, 2);
	mpw_cstr(&c->out, "v");
	mpw_uint(&c->out, PROTO_VERSION);
	mpw_cstr(&c->out, "client");
	mpw_cstr(&c->out, "rawclient");
	if (rc_end(c) == -1 || rc_read(c, 10000, &m) != 1 || m.type != MSG_HELLO)
		return -1;
	return 0;
}

void
rc_close(struct rawclient *c)
{
	struct rc_saved *s;

	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	while ((s = c->head) != NULL) {
		c->head = s->next;
		free(s);
	}
	free(c->in);
	free(c->cur);
	c->in = c->cur = NULL;
	pbuf_free(&c->out);
}

int
rc_send_raw(struct rawclient *c, const void *p, size_t n)
{
	const uint8_t *b = p;
	ssize_t w;

	while (n > 0) {
		w = send(c->fd, b, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

uint64_t
rc_begin(struct rawclient *c, enum msg_type t, uint32_t nfields)
{
	uint64_t rid = ++c->next_rid;

	if (c->off >= 0)
		proto_end(&c->out, c->off);
	c->off = proto_begin(&c->out, t, nfields + 1);
	mpw_cstr(&c->out, "rid");
	mpw_uint(&c->out, rid);
	return rid;
}

int
rc_end(struct rawclient *c)
{
	int rc;

	if (c->off >= 0)
		proto_end(&c->out, c->off);
	c->off = -1;
	rc = rc_send_raw(c, c->out.data, c->out.len);
	pbuf_reset(&c->out);
	return rc;
}

/* Takes one whole frame off the input into cur; 1, 0 (need more), -1. */
static int
take_frame(struct rawclient *c, struct proto_msg *m)
{
	const uint8_t *doc;
	size_t len, used;
	const char *err;
	int rc = frame_parse(c->in, c->in_len, c->max_frame, &doc, &len, &used, &err);

	if (rc != FRAME_READY)
		return rc == FRAME_MORE ? 0 : -1;
	free(c->cur);
	c->cur = malloc(len);
	if (c->cur == NULL)
		return -1;
	c->cur_len = len;
	memcpy(c->cur, doc, len);
	memmove(c->in, c->in + used, c->in_len - used);
	c->in_len -= used;
	return proto_parse(c->cur, len, m, &err) == 0 ? 1 : -1;
}

static int
fill(struct rawclient *c, int timeout_ms)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	ssize_t n;
	int r;

	r = poll(&p, 1, timeout_ms < 0 ? 0 : timeout_ms);
	if (r <= 0)
		return 0;
	if (c->in_cap - c->in_len < 65536) {
		size_t cap = c->in_cap ? c->in_cap * 2 : 1 << 17;
		uint8_t *b = realloc(c->in, cap);

		if (b == NULL)
			return -1;
		c->in = b;
		c->in_cap = cap;
	}
	n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
	if (n <= 0)
		return -1;
	c->in_len += (size_t)n;
	return 1;
}

static int
read_wire(struct rawclient *c, int timeout_ms, struct proto_msg *m)
{
	double deadline = mono_ms() + timeout_ms;
	int rc;

	for (;;) {
		rc = take_frame(c, m);
		if (rc != 0)
			return rc;
		rc = fill(c, (int)(deadline - mono_ms()));
		if (rc == -1)
			return -1;
		if (rc == 0 && mono_ms() >= deadline)
			return 0;
	}
}

enum { WANT_ANY, WANT_EV, WANT_REPLY };

static bool
wanted(const struct proto_msg *m, int want, uint64_t rid)
{
	if (want == WANT_ANY)
		return true;
	if (want == WANT_EV)
		return m->type == MSG_EV;
	return (m->type == MSG_OK || m->type == MSG_ERR) && m->has_rid && (m->rid == rid || m->rid == 0);
}

/* Takes the first queued frame that is wanted; 1 with *m, else 0. */
static int
pop_saved(struct rawclient *c, struct proto_msg *m, int want, uint64_t rid)
{
	struct rc_saved *s, *prev = NULL;
	const char *err;

	for (s = c->head; s != NULL; prev = s, s = s->next) {
		if (proto_parse(s->doc, s->len, m, &err) == -1 || !wanted(m, want, rid))
			continue;
		if (prev != NULL)
			prev->next = s->next;
		else
			c->head = s->next;
		if (c->tail == s)
			c->tail = prev;
		free(c->cur);
		c->cur = malloc(s->len);
		c->cur_len = s->len;
		memcpy(c->cur, s->doc, s->len);
		proto_parse(c->cur, s->len, m, &err);
		free(s);
		return 1;
	}
	return 0;
}

static void
save(struct rawclient *c)
{
	size_t len = c->cur_len;
	struct rc_saved *s = malloc(sizeof(*s) + len);

	if (s == NULL)
		return;
	s->next = NULL;
	s->len = len;
	memcpy(s->doc, c->cur, len);
	if (c->tail != NULL)
		c->tail->next = s;
	else
		c->head = s;
	c->tail = s;
}

/* Reads until a wanted frame comes, queueing the others. */
static int
read_wanted(struct rawclient *c, int timeout_ms, struct proto_msg *m, int want, uint64_t rid)
{
	double deadline = mono_ms() + timeout_ms;
	int rc;

	if (pop_saved(c, m, want, rid) == 1)
		return 1;
	for (;;) {
		rc = read_wire(c, (int)(deadline - mono_ms()), m);
		if (rc != 1 || wanted(m, want, rid))
			return rc;
		save(c);
	}
}

int
rc_read(struct rawclient *c, int timeout_ms, struct proto_msg *m)
{
	return read_wanted(c, timeout_ms, m, WANT_ANY, 0);
}

int
rc_reply(struct rawclient *c, uint64_t rid, int timeout_ms, struct proto_msg *m)
{
	return read_wanted(c, timeout_ms, m, WANT_REPLY, rid);
}

int
rc_event(struct rawclient *c, int timeout_ms, struct proto_msg *m)
{
	return read_wanted(c, timeout_ms, m, WANT_EV, 0);
}

int
rc_spawn(struct rawclient *c, const char *script, const char *name, const char *extra_key,
    bool extra_val, struct proto_msg *m)
{
	char cwd[4096];
	uint64_t rid = rc_begin(c, MSG_SPAWN, 2 + (name != NULL) + (extra_key != NULL));

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return -1;
	mpw_cstr(&c->out, "script");
	mpw_cstr(&c->out, script);
	mpw_cstr(&c->out, "cwd");
	mpw_cstr(&c->out, cwd);
	if (name != NULL) {
		mpw_cstr(&c->out, "name");
		mpw_cstr(&c->out, name);
	}
	if (extra_key != NULL) {
		mpw_cstr(&c->out, extra_key);
		if (strcmp(extra_key, "owner") == 0)
			mpw_cstr(&c->out, extra_val ? "client" : "daemon");
		else
			mpw_bool(&c->out, extra_val);
	}
	if (rc_end(c) == -1 || rc_reply(c, rid, 10000, m) != 1)
		return -1;
	return (int)m->type;
}

uint64_t
rc_spawn_id(struct rawclient *c, const char *script, const char *name)
{
	struct proto_msg m;
	uint64_t id;

	if (rc_spawn(c, script, name, NULL, false, &m) != MSG_OK || proto_get_uint(&m, "id", &id) != PF_OK)
		return 0;
	return id;
}

static int
post(struct rawclient *c, uint64_t id, bool with_rid, struct proto_msg *m, int64_t iv, const char *s)
{
	uint64_t rid = 0;

	if (with_rid)
		rid = rc_begin(c, MSG_POST, 2);
	else
		c->off = proto_begin(&c->out, MSG_POST, 2);
	mpw_cstr(&c->out, "id");
	mpw_uint(&c->out, id);
	mpw_cstr(&c->out, "data");
	if (s != NULL)
		mpw_cstr(&c->out, s);
	else
		mpw_int(&c->out, iv);
	if (rc_end(c) == -1)
		return -1;
	if (!with_rid)
		return MSG_OK;
	return rc_reply(c, rid, 10000, m) == 1 ? (int)m->type : -1;
}

int
rc_post_int(struct rawclient *c, uint64_t id, int64_t v, bool with_rid, struct proto_msg *m)
{
	return post(c, id, with_rid, m, v, NULL);
}

int
rc_post_str(struct rawclient *c, uint64_t id, const char *s, bool with_rid, struct proto_msg *m)
{
	return post(c, id, with_rid, m, 0, s);
}

int
rc_simple(struct rawclient *c, enum msg_type t, uint64_t id, struct proto_msg *m)
{
	uint64_t rid = rc_begin(c, t, id != 0);

	if (id != 0) {
		mpw_cstr(&c->out, "id");
		mpw_uint(&c->out, id);
	}
	if (rc_end(c) == -1 || rc_reply(c, rid, 30000, m) != 1)
		return -1;
	return (int)m->type;
}

int
rc_recv(struct rawclient *c, uint64_t id, uint32_t n, bool wait, int timeout_ms, struct proto_msg *m)
{
	uint64_t rid = rc_begin(c, MSG_RECV, 3);

	mpw_cstr(&c->out, "id");
	mpw_uint(&c->out, id);
	mpw_cstr(&c->out, "n");
	mpw_uint(&c->out, n);
	mpw_cstr(&c->out, "wait");
	mpw_bool(&c->out, wait);
	if (rc_end(c) == -1 || rc_reply(c, rid, timeout_ms, m) != 1)
		return -1;
	return (int)m->type;
}

int
rc_subscribe(struct rawclient *c, const uint64_t *ids, unsigned nids, bool consume, struct proto_msg *m)
{
	uint64_t rid = rc_begin(c, MSG_SUBSCRIBE, 2);
	unsigned i;

	mpw_cstr(&c->out, "ids");
	mpw_array(&c->out, nids);
	for (i = 0; i < nids; i++)
		mpw_uint(&c->out, ids[i]);
	mpw_cstr(&c->out, "consume");
	mpw_bool(&c->out, consume);
	if (rc_end(c) == -1 || rc_reply(c, rid, 10000, m) != 1)
		return -1;
	return (int)m->type;
}

const char *
rc_err_code(const struct proto_msg *m, char *buf, size_t len)
{
	if (m->type != MSG_ERR)
		return "";
	return rc_str(m, "code", buf, len);
}

int64_t
rc_int(const struct proto_msg *m, const char *key)
{
	int64_t v;

	return proto_get_int(m, key, &v) == PF_OK ? v : INT64_MIN;
}

const char *
rc_str(const struct proto_msg *m, const char *key, char *buf, size_t len)
{
	const char *s;
	size_t n;

	if (proto_get_str(m, key, &s, &n) != PF_OK)
		return "";
	snprintf(buf, len, "%.*s", (int)n, s);
	return buf;
}

const char *
rc_event_name(const struct proto_msg *m, char *buf, size_t len)
{
	return rc_str(m, "event", buf, len);
}

int
rc_data_int(const struct proto_msg *m, const char *key, int64_t *out)
{
	return proto_get_int(m, key, out) == PF_OK ? 0 : -1;
}
