/*
 * test_daemon_faults.c - workersd end to end, bad input and limits: garbage
 * and oversized frames, a client vanishing mid-frame, a worker host that
 * breaks the protocol or dies without a word, one that never says open
 * (--open-timeout), a missing host binary,
 * --max-workers / --max-clients / --queue-limit, the stale and the live
 * socket, SO_PEERCRED, the handshake, readiness notification and socket
 * activation.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon_util.h"
#include "mpwrite.h"
#include "tsuite.h"

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };\n";

static struct daemon_fixture d;
static struct rawclient c;

static void
still_serving(void)
{
	du_serves(&d, "echo-check.js");
}

/* Sends bytes on a fresh connection after hello; expects err
 * bad_request and then EOF. */
static void
bad_bytes(const void *p, size_t n, bool hello)
{
	struct rawclient b;
	struct proto_msg m;
	char code[32];

	if (hello)
		ck_assert_int_eq(rc_open(&b, d.sock), 0);
	else
		ck_assert_int_eq(rc_connect(&b, d.sock), 0);
	ck_assert_int_eq(rc_send_raw(&b, p, n), 0);
	ck_assert_int_eq(rc_read(&b, 5000, &m), 1);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "bad_request");
	ck_assert_int_eq(rc_read(&b, 5000, &m), -1);
	rc_close(&b);
}

START_TEST(t_garbage_oversized_vanishing)
{
	static const uint8_t garbage[] = { 0, 0, 0, 5, 0xc1, 0xc1, 0xc1, 0xc1, 0xc1 };
	static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff, 0x80 };
	static const uint8_t not_map[] = { 0, 0, 0, 1, 0x01 };
	static const uint8_t half[] = { 0, 0, 1, 0, 0x81, 0xa1 };
	struct rawclient v;

	du_start(&d, &c, NULL);
	bad_bytes(garbage, sizeof(garbage), true);
	bad_bytes(huge, sizeof(huge), true);
	bad_bytes(not_map, sizeof(not_map), true);
	bad_bytes(garbage, sizeof(garbage), false);
	/* Anything but hello first is refused. */
	{
		struct rawclient b;
		struct proto_msg m;
		char code[32];
		uint64_t rid;

		ck_assert_int_eq(rc_connect(&b, d.sock), 0);
		rid = rc_begin(&b, MSG_LIST, 0);
		ck_assert_int_eq(rc_end(&b), 0);
		ck_assert_int_eq(rc_reply(&b, rid, 5000, &m), 1);
		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "bad_request");
		rc_close(&b);
	}
	ck_assert_int_eq(rc_open(&v, d.sock), 0);
	ck_assert_int_eq(rc_send_raw(&v, half, sizeof(half)), 0);
	rc_close(&v);
	still_serving();
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_version_mismatch)
{
	struct rawclient b;
	struct proto_msg m;
	char code[32];

	du_start(&d, &c, NULL);
	ck_assert_int_eq(rc_connect(&b, d.sock), 0);
	b.off = proto_begin(&b.out, MSG_HELLO, 1);
	mpw_cstr(&b.out, "v");
	mpw_uint(&b.out, 99);
	ck_assert_int_eq(rc_end(&b), 0);
	ck_assert_int_eq(rc_read(&b, 5000, &m), 1);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "version");
	ck_assert_int_eq(rc_read(&b, 5000, &m), -1);
	rc_close(&b);
	du_stop(&d, &c);
}
END_TEST

/* A fake host (a shell script) stands in where the real one cannot
 * misbehave on purpose; it lives in its own temp dir. */
static void
fake_host(char *dir, const char *body, char *flag, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fake-host", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	ck_assert_int_eq(chmod(path, 0755), 0);
	snprintf(flag, len, "--host-path=%s", path);
}

