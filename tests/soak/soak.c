/*
 * soak.c - `make soak`: one daemon under mixed load for SOAK_SECONDS
 * (default 600), then the checks that a long run is what a short one is.
 *
 * SOAK_DRIVERS processes (default 4) each loop over random cycles on their
 * own connections until the time is up: an echo worker posted to and read
 * back in order, a crashing worker (throw, process.exit, a signal) whose
 * close reason is checked, a client that subscribes to workers it owns and
 * then vanishes without a word (its workers must be terminated), a flood
 * a subscriber does not read until the worker has finished (a slow reader:
 * gaps allowed, the close event not), a burst of posts without rids read
 * back by recv, and status/list/logs.  Every request must be answered
 * within REPLY_MS; every wrong answer or silence is counted as a failure.
 * The parent samples the daemon's RSS and open fds every second.  At the
 * end it checks that no worker is left (list is empty and the daemon has
 * no children but its template and compile server), that the fd count is
 * what it was at the start and the RSS within SOAK_RSS_SLACK + 10 % of
 * what it was after the warm-up (a tenth of the run), and that SIGTERM stops the daemon with status 0;
 * then it prints a summary and exits 1 if anything failed.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "daemon_util.h"
#include "mpwrite.h"
#include "procfile.h"

#define REPLY_MS 30000
#define MAX_DRIVERS 16
#define FLOOD_N 3000
/* The end RSS may exceed the warmed-up one by this plus a tenth. */
#define SOAK_RSS_SLACK (8u << 20)

struct counts {
	unsigned long cycles[6];
	unsigned long requests, failures, posts, messages, gaps, workers;
	char first_failure[320];
};

enum cycle { C_ECHO, C_CRASH, C_VANISH, C_FLOOD, C_BURST, C_INFO };
static const char *const cycle_names[] = { "echo", "crash", "vanish", "slow-reader", "burst", "info" };

struct soak {
	struct daemon_fixture d;
	char scripts[8][PATH_MAX];
	double deadline;
	struct counts n;
	unsigned seed;
};

enum { S_ECHO, S_THROW, S_EXIT, S_SIGNAL, S_FLOOD, S_ECHO_MJS };
static const char *const script_names[] = { "echo.js", "throw.js", "exit.js", "signal.js", "flood.js", "echo.mjs" };
static const char *const script_text[] = {
	"onmessage = function (e) { postMessage(e.data); };\n",
	"setTimeout(function () { throw new Error('soak'); }, 1);\n",
	"process.exit(3);\n",
	"onmessage = function () {};\n",	/* the driver kills it */
	"var s = new Array(1025).join('f');\n"
	"for (var i = 0; i < 3000; i++) postMessage(s);\n",	/* FLOOD_N */
	"const echo = (e) => postMessage(e.data);\nself.onmessage = echo;\nexport {};\n",
};

static unsigned
pick(struct soak *s, unsigned n)
{
	return (unsigned)rand_r(&s->seed) % n;
}

static void
fail(struct soak *s, const char *what, uint64_t id)
{
	s->n.failures++;
	if (s->n.first_failure[0] == '\0')
		snprintf(s->n.first_failure, sizeof(s->n.first_failure), "pid %d: %.240s (worker %llu)",
		    (int)getpid(), what, (unsigned long long)id);
}

/* A request answered with an err it should not have had. */
static void
refused(struct soak *s, const char *what, uint64_t id, const struct proto_msg *m)
{
	char code[32], msg[120], line[200];

	snprintf(line, sizeof(line), "%.40s: %.31s: %.119s", what, rc_err_code(m, code, sizeof(code)),
	    rc_str(m, "msg", msg, sizeof(msg)));
	fail(s, line, id);
}

/* A request answered at all counts as answered; -1 is silence. */
static int
counted(struct soak *s, int rc, const char *what, uint64_t id)
{
	s->n.requests++;
	if (rc == -1)
		fail(s, what, id);
	return rc;
}

