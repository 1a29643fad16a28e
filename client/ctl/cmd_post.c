/*
 * cmd_post.c - `post ID JSON...` and `post ID -`.  Every value is converted
 * to clone bytes before the first is sent, so one bad value posts nothing.
 * Values are kept in one buffer (bounded by the pbuf limit, 1 GiB) with
 * their offsets; each post asks the daemon to wait for queue room rather
 * than refuse, so a long stream slows down instead of failing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clone_json.h"
#include "cmds.h"

struct values {
	struct pbuf buf;
	size_t *end;		/* end offset of each value */
	size_t n, cap;
};

static int
add_value(struct values *v, const char *text, size_t len, const char *where, long idx)
{
	char msg[256];
	size_t *grown;

	if (clone_from_json(text, len, &v->buf, msg, sizeof msg) < 0)
		return ctl_fail(EX_USAGE_ERR, "bad JSON in %s %ld: %s (nothing was posted)", where, idx,
		    msg);
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		if ((grown = realloc(v->end, v->cap * sizeof *grown)) == NULL)
			return ctl_fail(EX_FAIL, "out of memory");
		v->end = grown;
	}
	v->end[v->n++] = v->buf.len;
	return EX_OK;
}

static bool
blank(const char *s, size_t n)
{
	return strspn(s, " \t\r") >= n;
}

static int
read_stdin(struct values *v)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = EX_OK;

	while (rc == EX_OK && (n = getline(&line, &cap, stdin)) >= 0) {
		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (!blank(line, (size_t)n))
			rc = add_value(v, line, (size_t)n, "stdin line", lineno);
	}
	if (rc == EX_OK && ferror(stdin))
		rc = ctl_fail(EX_FAIL, "cannot read stdin");
	free(line);
	return rc;
}

static int
read_args(struct ctl *c, struct values *v)
{
	int i, rc;

	for (i = 1; i < c->nargs; i++)
		if ((rc = add_value(v, c->args[i], strlen(c->args[i]), "argument", i)) != EX_OK)
			return rc;
	return EX_OK;
}

static int
send_all(struct ctl *c, const struct values *v)
{
	struct wc_request req = { .op = WC_POST, .wid = c->args[0], .post_wait = true };
	struct wc_reply r;
	size_t i, start = 0;
	int rc = EX_OK;

	for (i = 0; i < v->n && rc == EX_OK; i++) {
		req.data = v->buf.data + start;
		req.data_len = v->end[i] - start;
		start = v->end[i];
		if (wc_call(c->conn, &req, ctl_left(c), &r) < 0)
			rc = ctl_error(c, c->args[0], &r.err);
		wc_reply_free(&r);
	}
	return rc;
}

int
cmd_post(struct ctl *c)
{
	struct values v = { .n = 0 };
	int rc;

	pbuf_init(&v.buf);
	if (c->nargs == 2 && strcmp(c->args[1], "-") == 0)
		rc = read_stdin(&v);
	else
		rc = read_args(c, &v);
	if (rc == EX_OK && (rc = ctl_connect(c)) == EX_OK)
		rc = send_all(c, &v);
	pbuf_free(&v.buf);
	free(v.end);
	return rc;
}
