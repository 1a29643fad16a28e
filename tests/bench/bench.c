/*
 * bench.c - `make bench`: the peers' Worker benchmark (shared/bench/README.md,
 * "Metric keys (peers)") measured through workersd.
 *
 * One client connection drives everything, as the peers' parent process
 * does, and takes every timestamp in its own frame handlers.  Workers are
 * spawned with owner "client" and attach, so their events (and messages)
 * come to this connection; posts use wait:true so that a fast sender is
 * slowed down by the daemon instead of refused.  pingpong_direct is the
 * same ping-pong over a direct channel (docs/protocol.md 2.9), blocking
 * writes and reads on its socket.  Prints one JSON line with the peers'
 * keys and pingpong_direct, then a table against the targets of ANCHORS.md
 * on stderr.  Last comes workersd's own scale section: BENCH_SCALE_N idle
 * workers at once, followed rather than attached (each one's first message
 * stays in its mailbox), and the daemon's memory with them
 * (docs/performance.md, "Scale").
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "clock.h"
#include "fdpass.h"
#include "frame.h"
#include "msg.h"
#include "mpwrite.h"
#include "payload.h"
#include "proto.h"
#include "ring.h"
#include "spin.h"

/* Workers at once in every section but scale, which may have more. */
#define MAXW 1024
/* The rid of the channel request: above every spawn's (slot + 1, up to
 * BENCH_SCALE_N). */
#define CHAN_RID UINT32_MAX

enum wstate { W_FREE, W_SPAWNING, W_READY, W_CLOSED };

struct bw {
	enum wstate state;
	uint64_t id;
	uint64_t pid;
	double t_spawn, t_ready, t_close;
	bool got_first;
};

/* What the current phase waits for in a message. */
struct expect {
	int slot;		/* worker the message must come from */
	bool got;
	double t;
	uint8_t data[256];	/* the message's clone bytes (small ones only) */
	size_t len;
};

struct bench {
	int fd;
	struct evbuffer *in;
	struct pbuf out;
	uint64_t daemon_pid;
	const char *script;
	struct bw *w;		/* cap slots */
	int *idtab;		/* id -> slot + 1, open addressing, idtab_len slots */
	int cap;
	unsigned idtab_len;
	int ready_count, closed_count;
	bool detached;		/* spawns do not attach (the scale section) */
	struct expect ex;
	/* ping-pong state */
	bool ping;
	int ping_i, ping_total;
	double ping_t0, *lat;
	/* the direct channel: its descriptor comes with the ok */
	struct fdq fdq;
	int chan_fd;		/* non-blocking */
	struct evbuffer *chan_in;
	struct spin spin;	/* the client's busy-poll, as libworkerclient's */
};

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "bench: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static long
envnum(const char *name, long def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? strtol(v, NULL, 10) : def;
}

static int
idtab_find(struct bench *b, uint64_t id)
{
	for (unsigned i = 0; i < b->idtab_len; i++) {
		int s = b->idtab[(id + i) % b->idtab_len];
		if (s == 0)
			return -1;
		if (b->w[s - 1].id == id)
			return s - 1;
	}
	return -1;
}

static void
idtab_put(struct bench *b, uint64_t id, int slot)
{
	for (unsigned i = 0; i < b->idtab_len; i++) {
		int *s = &b->idtab[(id + i) % b->idtab_len];
		if (*s == 0 || b->w[*s - 1].id == id) {
			*s = slot + 1;
			return;
		}
	}
	die("id table full");
}

/* Reads what the socket has into b->in; -1 at EOF. */
static int
read_some(struct bench *b)
{
	int n = fdpass_read(b->fd, b->in, 1 << 20, &b->fdq);

	if (n == 0)
		die("daemon closed the connection");
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		die("read: %s", strerror(errno));
	return n;
}

/* Writes all of b->out, reading whatever arrives meanwhile so neither side
 * can block the other. */
static void
flush(struct bench *b)
{
	size_t off = 0;

	while (off < b->out.len) {
		struct pollfd p = { b->fd, POLLIN | POLLOUT, 0 };
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (p.revents & POLLIN)
			read_some(b);
		if (p.revents & (POLLOUT | POLLHUP | POLLERR)) {
			ssize_t n = write(b->fd, b->out.data + off, b->out.len - off);
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				die("write: %s", strerror(errno));
			if (n > 0)
				off += (size_t)n;
		}
	}
	pbuf_reset(&b->out);
}

static void
post_data(struct bench *b, uint64_t id, const void *data, size_t len)
{
	long off = proto_begin(&b->out, MSG_POST, 3);

	proto_key(&b->out, "id");
	mpw_uint(&b->out, id);
	proto_key(&b->out, "wait");
	mpw_bool(&b->out, true);
	proto_key(&b->out, "data");
	mpw_raw(&b->out, data, len);
	if (off == -1 || proto_end(&b->out, off) == -1)
		die("out of memory");
}

