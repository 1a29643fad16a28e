/*
 * test_modern.c - TypeScript and modern JavaScript through a real workersd:
 * the daemon starts its compile server on the first worker that needs it,
 * hands workers the socket and its --cache-dir, restarts the server when it
 * dies, and a second run of an unchanged script reads the cache instead of
 * compiling; a script spawned by file: URL sees the same URL, encoded
 * again, as its import.meta.url; an ES module imports core modules and an
 * exports-mapped package.  One daemon serves every test (the
 * compiler loads once).
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl_fixture.h"
#include "daemon_fixture.h"
#include "procfile.h"
#include "tsuite.h"
#include "workerclient.h"

static struct daemon_fixture d;
static char cache[PATH_MAX];
static int daemon_status;	/* df_stop's: nonzero fails the run (valgrind) */

#define T df_slow(60)
#define SERVERS "2"
#define CTL(res, ...) ctl_run(d.sock, NULL, T, res, __VA_ARGS__, (const char *)NULL)

static void
start_daemon(void)
{
	char flag[PATH_MAX + 16];
	const char *flags[3] = { flag, "--compilers=" SERVERS, NULL };
	char dir[] = "/tmp/wsd-modern-cache-XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cache, sizeof(cache), "%s/sub/cache", dir);
	snprintf(flag, sizeof(flag), "--cache-dir=%s", cache);
	ck_assert_int_eq(df_start(&d, flags), 0);
}