START_TEST(t_bad_hosts)
{
	static const char *const bodies[] = {
		"printf '\\377\\377\\377\\377' >&3; exec sleep 30",	/* oversized frame */
		"printf '\\000\\000\\000\\001\\001' >&3; exec sleep 30",	/* not a map */
		"exit 7",						/* no exit frame */
	};
	static const int64_t codes[] = { 1, 1, 7 };
	static const char *const logged[] = { "frame", "not a map", "closed, error 7" };
	char flag[PATH_MAX + 16], dir[32], cmd[64], *log;
	/* (a fake template would only cost the 2 s of its timeout) */
	const char *flags[] = { flag, "--no-template", NULL };
	struct close_info ci;
	struct proto_msg m;
	uint64_t id;
	unsigned i;

	for (i = 0; i < 3; i++) {
		snprintf(dir, sizeof(dir), "/tmp/wd-test-XXXXXX");
		fake_host(dir, bodies[i], flag, sizeof(flag));
		du_start(&d, &c, flags);
		id = du_spawn(&d, &c, "x.js", echo_js, NULL, NULL, false, 0);
		ck_assert_uint_ne(id, 0);
		ck_assert_int_eq(du_close_req(&c, MSG_WAIT, id, 10, &ci), MSG_OK);
		ck_assert_str_eq(ci.reason, "error");
		ck_assert_int_eq(ci.code, codes[i]);
		/* The daemon says why, and goes on serving. */
		ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
		log = df_stderr(&d);
		ck_assert_msg(strstr(log, logged[i]) != NULL, "%s", log);
		free(log);
		du_stop(&d, &c);
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

START_TEST(t_open_timeout)
{
	char flag[PATH_MAX + 16], dir[32], cmd[64], *log;
	const char *flags[] = { flag, "--no-template", "--open-timeout=0.3", NULL };
	struct proto_msg m;
	struct close_info ci;
	uint64_t id;

	/* A host that reads its init and says nothing, ever. */
	snprintf(dir, sizeof(dir), "/tmp/wd-test-XXXXXX");
	fake_host(dir, "exec sleep 30", flag, sizeof(flag));
	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	id = du_spawn(&d, &c, "x.js", echo_js, NULL, NULL, false, 0);
	ck_assert_uint_ne(id, 0);
	/* Posts held for it are not held forever: it closes, reason timeout,
	 * with the one open and one close of every spawn. */
	ck_assert_int_eq(rc_post_int(&c, id, 1, false, &m), MSG_OK);
	ck_assert(du_wait_event(&c, id, "open", 10, &m));
	ck_assert(du_wait_event(&c, id, "close", 10, &m));
	du_close_info(&m, &ci);
	ck_assert_str_eq(ci.reason, "timeout");
	ck_assert_int_eq(ci.code, 1);
	ck_assert_int_eq(du_close_req(&c, MSG_WAIT, id, 10, &ci), MSG_OK);
	ck_assert_str_eq(ci.reason, "timeout");
	log = df_stderr(&d);
	ck_assert_msg(strstr(log, "no open within 0.3s") != NULL, "%s", log);
	free(log);
	ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
	du_stop(&d, &c);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(t_missing_host)
{
	static const char *const why[] = { "No such file or directory", "Permission denied" };
	char flag[PATH_MAX + 16], dir[32], cmd[64], path[PATH_MAX], code[32], msg[512];
	const char *flags[] = { flag, NULL };
	struct proto_msg m;

	/* Missing, then there but not executable. */
	snprintf(dir, sizeof(dir), "/tmp/wd-test-XXXXXX");
	fake_host(dir, "exit 0", flag, sizeof(flag));
	snprintf(path, sizeof(path), "%s/fake-host", dir);
	ck_assert_int_eq(chmod(path, 0644), 0);
	for (int i = 0; i < 2; i++) {
		snprintf(flag, sizeof(flag), "--host-path=%s/%s", dir, i == 0 ? "missing-host" : "fake-host");
		du_start(&d, &c, flags);
		df_script(&d, "x.js", echo_js, path, sizeof(path));
		ck_assert_int_eq(rc_spawn(&c, path, NULL, NULL, false, &m), MSG_ERR);
		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "spawn_failed");
		ck_assert_msg(strstr(rc_str(&m, "msg", msg, sizeof(msg)), why[i]) != NULL, "%s", msg);
		ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &m), MSG_OK);
		du_stop(&d, &c);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(t_limits)
{
	static const char *const flags[] = { "--max-workers=2", "--max-clients=2", NULL };
	struct rawclient b, x;
	struct proto_msg m;
	char code[32];

	du_start(&d, &c, flags);
	ck_assert_uint_ne(du_spawn(&d, &c, "a.js", echo_js, NULL, NULL, false, 0), 0);
	ck_assert_uint_ne(du_spawn(&d, &c, "b.js", echo_js, NULL, NULL, false, 0), 0);
	ck_assert_uint_eq(du_spawn(&d, &c, "c.js", echo_js, NULL, NULL, false, 0), 0);
	{
		char path[PATH_MAX];

		df_script(&d, "c.js", echo_js, path, sizeof(path));
		ck_assert_int_eq(rc_spawn(&c, path, NULL, NULL, false, &m), MSG_ERR);
		ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "limit");
	}
	ck_assert_int_eq(rc_open(&b, d.sock), 0);
	ck_assert_int_eq(rc_connect(&x, d.sock), 0);
	ck_assert_int_eq(rc_read(&x, 5000, &m), 1);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "limit");
	rc_close(&x);
	rc_close(&b);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_queue_full)
{
	static const char *const flags[] = { "--queue-limit=64K", NULL };
	struct proto_msg m;
	char big[16384], code[32];
	uint64_t id;
	int i, rc = MSG_OK;

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	du_start(&d, &c, flags);
	ck_assert_int_eq(rc_subscribe(&c, NULL, 0, false, &m), MSG_OK);
	id = du_spawn(&d, &c, "spin.js", "for (;;) {}\n", NULL, NULL, false, 0);
	ck_assert(du_wait_event(&c, id, "open", 10, &m));
	/* The host never reads: the socket fills, then the daemon's queue. */
	for (i = 0; i < 10000 && rc == MSG_OK; i++)
		rc = rc_post_str(&c, id, big, true, &m);
	ck_assert_int_eq(rc, MSG_ERR);
	ck_assert_str_eq(rc_err_code(&m, code, sizeof(code)), "queue_full");
	du_stop(&d, &c);
}
END_TEST