static void
post_seq(struct bench *b, uint64_t id, int seq)
{
	struct pbuf v;

	pbuf_init(&v);
	mpw_map(&v, 1);
	mpw_cstr(&v, "seq");
	mpw_int(&v, seq);
	post_data(b, id, v.data, v.len);
	pbuf_free(&v);
}



static void
on_message(struct bench *b, int slot, const uint8_t *data, size_t len, double t)
{
	struct bw *w = &b->w[slot];

	if (!w->got_first) {
		w->got_first = true;
		w->t_ready = t;
		w->state = W_READY;
		b->ready_count++;
		if (!bench_is_str(data, len, "ready"))
			die("worker %llu: first message is not 'ready'", (unsigned long long)w->id);
		return;
	}
	if (b->ping && slot == b->ex.slot) {
		b->lat[b->ping_i] = t - b->ping_t0;
		if (bench_map_int(data, len, "seq") != b->ping_i)
			die("ping-pong: sequence mismatch at %d", b->ping_i);
		if (++b->ping_i == b->ping_total) {
			b->ping = false;
			return;
		}
		b->ping_t0 = mono_ms();
		post_seq(b, w->id, b->ping_i);
		flush(b);
		return;
	}
	if (slot == b->ex.slot && !b->ex.got && len <= sizeof(b->ex.data)) {
		b->ex.got = true;
		b->ex.t = t;
		memcpy(b->ex.data, data, len);
		b->ex.len = len;
	}
}

static void
on_event(struct bench *b, const struct proto_msg *m, double t)
{
	const char *ev;
	size_t evlen;
	uint64_t id;
	int slot;

	if (proto_get_str(m, "event", &ev, &evlen) != PF_OK || proto_get_uint(m, "id", &id) != PF_OK)
		die("malformed event");
	slot = idtab_find(b, id);
	if (slot < 0)
		return;
	if (evlen == 7 && memcmp(ev, "message", 7) == 0) {
		const uint8_t *data;
		size_t len;
		if (proto_get_raw(m, "data", &data, &len) != PF_OK)
			die("message event without data");
		on_message(b, slot, data, len, t);
	} else if (evlen == 5 && memcmp(ev, "close", 5) == 0) {
		if (b->w[slot].state != W_CLOSED) {
			b->w[slot].state = W_CLOSED;
			b->w[slot].t_close = t;
			b->closed_count++;
		}
	} else if (evlen == 5 && memcmp(ev, "error", 5) == 0) {
		fprintf(stderr, "bench: worker %llu reported an error\n", (unsigned long long)id);
	}
}

static void
on_frame(struct bench *b, const uint8_t *doc, size_t len)
{
	double t = mono_ms();
	struct proto_msg m;
	const char *err, *s;
	size_t n;
	uint64_t id, pid;

	if (proto_parse(doc, len, &m, &err) == -1)
		die("bad frame from daemon: %s", err);
	switch (m.type) {
	case MSG_EV:
		on_event(b, &m, t);
		break;
	case MSG_OK:
		if (m.rid == CHAN_RID && (b->chan_fd = fdq_take(&b->fdq)) < 0)
			die("the channel's ok came without its descriptor");
		if (m.rid >= 1 && m.rid <= (uint64_t)b->cap && proto_get_uint(&m, "id", &id) == PF_OK) {
			int slot = (int)m.rid - 1;
			b->w[slot].id = id;
			if (proto_get_uint(&m, "pid", &pid) == PF_OK)
				b->w[slot].pid = pid;
			idtab_put(b, id, slot);
		}
		break;
	case MSG_ERR:
		if (proto_get_str(&m, "msg", &s, &n) != PF_OK)
			s = "?", n = 1;
		die("daemon error (rid %llu): %.*s", (unsigned long long)m.rid, (int)n, s);
		break;
	default:
		break;
	}
}

static void
dispatch(struct bench *b)
{
	const uint8_t *doc;
	size_t len;
	const char *err;
	int rc;

	while ((rc = frame_peek(b->in, FRAME_MAX_DEFAULT * 2, &doc, &len, &err)) == FRAME_READY) {
		on_frame(b, doc, len);
		frame_drain(b->in, len);
	}
	if (rc == FRAME_ERR)
		die("bad frame from daemon: %s", err);
}

/* Handles frames until cond(b) holds; gives up after 120 s. */
static void
wait_until(struct bench *b, bool (*cond)(struct bench *))
{
	double deadline = mono_ms() + 120000;

	dispatch(b);
	while (!cond(b)) {
		struct pollfd p = { b->fd, POLLIN, 0 };
		if (mono_ms() > deadline)
			die("timed out waiting for the daemon");
		/* polled, not read, while spinning: a read here asks FIONREAD
		 * first (fdpass.h), two system calls a try */
		if (spin_wait(&b->spin, &p, 1) == 1 || poll(&p, 1, 1000) > 0) {
			read_some(b);
			spin_woke(&b->spin);
		}
		dispatch(b);
	}
}

