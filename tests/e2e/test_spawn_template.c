/*
 * test_spawn_template.c - workersd end to end, spawning from the template:
 * workers forked from the pre-initialised heap are the daemon's children
 * with state of their own (pid, ppid, name, Math.random seed, the random
 * bytes of crypto.getRandomValues) and confined
 * as the template was, a template
 * that dies is replaced on the next spawn, and --no-template spawns by
 * fork+exec with no template at all.  The template is asked without
 * waiting: a stopped template holds up no client, its spawns are answered
 * (with the pid) when it resumes, and one that stays silent past the timeout is replaced
 * while its spawns start by exec.  The template keeps one worker forked
 * ahead of its request (the spare): the next spawn gets that process, a
 * spare killed meanwhile costs no spawn, and spares end with their
 * template.
 */
#include <check.h>
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "daemon_util.h"
#include "mpwrite.h"
#include "procfile.h"
#include "tsuite.h"

static struct daemon_fixture d;
static struct rawclient c;

/* Field `n` (1-based) of /proc/PID/stat after the command name. */
static long
stat_field(pid_t pid, int n)
{
	char path[64], buf[512], *p;
	FILE *f;
	long v = -1;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL) {
		p += 2;
		for (int i = 1; i < n && p != NULL; i++)
			p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
		if (p != NULL)
			v = strtol(p, NULL, 10);
	}
	fclose(f);
	return v;
}

static bool
cmdline_has(pid_t pid, const char *arg)
{
	char path[64], buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	for (size_t i = 0; i < n; i += strlen(buf + i) + 1)
		if (strcmp(buf + i, arg) == 0)
			return true;
	return false;
}

/* The daemon's child running `worker-host --template`, or 0. */
static pid_t
find_template(void)
{
	return proc_template_of(d.pid);
}

static bool
template_running(void *arg)
{
	pid_t not = *(pid_t *)arg, t = find_template();

	return t != 0 && t != not;
}

/* The template, once the daemon has started it (it may still be starting
 * when the daemon already answers). */
static pid_t
wait_template(void)
{
	pid_t none = 0;

	ck_assert(df_wait_until(template_running, &none, df_slow(10)));
	return find_template();
}

/* Spawns src and returns the first integer it posts. */
static int64_t
first_int(const char *file, const char *src, const char *name, uint64_t *id)
{
	struct proto_msg m;
	int64_t v = -1;

	*id = du_spawn(&d, &c, file, src, name, NULL, false, 0);
	ck_assert_uint_ne(*id, 0);
	ck_assert_int_eq(rc_recv(&c, *id, 1, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	return v;
}

static const char ids_js[] =
	"postMessage(process.ppid);\n"
	"postMessage(process.pid);\n"
	"onmessage = function () {};\n";

START_TEST(t_children_of_the_daemon)
{
	struct proto_msg m;
	uint64_t id;
	int64_t ppid, pid;
	pid_t tpl;

	du_start(&d, &c, NULL);
	tpl = wait_template();
	ck_assert_int_ne(tpl, 0);
	for (int i = 0; i < 3; i++) {
		ppid = first_int("ids.js", ids_js, NULL, &id);
		ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
		ck_assert_int_eq(du_msgs_int(&m, 0, &pid), 0);
		/* What the worker sees is its own state, not the template's. */
		ck_assert_int_eq(ppid, d.pid);
		ck_assert_int_eq(pid, (int64_t)du_status_uint(&c, id, "pid"));
		ck_assert_int_ne(pid, tpl);
		ck_assert_int_eq(stat_field((pid_t)pid, 2), d.pid);
		ck_assert_int_eq(stat_field((pid_t)pid, 3), pid);	/* own process group */
		/* The template's confinement, inherited (confine.h). */
		ck_assert(proc_has_line((pid_t)pid, "status", "NoNewPrivs: 1"));
		ck_assert(proc_has_line((pid_t)pid, "status", "Seccomp: 2"));
		ck_assert(proc_has_line((pid_t)pid, "limits", "Max core file size 0 0 bytes"));
	}
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_state_of_its_own)
{
	static const char rnd_js[] =
		"postMessage(Math.floor(Math.random() * 1e15));\n";
	static const char crnd_js[] =
		"var r = crypto.getRandomValues(new Uint32Array(2));\n"
		"postMessage(r[0] * 2097152 + (r[1] & 0x1fffff));\n";
	static const char name_js[] =
		"postMessage(self.name === 'tw-' + process.argv.length ? 1 : 0);\n"
		"postMessage(performance.timeOrigin > Date.now() - 60000 ? 1 : 0);\n";
	struct proto_msg m;
	uint64_t id;
	int64_t a, b, v;

	du_start(&d, &c, NULL);
	a = first_int("rnd.js", rnd_js, NULL, &id);
	b = first_int("rnd.js", rnd_js, NULL, &id);
	/* One seed shared by every fork would give the same draw twice. */
	ck_assert_int_ne(a, b);
	a = first_int("crnd.js", crnd_js, NULL, &id);
	b = first_int("crnd.js", crnd_js, NULL, &id);
	ck_assert_int_ne(a, b);
	ck_assert_int_eq(first_int("name.js", name_js, "tw-2", &id), 1);
	ck_assert_int_eq(rc_recv(&c, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &v), 0);
	ck_assert_int_eq(v, 1);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_template_replaced)
{
	static const char one_js[] = "postMessage(1);\n";
	uint64_t id;
	pid_t old;

	du_start(&d, &c, NULL);
	old = wait_template();
	ck_assert_int_ne(old, 0);
	ck_assert_int_eq(kill(old, SIGKILL), 0);
	ck_assert_int_eq(first_int("one.js", one_js, NULL, &id), 1);
	ck_assert(df_wait_until(template_running, &old, df_slow(10)));
	ck_assert_int_eq(first_int("one.js", one_js, NULL, &id), 1);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_no_template)
{
	static const char *const flags[] = { "--no-template", NULL };
	static const char one_js[] = "postMessage(process.ppid);\n";
	uint64_t id;

	du_start(&d, &c, flags);
	ck_assert_int_eq(first_int("one.js", one_js, NULL, &id), d.pid);
	ck_assert_int_eq(find_template(), 0);
	du_stop(&d, &c);
}
END_TEST

/* The state letter of /proc/PID/stat, or 0. */
static char
proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	char st = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL && p[1] == ' ')
		st = p[2];
	fclose(f);
	return st;
}

