#include "ctl_fixture.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#define MAX_ARGS 64

static int
ms_until(double deadline)
{
	double left = (deadline - mono_s()) * 1000.0;

	return left <= 0 ? 0 : (int)left + 1;
}

const char *
ctl_prog(const char *name, char *buf, size_t len)
{
	const char *build = getenv("WORKERSD_BUILD");

	snprintf(buf, len, "%s/%s", build != NULL && *build != '\0' ? build : "build", name);
	return buf;
}

int
ctl_start(struct ctl_proc *p, const char *sock, const char *const *argv)
{
	int in[2], out[2], err[2];
	const char *args[MAX_ARGS + 4];
	char prog[4096];
	int n = 0, i;

	memset(p, 0, sizeof *p);
	ctl_prog("workerctl", prog, sizeof prog);
	args[n++] = prog;
	if (sock != NULL) {
		args[n++] = "--socket";
		args[n++] = sock;
	}
	for (i = 0; argv[i] != NULL && i < MAX_ARGS; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
		return -1;
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		execv(prog, (char *const *)args);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	p->in_fd = in[1];
	p->out_fd = out[0];
	p->err_fd = err[0];
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

void
ctl_close_stdin(struct ctl_proc *p)
{
	if (p->in_fd >= 0)
		close(p->in_fd);
	p->in_fd = -1;
}

/* Appends what one read gives; sets *eof at end of stream. */
static void
drain(int fd, char **buf, size_t *len, bool *eof)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof chunk);
	char *grown;

	if (n < 0 && errno == EINTR)
		return;
	if (n <= 0) {
		*eof = true;
		return;
	}
	if (*len + (size_t)n > CTL_MAX_OUTPUT)
		return;
	grown = realloc(*buf, *len + (size_t)n + 1);
	if (grown == NULL)
		return;
	*buf = grown;
	memcpy(*buf + *len, chunk, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
}

/* Waits up to the deadline for output on either pipe (or, with writing,
 * for room in stdin) and keeps what comes; false on timeout or when there
 * is nothing left to wait for. */
static bool
pump(struct ctl_proc *p, double deadline, bool writing)
{
	struct pollfd pfd[3];
	int n = 0, rc;

	if (writing)
		pfd[n++] = (struct pollfd){ .fd = p->in_fd, .events = POLLOUT };
	if (!p->out_eof)
		pfd[n++] = (struct pollfd){ .fd = p->out_fd, .events = POLLIN };
	if (!p->err_eof)
		pfd[n++] = (struct pollfd){ .fd = p->err_fd, .events = POLLIN };
	if (n == 0)
		return false;
	rc = poll(pfd, (nfds_t)n, ms_until(deadline));
	if (rc <= 0)
		return rc < 0 && errno == EINTR;
	while (n-- > 0) {
		if (pfd[n].revents == 0 || pfd[n].fd == p->in_fd)
			continue;
		if (pfd[n].fd == p->out_fd)
			drain(p->out_fd, &p->out, &p->out_len, &p->out_eof);
		else
			drain(p->err_fd, &p->err, &p->err_len, &p->err_eof);
	}
	return true;
}

/* Output is collected while writing: a child that answers each line must
 * not block on a full stdout while we block on its full stdin. */
int
ctl_write(struct ctl_proc *p, const char *s)
{
	double deadline = mono_s() + CTL_WRITE_TIMEOUT;
	size_t n = strlen(s);
	ssize_t w;
	int fl = fcntl(p->in_fd, F_GETFL);

	if (fl == -1 || fcntl(p->in_fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	while (n > 0) {
		w = write(p->in_fd, s, n);
		if (w > 0) {
			s += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		if (w < 0 && errno == EAGAIN && !pump(p, deadline, true))
			return -1;
	}
	return 0;
}

char *
ctl_read_line(struct ctl_proc *p, double timeout_s)
{
	double deadline = mono_s() + timeout_s;
	char *nl, *line;
	size_t n;

	for (;;) {
		if (p->out != NULL && (nl = memchr(p->out, '\n', p->out_len)) != NULL) {
			n = (size_t)(nl - p->out);
			line = strndup(p->out, n);
			memmove(p->out, nl + 1, p->out_len - n - 1);
			p->out_len -= n + 1;
			p->out[p->out_len] = '\0';
			return line;
		}
		if (p->out_eof || !pump(p, deadline, false))
			return NULL;
	}
}

void
ctl_signal(struct ctl_proc *p, int sig)
{
	kill(p->pid, sig);
}

void
ctl_finish(struct ctl_proc *p, double timeout_s, struct ctl_result *res)
{
	double deadline = mono_s() + timeout_s;
	int st;

	ctl_close_stdin(p);
	while ((!p->out_eof || !p->err_eof) && pump(p, deadline, false))
		;
	memset(res, 0, sizeof *res);
	if (!p->out_eof || !p->err_eof) {
		kill(p->pid, SIGKILL);
		res->status = CTL_TIMED_OUT;
		waitpid(p->pid, &st, 0);
	} else {
		waitpid(p->pid, &st, 0);
		res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	close(p->out_fd);
	close(p->err_fd);
	res->out = p->out != NULL ? p->out : strdup("");
	res->out_len = p->out_len;
	res->err = p->err != NULL ? p->err : strdup("");
	res->err_len = p->err_len;
	p->out = p->err = NULL;
}

void
ctl_runv(const char *sock, const char *input, double timeout_s, struct ctl_result *res,
    const char *const *argv)
{
	struct ctl_proc p;

	if (ctl_start(&p, sock, argv) < 0) {
		memset(res, 0, sizeof *res);
		res->status = CTL_TIMED_OUT;
		res->out = strdup("");
		res->err = strdup("ctl_start failed");
		return;
	}
	if (input != NULL)
		ctl_write(&p, input);
	ctl_finish(&p, timeout_s, res);
}

void
ctl_run(const char *sock, const char *input, double timeout_s, struct ctl_result *res, ...)
{
	const char *argv[MAX_ARGS + 1];
	va_list ap;
	int n = 0;

	va_start(ap, res);
	while (n < MAX_ARGS && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	ctl_runv(sock, input, timeout_s, res, argv);
}

void
ctl_result_free(struct ctl_result *res)
{
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
}

void
ctl_numbered_lines(struct pbuf *b, int n)
{
	char line[16];
	int i;

	pbuf_init(b);
	for (i = 1; i <= n; i++)
		if (pbuf_append(b, line, (size_t)snprintf(line, sizeof line, "%d\n", i)) == -1)
			abort();
	if (pbuf_append(b, "", 1) == -1)
		abort();
	b->len--;
}