/* Binds a socket at path and closes it without unlinking: a dead daemon's
 * leftover. */
static void
make_stale(const char *path)
{
	struct sockaddr_un sun;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	close(fd);
}

START_TEST(t_stale_and_live_socket)
{
	char flag[128], prog[PATH_MAX], *log;
	struct stat st;
	pid_t pid;
	int status, fds[2];
	ssize_t n;
	char out[1024];

	du_start(&d, &c, NULL);
	/* A second daemon on the same live socket refuses to start. */
	snprintf(flag, sizeof(flag), "--socket=%s", d.sock);
	df_prog("workersd", prog, sizeof(prog));
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		execl(prog, "workersd", flag, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], out, sizeof(out) - 1);
	close(fds[0]);
	out[n > 0 ? n : 0] = '\0';
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	ck_assert_ptr_nonnull(strstr(out, "already listening"));
	still_serving();
	ck_assert_int_eq(stat(d.sock, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	rc_close(&c);
	ck_assert_int_eq(df_stop(&d), 0);
	/* The socket file is gone after a clean stop; a stale one left by a
	 * dead daemon is replaced. */
	ck_assert_int_eq(stat(d.sock, &st), -1);
	make_stale(d.sock);
	{
		struct daemon_fixture d2;
		const char *flags[] = { flag, NULL };

		ck_assert_int_eq(df_start_at(&d2, d.sock, flags), 0);
		ck_assert_int_eq(rc_open(&c, d.sock), 0);
		ck_assert_int_eq(rc_simple(&c, MSG_LIST, 0, &(struct proto_msg){ 0 }), MSG_OK);
		rc_close(&c);
		ck_assert_int_eq(df_stop(&d2), 0);
		log = df_stderr(&d2);
		df_cleanup(&d2);
		free(log);
	}
	df_cleanup(&d);
}
END_TEST

START_TEST(t_peercred)
{
	struct proto_msg m;
	char code[32];
	pid_t pid;
	int status;

	if (geteuid() != 0)
		return;	/* needs a second uid to connect from */
	du_start(&d, &c, NULL);
	/* Open the file for everyone so that only SO_PEERCRED stands in the
	 * way. */
	ck_assert_int_eq(chmod(d.dir, 0755), 0);
	ck_assert_int_eq(chmod(d.sock, 0666), 0);
	pid = fork();
	if (pid == 0) {
		struct rawclient o;

		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		if (rc_connect(&o, d.sock) != 0)
			_exit(4);
		if (rc_read(&o, 5000, &m) != 1)
			_exit(5);
		_exit(strcmp(rc_err_code(&m, code, sizeof(code)), "permission") == 0 ? 0 : 6);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	still_serving();
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_socket_group)
{
	static const char *const flags[] = { "--socket-group=0", NULL };
	struct stat st;

	du_start(&d, &c, flags);
	ck_assert_int_eq(stat(d.sock, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0660);
	ck_assert_int_eq(st.st_gid, 0);
	du_stop(&d, &c);
}
END_TEST

START_TEST(t_notify_and_activation)
{
	struct sockaddr_un sun;
	char nsock[128], lsock[128], prog[PATH_MAX], host[PATH_MAX], hostarg[PATH_MAX + 16];
	char dir[] = "/tmp/wd-test-XXXXXX", buf[256];
	int nfd, lfd, status;
	struct pollfd p;
	pid_t pid;
	ssize_t n;
	struct rawclient o;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(nsock, sizeof(nsock), "%s/notify", dir);
	snprintf(lsock, sizeof(lsock), "%s/listen.sock", dir);
	nfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, nsock, strlen(nsock));
	ck_assert_int_eq(bind(nfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	memcpy(sun.sun_path, lsock, strlen(lsock) + 1);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(lfd, 16), 0);
	df_prog("workersd", prog, sizeof(prog));
	df_prog("worker-host", host, sizeof(host));
	snprintf(hostarg, sizeof(hostarg), "--host-path=%s", host);
	pid = fork();
	if (pid == 0) {
		char lpid[32];

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(lfd, 3);
		close(2);
		open("/dev/null", O_WRONLY);
		snprintf(lpid, sizeof(lpid), "%d", (int)getpid());
		setenv("LISTEN_PID", lpid, 1);
		setenv("LISTEN_FDS", "1", 1);
		setenv("NOTIFY_SOCKET", nsock, 1);
		execl(prog, "workersd", "--socket=/nonexistent/never-used.sock", hostarg, (char *)NULL);
		_exit(127);
	}
	close(lfd);
	p = (struct pollfd){ nfd, POLLIN, 0 };
	ck_assert_int_eq(poll(&p, 1, (int)(df_slow(10) * 1000)), 1);
	n = recv(nfd, buf, sizeof(buf) - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "READY=1"));
	/* The passed socket is the one that serves. */
	ck_assert_int_eq(rc_open(&o, lsock), 0);
	ck_assert_int_eq(rc_simple(&o, MSG_LIST, 0, &(struct proto_msg){ 0 }), MSG_OK);
	rc_close(&o);
	kill(pid, SIGTERM);
	ck_assert_int_eq(poll(&p, 1, (int)(df_slow(10) * 1000)), 1);
	n = recv(nfd, buf, sizeof(buf) - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "STOPPING=1"));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(nfd);
	unlink(nsock);
	unlink(lsock);
	rmdir(dir);
}
END_TEST

START_TEST(t_notify_abstract)
{
	struct sockaddr_un sun;
	char name[64], env[80], buf[256];
	struct pollfd p;
	socklen_t len;
	ssize_t n;
	int fd;

	/* An abstract address: "@name" in $NOTIFY_SOCKET, a leading NUL on
	 * the wire. */
	snprintf(name, sizeof(name), "wd-test-notify-%d", (int)getpid());
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path + 1, name, strlen(name));
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, len), 0);
	snprintf(env, sizeof(env), "@%s", name);
	setenv("NOTIFY_SOCKET", env, 1);
	du_start(&d, &c, NULL);
	unsetenv("NOTIFY_SOCKET");
	p = (struct pollfd){ fd, POLLIN, 0 };
	ck_assert_int_eq(poll(&p, 1, (int)(df_slow(10) * 1000)), 1);
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_ptr_nonnull(strstr(buf, "READY=1"));
	ck_assert_ptr_nonnull(strstr(buf, "STATUS="));
	close(fd);
	du_stop(&d, &c);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("daemon_faults");
	TCase *tc = tcase_create("faults");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_garbage_oversized_vanishing);
	tcase_add_test(tc, t_version_mismatch);
	tcase_add_test(tc, t_bad_hosts);
	tcase_add_test(tc, t_open_timeout);
	tcase_add_test(tc, t_missing_host);
	tcase_add_test(tc, t_limits);
	tcase_add_test(tc, t_queue_full);
	tcase_add_test(tc, t_stale_and_live_socket);
	tcase_add_test(tc, t_peercred);
	tcase_add_test(tc, t_socket_group);
	tcase_add_test(tc, t_notify_and_activation);
	tcase_add_test(tc, t_notify_abstract);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