static bool
is_stopped(void *arg)
{
	return proc_state(*(pid_t *)arg) == 'T';
}

/* Stops the template and returns its pid. */
static pid_t
stop_template(void)
{
	pid_t tpl = wait_template();

	ck_assert_int_ne(tpl, 0);
	ck_assert_int_eq(kill(tpl, SIGSTOP), 0);
	ck_assert(df_wait_until(is_stopped, &tpl, df_slow(10)));
	return tpl;
}

#define NSLOW 4

/* Sends a spawn of path and returns its rid, without waiting. */
static uint64_t
send_spawn(struct rawclient *rc, const char *path)
{
	uint64_t rid = rc_begin(rc, MSG_SPAWN, 1);

	mpw_cstr(&rc->out, "script");
	mpw_cstr(&rc->out, path);
	ck_assert_int_eq(rc_end(rc), 0);
	return rid;
}

/* The ok of spawn `rid`: the worker's id; its pid, which the worker
 * itself reports, must be the one the ok carried. */
static uint64_t
spawned(struct rawclient *rc, uint64_t rid)
{
	struct proto_msg m;
	uint64_t id, pid;
	int64_t ppid, self;

	ck_assert_int_eq(rc_reply(rc, rid, 10000, &m), 1);
	ck_assert_int_eq(m.type, MSG_OK);
	ck_assert_int_eq(proto_get_uint(&m, "id", &id), PF_OK);
	ck_assert_int_eq(proto_get_uint(&m, "pid", &pid), PF_OK);
	ck_assert_uint_ne(pid, 0);
	ck_assert_int_eq(rc_recv(rc, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &ppid), 0);
	ck_assert_int_eq(rc_recv(rc, id, 1, true, 10000, &m), MSG_OK);
	ck_assert_int_eq(du_msgs_int(&m, 0, &self), 0);
	ck_assert_int_eq(ppid, d.pid);
	ck_assert_int_eq(self, (int64_t)pid);
	ck_assert_int_eq(stat_field((pid_t)self, 3), self);
	return id;
}

