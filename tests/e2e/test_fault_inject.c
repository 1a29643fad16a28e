/*
 * test_fault_inject.c - workersd end to end when the world around it
 * fails: fork refused (RLIMIT_NPROC), the template killed in the middle of
 * a burst of spawns, the compile server killed while it compiles, a full
 * disk under the lowering cache, a thousand clients at once, SIGTERM while
 * every client is busy, and kill -9 of the daemon with a new one taking
 * over its stale sockets.  Each case checks the replies and events the
 * protocol (docs/protocol.md) and workersd(8) promise, and that the daemon
 * goes on serving.  (Bad input and limits are test_daemon_faults.c.)
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon_util.h"
#include "mpwrite.h"
#include "procfile.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";

static struct daemon_fixture d;
static struct rawclient c;

struct child {
	pid_t parent;
	const char *arg;
	pid_t not;
};

static pid_t
child_with(const struct child *k)
{
	return strcmp(k->arg, "--template") == 0 ? proc_template_of(k->parent) :
	    proc_child_with(k->parent, k->arg);
}

static bool
child_up(void *arg)
{
	struct child *k = arg;
	pid_t p = child_with(k);

	return p != 0 && p != k->not;
}

/* The daemon's child running with `arg` (--template, --compile) other
 * than `not`, once it exists. */
static pid_t
wait_child(pid_t daemon, const char *arg, pid_t not)
{
	struct child k = { daemon, arg, not };

	ck_assert_msg(df_wait_until(child_up, &k, 10), "no %s child", arg);
	return child_with(&k);
}

static bool
pid_gone(void *arg)
{
	return !df_pid_alive(*(pid_t *)arg);
}

/* Sends a spawn of path without waiting; its rid. */
static uint64_t
send_spawn(struct rawclient *rc, const char *path)
{
	uint64_t rid = rc_begin(rc, MSG_SPAWN, 1);

	mpw_cstr(&rc->out, "script");
	mpw_cstr(&rc->out, path);
	ck_assert_int_eq(rc_end(rc), 0);
	return rid;
}

/* The worker echoes v back. */
static void
echoes(struct rawclient *rc, uint64_t id, int64_t v)
{
	struct proto_msg m;
	int64_t got;

	ck_assert_int_eq(rc_post_int(rc, id, v, true, &m), MSG_OK);
	ck_assert_int_eq(rc_recv(rc, id, 1, true, (int)df_slow(10) * 1000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &got), 0);
	ck_assert_int_eq(got, v);
}

/* Under the sanitizers, LeakSanitizer's check at exit reads the /proc of
 * the daemon's processes from a thread it clones: with the daemon a fresh
 * uid at RLIMIT_NPROC 3, that fails now and then ("LeakSanitizer has
 * encountered a fatal error", exit 1) and says nothing of leaks.  The
 * other tests' daemons keep the check; this one's is off. */
static void
no_leak_check_for_daemon(void)
{
	const char *cur = getenv("ASAN_OPTIONS");
	char opts[512];

	snprintf(opts, sizeof(opts), "%s%sdetect_leaks=0", cur ? cur : "", cur && *cur ? ":" : "");
	ck_assert_int_eq(setenv("ASAN_OPTIONS", opts, 1), 0);
}