static uint64_t
spawn_pid(struct soak *s, struct rawclient *c, int script, bool owned, uint64_t *pid)
{
	struct proto_msg m;
	uint64_t id = 0;
	int rc = counted(s, rc_spawn(c, s->scripts[script], NULL, owned ? "owner" : NULL, owned, &m),
	    "spawn unanswered", 0);

	if (rc != MSG_OK || proto_get_uint(&m, "id", &id) != PF_OK || proto_get_uint(&m, "pid", pid) != PF_OK) {
		if (rc != -1)
			refused(s, "spawn", 0, &m);
		return 0;
	}
	s->n.workers++;
	return id;
}

static uint64_t
spawn(struct soak *s, struct rawclient *c, int script, bool owned)
{
	uint64_t pid;

	return spawn_pid(s, c, script, owned, &pid);
}

/* terminate or wait; true when the reply is ok with this reason. */
static bool
close_req(struct soak *s, struct rawclient *c, enum msg_type t, uint64_t id, const char *reason)
{
	struct proto_msg m;
	char got[32];

	int rc = counted(s, rc_simple(c, t, id, &m), "terminate/wait unanswered", id);

	if (rc != MSG_OK) {
		if (rc != -1)
			refused(s, "terminate/wait", id, &m);
		return false;
	}
	if (reason != NULL && strcmp(rc_str(&m, "reason", got, sizeof(got)), reason) != 0) {
		fail(s, "wrong close reason", id);
		return false;
	}
	return true;
}

static void
echo_with(struct soak *s, struct rawclient *c, int script)
{
	uint64_t id = spawn(s, c, script, false);
	unsigned k = 1 + pick(s, 50), got = 0;
	struct proto_msg m;
	int64_t v;

	if (id == 0)
		return;
	for (unsigned i = 0; i < k; i++) {
		if (counted(s, rc_post_int(c, id, (int64_t)i, true, &m), "post unanswered", id) != MSG_OK)
			refused(s, "post", id, &m);
		s->n.posts++;
	}
	while (got < k) {
		if (counted(s, rc_recv(c, id, 1024, true, REPLY_MS, &m), "recv unanswered", id) != MSG_OK)
			break;
		for (uint32_t i = 0; i < du_msgs_count(&m); i++, got++)
			if (du_msgs_int(&m, i, &v) != 0 || v != (int64_t)got)
				fail(s, "echo out of order", id);
	}
	s->n.messages += got;
	close_req(s, c, MSG_TERMINATE, id, "terminated");
}

static void
echo_cycle(struct soak *s, struct rawclient *c)
{
	echo_with(s, c, pick(s, 4) == 0 ? S_ECHO_MJS : S_ECHO);
}

/* Before the first figures: the template and the compile server (and its
 * pipe) exist from then on. */
static bool
prime(struct soak *s)
{
	struct rawclient c;

	if (rc_open(&c, s->d.sock) == -1)
		return false;
	echo_with(s, &c, S_ECHO_MJS);
	rc_close(&c);
	return s->n.failures == 0;
}

static void
crash_cycle(struct soak *s, struct rawclient *c)
{
	static const int scripts[] = { S_THROW, S_EXIT, S_SIGNAL };
	static const char *const reasons[] = { "error", "exit", "killed" };
	unsigned i = pick(s, 3);
	uint64_t pid, id = spawn_pid(s, c, scripts[i], false, &pid);

	if (id == 0)
		return;
	if (scripts[i] == S_SIGNAL && kill((pid_t)pid, SIGKILL) == -1)
		fail(s, "kill", id);
	close_req(s, c, MSG_WAIT, id, reasons[i]);
}

/* A client owns a few workers, watches them and goes away. */
static void
vanish_cycle(struct soak *s, struct rawclient *c)
{
	struct rawclient v;
	struct proto_msg m;
	uint64_t ids[3];
	unsigned k = 1 + pick(s, 3), i;

	if (rc_open(&v, s->d.sock) == -1) {
		fail(s, "connect", 0);
		return;
	}
	for (i = 0; i < k; i++)
		ids[i] = spawn(s, &v, S_ECHO, true);
	if (counted(s, rc_subscribe(&v, NULL, 0, false, &m), "subscribe unanswered", 0) != MSG_OK)
		refused(s, "subscribe", 0, &m);
	for (i = 0; i < k; i++)
		if (ids[i] != 0)
			(void)rc_post_int(&v, ids[i], 1, false, &m);
	rc_close(&v);
	for (i = 0; i < k; i++)
		if (ids[i] != 0)
			close_req(s, c, MSG_WAIT, ids[i], "terminated");
}