START_TEST(t_slow_template_blocks_nobody)
{
	struct rawclient c2;
	struct proto_msg m;
	char path[PATH_MAX];
	uint64_t rid[NSLOW];
	pid_t tpl;
	double t0;

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_open(&c2, d.sock), 0);
	df_script(&d, "ids.js", ids_js, path, sizeof(path));
	tpl = stop_template();
	/* Each spawn waited for the template's answer, and the list behind
	 * them all, for SPAWN_TEMPLATE_TIMEOUT_MS (2 s) each.  Now only the
	 * spawns' oks wait: they carry the pid. */
	t0 = mono_s();
	for (int i = 0; i < NSLOW; i++)
		rid[i] = send_spawn(&c, path);
	ck_assert_int_eq(rc_simple(&c2, MSG_LIST, 0, &m), MSG_OK);
	ck_assert_double_lt(mono_s() - t0, df_slow(1));
	ck_assert_int_eq(rc_read(&c, 0, &m), 0);
	ck_assert_int_eq(kill(tpl, SIGCONT), 0);
	for (int i = 0; i < NSLOW; i++)
		spawned(&c, rid[i]);
	/* They came from the template, which was never given up on. */
	ck_assert_int_eq(find_template(), tpl);
	rc_close(&c2);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_silent_template_replaced)
{
	char path[PATH_MAX];
	uint64_t rid;
	pid_t tpl;
	double t0;

	du_start(&d, &c, NULL);
	df_script(&d, "ids.js", ids_js, path, sizeof(path));
	tpl = stop_template();
	t0 = mono_s();
	rid = send_spawn(&c, path);
	/* Past the timeout the spawn starts by exec, a child of ours all the
	 * same, and a fresh template takes the stopped one's place. */
	spawned(&c, rid);
	ck_assert_double_ge(mono_s() - t0, 1.9);
	ck_assert(df_wait_until(template_running, &tpl, df_slow(10)));
	ck_assert(!df_pid_alive(tpl));
	du_stop(&d, &c);
}
END_TEST

/* The spare: the daemon's child `worker-host --spare` other than `not`,
 * or 0. */
static pid_t
find_spare(pid_t not)
{
	DIR *dir = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	ck_assert_ptr_nonnull(dir);
	while ((e = readdir(dir)) != NULL) {
		pid_t pid = (pid_t)atoi(e->d_name);
		if (pid > 0 && pid != not && stat_field(pid, 2) == d.pid && stat_field(pid, 1) != 'Z' &&
		    cmdline_has(pid, "--spare"))
			found = pid;
	}
	closedir(dir);
	return found;
}

static bool
spare_other_than(void *arg)
{
	pid_t *pids = arg, s = find_spare(pids[0]);

	return s != 0 && s != pids[1];
}

/* Waits for a spare that is neither pids[0] nor pids[1] and returns it. */
static pid_t
wait_spare(pid_t worker, pid_t old)
{
	pid_t pids[2] = { worker, old };

	ck_assert(df_wait_until(spare_other_than, pids, df_slow(10)));
	return find_spare(worker);
}

static bool
pid_gone(void *arg)
{
	pid_t pid = *(pid_t *)arg;

	return !df_pid_alive(pid) || proc_state(pid) == 'Z';
}

START_TEST(t_spare_forked_ahead)
{
	uint64_t id;
	int64_t pid;
	pid_t spare, next;

	du_start(&d, &c, NULL);
	wait_template();
	spare = wait_spare(0, 0);
	ck_assert(!cmdline_has(spare, "--template"));
	/* The spawn is the spare, and the template forks the next one. */
	ck_assert_int_eq(first_int("ids.js", ids_js, NULL, &id), d.pid);
	pid = (int64_t)du_status_uint(&c, id, "pid");
	ck_assert_int_eq(pid, spare);
	ck_assert(!cmdline_has(spare, "--spare"));
	next = wait_spare((pid_t)pid, spare);
	ck_assert_int_ne(next, (pid_t)pid);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_spare_killed)
{
	uint64_t id;
	pid_t spare;

	du_start(&d, &c, NULL);
	wait_template();
	spare = wait_spare(0, 0);
	ck_assert_int_eq(kill(spare, SIGKILL), 0);
	ck_assert(df_wait_until(pid_gone, &spare, df_slow(10)));
	/* The template sees its spare gone and forks this worker itself. */
	ck_assert_int_eq(first_int("ids.js", ids_js, NULL, &id), d.pid);
	ck_assert_int_ne((pid_t)du_status_uint(&c, id, "pid"), spare);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_spare_ends_with_template)
{
	static const char one_js[] = "postMessage(1);\n";
	uint64_t id;
	pid_t tpl, spare;

	du_start(&d, &c, NULL);
	tpl = wait_template();
	spare = wait_spare(0, 0);
	ck_assert_int_eq(kill(tpl, SIGKILL), 0);
	ck_assert(df_wait_until(pid_gone, &spare, df_slow(10)));
	ck_assert_int_eq(first_int("one.js", one_js, NULL, &id), 1);
	du_stop(&d, &c);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("spawn_template");
	TCase *tc = tcase_create("template");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_children_of_the_daemon);
	tcase_add_test(tc, t_state_of_its_own);
	tcase_add_test(tc, t_template_replaced);
	tcase_add_test(tc, t_no_template);
	tcase_add_test(tc, t_slow_template_blocks_nobody);
	tcase_add_test(tc, t_silent_template_replaced);
	tcase_add_test(tc, t_spare_forked_ahead);
	tcase_add_test(tc, t_spare_killed);
	tcase_add_test(tc, t_spare_ends_with_template);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