START_TEST(t_fork_fails)
{
	struct rlimit old, three;
	struct proto_msg m;
	struct close_info ci;
	char path[PATH_MAX], code[32], msg[256];
	/* A uid of its own, so that no other process counts against it. */
	uid_t uid = (uid_t)(61000 + getpid() % 1000);
	uint64_t a, b;

	/* RLIMIT_NPROC binds neither root nor a process whose limit we
	 * cannot set before it starts. */
	if (geteuid() != 0) {
		fprintf(stderr, "t_fork_fails: skipped: needs root to run the daemon as a fresh uid\n");
		return;
	}
	/* The daemon, its template and one worker: the next fork fails. */
	ck_assert_int_eq(getrlimit(RLIMIT_NPROC, &old), 0);
	three = (struct rlimit){ 3, old.rlim_max };
	ck_assert_int_eq(setrlimit(RLIMIT_NPROC, &three), 0);
	no_leak_check_for_daemon();
	ck_assert_int_eq(df_start_as(&d, uid, (gid_t)uid, NULL), 0);
	ck_assert_int_eq(setrlimit(RLIMIT_NPROC, &old), 0);
	ck_assert_int_eq(rc_open(&c, d.sock), 0);
	wait_child(d.pid, "--template", 0);
	ck_assert_uint_ne(a = du_spawn(&d, &c, "a.js", echo_js, NULL, NULL, false, 0), 0);
	df_script(&d, "b.js", echo_js, path, sizeof(path));
	ck_assert_int_eq(rc_spawn(&c, path, NULL, NULL, false, &m), MSG_ERR);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "spawn_failed");
	ck_assert_msg(strstr(rc_str(&m, "msg", msg, sizeof(msg)), "Resource temporarily unavailable") != NULL,
	    "%s", msg);
	/* The worker that runs is untouched; once it is gone there is room
	 * again. */
	echoes(&c, a, 3);
	ck_assert_int_eq(du_close_req(&c, MSG_TERMINATE, a, 10, &ci), MSG_OK);
	ck_assert_uint_ne(b = du_spawn(&d, &c, "b.js", echo_js, NULL, NULL, false, 0), 0);
	echoes(&c, b, 4);
	du_stop(&d, &c);
}
END_TEST

#define BURST 40

START_TEST(t_template_killed_mid_burst)
{
	char path[PATH_MAX];
	struct proto_msg m;
	uint64_t rid[BURST], id, pid;
	pid_t tpl;

	du_start(&d, &c, NULL);
	tpl = wait_child(d.pid, "--template", 0);
	df_script(&d, "echo.js", echo_js, path, sizeof(path));
	for (int i = 0; i < BURST; i++)
		rid[i] = send_spawn(&c, path);
	ck_assert_int_eq(kill(tpl, SIGKILL), 0);
	/* Every spawn is answered with a live host: those the template had
	 * not forked yet start by fork+exec. */
	for (int i = 0; i < BURST; i++) {
		ck_assert_int_eq(rc_reply(&c, rid[i], (int)df_slow(20) * 1000, &m), 1);
		ck_assert_int_eq(m.type, MSG_OK);
		ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
		ck_assert_int_eq(proto_get_uint(&m, "pid", &pid), PF_OK);
		ck_assert_uint_ne(pid, 0);
		echoes(&c, id, i);
	}
	/* and a new template takes the dead one's place */
	wait_child(d.pid, "--template", tpl);
	du_serves(&d, "after.js");
	du_stop(&d, &c);
}
END_TEST

#define QUICK 300

/* Hosts that end as soon as they start, in a burst: each one may be reaped
 * before the template's answer naming it has been read. */
START_TEST(t_quick_exits_in_a_burst)
{
	static uint64_t rid[QUICK], ids[QUICK];
	char path[PATH_MAX], *log;
	struct proto_msg m;
	struct close_info ci;

	du_start(&d, &c, NULL);
	wait_child(d.pid, "--template", 0);
	df_script(&d, "quick.js", "process.exit(5);\n", path, sizeof(path));
	for (int i = 0; i < QUICK; i++)
		rid[i] = send_spawn(&c, path);
	for (int i = 0; i < QUICK; i++) {
		ck_assert_int_eq(rc_reply(&c, rid[i], (int)df_slow(20) * 1000, &m), 1);
		ck_assert_int_eq(m.type, MSG_OK);
		ck_assert_int_eq(proto_get_uint(&m, "id", &ids[i]), PF_OK);
	}
	for (int i = 0; i < QUICK; i++) {
		ck_assert_int_eq(du_close_req(&c, MSG_WAIT, ids[i], 20, &ci), MSG_OK);
		ck_assert_str_eq(ci.reason, "exit");
		ck_assert_int_eq(ci.code, 5);
	}
	log = df_stderr(&d);
	ck_assert_msg(strstr(log, "answered with no worker") == NULL, "%s", strstr(log, "answered with no worker"));
	free(log);
	ck_assert_int_eq(proc_children_without(d.pid, (const char *const[]){ "--template", "--spare", "--compile", NULL }), 0);
	du_stop(&d, &c);
}
END_TEST