/* Reads events of id until its close; false on silence. */
static bool
until_close(struct soak *s, struct rawclient *c, uint64_t id)
{
	struct proto_msg m;
	char ev[32];
	uint64_t wid;

	for (;;) {
		if (rc_event(c, REPLY_MS, &m) != 1)
			return false;
		if (proto_get_uint(&m, "id", &wid) != PF_OK || wid != id)
			continue;
		rc_event_name(&m, ev, sizeof(ev));
		if (strcmp(ev, "gap") == 0)
			s->n.gaps++;
		else if (strcmp(ev, "message") == 0)
			s->n.messages++;
		else if (strcmp(ev, "close") == 0)
			return true;
	}
}

/* A plain subscriber that reads nothing until the flood is over misses
 * events (gaps) but not the close; the mailbox misses nothing. */
static void
flood_cycle(struct soak *s, struct rawclient *c)
{
	struct rawclient slow;
	struct proto_msg m;
	uint64_t id;
	unsigned got = 0;

	if (rc_open(&slow, s->d.sock) == -1) {
		fail(s, "connect", 0);
		return;
	}
	if (counted(s, rc_subscribe(&slow, NULL, 0, false, &m), "subscribe unanswered", 0) != MSG_OK)
		refused(s, "subscribe", 0, &m);
	id = spawn(s, c, S_FLOOD, false);
	if (id != 0 && close_req(s, c, MSG_WAIT, id, "exit") && !until_close(s, &slow, id))
		fail(s, "slow reader got no close event", id);
	rc_close(&slow);
	while (id != 0 && counted(s, rc_recv(c, id, 1024, false, REPLY_MS, &m), "recv unanswered", id) == MSG_OK &&
	    du_msgs_count(&m) > 0)
		got += du_msgs_count(&m);
	if (id != 0 && got != FLOOD_N)
		fail(s, "the mailbox lost flood messages", id);
}

static void
burst_cycle(struct soak *s, struct rawclient *c)
{
	uint64_t id = spawn(s, c, S_ECHO, false);
	unsigned k = 100 + pick(s, 400), got = 0;
	struct proto_msg m;

	if (id == 0)
		return;
	for (unsigned i = 0; i < k; i++)
		if (rc_post_int(c, id, (int64_t)i, false, &m) == -1)
			fail(s, "post without rid", id);
	s->n.posts += k;
	while (got < k && counted(s, rc_recv(c, id, 1024, true, REPLY_MS, &m), "recv unanswered", id) == MSG_OK)
		got += du_msgs_count(&m);
	if (got != k)
		fail(s, "burst lost messages", id);
	s->n.messages += got;
	close_req(s, c, MSG_TERMINATE, id, "terminated");
}

static void
info_cycle(struct soak *s, struct rawclient *c)
{
	struct proto_msg m;

	if (counted(s, rc_simple(c, MSG_LIST, 0, &m), "list unanswered", 0) != MSG_OK)
		refused(s, "list", 0, &m);
	(void)counted(s, rc_simple(c, MSG_STATUS, 1, &m), "status unanswered", 1);
	(void)counted(s, rc_simple(c, MSG_LOGS, 1, &m), "logs unanswered", 1);
}

static void
drive(struct soak *s, int out)
{
	static void (*const cycles[])(struct soak *, struct rawclient *) = {
		echo_cycle, crash_cycle, vanish_cycle, flood_cycle, burst_cycle, info_cycle,
	};
	/* echo and crash most, floods least */
	static const int weights[] = { 6, 3, 2, 1, 2, 2 };
	struct rawclient c;
	ssize_t w;

	s->n = (struct counts){ 0 };
	if (rc_open(&c, s->d.sock) == -1) {
		fail(s, "connect", 0);
	} else {
		while (mono_s() < s->deadline) {
			unsigned r = pick(s, 16), k = 0;

			while (r >= (unsigned)weights[k])
				r -= (unsigned)weights[k++];
			cycles[k](s, &c);
			s->n.cycles[k]++;
		}
		rc_close(&c);
	}
	w = write(out, &s->n, sizeof(s->n));
	_exit(w == (ssize_t)sizeof(s->n) ? 0 : 1);
}

