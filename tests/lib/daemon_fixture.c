#include "daemon_fixture.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

/* A short pause while polling for a condition of another process. */
static void
pause_briefly(void)
{
	poll(NULL, 0, 2);
}

static bool
env_on(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && strcmp(v, "1") == 0;
}

static bool
valgrind_on(void)
{
	return env_on("WORKERSD_VALGRIND");
}

/* Under ASan the daemon and every worker run about three times slower;
 * the same factor stretches Check's own timeouts (tests/run.sh). */
double
df_slow(double seconds)
{
	if (valgrind_on())
		return seconds * 10;
	return env_on("SANITIZE") ? seconds * 4 : seconds;
}

const char *
df_prog(const char *name, char *buf, size_t len)
{
	const char *b = getenv("WORKERSD_BUILD");
	char cwd[PATH_MAX];

	if (b != NULL && *b != '\0')
		snprintf(buf, len, "%s/%s", b, name);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(buf, len, "%s/build/%s", cwd, name);
	else
		snprintf(buf, len, "build/%s", name);
	return buf;
}

static bool
accepts(const char *path)
{
	struct sockaddr_un sun;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool ok;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	memcpy(sun.sun_path, path, strlen(path));
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void
exec_daemon(const struct daemon_fixture *d, uid_t uid, gid_t gid, const char *const *flags)
{
	const char *argv[64];
	char prog[PATH_MAX], host[PATH_MAX], sockarg[96], hostarg[PATH_MAX + 16];
	int n = 0, fd;

	if (uid != (uid_t)-1 && (setgroups(0, NULL) == -1 || setgid(gid) == -1 || setuid(uid) == -1))
		_exit(126);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	fd = open(d->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0)
		dup2(fd, 2);
	df_prog("workersd", prog, sizeof(prog));
	df_prog("worker-host", host, sizeof(host));
	snprintf(sockarg, sizeof(sockarg), "--socket=%s", d->sock);
	snprintf(hostarg, sizeof(hostarg), "--host-path=%s", host);
	if (d->valgrind) {
		argv[n++] = "valgrind";
		argv[n++] = "-q";
		argv[n++] = "--leak-check=full";
		argv[n++] = "--error-exitcode=99";
		argv[n++] = "--errors-for-leak-kinds=definite,indirect";
		argv[n++] = "--trace-children=no";
	}
	argv[n++] = prog;
	argv[n++] = sockarg;
	argv[n++] = hostarg;
	argv[n++] = "--log-level=debug";
	/* Tests leave workers running; their own flags may set it again. */
	argv[n++] = "--stop-timeout=0.2";
	/* The suite runs as root in CI, and its workers are root's. */
	argv[n++] = "--allow-root-workers";
	while (flags != NULL && *flags != NULL && n < 62)
		argv[n++] = *flags++;
	argv[n] = NULL;
	execvp(argv[0], (char *const *)argv);
	_exit(127);
}

int
df_start(struct daemon_fixture *d, const char *const *flags)
{
	return df_start_at(d, NULL, flags);
}

static int
start(struct daemon_fixture *d, const char *sock, uid_t uid, gid_t gid, const char *const *flags)
{
	double deadline;
	int st;

	memset(d, 0, sizeof(*d));
	d->valgrind = valgrind_on();
	snprintf(d->dir, sizeof(d->dir), "/tmp/wd-test-XXXXXX");
	if (mkdtemp(d->dir) == NULL)
		return -1;
	if (sock != NULL && strlen(sock) < sizeof(d->sock))
		memcpy(d->sock, sock, strlen(sock) + 1);
	else
		snprintf(d->sock, sizeof(d->sock), "%s/workersd.sock", d->dir);
	snprintf(d->log, sizeof(d->log), "%s/stderr.log", d->dir);
	if (uid != (uid_t)-1 && chown(d->dir, uid, gid) == -1)
		return -1;
	d->pid = fork();
	if (d->pid == -1)
		return -1;
	if (d->pid == 0)
		exec_daemon(d, uid, gid, flags);
	deadline = mono_s() + df_slow(10);
	while (mono_s() < deadline) {
		if (waitpid(d->pid, &st, WNOHANG) == d->pid) {
			d->pid = 0;
			return -1;
		}
		if (accepts(d->sock))
			return 0;
		pause_briefly();
	}
	return -1;
}

int
df_start_at(struct daemon_fixture *d, const char *sock, const char *const *flags)
{
	return start(d, sock, (uid_t)-1, (gid_t)-1, flags);
}

int
df_start_as(struct daemon_fixture *d, uid_t uid, gid_t gid, const char *const *flags)
{
	return start(d, NULL, uid, gid, flags);
}

int
df_stop(struct daemon_fixture *d)
{
	if (d->pid <= 0)
		return -1;
	kill(d->pid, SIGTERM);
	return df_wait_exit(d, 30);
}

int
df_wait_exit(struct daemon_fixture *d, double timeout_s)
{
	double deadline = mono_s() + df_slow(timeout_s);
	int st;

	if (d->pid <= 0)
		return -1;
	while (mono_s() < deadline) {
		if (waitpid(d->pid, &st, WNOHANG) == d->pid) {
			d->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		}
		pause_briefly();
	}
	kill(d->pid, SIGKILL);
	waitpid(d->pid, &st, 0);
	d->pid = 0;
	return -1;
}

void
df_cleanup(struct daemon_fixture *d)
{
	char cmd[PATH_MAX + 16];

	if (d->pid > 0) {
		kill(d->pid, SIGKILL);
		waitpid(d->pid, NULL, 0);
		d->pid = 0;
	}
	if (d->dir[0] == '\0' || strncmp(d->dir, "/tmp/wd-test-", 13) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d->dir);
	if (system(cmd) != 0)
		return;
}

char *
df_stderr(const struct daemon_fixture *d)
{
	FILE *f = fopen(d->log, "r");
	char *buf = NULL;
	size_t len = 0, n;
	char chunk[4096];

	if (f == NULL)
		return strdup("");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		char *b = realloc(buf, len + n + 1);

		if (b == NULL)
			break;
		buf = b;
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (buf == NULL)
		return strdup("");
	buf[len] = '\0';
	return buf;
}

const char *
df_script(const struct daemon_fixture *d, const char *name, const char *text, char *buf, size_t len)
{
	FILE *f;

	snprintf(buf, len, "%s/%s", d->dir, name);
	f = fopen(buf, "w");
	if (f == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return buf;
}

bool
df_wait_until(bool (*cond)(void *arg), void *arg, double timeout_s)
{
	double deadline = mono_s() + df_slow(timeout_s);

	for (;;) {
		if (cond(arg))
			return true;
		if (mono_s() >= deadline)
			return false;
		pause_briefly();
	}
}

bool
df_pid_alive(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

size_t
df_rss(pid_t pid)
{
	char path[64], line[256];
	FILE *f;
	size_t kb = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %zu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}