static void
stop_daemon(void)
{
	char cmd[PATH_MAX + 32];

	daemon_status = df_stop(&d);
	df_cleanup(&d);
	*strrchr(cache, '/') = '\0';
	*strrchr(cache, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", cache);
}

/* How many entries the cache holds, and the inode of the newest. */
static int
cache_entries(ino_t *ino)
{
	struct dirent *de;
	char p[PATH_MAX + 300];
	struct stat st;
	struct timespec newest = { 0, 0 };
	int n = 0;
	DIR *dir = opendir(cache);

	ck_assert_ptr_nonnull(dir);
	while ((de = readdir(dir)) != NULL) {
		if (strstr(de->d_name, ".lower") == NULL)
			continue;
		n++;
		snprintf(p, sizeof(p), "%s/%s", cache, de->d_name);
		ck_assert_int_eq(stat(p, &st), 0);
		if (st.st_mtim.tv_sec > newest.tv_sec ||
		    (st.st_mtim.tv_sec == newest.tv_sec && st.st_mtim.tv_nsec >= newest.tv_nsec)) {
			newest = st.st_mtim;
			*ino = st.st_ino;
		}
	}
	closedir(dir);
	return n;
}

/* The pids of this daemon's compile servers (their command lines name our
 * cache directory): how many, at most max into pids. */
static int
server_pids(pid_t *pids, int max)
{
	struct dirent *de;
	char path[300], buf[4096];
	int found = 0;
	DIR *proc = opendir("/proc");

	ck_assert_ptr_nonnull(proc);
	while (found < max && (de = readdir(proc)) != NULL) {
		FILE *f;
		size_t n;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (size_t i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[n] = '\0';
		if (strstr(buf, "--compile ") != NULL && strstr(buf, cache) != NULL)
			pids[found++] = atoi(de->d_name);
	}
	closedir(proc);
	return found;
}

static int
server_count(void)
{
	pid_t pids[8];

	return server_pids(pids, 8);
}

/* The servers a worker's first connection started are up (they start
 * together; the worker's request may be done before the last is), or
 * those killed are gone. */
static void
wait_servers(int n)
{
	struct timespec pause = { 0, 10 * 1000000L };

	pid_t pids[8];
	int got = 0;

	for (int i = 0; i < 1000 && (got = server_pids(pids, 8)) != n; i++)
		nanosleep(&pause, NULL);
	for (int i = 0; i < got && got != n; i++)
		fprintf(stderr, "compile server %d: %s\n", pids[i],
		    proc_has_line(pids[i], "status", "State: Z (zombie)") ? "zombie" : "running");
	ck_assert_int_eq(got, n);
}

START_TEST(t_typescript_worker)
{
	char path[PATH_MAX];
	struct ctl_result r;

	ck_assert_int_eq(server_count(), 0);
	snprintf(path, sizeof(path), "%s/node_modules", d.dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	df_script(&d, "node_modules/greet.js", "exports.greet = function (n) { return 'hi ' + n; };\n",
	    path, sizeof(path));
	df_script(&d, "lib.ts", "export class Box<T> { constructor(readonly v: T) {} map<U>(f: (v: T) => U) { return new Box(f(this.v)); } }\n",
	    path, sizeof(path));
	df_script(&d, "app.ts",
	    "import { Box } from './lib';\n"
	    "import { greet } from 'greet';\n"
	    "const wait = (ms: number) => new Promise(r => setTimeout(r, ms));\n"
	    "(async () => {\n"
	    "  await wait(1);\n"
	    "  postMessage(new Box(20).map(v => v + 1).v);\n"
	    "  postMessage(greet(process.argv.slice(-1)[0] ?? 'nobody'));\n"
	    "})();\n", path, sizeof(path));
	CTL(&r, "run", path, "ts");
	ck_assert_msg(r.status == 0, "%d %s", r.status, r.err);
	ck_assert_str_eq(r.out, "21\n\"hi ts\"\n");
	ctl_result_free(&r);
	wait_servers(atoi(SERVERS));
}
END_TEST

/* Only fd 3 (the listening socket) of the daemon's fds: the others are
 * closed at start, so no client connection or daemon socket leaks in. */
static int
sockets_past_3(pid_t pid)
{
	char dir[64], p[400], link[256];
	struct dirent *de;
	int n = 0;
	DIR *fds;
	ssize_t len;

	snprintf(dir, sizeof(dir), "/proc/%ld/fd", (long)pid);
	ck_assert_ptr_nonnull(fds = opendir(dir));
	while ((de = readdir(fds)) != NULL) {
		if (atoi(de->d_name) <= 3)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		if ((len = readlink(p, link, sizeof(link) - 1)) > 0 && strncmp(link, "socket:", 7) == 0)
			n++;
	}
	closedir(fds);
	return n;
}

/* The servers are confined as workers are, in their own process groups,
 * and a root daemon's run as nobody (the default --compiler-user). */
START_TEST(t_compile_server_confined)
{
	struct timespec pause = { 0, 10 * 1000000L };
	char uid[64];
	pid_t pids[8];
	int n = server_pids(pids, 8);
	struct passwd *pw = getpwnam("nobody");

	ck_assert_int_eq(n, atoi(SERVERS));
	for (int i = 0; i < n; i++) {
		ck_assert(proc_has_line(pids[i], "status", "NoNewPrivs: 1"));
		ck_assert(proc_has_line(pids[i], "status", "Seccomp: 2"));
		ck_assert(proc_has_line(pids[i], "limits", "Max core file size 0 0 bytes"));
		ck_assert(proc_has_line(pids[i], "limits", "Max open files 4096 4096 files"));
		ck_assert_int_eq(getpgid(pids[i]), pids[i]);
		/* the last worker's connection may not be closed yet */
		for (int t = 0; t < 500 && sockets_past_3(pids[i]) > 0; t++)
			nanosleep(&pause, NULL);
		ck_assert_int_eq(sockets_past_3(pids[i]), 0);
		if (geteuid() != 0)
			continue;
		ck_assert_ptr_nonnull(pw);
		snprintf(uid, sizeof(uid), "Uid: %u %u %u %u", pw->pw_uid, pw->pw_uid, pw->pw_uid, pw->pw_uid);
		ck_assert_msg(proc_has_line(pids[i], "status", uid), "server %d is not nobody", pids[i]);
	}
}
END_TEST

/* An ES module worker importing core modules (default, named and
 * namespace imports, node: or not) and a package whose exports map gives
 * import its own file.  The expected line is what node prints for the
 * same files with postMessage as console.log(JSON.stringify(x)). */
START_TEST(t_node_modules_from_esm)
{
	char path[PATH_MAX];
	struct ctl_result r;

	snprintf(path, sizeof(path), "%s/node_modules", d.dir);
	ck_assert(mkdir(path, 0755) == 0 || errno == EEXIST);
	snprintf(path, sizeof(path), "%s/node_modules/dual", d.dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	df_script(&d, "node_modules/dual/package.json",
	    "{\"name\":\"dual\",\"exports\":{\".\":{\"import\":\"./i.mjs\",\"require\":\"./r.cjs\"}}}\n",
	    path, sizeof(path));
	df_script(&d, "node_modules/dual/i.mjs", "export const kind = 'import';\n", path, sizeof(path));
	df_script(&d, "node_modules/dual/r.cjs", "exports.kind = 'require';\n", path, sizeof(path));
	df_script(&d, "core.mjs",
	    "import path from 'node:path';\n"
	    "import { EventEmitter, once } from 'events';\n"
	    "import { format, promisify } from 'util';\n"
	    "import { kind } from 'dual';\n"
	    "import * as qs from 'node:querystring';\n"
	    "const e = new EventEmitter();\n"
	    "const sleep = promisify((ms, cb) => setTimeout(cb, ms));\n"
	    "(async () => {\n"
	    "  setTimeout(() => e.emit('go', 7), 1);\n"
	    "  const [v] = await once(e, 'go');\n"
	    "  await sleep(1);\n"
	    "  postMessage([path.join('/a', '../b', 'c.txt'), v, format('%s=%d', 'x', 42), kind, qs.stringify({ a: [1, 2] })]);\n"
	    "})();\n", path, sizeof(path));
	CTL(&r, "run", path);
	ck_assert_msg(r.status == 0, "%d %s", r.status, r.err);
	ck_assert_str_eq(r.out, "[\"/b/c.txt\",7,\"x=42\",\"import\",\"a=1&a=2\"]\n");
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_import_meta)
{
	char path[PATH_MAX], url[PATH_MAX + 16], want[2 * PATH_MAX];
	struct ctl_result r;

	df_script(&d, "meta \xC3\xA9.mjs", "postMessage([import.meta.url, import.meta.main, import.meta.file]);\n",
	    path, sizeof(path));
	snprintf(url, sizeof(url), "file://%s/meta%%20%%C3%%A9.mjs", d.dir);
	CTL(&r, "run", url);
	ck_assert_msg(r.status == 0, "%d %s", r.status, r.err);
	snprintf(want, sizeof(want), "[\"%s\",true,\"meta \xC3\xA9.mjs\"]\n", url);
	ck_assert_str_eq(r.out, want);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_syntax_error_position)
{
	char path[PATH_MAX];
	struct ctl_result r;

	df_script(&d, "bad.ts", "let ok = 1;\n\nlet x: number = (ok +;\n", path, sizeof(path));
	CTL(&r, "run", path);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, "SyntaxError") != NULL && strstr(r.err, "bad.ts:3:22") != NULL, "%s", r.err);
	ctl_result_free(&r);
}
END_TEST

START_TEST(t_cache_and_restart)
{
	char path[PATH_MAX], src[128];
	struct ctl_result r;
	ino_t ino = 0, ino2 = 0;
	int before = cache_entries(&ino);
	pid_t pids[8], now[8];

	/* a source no other test has: one new entry */
	snprintf(src, sizeof(src), "const n: number = %d;\npostMessage(n);\n", (int)getpid());
	df_script(&d, "cached.ts", src, path, sizeof(path));
	CTL(&r, "run", path);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ctl_result_free(&r);
	ck_assert_int_eq(cache_entries(&ino), before + 1);

	/* the compile servers die: an unchanged script does not need them */
	ck_assert_int_eq(server_pids(pids, 8), atoi(SERVERS));
	for (int i = 0; i < atoi(SERVERS); i++)
		ck_assert_int_eq(kill(pids[i], SIGKILL), 0);
	wait_servers(0);
	CTL(&r, "run", path);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ctl_result_free(&r);
	ck_assert_int_eq(cache_entries(&ino2), before + 1);
	ck_assert_uint_eq(ino2, ino);
	ck_assert_int_eq(server_count(), 0);

	/* a changed one is compiled again, by new servers, all of the pool */
	strcat(src, "postMessage(`${n}!`);\n");
	df_script(&d, "cached.ts", src, path, sizeof(path));
	CTL(&r, "run", path);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "!\"\n"));
	ctl_result_free(&r);
	ck_assert_int_eq(cache_entries(&ino2), before + 2);
	wait_servers(atoi(SERVERS));
	ck_assert_int_eq(server_pids(now, 8), atoi(SERVERS));
	for (int i = 0; i < atoi(SERVERS); i++)
		ck_assert_int_ne(now[i], pids[0]);
}
END_TEST

