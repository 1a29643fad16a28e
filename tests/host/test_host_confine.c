/*
 * test_host_confine.c - a worker-host runs confined (confine.h): the
 * kernel shows no_new_privs, a seccomp filter and the resource limits on a
 * real worker, which no longer maps the libseccomp that built them; and,
 * applied in a forked child, the filter answers a call outside the allow
 * list with EPERM but kills on one that reaches past the process.
 */
#include <check.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "confine.h"
#include "host_fixture.h"
#include "procfile.h"
#include "tsuite.h"

static struct hostfx fx;

static void
setup(void)
{
	ck_assert_int_eq(hostfx_init(&fx), 0);
}

static void
teardown(void)
{
	hostfx_stop(&fx);
}

START_TEST(worker_is_confined)
{
	const char *p = hostfx_write(&fx, "main.js", "onmessage = function () { close(); };");
	char nofile[64];

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(hostfx_start(&fx, p, NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert(proc_has_line(fx.pid, "status", "NoNewPrivs: 1"));
	ck_assert(proc_has_line(fx.pid, "status", "Seccomp: 2"));
	/* the filters are built, loaded, and libseccomp closed again */
	ck_assert(proc_maps_file(fx.pid, "libduktape."));
	ck_assert(!proc_maps_file(fx.pid, "libseccomp."));
	ck_assert(proc_has_line(fx.pid, "limits", "Max core file size 0 0 bytes"));
	snprintf(nofile, sizeof(nofile), "Max open files %d %d files",
	    CONFINE_NOFILE_WORKER, CONFINE_NOFILE_WORKER);
	ck_assert(proc_has_line(fx.pid, "limits", nofile));
	if (!TSUITE_SANITIZED) {
		ck_assert(proc_has_line(fx.pid, "limits", "Max processes 0 0 processes"));
		/* confine_host()'s filter and the no-fork one, stacked. */
		ck_assert(proc_has_line(fx.pid, "status", "Seccomp_filters: 2"));
	}
	ck_assert_int_eq(hostfx_post_json(&fx, "1"), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_EXIT);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 0);
}
END_TEST

/* The status a child confined like a worker ends with after `probe`. */
static int
confined_child(int (*probe)(void))
{
	struct confine_nofork nf;
	char err[256];
	int status;
	pid_t pid = fork();

	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		if (confine_host(CONFINE_NOFILE_WORKER, err, sizeof(err)) == -1 ||
		    confine_nofork_build(&nf, err, sizeof(err)) == -1 ||
		    confine_nofork_apply(&nf, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s\n", err);
			_exit(100);
		}
		_exit(probe());
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

/* Each refused call is a distinct exit code, so a failure names it. */
static int
refused_calls(void)
{
	struct rlimit rl = { 1 << 20, 1 << 20 };

	if (syscall(SYS_fork) != -1 || errno != EPERM)
		return 1;
	if (syscall(SYS_execve, "/bin/true", NULL, NULL) != -1 || errno != EPERM)
		return 2;
	if (socket(AF_NETLINK, SOCK_RAW, 0) != -1 || errno != EPERM)
		return 3;
	if (setrlimit(RLIMIT_NOFILE, &rl) != -1 || errno != EPERM)
		return 4;
	/* Refused by the no-fork filter, which sanitizer builds go without. */
	if (!TSUITE_SANITIZED && (syscall(SYS_setuid, 0) != -1 || errno != EPERM))
		return 5;
	if (ioctl(2, TIOCSTI, "x") != -1 || errno != EPERM)
		return 8;
	if (socket(AF_INET, SOCK_STREAM, 0) == -1)
		return 6;
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur != CONFINE_NOFILE_WORKER)
		return 7;
	return 0;
}

START_TEST(outside_the_list_is_eperm)
{
	int status = confined_child(refused_calls);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}
END_TEST

static int
traceme(void)
{
	(void)ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	return 0;
}

START_TEST(ptrace_kills)
{
	int status;

	if (TSUITE_SANITIZED)
		return;		/* LeakSanitizer keeps ptrace (confine.c) */
	status = confined_child(traceme);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS, "status %#x", status);
}
END_TEST

static Suite *
confine_suite(void)
{
	Suite *s = suite_create("host_confine");
	TCase *tc = tcase_create("confine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, worker_is_confined);
	tcase_add_test(tc, outside_the_list_is_eperm);
	tcase_add_test(tc, ptrace_kills);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(confine_suite());
}
