/*
 * cmd_post.c - `post ID JSON...` and `post ID -`.  Every value is converted
 * to clone bytes before the first is sent, so one bad value posts nothing.
 * The converted values are spooled to an unlinked file in $TMPDIR (or
 * /tmp), each as a 4-byte length and its bytes, and streamed from there:
 * any number of stdin lines posts in constant memory (one value, at most
 * the frame limit, is in memory at a time), bounded only by the disk.
 * Posts ask the daemon to wait for queue room rather than refuse, so a
 * long stream slows down instead of failing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clone_json.h"
#include "cmds.h"

struct spool {
	FILE *f;
	struct pbuf v;		/* the value being converted, or sent */
	long n;
};

static int
spool_open(struct spool *s)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	if (snprintf(path, sizeof path, "%s/workerctl-post.XXXXXX", dir) >= (int)sizeof path)
		return ctl_fail(EX_FAIL, "TMPDIR: path too long");
	if ((fd = mkstemp(path)) == -1)
		return ctl_fail(EX_FAIL, "cannot create a spool file in %s: %s", dir, strerror(errno));
	(void)unlink(path);
	if ((s->f = fdopen(fd, "w+")) == NULL) {
		close(fd);
		return ctl_fail(EX_FAIL, "cannot create a spool file in %s: %s", dir, strerror(errno));
	}
	return EX_OK;
}

static int
spool_add(struct spool *s, const char *text, size_t len, const char *where, long idx)
{
	uint8_t hdr[4];
	char msg[256];

	pbuf_reset(&s->v);
	if (clone_from_json(text, len, &s->v, msg, sizeof msg) < 0)
		return ctl_fail(EX_USAGE_ERR, "bad JSON in %s %ld: %s (nothing was posted)", where, idx,
		    msg);
	hdr[0] = (uint8_t)(s->v.len >> 24);
	hdr[1] = (uint8_t)(s->v.len >> 16);
	hdr[2] = (uint8_t)(s->v.len >> 8);
	hdr[3] = (uint8_t)s->v.len;
	if (fwrite(hdr, 1, 4, s->f) != 4 || fwrite(s->v.data, 1, s->v.len, s->f) != s->v.len)
		return ctl_fail(EX_FAIL, "cannot write the spool file: %s", strerror(errno));
	s->n++;
	return EX_OK;
}

/* The next spooled value into s->v; -1 at the end or on a read error. */
static int
spool_next(struct spool *s)
{
	uint8_t hdr[4];
	size_t len;

	if (fread(hdr, 1, 4, s->f) != 4)
		return -1;
	len = (size_t)hdr[0] << 24 | (size_t)hdr[1] << 16 | (size_t)hdr[2] << 8 | hdr[3];
	pbuf_reset(&s->v);
	if (pbuf_reserve(&s->v, len) == -1 || fread(s->v.data, 1, len, s->f) != len)
		return -1;
	s->v.len = len;
	return 0;
}

static bool
blank(const char *s, size_t n)
{
	return strspn(s, " \t\r") >= n;
}

static int
read_stdin(struct spool *s)
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
			rc = spool_add(s, line, (size_t)n, "stdin line", lineno);
	}
	if (rc == EX_OK && ferror(stdin))
		rc = ctl_fail(EX_FAIL, "cannot read stdin");
	free(line);
	return rc;
}

static int
read_args(struct ctl *c, struct spool *s)
{
	int i, rc;

	for (i = 1; i < c->nargs; i++)
		if ((rc = spool_add(s, c->args[i], strlen(c->args[i]), "argument", i)) != EX_OK)
			return rc;
	return EX_OK;
}

/* All but the last value go without a reply: the daemon answers a
 * connection in order, so the last one's reply says every post before it
 * was queued, and a failure on the way arrives as an error for rid 0 that
 * fails the next send.  With wait:true the daemon stops reading while the
 * worker's queue is full, which is the flow control. */
static int
send_all(struct ctl *c, struct spool *s)
{
	struct wc_request req = { .op = WC_POST, .wid = c->args[0], .post_wait = true };
	struct wc_reply r;
	struct wc_error err;
	long i;
	int rc;

	if (fflush(s->f) != 0 || fseek(s->f, 0, SEEK_SET) != 0)
		return ctl_fail(EX_FAIL, "cannot read the spool file: %s", strerror(errno));
	for (i = 0; i < s->n; i++) {
		if (spool_next(s) == -1)
			return ctl_fail(EX_FAIL, "cannot read the spool file (value %ld)", i + 1);
		req.data = s->v.data;
		req.data_len = s->v.len;
		if (i + 1 < s->n) {
			if (wc_send_noreply(c->conn, &req, &err) < 0)
				return ctl_error(c, c->args[0], &err);
			continue;
		}
		rc = wc_call(c->conn, &req, ctl_left(c), &r) < 0 ? ctl_error(c, c->args[0], &r.err) : EX_OK;
		wc_reply_free(&r);
		return rc;
	}
	return EX_OK;
}

int
cmd_post(struct ctl *c)
{
	struct spool s = { .n = 0 };
	int rc;

	pbuf_init(&s.v);
	if ((rc = spool_open(&s)) != EX_OK)
		return rc;
	if (c->nargs == 2 && strcmp(c->args[1], "-") == 0)
		rc = read_stdin(&s);
	else
		rc = read_args(c, &s);
	if (rc == EX_OK && (rc = ctl_connect(c)) == EX_OK)
		rc = send_all(c, &s);
	pbuf_free(&s.v);
	fclose(s.f);
	return rc;
}