static int target_count;
static bool all_ready(struct bench *b) { return b->ready_count >= target_count; }
static bool all_closed(struct bench *b) { return b->closed_count >= target_count; }
static bool got_expected(struct bench *b) { return b->ex.got; }
static bool ping_done(struct bench *b) { return !b->ping; }
static bool chan_open(struct bench *b) { return b->chan_fd >= 0; }

static void
reset_workers(struct bench *b)
{
	memset(b->w, 0, (size_t)b->cap * sizeof(*b->w));
	memset(b->idtab, 0, b->idtab_len * sizeof(*b->idtab));
	b->ready_count = b->closed_count = 0;
}

static void
queue_spawn(struct bench *b, int slot)
{
	long off = proto_begin(&b->out, MSG_SPAWN, 5);

	proto_key(&b->out, "rid");
	mpw_uint(&b->out, (uint64_t)slot + 1);
	proto_key(&b->out, "script");
	mpw_cstr(&b->out, b->script);
	proto_key(&b->out, "cwd");
	mpw_cstr(&b->out, "/");
	proto_key(&b->out, "owner");
	mpw_cstr(&b->out, "client");
	proto_key(&b->out, "attach");
	mpw_bool(&b->out, !b->detached);
	proto_end(&b->out, off);
	b->w[slot].state = W_SPAWNING;
	b->w[slot].t_spawn = mono_ms();
}

static void
queue_terminate(struct bench *b, int slot)
{
	long off = proto_begin(&b->out, MSG_TERMINATE, 1);

	proto_key(&b->out, "id");
	mpw_uint(&b->out, b->w[slot].id);
	proto_end(&b->out, off);
}

static void
spawn_ready(struct bench *b, int slot)
{
	queue_spawn(b, slot);
	flush(b);
	target_count = b->ready_count + 1;
	wait_until(b, all_ready);
}

static void
terminate_all(struct bench *b, int n)
{
	for (int i = 0; i < n; i++)
		queue_terminate(b, i);
	flush(b);
	target_count = n;
	wait_until(b, all_closed);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Nearest rank, as the peers' harness. */
static double
pct(double *v, int n, double p)
{
	int k = (int)ceil(p / 100.0 * n) - 1;

	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[k < 0 ? 0 : k];
}

/* The number after `field` on its line of a /proc file (a "Field:  N kB"
 * line of status, smaps_rollup or meminfo); 0 when absent. */
static long
file_kb(const char *path, const char *field)
{
	char line[256];
	long v = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, field, strlen(field)) == 0)
			v = strtol(line + strlen(field), NULL, 10);
	fclose(f);
	return v;
}

/* The same of /proc/PID/FILE. */
static long
proc_kb(uint64_t pid, const char *file, const char *field)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%llu/%s", (unsigned long long)pid, file);
	return file_kb(path, field);
}

static void
sum_mem(struct bench *b, int n, long *pss, long *rss)
{
	*pss = proc_kb(b->daemon_pid, "smaps_rollup", "Pss:") + proc_kb((uint64_t)getpid(), "smaps_rollup", "Pss:");
	*rss = proc_kb(b->daemon_pid, "smaps_rollup", "Rss:") + proc_kb((uint64_t)getpid(), "smaps_rollup", "Rss:");
	for (int i = 0; i < n; i++) {
		*pss += proc_kb(b->w[i].pid, "smaps_rollup", "Pss:");
		*rss += proc_kb(b->w[i].pid, "smaps_rollup", "Rss:");
	}
}

static void
pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static double r3(double x) { return round(x * 1000) / 1000; }

static void
phase_memory(struct bench *b, int n, FILE *o)
{
	long pss0, rss0, pss1, rss1;

	reset_workers(b);
	sum_mem(b, 0, &pss0, &rss0);
	for (int i = 0; i < n; i++)
		spawn_ready(b, i);
	pause_ms(1500);
	sum_mem(b, n, &pss1, &rss1);
	terminate_all(b, n);
	fprintf(o, "\"memory\":{\"workers\":%d,\"base_pss_mb\":%g,\"pss_per_worker_mb\":%g,"
	    "\"rss_per_worker_mb\":%g,\"total_pss_mb\":%g}", n, r3(pss0 / 1024.0),
	    r3((pss1 - pss0) / 1024.0 / n), r3((rss1 - rss0) / 1024.0 / n), r3(pss1 / 1024.0));
}

