/*
 * hostmsg.c - `build/hostmsg`: the worker's half of the message path alone,
 * in one process, with no socket and no daemon.
 *
 * A real host (host_build(), the runtime every worker has) runs
 * tests/bench/bench-child.js; post frames as the daemon writes them go into
 * the host's input buffer in batches of about 256 KiB, the size the daemon
 * writes, and the host's own frame handling (link_take, loop_on_frame:
 * decode, dispatch, task end) takes them.  The host's output goes to a pipe
 * read back at the end, where the child's ack must count every message.
 * Prints one JSON line per payload with the time and the minor page
 * faults per message, so a change to the worker's path is measured
 * without the kernel's hops (docs/performance.md, "Where the time goes").
 *
 * usage: hostmsg [SMALL_N [BIG_N]]
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "clock.h"
#include "frame.h"
#include "hlink.h"
#include "host.h"
#include "loop.h"
#include "mpwrite.h"
#include "msg.h"
#include "payload.h"

#define BATCH_BYTES (256 * 1024)

struct rig {
	struct host *h;
	int out;		/* the read end of the host's link */
	struct pbuf frames;	/* posts not yet handed to the host */
	struct pbuf val;
	struct pbuf got;	/* what the host wrote */
	size_t at;		/* how much of got is read */
};

static void
die(const char *what)
{
	fprintf(stderr, "hostmsg: %s\n", what);
	exit(1);
}

static long
minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static void
queue_post(struct rig *r)
{
	struct msg_data d = { .data = { r->val.data, r->val.len } };

	if (msg_write_data(&r->frames, MSG_POST, &d) == -1)
		die("out of memory");
}

/* Hands the queued frames to the host and lets it take every one. */
static void
deliver(struct rig *r)
{
	const char *why;

	if (evbuffer_add(r->h->in, r->frames.data, r->frames.len) == -1)
		die("out of memory");
	pbuf_reset(&r->frames);
	while (link_take(r->h, &why) == FRAME_READY)
		;
	if (evbuffer_get_length(r->h->in) != 0)
		die(why != NULL ? why : "the host left frames untaken");
}

/* The data of the next message the host wrote, skipping its stats. */
static void
next_message(struct rig *r, const uint8_t **p, size_t *n)
{
	uint8_t chunk[65536];
	ssize_t k;
	const uint8_t *doc;
	size_t len, used;
	const char *why;
	struct proto_msg m;
	struct msg_data d;

	if (link_flush_sync(r->h) == -1)
		die("cannot write to the pipe");
	while ((k = read(r->out, chunk, sizeof(chunk))) > 0)
		if (pbuf_append(&r->got, chunk, (size_t)k) == -1)
			die("out of memory");
	for (;;) {
		if (frame_parse(r->got.data + r->at, r->got.len - r->at, FRAME_MAX_DEFAULT, &doc, &len, &used,
		    &why) != FRAME_READY || proto_parse(doc, len, &m, &why) == -1)
			die("the host wrote no message");
		r->at += used;
		if (m.type != MSG_MESSAGE)
			continue;
		if (msg_read_data(&m, &d, &why) == -1)
			die(why);
		*p = d.data.p;
		*n = d.data.n;
		return;
	}
}

static void
expect_str(struct rig *r, const char *s)
{
	const uint8_t *p;
	size_t n;

	next_message(r, &p, &n);
	if (!bench_is_str(p, n, s))
		die("the child did not answer as bench-child.js does");
}

static void
rig_init(struct rig *r, const char *script)
{
	char err[256];
	int p[2];
	struct msg_init in = { .id = 1, .script = { script, strlen(script) } };
	const char *why;
	FILE *f;
	char *src;
	long len;

	if ((r->h = host_build(err, sizeof(err))) == NULL)
		die(err);
	if (pipe2(p, O_CLOEXEC) == -1 || fcntl(p[0], F_SETFL, O_NONBLOCK) == -1)
		die("cannot make a pipe");
	/* the ack and a few stats fit: the host never blocks on us */
	(void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
	if (link_init(r->h, p[1], err, sizeof(err)) == -1)
		die(err);
	r->out = p[0];
	pbuf_init(&r->frames);
	pbuf_init(&r->val);
	pbuf_init(&r->got);
	r->at = 0;
	why = "out of memory";
	if (msg_write_init(&r->frames, &in) == -1 ||
	    evbuffer_add(r->h->in, r->frames.data, r->frames.len) == -1 ||
	    link_take_init(r->h, &why) != FRAME_READY)
		die(why);
	pbuf_reset(&r->frames);
	if ((f = fopen(script, "r")) == NULL || fseek(f, 0, SEEK_END) == -1 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 || (src = malloc((size_t)len)) == NULL ||
	    fread(src, 1, (size_t)len, f) != (size_t)len)
		die(script);
	fclose(f);
	if (duk_peval_lstring(r->h->ctx, src, (size_t)len) != 0)
		die(duk_safe_to_string(r->h->ctx, -1));
	duk_pop(r->h->ctx);
	free(src);
	link_start(r->h, loop_on_frame);
	expect_str(r, "ready");
}

/* n posts of one payload (big NULL: the small message), timed, then the ack. */
static void
run(struct rig *r, const char *key, int n, const uint8_t *big)
{
	double t0, ns;
	long f0, faults;
	const uint8_t *p;
	size_t len;

	pbuf_reset(&r->val);
	bench_expect_msg(&r->val, n);
	queue_post(r);
	deliver(r);
	expect_str(r, "armed");
	f0 = minor_faults();
	t0 = (double)mono_ns();
	for (int i = 0; i < n; i++) {
		pbuf_reset(&r->val);
		if (big != NULL)
			mpw_bin(&r->val, big, BENCH_BIG_SIZE);
		else
			bench_small_msg(&r->val, i);
		queue_post(r);
		if (r->frames.len >= BATCH_BYTES)
			deliver(r);
	}
	deliver(r);
	ns = (double)mono_ns() - t0;
	faults = minor_faults() - f0;
	next_message(r, &p, &len);
	if (bench_map_int(p, len, "ack") != n)
		die("the ack does not count every message");
	printf("{\"key\":\"%s\",\"n\":%d,\"ns_per_msg\":%.0f,\"minflt_per_msg\":%.3f}\n", key, n,
	    ns / n, (double)faults / n);
}

int
main(int argc, char **argv)
{
	static struct rig r;
	int small_n = argc > 1 ? atoi(argv[1]) : 100000, big_n = argc > 2 ? atoi(argv[2]) : 10000;
	uint8_t *big = malloc(BENCH_BIG_SIZE);
	char path[PATH_MAX];

	if (big == NULL || small_n < 1 || big_n < 1)
		die("usage: hostmsg [SMALL_N [BIG_N]]");
	bench_big_fill(big);
	if (realpath("tests/bench/bench-child.js", path) == NULL)
		die("run me from the top of the tree: tests/bench/bench-child.js not found");
	rig_init(&r, path);
	run(&r, "tp_small", small_n, NULL);
	run(&r, "tp_64k", big_n, big);
	free(big);
	return 0;
}