static const char *const helpers[] = { "--template", "--spare", "--compile", NULL };

/* The daemon's fds while one client is connected and served. */
static int
fds_with_client(const struct soak *s)
{
	struct rawclient c;
	struct proto_msg m;
	int n = -1;

	if (rc_open(&c, s->d.sock) == -1)
		return -1;
	if (rc_simple(&c, MSG_LIST, 0, &m) == MSG_OK)
		n = proc_fds(s->d.pid, "");
	rc_close(&c);
	return n;
}

struct fd_goal {
	const struct soak *s;
	int want, last;
};

/* Closed connections are let go of as the daemon reads their EOF. */
static bool
fds_back(void *arg)
{
	struct fd_goal *g = arg;

	g->last = fds_with_client(g->s);
	return g->last == g->want;
}

static uint32_t
live_workers(const char *sock)
{
	struct rawclient c;
	struct proto_msg m;
	const uint8_t *p;
	size_t len;
	struct mp_reader r;
	struct mp_item it;
	uint32_t n = UINT32_MAX;

	if (rc_open(&c, sock) == -1)
		return n;
	if (rc_simple(&c, MSG_LIST, 0, &m) == MSG_OK && proto_get_raw(&m, "workers", &p, &len) == PF_OK) {
		mp_reader_init(&r, p, len);
		if (mp_next(&r, &it) == 0 && it.kind == MP_ARRAY)
			n = it.len;
	}
	rc_close(&c);
	return n;
}

static bool
settled(void *arg)
{
	struct soak *s = arg;

	return live_workers(s->d.sock) == 0 && proc_children_without(s->d.pid, helpers) == 0;
}

static void
add(struct counts *to, const struct counts *c)
{
	for (int i = 0; i < 6; i++)
		to->cycles[i] += c->cycles[i];
	to->requests += c->requests;
	to->failures += c->failures;
	to->posts += c->posts;
	to->messages += c->messages;
	to->gaps += c->gaps;
	to->workers += c->workers;
	if (to->first_failure[0] == '\0')
		memcpy(to->first_failure, c->first_failure, sizeof(to->first_failure));
}

static unsigned long
env_num(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? strtoul(v, NULL, 10) : def;
}

static int
write_scripts(struct soak *s)
{
	for (unsigned i = 0; i < sizeof(script_names) / sizeof(*script_names); i++)
		if (df_script(&s->d, script_names[i], script_text[i], s->scripts[i], sizeof(s->scripts[i])) == NULL)
			return -1;
	return 0;
}