static void
phase_burst(struct bench *b, int n, FILE *o)
{
	double t0, t_all, tt;

	reset_workers(b);
	t0 = mono_ms();
	for (int i = 0; i < n; i++)
		queue_spawn(b, i);
	flush(b);
	target_count = n;
	wait_until(b, all_ready);
	t_all = mono_ms() - t0;
	for (int i = 0; i < n; i++)
		if (b->w[i].t_ready - t0 > t_all)
			t_all = b->w[i].t_ready - t0;
	tt = mono_ms();
	terminate_all(b, n);
	fprintf(o, "{\"n\":%d,\"all_ready_ms\":%g,\"terminate_all_ms\":%g}", n, r3(t_all), r3(mono_ms() - tt));
	pause_ms(500);
}

static void
phase_spawn(struct bench *b, int n, int warm, FILE *o)
{
	double *sp = calloc((size_t)n, sizeof(double)), *te = calloc((size_t)n, sizeof(double));
	double first = 0;

	for (int i = 0; i < n + warm; i++) {
		double t0;
		reset_workers(b);
		spawn_ready(b, 0);
		if (i == 0)
			first = b->w[0].t_ready - b->w[0].t_spawn;
		t0 = mono_ms();
		terminate_all(b, 1);
		if (i >= warm) {
			sp[i - warm] = b->w[0].t_ready - b->w[0].t_spawn;
			te[i - warm] = b->w[0].t_close - t0;
		}
	}
	fprintf(o, "\"spawn\":{\"n\":%d,\"warmup_excluded\":%d,\"first_spawn_ms\":%g,"
	    "\"spawn_p50_ms\":%g,\"spawn_p99_ms\":%g,\"terminate_p50_ms\":%g,\"terminate_p99_ms\":%g}",
	    n, warm, r3(first), r3(pct(sp, n, 50)), r3(pct(sp, n, 99)), r3(pct(te, n, 50)), r3(pct(te, n, 99)));
	free(sp);
	free(te);
}

static void
phase_pingpong(struct bench *b, int n, int warm, FILE *o)
{
	double t_start, wall, sum = 0;

	reset_workers(b);
	spawn_ready(b, 0);
	b->lat = calloc((size_t)(n + warm), sizeof(double));
	b->ping = true;
	b->ping_i = 0;
	b->ping_total = n + warm;
	b->ex.slot = 0;
	t_start = mono_ms();
	b->ping_t0 = mono_ms();
	post_seq(b, b->w[0].id, 0);
	flush(b);
	wait_until(b, ping_done);
	wall = mono_ms() - t_start;
	for (int i = warm; i < n + warm; i++)
		sum += b->lat[i];
	fprintf(o, "\"pingpong\":{\"n\":%d,\"warmup_excluded\":%d,\"rtt_p50_us\":%g,\"rtt_p99_us\":%g,"
	    "\"rtt_mean_us\":%g,\"wall_ms_incl_warmup\":%g}", n, warm, r3(pct(b->lat + warm, n, 50) * 1000),
	    r3(pct(b->lat + warm, n, 99) * 1000), r3(sum / n * 1000), r3(wall));
	free(b->lat);
	b->lat = NULL;
	terminate_all(b, 1);
}

/* The busy-poll's question: did a read of the channel bring bytes? */
static int
chan_read_some(void *arg)
{
	struct bench *b = arg;
	int n = evbuffer_read(b->chan_in, b->chan_fd, 1 << 16);

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		die("channel read: %s", n == 0 ? "end of file" : strerror(errno));
	return n > 0;
}