/* workerctl compile fills the cache: afterwards the worker needs no
 * server at all.  Plain ES5 .js is left alone, a syntax error is one line
 * naming the file and position, and exit 1. */
START_TEST(t_compile_warms_cache)
{
	char dir[PATH_MAX], path[PATH_MAX], app[PATH_MAX], src[128];
	struct ctl_result r;
	ino_t ino;
	pid_t pids[8];
	int before = cache_entries(&ino), n;

	snprintf(dir, sizeof(dir), "%s/warm", d.dir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	snprintf(src, sizeof(src), "import { k } from './k.mjs';\nconst n: number = k + %d;\npostMessage(n);\n",
	    (int)getpid() % 1000);
	df_script(&d, "warm/app.ts", src, app, sizeof(app));
	df_script(&d, "warm/k.mjs", "export const k = 1000;\n", path, sizeof(path));
	df_script(&d, "warm/es5.js", "module.exports = 1;\n", path, sizeof(path));
	df_script(&d, "warm/bad.ts", "let x: number = (1 +;\n", path, sizeof(path));
	CTL(&r, "compile", dir);
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strncmp(r.out, "compiled 4 files: 2 lowered, 1 plain ES5, 1 failed (", 52) == 0, "%s", r.out);
	ck_assert_msg(strstr(r.err, "warm/bad.ts:1:21: SyntaxError: Expression expected.\n") != NULL, "%s", r.err);
	ctl_result_free(&r);
	ck_assert_int_eq(cache_entries(&ino), before + 2);

	n = server_pids(pids, 8);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(kill(pids[i], SIGKILL), 0);
	wait_servers(0);
	CTL(&r, "run", app);
	ck_assert_msg(r.status == 0, "%s", r.err);
	snprintf(src, sizeof(src), "%d\n", 1000 + (int)getpid() % 1000);
	ck_assert_str_eq(r.out, src);
	ctl_result_free(&r);
	ck_assert_int_eq(server_count(), 0);
}
END_TEST

