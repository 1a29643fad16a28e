/*
 * test_host_lowerahead.c - a worker lowers a module's imports ahead of the
 * loader (worker-host/lower.h).  The compile server here is the test's
 * own, in a child process: it answers each request with the source itself
 * (the scripts are ES5 CommonJS in .ts files, so that is their lowering)
 * but holds back every reply but the entry's until two more requests are
 * in, at once.  A worker that asked for one import at a time, as the
 * loader reaches it, would never send the second: the child then answers
 * what it holds after a timeout and exits 1.  It exits 0 when the two
 * imports came in together; and either way the worker runs to its end.
 */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "frame.h"
#include "host_fixture.h"
#include "msg.h"
#include "proto.h"
#include "tsuite.h"

#define HOLD_MS 10000
#define MAXC 8

static struct hostfx fx;
static struct hostfx_result res;

/* Reads one request from fd into in: its filename (into name) and source
 * (a copy, caller frees); -1 on EOF or garbage. */
static int
read_request(int fd, struct pbuf *in, char *name, size_t namelen, char **src, size_t *srclen)
{
	const uint8_t *doc;
	const char *why;
	struct proto_msg m;
	struct msg_compile req;
	size_t len, used;
	ssize_t n;

	for (;;) {
		if (frame_parse(in->data, in->len, (size_t)64 << 20, &doc, &len, &used, &why) == FRAME_READY)
			break;
		if (pbuf_reserve(in, 65536) == -1 || (n = read(fd, in->data + in->len, in->cap - in->len)) <= 0)
			return -1;
		in->len += (size_t)n;
	}
	if (proto_parse(doc, len, &m, &why) == -1 || msg_read_compile(&m, &req, &why) == -1)
		return -1;
	snprintf(name, namelen, "%.*s", (int)req.filename.n, req.filename.p);
	*src = malloc(req.source.n + 1);
	memcpy(*src, req.source.p, req.source.n);
	*srclen = req.source.n;
	return 0;
}

static void
reply(int fd, const char *src, size_t n)
{
	struct msg_compiled ok = { .rid = 1, .code = { src, n }, .map = { "", 0 } };
	struct pbuf out;

	pbuf_init(&out);
	if (msg_write_compiled(&out, &ok) == 0)
		(void)!write(fd, out.data, out.len);
	pbuf_free(&out);
}

struct held {
	int fd;
	char name[512];
	char *src;
	size_t n;
};

/* The child: exits 0 when b.ts and c.ts were both asked for before either
 * was answered. */
static void
serve(int lfd)
{
	struct held h[MAXC];
	int nheld = 0, served = 0, ok = 0;

	while (served < 3) {
		struct pollfd p = { .fd = lfd, .events = POLLIN };
		struct pbuf in;
		struct held r;
		int fd;

		if (poll(&p, 1, nheld > 0 ? HOLD_MS : 30000) <= 0) {
			if (nheld == 0)
				_exit(2);
			for (int i = 0; i < nheld; i++)
				reply(h[i].fd, h[i].src, h[i].n);
			served += nheld;
			nheld = 0;
			continue;
		}
		if ((fd = accept(lfd, NULL, NULL)) == -1)
			_exit(3);
		pbuf_init(&in);
		r.fd = fd;
		if (read_request(fd, &in, r.name, sizeof(r.name), &r.src, &r.n) == -1)
			_exit(4);
		pbuf_free(&in);
		if (strstr(r.name, "/main.ts") != NULL) {
			reply(fd, r.src, r.n);
			served++;
			continue;
		}
		h[nheld++] = r;
		if (nheld == 2) {
			ok = (strstr(h[0].name, "/b.ts") || strstr(h[1].name, "/b.ts")) &&
			    (strstr(h[0].name, "/c.ts") || strstr(h[1].name, "/c.ts"));
			for (int i = 0; i < nheld; i++)
				reply(h[i].fd, h[i].src, h[i].n);
			served += nheld;
			nheld = 0;
		}
	}
	_exit(ok ? 0 : 1);
}

START_TEST(imports_are_sent_together)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char sock[128], cache[128], entry[512];
	struct hostfx_opts o = { 0 };
	int lfd, status;
	pid_t child;

	ck_assert_int_eq(hostfx_init(&fx), 0);
	snprintf(sock, sizeof(sock), "%s/fake.sock", fx.dir);
	snprintf(cache, sizeof(cache), "%s/cache", fx.dir);
	ck_assert_int_eq(mkdir(cache, 0700), 0);
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	ck_assert_int_ne(lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), -1);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(lfd, 16), 0);
	ck_assert_ptr_nonnull(hostfx_write(&fx, "b.ts", "module.exports = 1;\n"));
	ck_assert_ptr_nonnull(hostfx_write(&fx, "c.ts", "module.exports = 2;\n"));
	ck_assert_ptr_nonnull(hostfx_write(&fx, "main.ts",
	    "var b = require(\"./b\");\nvar c = require('./c');\npostMessage(b + c);\n"));
	snprintf(entry, sizeof(entry), "%s", fx.path);
	if ((child = fork()) == 0)
		serve(lfd);
	close(lfd);
	o.compiler = sock;
	o.cache_dir = cache;
	ck_assert_int_eq(hostfx_start(&fx, entry, &o), 0);
	ck_assert_int_eq(hostfx_run(&fx, &res, 30000), 0);
	ck_assert_msg(hostfx_wait(&fx, 30000) == 0, "%s %s", res.errors, res.logs);
	ck_assert_str_eq(res.messages, "3\n");
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the imports were not asked for together (server status %d)", status);
	hostfx_result_free(&res);
	hostfx_stop(&fx);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_lowerahead");
	TCase *tc = tcase_create("lowerahead");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, imports_are_sent_together);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite()) == 0 ? 0 : 1;
}