/* One round trip on the channel: the post of seq i out, its echo in. */
static void
direct_round(struct bench *b, struct pbuf *f, int i)
{
	struct evbuffer *in = b->chan_in;
	const uint8_t *doc;
	const char *err;
	struct proto_msg m;
	struct msg_data d;
	struct pbuf v;
	size_t len, off = 0;
	ssize_t w;
	int rc;

	pbuf_init(&v);
	mpw_map(&v, 1);
	mpw_cstr(&v, "seq");
	mpw_int(&v, i);
	pbuf_reset(f);
	if (msg_write_data(f, MSG_POST, &(struct msg_data){ { v.data, v.len } }) == -1)
		die("out of memory");
	pbuf_free(&v);
	while (off < f->len) {
		if ((w = write(b->chan_fd, f->data + off, f->len - off)) < 0 && errno != EINTR && errno != EAGAIN)
			die("channel write: %s", strerror(errno));
		if (w < 0 && errno == EAGAIN)
			(void)poll(&(struct pollfd){ .fd = b->chan_fd, .events = POLLOUT }, 1, -1);
		off += w > 0 ? (size_t)w : 0;
	}
	while ((rc = frame_peek(in, FRAME_MAX_DEFAULT * 2, &doc, &len, &err)) == FRAME_MORE) {
		if (spin_until(&b->spin, chan_read_some, b) == 1)
			continue;
		if (poll(&(struct pollfd){ .fd = b->chan_fd, .events = POLLIN }, 1, -1) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		(void)chan_read_some(b);
	}
	spin_woke(&b->spin);
	if (rc == FRAME_ERR || proto_parse(doc, len, &m, &err) == -1 || m.type != MSG_MESSAGE ||
	    msg_read_data(&m, &d, &err) == -1)
		die("channel: bad frame from the worker");
	if (bench_map_int(d.data.p, d.data.n, "seq") != i)
		die("direct ping-pong: sequence mismatch at %d", i);
	frame_drain(in, len);
}

/* Sends the request its writer put in b->out (rid CHAN_RID; wrote: the
 * writer's rc) and waits for the descriptor that comes with its ok. */
static void
fd_request(struct bench *b, int wrote)
{
	if (wrote == -1)
		die("out of memory");
	b->chan_fd = -1;
	flush(b);
	wait_until(b, chan_open);
}

static void
phase_pingpong_direct(struct bench *b, int n, int warm, FILE *o)
{
	struct evbuffer *in = evbuffer_new();
	double t_start, t0, wall, sum = 0, *lat = calloc((size_t)(n + warm), sizeof(double));
	struct pbuf f;

	reset_workers(b);
	spawn_ready(b, 0);
	if (in == NULL || lat == NULL)
		die("out of memory");
	fd_request(b, msg_write_target(&b->out, MSG_CHANNEL, &(struct msg_target){ .rid = CHAN_RID,
	    .id = { .id = b->w[0].id } }));
	if (fcntl(b->chan_fd, F_SETFL, fcntl(b->chan_fd, F_GETFL) | O_NONBLOCK) < 0)
		die("channel: %s", strerror(errno));
	b->chan_in = in;
	pbuf_init(&f);
	t_start = mono_ms();
	for (int i = 0; i < n + warm; i++) {
		t0 = mono_ms();
		direct_round(b, &f, i);
		lat[i] = mono_ms() - t0;
	}
	wall = mono_ms() - t_start;
	for (int i = warm; i < n + warm; i++)
		sum += lat[i];
	fprintf(o, "\"pingpong_direct\":{\"n\":%d,\"warmup_excluded\":%d,\"rtt_p50_us\":%g,\"rtt_p99_us\":%g,"
	    "\"rtt_mean_us\":%g,\"wall_ms_incl_warmup\":%g}", n, warm, r3(pct(lat + warm, n, 50) * 1000),
	    r3(pct(lat + warm, n, 99) * 1000), r3(sum / n * 1000), r3(wall));
	close(b->chan_fd);
	b->chan_fd = -1;
	pbuf_free(&f);
	evbuffer_free(in);
	b->chan_in = NULL;
	free(lat);
	terminate_all(b, 1);
}

static void
expect_from(struct bench *b, int slot)
{
	b->ex.slot = slot;
	b->ex.got = false;
	wait_until(b, got_expected);
}

/* A worker armed to count n messages; the time it was armed. */
static double
tp_arm(struct bench *b, const char *key, int n)
{
	struct pbuf v;

	reset_workers(b);
	spawn_ready(b, 0);
	pbuf_init(&v);
	bench_expect_msg(&v, n);
	post_data(b, b->w[0].id, v.data, v.len);
	flush(b);
	expect_from(b, 0);
	if (!bench_is_str(b->ex.data, b->ex.len, "armed"))
		die("%s: expected 'armed'", key);
	b->ex.got = false;
	pbuf_free(&v);
	return mono_ms();
}

/* Waits for the ack of n messages posted from t0 on (the posting took
 * t_sent ms), prints the key and ends the worker. */
static void
tp_report(struct bench *b, const char *key, int n, int bytes_per, double t0, double t_sent, FILE *o)
{
	int64_t acked, seen;
	double t;

	wait_until(b, got_expected);
	t = (b->ex.t - t0) / 1000;
	acked = bench_map_int(b->ex.data, b->ex.len, "ack");
	seen = bench_map_int(b->ex.data, b->ex.len, "bytes");
	if (acked != n)
		die("%s: bad ack %lld", key, (long long)acked);
	fprintf(o, "\"%s\":{\"n\":%d,\"bytes_per_msg\":%d,\"msgs_per_s\":%.0f,\"mb_per_s\":%g,"
	    "\"total_ms\":%g,\"post_loop_ms\":%g,\"worker_bytes_seen\":%lld}", key, n, bytes_per,
	    round(n / t), r3((double)n * bytes_per / t / 1e6), r3(t * 1000), r3(t_sent), (long long)seen);
	terminate_all(b, 1);
}

/* One-way throughput; big == NULL sends small objects. */
static void
phase_throughput(struct bench *b, const char *key, int n, const uint8_t *big, size_t bigsz,
    int bytes_per, FILE *o)
{
	struct pbuf v;
	double t0 = tp_arm(b, key, n);

	pbuf_init(&v);
	for (int i = 0; i < n; i++) {
		pbuf_reset(&v);
		if (big != NULL)
			mpw_bin(&v, big, bigsz);
		else
			bench_small_msg(&v, i);
		post_data(b, b->w[0].id, v.data, v.len);
		if (b->out.len >= 256 * 1024)
			flush(b);
	}
	flush(b);
	pbuf_free(&v);
	tp_report(b, key, n, bytes_per, t0, mono_ms() - t0, o);
}

/* The 64 KiB posts with their bytes in a post ring (docs/protocol.md
 * 2.10): each post's request through the daemon, flushed every few posts
 * so the worker is never left waiting for a batch, and whenever the ring
 * is full. */
static void
phase_ring(struct bench *b, int n, const uint8_t *big, size_t bigsz, size_t ring_size, FILE *o)
{
	struct ring r;
	struct pbuf enc;
	char err[160];
	double t0;
	long off;

	t0 = tp_arm(b, "tp_64k_ring", n);
	fd_request(b, msg_write_ring(&b->out, &(struct msg_ring){ .rid = CHAN_RID, .id = { .id = b->w[0].id },
	    .size = ring_size }));
	if (ring_map(&r, b->chan_fd, ring_size, true, err, sizeof err) == -1)
		die("%s", err);
	close(b->chan_fd);
	b->chan_fd = -1;
	pbuf_init(&enc);
	if (mpw_bin(&enc, big, bigsz) == -1)
		die("out of memory");
	t0 = mono_ms();
	for (int i = 0; i < n; i++) {
		size_t len = enc.len;
		uint8_t *at = ring_room(&r, len, 0);

		if (at == NULL) {
			flush(b);
			if ((at = ring_room(&r, len, 120000)) == NULL)
				die("tp_64k_ring: the ring stayed full");
		}
		memcpy(at, enc.data, len);
		ring_commit(&r, len);
		off = proto_begin(&b->out, MSG_POST, 2);
		proto_key(&b->out, "id");
		mpw_uint(&b->out, b->w[0].id);
		proto_key(&b->out, "ring");
		mpw_uint(&b->out, len);
		if (off == -1 || proto_end(&b->out, off) == -1)
			die("out of memory");
		if (i % 4 == 3)
			flush(b);
	}
	flush(b);
	pbuf_free(&enc);
	tp_report(b, "tp_64k_ring", n, (int)bigsz, t0, mono_ms() - t0, o);
	ring_unmap(&r);
}

/* ---- scale: many idle workers at once, and what the daemon holds for them ---- */

/* Spawns or terminates in flight: below the daemon's bounds on spawns
 * waiting for the template (past them it forks and execs, slow and
 * unshared) and on a connection's pending requests. */
#define SCALE_WINDOW 256
/* The daemon's descriptors and processes beside one per worker: the
 * listening socket, clients, the template, compile servers, libevent's. */
#define SCALE_SLACK 64

/* Scheduling entities the kernel has now (threads included), as pid_max
 * and threads-max count them. */
static long
tasks_now(void)
{
	long running = 0, total = 0;
	double l1, l5, l15;
	FILE *f = fopen("/proc/loadavg", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%lf %lf %lf %ld/%ld", &l1, &l5, &l15, &running, &total) != 5)
		total = 0;
	fclose(f);
	return total;
}

/* Can this machine hold n more workers?  -1 and why when it cannot, naming
 * the limit and how to raise it. */
static int
scale_fits(struct bench *b, int n, char *why, size_t len)
{
	long need = n + SCALE_SLACK;
	long nofile = proc_kb(b->daemon_pid, "limits", "Max open files");
	long nproc = proc_kb(b->daemon_pid, "limits", "Max processes");
	long pid_max = file_kb("/proc/sys/kernel/pid_max", "");
	long threads_max = file_kb("/proc/sys/kernel/threads-max", "");
	long avail_kb = file_kb("/proc/meminfo", "MemAvailable:");
	long tasks = tasks_now();

	/* a 0 is "unlimited" or unknown: not a reason to refuse */
	if (nofile > 0 && nofile < need)
		snprintf(why, len, "the daemon's open-file limit is %ld, %d workers need %ld "
		    "(raise the hard limit: ulimit -Hn, LimitNOFILE=)", nofile, n, need);
	else if (nproc > 0 && geteuid() != 0 && nproc < need + tasks)
		snprintf(why, len, "the process limit is %ld, %d workers need %ld more (ulimit -u)",
		    nproc, n, need);
	else if (pid_max > 0 && pid_max < tasks + need)
		snprintf(why, len, "kernel.pid_max is %ld with %ld tasks running, %d workers need %ld "
		    "more (sysctl kernel.pid_max)", pid_max, tasks, n, need);
	else if (threads_max > 0 && threads_max < tasks + need)
		snprintf(why, len, "kernel.threads-max is %ld with %ld tasks running, %d workers need "
		    "%ld more (sysctl kernel.threads-max)", threads_max, tasks, n, need);
	else if (avail_kb > 0 && avail_kb < (long)n * 1024)
		snprintf(why, len, "%ld MiB of memory available, %d workers need about %d MiB",
		    avail_kb / 1024, n, n);
	else
		return 0;
	return -1;
}

/* Issues start(b, i) for i in [0, n) with at most SCALE_WINDOW of them
 * unfinished, done(b) counting the finished ones; returns when all are. */
static void
paced(struct bench *b, int n, void (*start)(struct bench *, int), int (*done)(struct bench *),
    bool (*cond)(struct bench *))
{
	int sent = 0;

	while (done(b) < n) {
		while (sent < n && sent - done(b) < SCALE_WINDOW)
			start(b, sent++);
		flush(b);
		target_count = done(b) + 1;
		wait_until(b, cond);
	}
}

/* Starts the daemon's VmHWM afresh (proc(5), clear_refs), so that the
 * sections before do not count in the scale section's peak. */
static void
reset_hwm(struct bench *b)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%llu/clear_refs", (unsigned long long)b->daemon_pid);
	if ((f = fopen(path, "w")) == NULL || fputs("5", f) == EOF || fclose(f) == EOF) {
		fprintf(stderr, "bench: scale: %s: %s: daemon_hwm_mb is the daemon's peak since it started\n",
		    path, strerror(errno));
		if (f != NULL)
			fclose(f);
	}
}

static int n_ready(struct bench *b) { return b->ready_count; }
static int n_closed(struct bench *b) { return b->closed_count; }

static double mb(long kb) { return r3(kb / 1024.0); }

static void
phase_scale(struct bench *b, int n, FILE *o)
{
	char why[256];
	long base_rss, rss, hwm, pss, wpss = 0;
	double t0, t_spawn, t_term;

	if (scale_fits(b, n, why, sizeof(why)) == -1) {
		fprintf(stderr, "bench: scale: skipped: %s; or set BENCH_SCALE_N lower\n", why);
		fprintf(o, "\"scale\":{\"workers\":%d,\"skipped\":\"%s\"}", n, why);
		return;
	}
	reset_workers(b);
	reset_hwm(b);
	/* Followed as `workerctl watch` follows them, not attached: each
	 * worker's `ready` is an event here and stays in its mailbox, as the
	 * message of a worker nobody consumes does. */
	proto_end(&b->out, proto_begin(&b->out, MSG_SUBSCRIBE, 0));
	flush(b);
	b->detached = true;
	base_rss = proc_kb(b->daemon_pid, "status", "VmRSS:");
	t0 = mono_ms();
	paced(b, n, queue_spawn, n_ready, all_ready);
	t_spawn = mono_ms() - t0;
	/* what the workers' start-up left in flight settles */
	pause_ms(1000);
	rss = proc_kb(b->daemon_pid, "status", "VmRSS:");
	hwm = proc_kb(b->daemon_pid, "status", "VmHWM:");
	pss = proc_kb(b->daemon_pid, "smaps_rollup", "Pss:");
	for (int i = 0; i < n; i++)
		wpss += proc_kb(b->w[i].pid, "smaps_rollup", "Pss:");
	t0 = mono_ms();
	paced(b, n, queue_terminate, n_closed, all_closed);
	t_term = mono_ms() - t0;
	b->detached = false;
	fprintf(o, "\"scale\":{\"workers\":%d,\"spawn_all_ms\":%g,\"daemon_base_rss_mb\":%g,"
	    "\"daemon_rss_mb\":%g,\"daemon_hwm_mb\":%g,\"daemon_pss_mb\":%g,\"daemon_kb_per_worker\":%g,"
	    "\"pss_per_worker_mb\":%g,\"terminate_all_ms\":%g,\"closed\":%d,\"daemon_rss_after_mb\":%g}",
	    n, r3(t_spawn), mb(base_rss), mb(rss), mb(hwm), mb(pss), r3((double)(rss - base_rss) / n),
	    r3(wpss / 1024.0 / n), r3(t_term), b->closed_count,
	    mb(proc_kb(b->daemon_pid, "status", "VmRSS:")));
}

static void
hello(struct bench *b)
{
	long off = proto_begin(&b->out, MSG_HELLO, 2);
	double deadline = mono_ms() + 10000;

	proto_key(&b->out, "v");
	mpw_uint(&b->out, PROTO_VERSION);
	proto_key(&b->out, "client");
	mpw_cstr(&b->out, "bench");
	proto_end(&b->out, off);
	flush(b);
	for (;;) {
		const uint8_t *doc;
		size_t len;
		const char *err;
		struct proto_msg m;
		if (frame_peek(b->in, FRAME_MAX_DEFAULT, &doc, &len, &err) == FRAME_READY) {
			if (proto_parse(doc, len, &m, &err) == -1 || m.type != MSG_HELLO ||
			    proto_get_uint(&m, "pid", &b->daemon_pid) != PF_OK)
				die("bad handshake reply");
			frame_drain(b->in, len);
			return;
		}
		if (mono_ms() > deadline)
			die("no handshake reply");
		struct pollfd p = { b->fd, POLLIN, 0 };
		if (poll(&p, 1, 1000) > 0)
			read_some(b);
	}
}

static int
connect_to(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0)
		die("%s: cannot connect: %s", path, strerror(errno));
	return fd;
}