/* Spawns dir/rel by its file: URL (what new URL(rel, import.meta.url).href
 * gives), posts "hello" at once and returns the first message's data as
 * tagged JSON (malloc'd); the worker is terminated. */
static char *
hello_reply(const char *rel)
{
	char url[PATH_MAX + 16], wid[32], *json = NULL;
	const char *ids[1] = { wid };
	struct wc_spawn_opts o = { .script = url };
	struct wc_error err;
	struct wc_event ev;
	struct wc_conn *c = wc_connect(d.sock, "test_modern", df_slow(10), &err);
	uint64_t id;

	ck_assert_msg(c != NULL, "%s", err.msg);
	snprintf(url, sizeof(url), "file://%s/%s", d.dir, rel);
	ck_assert_msg(wc_spawn(c, &o, &id, &err) == 0, "%s", err.msg);
	snprintf(wid, sizeof(wid), "%llu", (unsigned long long)id);
	ck_assert_int_eq(wc_subscribe(c, ids, 1, false, &err), 0);
	ck_assert_int_eq(wc_post_json(c, wid, "\"hello\"", 7, &err), 0);
	while (json == NULL) {
		ck_assert_msg(wc_next_event(c, T, &ev, &err) == 0, "%s", err.msg);
		ck_assert_msg(ev.kind != WC_EV_CLOSE && ev.kind != WC_EV_ERROR, "%s %s", ev.name,
		    ev.err_message ? ev.err_message : "");
		if (ev.kind == WC_EV_MESSAGE)
			json = wc_value_json(&ev.data, &err);
		wc_event_free(&ev);
	}
	ck_assert_int_eq(wc_terminate(c, wid, T, NULL, &err), 0);
	wc_close(c);
	return json;
}

/* The seed's example: a worker.ts that answers "world" to "hello", spawned
 * by its file: URL. */
START_TEST(t_seed_hello_world)
{
	char path[PATH_MAX], *json;

	df_script(&d, "worker.ts",
	    "declare var self: Worker;\n"
	    "self.onmessage = (event: MessageEvent) => {\n"
	    "  if (event.data === \"hello\") self.postMessage(\"world\");\n"
	    "};\n", path, sizeof(path));
	json = hello_reply("worker.ts");
	ck_assert_str_eq(json, "\"world\"");
	free(json);
}
END_TEST

/* A message posted while the entry module's top-level await runs waits:
 * the listener set after the await gets it. */
START_TEST(t_messages_wait_for_top_level_await)
{
	char path[PATH_MAX], *json;

	df_script(&d, "late.mts",
	    "const config = await new Promise<string>((r) => setTimeout(() => r('world'), 200));\n"
	    "self.onmessage = (event: MessageEvent) => {\n"
	    "  if (event.data === 'hello') postMessage(config);\n"
	    "};\n", path, sizeof(path));
	json = hello_reply("late.mts");
	ck_assert_str_eq(json, "\"world\"");
	free(json);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("modern");
	TCase *tc = tcase_create("modern");

	tcase_add_unchecked_fixture(tc, start_daemon, stop_daemon);
	tcase_set_timeout(tc, df_slow(120));
	tcase_add_test(tc, t_typescript_worker);
	tcase_add_test(tc, t_compile_server_confined);
	tcase_add_test(tc, t_import_meta);
	tcase_add_test(tc, t_node_modules_from_esm);
	tcase_add_test(tc, t_syntax_error_position);
	tcase_add_test(tc, t_cache_and_restart);
	tcase_add_test(tc, t_seed_hello_world);
	tcase_add_test(tc, t_messages_wait_for_top_level_await);
	tcase_add_test(tc, t_compile_warms_cache);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int failed = tsuite_run(suite());

	if (daemon_status != 0)
		fprintf(stderr, "test_modern: the daemon ended with status %d\n", daemon_status);
	return failed == 0 && daemon_status == 0 ? 0 : 1;
}
