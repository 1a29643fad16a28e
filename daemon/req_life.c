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

#include "fileurl.h"

/* Strings that reach a C string (argv, environ) may not hold NUL. */
static bool
has_nul(const struct msg_list *l)
{
	struct msg_iter it;
	struct msg_str str;
	const char *why;

	msg_iter_init(&it, l);
	while (msg_next_str(&it, &str, &why) == 1)
		if (memchr(str.p, '\0', str.n) != NULL)
			return true;
	return false;
}

/* Resolves the script (a path, or a file: URL) against cwd and checks it;
 * 0, or -1 after replying. */
static int
resolve_script(struct session *ses, const struct msg_spawn *m, uint64_t rid, char *out)
{
	const char *s = m->script.p, *cwd = m->cwd.p;
	size_t sn = m->script.n, cn = m->cwd.n;
	char path[PATH_MAX], url[PATH_MAX], uerr[96];
	struct stat st;
	int n;

	if (sn == 0 || memchr(s, '\0', sn) != NULL) {
		peer_reply_err(&ses->peer, rid, PE_BAD_REQUEST, "spawn: script: expected a path");
		return -1;
	}
	if ((n = fileurl_path(s, sn, url, sizeof url, uerr, sizeof uerr)) == -1) {
		peer_reply_err(&ses->peer, rid, PE_BAD_REQUEST, "script %.*s: %s", (int)sn, s, uerr);
		return -1;
	}
	if (n == 1) {
		s = url;
		sn = strlen(url);
	}
	if (s[0] != '/' && (cwd == NULL || cn == 0 || cwd[0] != '/' || memchr(cwd, '\0', cn) != NULL)) {
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

static bool
is(const struct msg_str *s, const char *want)
{
	return s->p != NULL && s->n == strlen(want) && memcmp(s->p, want, s->n) == 0;
}

void
req_spawn(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct msg_spawn req;
	struct spawn_opts o;
	char script[PATH_MAX], err[512];
	const char *why;
	enum proto_err code;
	struct worker *w;

	if (msg_read_spawn(m, &req, &why) == -1) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "%s", why);
		return;
	}
	if (has_nul(&req.args) || has_nul(&req.env)) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: args and env may not hold NUL bytes");
		return;
	}
	if (req.name.p != NULL && (req.name.n == 0 || req.name.n > 255 ||
	    memchr(req.name.p, '\0', req.name.n) != NULL)) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: name: expected 1 to 255 bytes of text");
		return;
	}
	if (req.owner.p != NULL && !is(&req.owner, "client") && !is(&req.owner, "daemon")) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: owner: expected \"daemon\" or \"client\"");
		return;
	}
	if (req.cwd.p != NULL && (req.cwd.n == 0 || req.cwd.p[0] != '/' ||
	    memchr(req.cwd.p, '\0', req.cwd.n) != NULL)) {
		peer_reply_err(&s->peer, rid, PE_BAD_REQUEST, "spawn: cwd: expected an absolute path");
		return;
	}
	o = (struct spawn_opts){ .script = script, .name = req.name.p, .name_len = req.name.n,
	    .args = req.args, .env = req.env, .cwd = req.cwd, .smol = req.smol,
	    .heap_limit = req.heap_limit, .ref = req.ref,
	    .owner = is(&req.owner, "client") ? &s->owned : NULL, .uid = s->uid, .data = req.data,
	    .legacy_decorators = req.legacy_decorators };
	if (runas_pick(&s->core->cfg->runas, s->uid, s->gid, &o.run, err, sizeof(err)) == -1) {
		WLOG(s->core->cfg, L_NOTICE, "client %llu (uid %u): %s", (unsigned long long)s->peer.serial,
		    (unsigned)s->uid, err);
		peer_reply_err(&s->peer, rid, PE_PERMISSION, "%s", err);
		return;
	}
	if (resolve_script(s, &req, rid, script) == -1)
		return;
	w = worker_start(s->core->pool, &o, &code, err, sizeof(err));
	if (w == NULL) {
		WLOG(s->core->cfg, L_NOTICE, "spawn of %s refused: %s", script, err);
		peer_reply_err(&s->peer, rid, code, "%s", err);
		return;
	}
	/* Nothing of the worker has been read yet: the subscription sees
	 * every event from open on.  The worker exists, so a subscription that
	 * fails closes the client, which must not wait for events that will
	 * never come. */
	if (req.attach && route_subscribe(&s->rp, w, EV_ALL, true) != 0) {
		peer_fail(&s->peer, rid, PE_INTERNAL, "spawn: attach: cannot subscribe");
		return;
	}
	route_wait_spawned(&s->rp, rid, w);
}

void
req_terminate(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_target(s, m, rid);

	if (w == NULL)
		return;
	route_wait_close(&s->rp, rid, w);
	worker_terminate(w);
}

void
req_wait(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_target(s, m, rid);

	if (w != NULL)
		route_wait_close(&s->rp, rid, w);
}

void
req_ref(struct session *s, const struct proto_msg *m, uint64_t rid)
{
	struct worker *w = req_target(s, m, rid);

	if (w == NULL)
		return;
	worker_set_ref(w, m->type == MSG_REF);
	peer_reply_ok(&s->peer, rid);
	if (!w->ref && s->core->pool->stopping)
		worker_terminate(w);
}