/* A temp dir for the lowering cache; its path in dir. */
static void
cache_flag(char *dir, size_t len, char *flag, size_t flen)
{
	snprintf(dir, len, "/tmp/wd-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(flag, flen, "--cache-dir=%s/cache", dir);
}

static void
rm_rf(const char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

#define BIG_TS_LINES 300

/* A TypeScript file big enough that compiling it takes a while. */
static void
big_ts(const char *file, char *path, size_t len)
{
	size_t cap = 1 << 20, n = 0;
	char *src = malloc(cap);

	ck_assert_ptr_nonnull(src);
	for (int i = 0; i < BIG_TS_LINES; i++)
		n += (size_t)snprintf(src + n, cap - n, "const v%d: number = %d;\n", i, i);
	snprintf(src + n, cap - n, "postMessage(v%d + 1);\n", BIG_TS_LINES - 1);
	df_script(&d, file, src, path, len);
	free(src);
}

struct busy {
	pid_t pid;
	int idle;
};

/* The server holds a connection besides its listening socket. */
static bool
server_busy(void *arg)
{
	struct busy *b = arg;

	return proc_fds(b->pid, "socket:") > b->idle;
}

START_TEST(t_compile_server_killed)
{
	char dir[32], flag[64], path[PATH_MAX], ev[32];
	/* One server, so the one killed is the one compiling. */
	const char *flags[] = { flag, "--compilers=1", NULL };
	struct proto_msg m;
	struct busy b;
	uint64_t id, wid;
	int64_t v;
	bool done = false;

	cache_flag(dir, sizeof(dir), flag, sizeof(flag));
	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	big_ts("big.ts", path, sizeof(path));
	ck_assert_uint_ne(id = rc_spawn_id(&c, path, NULL), 0);
	b.pid = wait_child(d.pid, "--compile", 0);
	b.idle = 1;
	ck_assert(df_wait_until(server_busy, &b, 20));
	ck_assert_int_eq(kill(b.pid, SIGKILL), 0);
	/* The worker either gets its code after all or fails with a message
	 * naming the compile server; either way it closes and says why. */
	while (!done) {
		ck_assert_int_eq(rc_event(&c, (int)df_slow(70) * 1000, &m), 1);
		if (proto_get_uint(&m, "id", &wid) != PF_OK || wid != id)
			continue;
		rc_event_name(&m, ev, sizeof(ev));
		if (strcmp(ev, "message") == 0) {
			ck_assert_int_eq(rc_data_int(&m, "data", &v), 0);
			ck_assert_int_eq(v, BIG_TS_LINES);
			done = true;
		} else if (strcmp(ev, "error") == 0) {
			const uint8_t *p;
			size_t n;

			ck_assert_int_eq(proto_get_raw(&m, "error", &p, &n), PF_OK);
			ck_assert_msg(memmem(p, n, "compile server", 14) != NULL, "%.*s", (int)n, (const char *)p);
			done = true;
		}
	}
	/* A new server compiles the next one. */
	ck_assert_uint_ne(id = rc_spawn_id(&c, path, NULL), 0);
	ck_assert_int_eq(rc_recv(&c, id, 1, true, (int)df_slow(60) * 1000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, BIG_TS_LINES);
	ck_assert_int_ne(proc_child_with(d.pid, "--compile"), b.pid);
	du_stop(&d, &c);
	rm_rf(dir);
}
END_TEST

/* Fills the file system under dir until a write fails with ENOSPC. */
static void
fill(const char *dir)
{
	char path[PATH_MAX], block[4096];
	FILE *f;

	memset(block, 'x', sizeof(block));
	snprintf(path, sizeof(path), "%s/filler", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	setvbuf(f, NULL, _IONBF, 0);
	while (fwrite(block, 1, sizeof(block), f) == sizeof(block))
		;
	ck_assert_int_eq(errno, ENOSPC);
	fclose(f);
}

static int
count_lines(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

START_TEST(t_full_disk_cache)
{
	char dir[32], flag[64], path[PATH_MAX], cache[64], *log;
	const char *flags[] = { flag, NULL };
	struct proto_msg m;
	uint64_t id;
	int64_t v;

	cache_flag(dir, sizeof(dir), flag, sizeof(flag));
	/* In a mount namespace of this test's own (the daemon inherits it), so
	 * a failing test leaves no mount behind. */
	if (unshare(CLONE_NEWNS) == -1 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1 ||
	    mount("tmpfs", dir, "tmpfs", 0, "size=64k") == -1) {
		/* no tiny file system to fill: nothing to test with here */
		fprintf(stderr, "t_full_disk_cache: skipped: mount tmpfs: %s\n", strerror(errno));
		rm_rf(dir);
		return;
	}
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	ck_assert_int_eq(mkdir(cache, 0755), 0);
	fill(dir);
	du_start(&d, &c, flags);
	df_script(&d, "small.ts", "const n: number = 41;\npostMessage(n + 1);\n", path, sizeof(path));
	ck_assert_uint_ne(id = rc_spawn_id(&c, path, NULL), 0);
	ck_assert_int_eq(rc_recv(&c, id, 1, true, (int)df_slow(60) * 1000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 42);
	rc_close(&c);
	ck_assert_int_eq(df_stop(&d), 0);
	/* Lowered all the same, not cached, and said so once. */
	log = df_stderr(&d);
	df_cleanup(&d);
	ck_assert_int_eq(count_lines(log, "No space left on device"), 1);
	ck_assert_int_eq(count_lines(log, "cache: "), 1);
	free(log);
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s')\"", cache);
		ck_assert_int_eq(system(cmd), 0);
	}
	ck_assert_int_eq(umount(dir), 0);
	rm_rf(dir);
}
END_TEST

#define NCLIENTS 1000

START_TEST(t_thousand_clients)
{
	static struct rawclient cs[NCLIENTS];
	static uint64_t rids[NCLIENTS];
	static bool seen[NCLIENTS];
	struct rlimit nofile;
	struct proto_msg m;
	uint64_t id;
	unsigned got = 0;

	/* Ours and, inherited, the daemon's. */
	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &nofile), 0);
	if (nofile.rlim_cur < 2 * NCLIENTS + 64) {
		nofile.rlim_cur = nofile.rlim_max < 2 * NCLIENTS + 64 ? nofile.rlim_max : 2 * NCLIENTS + 64;
		ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &nofile), 0);
	}
	ck_assert_uint_ge(nofile.rlim_cur, NCLIENTS + 64);
	du_start(&d, &c, NULL);
	id = du_spawn(&d, &c, "echo.js", echo_js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	for (int i = 0; i < NCLIENTS; i++)
		ck_assert_msg(rc_open(&cs[i], d.sock) == 0, "client %d: %s", i, strerror(errno));
	/* All of them at once: every post is sent before any reply is read. */
	for (int i = 0; i < NCLIENTS; i++) {
		rids[i] = rc_begin(&cs[i], MSG_POST, 2);
		mpw_cstr(&cs[i].out, "id");
		mpw_uint(&cs[i].out, id);
		mpw_cstr(&cs[i].out, "data");
		mpw_int(&cs[i].out, i);
		ck_assert_int_eq(rc_end(&cs[i]), 0);
	}
	for (int i = 0; i < NCLIENTS; i++) {
		ck_assert_int_eq(rc_reply(&cs[i], rids[i], (int)df_slow(20) * 1000, &m), 1);
		ck_assert_int_eq(m.type, MSG_OK);
	}
	while (got < NCLIENTS) {
		ck_assert_int_eq(rc_recv(&c, id, 1024, true, (int)df_slow(20) * 1000, &m), MSG_OK);
		for (uint32_t k = 0; k < du_msgs_count(&m); k++, got++) {
			int64_t v;

			ck_assert_int_eq(du_msgs_int(&m, k, &v), 0);
			ck_assert(v >= 0 && v < NCLIENTS && !seen[v]);
			seen[v] = true;
		}
	}
	for (int i = 0; i < NCLIENTS; i++)
		rc_close(&cs[i]);
	du_serves(&d, "after.js");
	du_stop(&d, &c);
}
END_TEST

#define NBUSY 4

/* An echo worker, a spinning one, and one that posts FINISH_N messages a
 * moment later and ends on its own (within --stop-timeout). */
enum { B_ECHO, B_SPIN, B_FINISH, B_N };
#define FINISH_N 100

struct busy_client {
	struct rawclient rc;
	uint64_t ids[B_N];
	pid_t pids[B_N];
	uint64_t wait_rid, recv_rid;
};

static void
busy_start(struct busy_client *b, const char *const paths[B_N])
{
	struct proto_msg m;
	uint64_t pid;

	ck_assert_int_eq(rc_open(&b->rc, d.sock), 0);
	ck_assert_int_eq(rc_subscribe(&b->rc, NULL, 0, false, &m), MSG_OK);
	for (int i = 0; i < B_N; i++) {
		ck_assert_int_eq(rc_spawn(&b->rc, paths[i], NULL, NULL, false, &m), MSG_OK);
		ck_assert_int_eq(proto_get_uint(&m, "id", &b->ids[i]), PF_OK);
		ck_assert_int_eq(proto_get_uint(&m, "pid", &pid), PF_OK);
		b->pids[i] = (pid_t)pid;
	}
	echoes(&b->rc, b->ids[0], 5);
	/* Left waiting when the signal comes: a wait and a recv. */
	b->wait_rid = rc_begin(&b->rc, MSG_WAIT, 1);
	mpw_cstr(&b->rc.out, "id");
	mpw_uint(&b->rc.out, b->ids[0]);
	b->recv_rid = rc_begin(&b->rc, MSG_RECV, 2);
	mpw_cstr(&b->rc.out, "id");
	mpw_uint(&b->rc.out, b->ids[1]);
	mpw_cstr(&b->rc.out, "wait");
	mpw_bool(&b->rc.out, true);
	ck_assert_int_eq(rc_end(&b->rc), 0);
	/* and a stream of posts still arriving */
	for (int i = 0; i < 200; i++)
		ck_assert_int_eq(rc_post_int(&b->rc, b->ids[0], i, false, &m), MSG_OK);
}

/* Every client hears the end: its pending requests answered, a close
 * event for each of its workers, then EOF; the worker that ended on its
 * own had every message it posted delivered before its close. */
static void
busy_told(struct busy_client *b)
{
	struct proto_msg m;
	char reason[32], ev[32];
	uint64_t wid;
	int closes = 0, finished = -1;
	unsigned msgs = 0;

	ck_assert_int_eq(rc_reply(&b->rc, b->wait_rid, (int)df_slow(20) * 1000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_str_eq(rc_str(&m, "reason", reason, sizeof(reason)), "terminated");
	ck_assert_int_eq(rc_reply(&b->rc, b->recv_rid, (int)df_slow(20) * 1000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	for (;;) {
		int rc = rc_event(&b->rc, (int)df_slow(20) * 1000, &m);

		ck_assert_int_ne(rc, 0);
		if (rc == -1)
			break;
		if (proto_get_uint(&m, "id", &wid) != PF_OK)
			continue;
		rc_event_name(&m, ev, sizeof(ev));
		if (wid == b->ids[B_FINISH] && strcmp(ev, "message") == 0) {
			ck_assert_int_eq(finished, -1);
			msgs++;
		}
		if (strcmp(ev, "close") != 0)
			continue;
		for (int i = 0; i < B_N; i++)
			closes += wid == b->ids[i];
		if (wid == b->ids[B_FINISH])
			finished = strcmp(rc_str(&m, "reason", reason, sizeof(reason)), "exit") == 0;
	}
	ck_assert_int_eq(closes, B_N);
	ck_assert_int_eq(finished, 1);
	ck_assert_uint_eq(msgs, FINISH_N);
	for (int i = 0; i < B_N; i++)
		ck_assert(!df_pid_alive(b->pids[i]));
	rc_close(&b->rc);
}

START_TEST(t_sigterm_under_load)
{
	static struct busy_client b[NBUSY];
	static char paths[B_N][PATH_MAX];
	const char *const p[B_N] = { paths[B_ECHO], paths[B_SPIN], paths[B_FINISH] };
	static const char *const flags[] = { "--stop-timeout=1", NULL };
	pid_t dpid;

	ck_assert_int_eq(df_start(&d, flags), 0);
	df_script(&d, "echo.js", echo_js, paths[B_ECHO], PATH_MAX);
	df_script(&d, "spin.js", "for (;;) {}\n", paths[B_SPIN], PATH_MAX);
	df_script(&d, "finish.js", "setTimeout(function () {\n"
	    "  for (var i = 0; i < 100; i++) postMessage(i);\n}, 300);\n", paths[B_FINISH], PATH_MAX);
	for (int i = 0; i < NBUSY; i++)
		busy_start(&b[i], p);
	ck_assert_int_eq(kill(dpid = d.pid, SIGTERM), 0);
	for (int i = 0; i < NBUSY; i++)
		busy_told(&b[i]);
	ck_assert_int_eq(df_wait_exit(&d, 20), 0);
	ck_assert_int_eq(proc_child_with(dpid, NULL), 0);
	df_cleanup(&d);
}
END_TEST

START_TEST(t_kill9_and_takeover)
{
	struct daemon_fixture d2;
	char path[PATH_MAX];
	struct proto_msg m;
	struct stat st;
	uint64_t id, upid;
	pid_t tpl, wpid;

	du_start(&d, &c, NULL);
	tpl = wait_child(d.pid, "--template", 0);
	df_script(&d, "echo.js", echo_js, path, sizeof(path));
	ck_assert_int_eq(rc_spawn(&c, path, NULL, NULL, false, &m), MSG_OK);
	ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
	ck_assert_int_eq(proto_get_uint(&m, "pid", &upid), PF_OK);
	wpid = (pid_t)upid;
	ck_assert_int_eq(kill(d.pid, SIGKILL), 0);
	ck_assert_int_eq(df_wait_exit(&d, 10), 128 + SIGKILL);
	/* Its hosts die with it; the client sees EOF. */
	ck_assert(df_wait_until(pid_gone, &wpid, 10));
	ck_assert(df_wait_until(pid_gone, &tpl, 10));
	ck_assert_int_eq(rc_read(&c, (int)df_slow(5) * 1000, &m), -1);
	rc_close(&c);
	/* What it leaves is stale: a new daemon takes both sockets over. */
	ck_assert_int_eq(stat(d.sock, &st), 0);
	ck_assert_int_eq(df_start_at(&d2, d.sock, NULL), 0);
	du_serves(&d2, "after.js");
	{
		/* and, once it serves, the compile server's socket beside it */
		struct sockaddr_un sun = { .sun_family = AF_UNIX };
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s.compile", d.sock);
		ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
		close(fd);
	}
	ck_assert_int_eq(df_stop(&d2), 0);
	df_cleanup(&d2);
	df_cleanup(&d);
}
END_TEST

/* The daemon takes the hard open-file limit at start, since a soft one of
 * 1024 would refuse the 1025th worker, and warns when even the hard limit
 * is below what --max-workers and --max-clients need (workersd(8),
 * LIMITS). */
START_TEST(t_nofile_raised)
{
	struct rlimit old, low;
	char want[96], maxw[24];
	const char *flags[] = { "--max-workers", maxw, NULL };
	unsigned long long hard;
	char *log;

	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &old), 0);
	if (old.rlim_max == RLIM_INFINITY)
		return;
	hard = (unsigned long long)old.rlim_max;
	low = old;
	low.rlim_cur = old.rlim_max < 256 ? old.rlim_max : 256;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &low), 0);
	/* as many workers as the hard limit has descriptors: too many */
	snprintf(maxw, sizeof(maxw), "%llu", hard < 1000000 ? hard : 1000000);
	du_start(&d, &c, flags);
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &old), 0);
	snprintf(want, sizeof(want), "Max open files %llu %llu files", hard, hard);
	ck_assert_msg(proc_has_line(d.pid, "limits", want), "no \"%s\" in the daemon's limits", want);
	log = df_stderr(&d);
	if (hard < 1000000)
		ck_assert_msg(strstr(log, "open-file limit") != NULL, "no warning in: %s", log);
	free(log);
	du_serves(&d, "after.js");
	du_stop(&d, &c);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("fault_inject");
	TCase *tc = tcase_create("faults");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, t_fork_fails);
	tcase_add_test(tc, t_template_killed_mid_burst);
	tcase_add_test(tc, t_quick_exits_in_a_burst);
	tcase_add_test(tc, t_compile_server_killed);
	tcase_add_test(tc, t_full_disk_cache);
	tcase_add_test(tc, t_thousand_clients);
	tcase_add_test(tc, t_nofile_raised);
	tcase_add_test(tc, t_sigterm_under_load);
	tcase_add_test(tc, t_kill9_and_takeover);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