int
main(int argc, char **argv)
{
	static struct bench b;
	int spawn_n = (int)envnum("BENCH_SPAWN_SEQ", 200), spawn_warm = (int)envnum("BENCH_SPAWN_WARM", 5);
	int mem_n = (int)envnum("BENCH_MEM_WORKERS", 100);
	int ping_n = (int)envnum("BENCH_PING_N", 20000), ping_warm = (int)envnum("BENCH_PING_WARM", 2000);
	int small_n = (int)envnum("BENCH_SMALL_N", 100000), big_n = (int)envnum("BENCH_BIG_N", 10000);
	int scale_n = (int)envnum("BENCH_SCALE_N", 10000);
	const char *bursts = getenv("BENCH_BURSTS");
	uint8_t *big = malloc(BENCH_BIG_SIZE);
	double t0 = mono_ms();
	FILE *o = stdout;
	char list[64];

	if (argc != 3)
		die("usage: bench SOCKET CHILD_SCRIPT");
	if (mem_n > MAXW)
		die("BENCH_MEM_WORKERS is at most %d", MAXW);
	if (scale_n < 0)
		die("BENCH_SCALE_N must be 0 or more");
	b.cap = scale_n > MAXW ? scale_n : MAXW;
	for (b.idtab_len = 4096; b.idtab_len < 4 * (unsigned)b.cap; b.idtab_len *= 2)
		;
	b.w = calloc((size_t)b.cap, sizeof(*b.w));
	b.idtab = calloc(b.idtab_len, sizeof(*b.idtab));
	if (b.w == NULL || b.idtab == NULL)
		die("out of memory");
	b.fd = connect_to(argv[1]);
	b.chan_fd = -1;
	spin_init(&b.spin, (unsigned)envnum("BENCH_SPIN_US", SPIN_DEFAULT_US));
	b.script = argv[2];
	b.in = evbuffer_new();
	pbuf_init(&b.out);
	hello(&b);
	bench_big_fill(big);

	fprintf(o, "{\"peer\":\"workersd\",\"runtime\":\"workersd %s\",", WORKERSD_VERSION);
	phase_memory(&b, mem_n, o);
	fprintf(o, ",\"burst\":[");
	snprintf(list, sizeof(list), "%s", bursts != NULL && *bursts ? bursts : "100,500");
	for (char *tok = strtok(list, ","), *first = tok; tok != NULL; tok = strtok(NULL, ",")) {
		int n = atoi(tok);
		if (n < 1 || n > MAXW)
			die("burst size %d out of range", n);
		fprintf(o, "%s", tok == first ? "" : ",");
		phase_burst(&b, n, o);
	}
	fprintf(o, "],");
	phase_spawn(&b, spawn_n, spawn_warm, o);
	fprintf(o, ",");
	phase_pingpong(&b, ping_n, ping_warm, o);
	fprintf(o, ",");
	phase_pingpong_direct(&b, ping_n, ping_warm, o);
	fprintf(o, ",");
	phase_throughput(&b, "tp_small", small_n, NULL, 0, 95, o);
	fprintf(o, ",");
	phase_throughput(&b, "tp_64k", big_n, big, BENCH_BIG_SIZE, BENCH_BIG_SIZE, o);
	fprintf(o, ",");
	phase_ring(&b, (int)envnum("BENCH_RING_N", big_n), big, BENCH_BIG_SIZE, (size_t)envnum("BENCH_RING_SIZE", 8 << 20), o);
	if (scale_n > 0) {
		fprintf(o, ",");
		phase_scale(&b, scale_n, o);
	}
	fprintf(o, ",\"wall_s\":%g}\n", r3((mono_ms() - t0) / 1000));
	free(big);
	free(b.w);
	free(b.idtab);
	evbuffer_free(b.in);
	pbuf_free(&b.out);
	close(b.fd);
	return 0;
}
