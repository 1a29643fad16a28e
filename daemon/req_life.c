/*
 * req_life.c - spawn, terminate, wait, ref and unref: a worker's life as clients ask for it.
 */
#include "req.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mpwrite.h"
#include "utf8.h"

static bool
is_str_array(const uint8_t *p, size_t n, bool pairs)
{
	struct mp_reader r;
	struct mp_item it;
	uint64_t i, count;

	mp_reader_init(&r, p, n);
	if (mp_next(&r, &it) == -1 || it.kind != (pairs ? MP_MAP : MP_ARRAY))
		return false;
	count = pairs ? (uint64_t)it.len * 2 : it.len;
	for (i = 0; i < count; i++) {
		if (mp_next(&r, &it) == -1 || it.kind != MP_STR || !utf8_valid(it.ptr, it.len) ||
		    memchr(it.ptr, '\0', it.len) != NULL)
			return false;
	}
	return mp_left(&r) == 0;
}

/* Resolves the script against cwd and checks it; 0, or -1 after replying. */
static int
resolve_script(struct session *ses, const struct proto_msg *m, uint64_t rid, char *out)
{
	const char *s, *cwd = NULL;
	size_t sn, cn = 0;
	char path[PATH_MAX];
	struct stat st;
	int n;

	if (proto_get_str(m, "script", &s, &sn) != PF_OK || sn == 0 || memchr(s, '\0', sn) != NULL) {
		peer_reply_err(&ses->peer, rid, PE_BAD_REQUEST, "spawn: script: expected a path");
		return -1;
	}
	if (s[0] != '/' && (proto_get_str(m, "cwd", &cwd, &cn) != PF_OK || cn == 0 || cwd[0] != '/' ||
	    memchr(cwd, '\0', cn) != NULL)) {
		peer_reply_err(&ses->peer, rid, PE_BAD_REQUEST, "spawn: cwd: expected an absolute path for script %.*s",
		    (int)sn, s);
		return -1;
	}
	n = s[0] == '/' ? snprintf(path, sizeof(path), "%.*s", (int)sn, s) :
	    snprintf(path, sizeof(path), "%.*s/%.*s", (int)cn, cwd, (int)sn, s);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		peer_reply_err(&ses->peer, rid, PE_NO_SUCH_SCRIPT, "script %.*s: path too long", (int)sn, s);
		return -1;
	}
	if (realpath(path, out) == NULL || stat(out, &st) == -1) {
		peer_reply_err(&ses->peer, rid, PE_NO_SUCH_SCRIPT, "script %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		peer_reply_err(&ses->peer, rid, PE_NO_SUCH_SCRIPT, "script %s: not a regular file", path);
		return -1;
	}
	if (access(out, R_OK) == -1) {
		peer_reply_err(&ses->peer, rid, PE_NO_SUCH_SCRIPT, "script %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

void
req_spawn(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct spawn_opts o = { .ref = true };
	bool attach = false;
	char script[PATH_MAX], err[512];
	const char *owner;
	size_t on;
	int rc;
	enum proto_err code;
	struct worker *w;
	struct pbuf *b = peer_reply_buf(&s->peer);
	long off;

	rc = proto_get_raw(m, "args", &o.args, &o.args_len);
	if (rc == PF_BAD || (rc == PF_OK && !is_str_array(o.args, o.args_len, false))) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: args: expected an array of strings");
		return;
	}
	rc = proto_get_raw(m, "env", &o.env, &o.env_len);
	if (rc == PF_BAD || (rc == PF_OK && !is_str_array(o.env, o.env_len, true))) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: env: expected a map of strings");
		return;
	}
	rc = proto_get_str(m, "name", &o.name, &o.name_len);
	if (rc == PF_BAD || (rc == PF_OK && (o.name_len == 0 || o.name_len > 255 ||
	    memchr(o.name, '\0', o.name_len) != NULL))) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: name: expected 1 to 255 bytes of text");
		return;
	}
	if (proto_get_bool(m, "smol", &o.smol) == PF_BAD || proto_get_bool(m, "ref", &o.ref) == PF_BAD ||
	    proto_get_uint(m, "heap_limit", &o.heap_limit) == PF_BAD ||
	    proto_get_bool(m, "attach", &attach) == PF_BAD) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: smol, ref, attach or heap_limit has the wrong type");
		return;
	}
	rc = proto_get_str(m, "owner", &owner, &on);
	if (rc == PF_OK && on == 6 && memcmp(owner, "client", 6) == 0) {
		o.owner = &s->owned;
	} else if (rc != PF_ABSENT && !(rc == PF_OK && on == 6 && memcmp(owner, "daemon", 6) == 0)) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: owner: expected \"daemon\" or \"client\"");
		return;
	}
	if (resolve_script(s, m, rid, script) == -1)
		return;
	o.script = script;
	w = worker_start(s->core->pool, &o, &code, err, sizeof(err));
	if (w == NULL) {
		WLOG(s->core->cfg, L_NOTICE, "spawn of %s refused: %s", script, err);
		peer_reply_err(&s->peer, rid, code, "%s", err);
		return;
	}
	off = proto_begin(b, MSG_OK, 4);
	if (off != -1 && (proto_key(b, "rid") | mpw_uint(b, rid) | proto_key(b, "id") | mpw_uint(b, w->id) |
	    proto_key(b, "name") | mpw_cstr(b, w->name) | proto_key(b, "pid") | mpw_uint(b, (uint64_t)w->pid) |
	    proto_end(b, off)) == 0)
		peer_send_buf(&s->peer, b);
	pbuf_reset(b);
	/* Nothing of the worker has been read yet: the subscription sees
	 * every event from open on. */
	/* The ok is out: a subscription that fails now closes the client,
	 * which must not wait for events that will never come. */
	if (attach && route_subscribe(&s->rp, w, EV_ALL, true) != 0)
		peer_fail(&s->peer, rid, PE_INTERNAL, "spawn: attach: cannot subscribe");
}

void
req_terminate(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_need_worker(s, m, rid, "id");

	if (w == NULL)
		return;
	route_wait_close(&s->rp, rid, w);
	worker_terminate(w);
}

void
req_wait(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_need_worker(s, m, rid, "id");

	if (w != NULL)
		route_wait_close(&s->rp, rid, w);
}

void
req_ref(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_need_worker(s, m, rid, "id");

	if (w == NULL)
		return;
	worker_set_ref(w, m->type == MSG_REF);
	peer_reply_ok(&s->peer, rid);
	if (!w->ref && s->core->pool->stopping)
		worker_terminate(w);
}