int
main(void)
{
	static struct soak s;
	unsigned long seconds = env_num("SOAK_SECONDS", 600), ndrivers = env_num("SOAK_DRIVERS", 4);
	char cache[] = "/tmp/wd-soak-cache-XXXXXX", flag[64], cmd[96];
	const char *flags[] = { flag, "--log-level=notice", "--max-workers=256",
		/* small enough that a slow reader falls behind, and that the
		 * close records reach their bound during the warm-up */
		"--client-buffer-limit=256K", "--records=200", NULL };
	struct counts total = { 0 };
	struct pollfd pipes[MAX_DRIVERS];
	pid_t kids[MAX_DRIVERS];
	size_t rss0 = 0, rss_warm = 0, rss_max = 0, rss_end;
	int fds0, fds_max = 0, fds_end, left, status, samples = 0;
	double t0, warm_at;
	bool ok, calm, fds_ok;

	if (ndrivers < 1 || ndrivers > MAX_DRIVERS || seconds < 10 || mkdtemp(cache) == NULL) {
		fprintf(stderr, "soak: SOAK_SECONDS >= 10, SOAK_DRIVERS 1..%d\n", MAX_DRIVERS);
		return 2;
	}
	snprintf(flag, sizeof(flag), "--cache-dir=%s", cache);
	if (df_start(&s.d, flags) == -1 || write_scripts(&s) == -1) {
		fprintf(stderr, "soak: cannot start the daemon\n");
		return 1;
	}
	/* the starting figures, with one client, as at the end */
	ok = prime(&s) && df_wait_until(settled, &s, 30);
	fds0 = fds_with_client(&s);
	rss0 = df_rss(s.d.pid);
	t0 = mono_s();
	s.deadline = t0 + (double)seconds;
	warm_at = t0 + (double)seconds / 10;
	for (unsigned long i = 0; i < ndrivers; i++) {
		int fds[2];

		if (pipe(fds) == -1)
			return 1;
		s.seed = (unsigned)(time(NULL) ^ (i * 7919));
		if ((kids[i] = fork()) == 0) {
			close(fds[0]);
			drive(&s, fds[1]);
		}
		close(fds[1]);
		pipes[i] = (struct pollfd){ fds[0], POLLIN, 0 };
	}
	/* Samples once a second until every driver has reported. */
	for (left = (int)ndrivers; left > 0;) {
		int n = poll(pipes, ndrivers, 1000);
		size_t rss = df_rss(s.d.pid);
		int fds = proc_fds(s.d.pid, "");

		samples++;
		if (rss_warm == 0 && mono_s() >= warm_at)
			rss_warm = rss;
		if (rss > rss_max)
			rss_max = rss;
		if (fds > fds_max)
			fds_max = fds;
		for (unsigned long i = 0; n > 0 && i < ndrivers; i++) {
			struct counts c;

			if (pipes[i].fd < 0 || !(pipes[i].revents & (POLLIN | POLLHUP)))
				continue;
			if (read(pipes[i].fd, &c, sizeof(c)) == (ssize_t)sizeof(c))
				add(&total, &c);
			else
				total.failures++;
			close(pipes[i].fd);
			pipes[i].fd = -1;
			left--;
		}
	}
	for (unsigned long i = 0; i < ndrivers; i++)
		if (waitpid(kids[i], &status, 0) != kids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			total.failures++;
	calm = df_wait_until(settled, &s, 30);
	{
		struct fd_goal g = { &s, fds0, -1 };

		fds_ok = df_wait_until(fds_back, &g, 10);
		fds_end = g.last;
	}
	if (!fds_ok) {
		snprintf(cmd, sizeof(cmd), "ls -l /proc/%d/fd >&2", (int)s.d.pid);
		(void)!system(cmd);
	}
	rss_end = df_rss(s.d.pid);
	if (rss_warm == 0)
		rss_warm = rss_end;
	printf("soak: %.0f s, %lu drivers, %d samples\n", mono_s() - t0, ndrivers, samples);
	printf("soak: cycles:");
	for (int i = 0; i < 6; i++)
		printf(" %s %lu", cycle_names[i], total.cycles[i]);
	printf("\nsoak: %lu workers, %lu requests, %lu posts, %lu messages back, %lu gaps\n",
	    total.workers, total.requests, total.posts, total.messages, total.gaps);
	printf("soak: daemon RSS start %zu KiB, warm %zu KiB, max %zu KiB, end %zu KiB\n",
	    rss0 >> 10, rss_warm >> 10, rss_max >> 10, rss_end >> 10);
	printf("soak: daemon fds start %d, max %d, end %d\n", fds0, fds_max, fds_end);
	printf("soak: live workers after: %u; stray children: %d\n", live_workers(s.d.sock),
	    proc_children_without(s.d.pid, helpers));
	ok = ok && calm && fds_ok && total.failures == 0 && rss_end <= rss_warm + SOAK_RSS_SLACK + rss_warm / 10;
	status = df_stop(&s.d);
	printf("soak: daemon exit status on SIGTERM: %d\n", status);
	ok = ok && status == 0;
	if (total.failures != 0)
		printf("soak: %lu failures, first: %s\n", total.failures, total.first_failure);
	printf("soak: %s\n", ok ? "PASS" : "FAIL");
	if (ok)
		df_cleanup(&s.d);
	else
		printf("soak: daemon log kept in %s\n", s.d.log);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache);
	if (system(cmd) != 0)
		fprintf(stderr, "soak: cannot remove %s\n", cache);
	return ok ? 0 : 1;
}
