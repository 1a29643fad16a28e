/*
 * procfile.c - see procfile.h.  Lines are compared word by word after
 * squeezing blanks, which is how status and limits align their columns.
 */
#include "procfile.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
squeeze(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	bool blank = true;

	for (; *in != '\0' && *in != '\n' && n + 1 < outlen; in++) {
		if (isspace((unsigned char)*in)) {
			blank = true;
			continue;
		}
		if (blank && n > 0 && n + 2 < outlen)
			out[n++] = ' ';
		blank = false;
		out[n++] = *in;
	}
	out[n] = '\0';
}

/* Whether a line of /proc/PID/FILE satisfies match(line, arg). */
static bool
any_line(pid_t pid, const char *file, bool (*match)(const char *, const void *), const void *arg)
{
	char path[64], line[4096];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = match(line, arg);
	fclose(f);
	return found;
}

static bool
same_words(const char *line, const void *want)
{
	char got[512];

	squeeze(line, got, sizeof(got));
	return strcmp(got, want) == 0;
}

bool
proc_has_line(pid_t pid, const char *file, const char *words)
{
	char want[512];

	squeeze(words, want, sizeof(want));
	return any_line(pid, file, same_words, want);
}

static bool
maps_file(const char *line, const void *name)
{
	const char *slash = strrchr(line, '/');

	return slash != NULL && strncmp(slash + 1, name, strlen(name)) == 0;
}

bool
proc_maps_file(pid_t pid, const char *name)
{
	return any_line(pid, "maps", maps_file, name);
}

/* The parent of a live pid, or 0 (gone or a zombie). */
static pid_t
live_parent(pid_t pid)
{
	char path[64], buf[512], *p, state;
	int ppid;
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	ok = fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL &&
	    sscanf(p + 1, " %c %d", &state, &ppid) == 2 && state != 'Z' && state != 'X';
	fclose(f);
	return ok ? (pid_t)ppid : 0;
}

static bool
has_arg(pid_t pid, const char *arg)
{
	char path[64], buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i += strlen(buf + i) + 1)
		if (strcmp(buf + i, arg) == 0)
			return true;
	return false;
}

/* Calls fn for every live child of parent until it returns true. */
static pid_t
each_child(pid_t parent, bool (*fn)(pid_t pid, const void *arg), const void *arg)
{
	DIR *dir = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	while (found == 0 && dir != NULL && (e = readdir(dir)) != NULL) {
		pid_t pid = (pid_t)atoi(e->d_name);

		if (pid > 0 && live_parent(pid) == parent && fn(pid, arg))
			found = pid;
	}
	if (dir != NULL)
		closedir(dir);
	return found;
}

static bool
match_arg(pid_t pid, const void *arg)
{
	return arg == NULL || has_arg(pid, arg);
}

pid_t
proc_child_with(pid_t parent, const char *arg)
{
	return each_child(parent, match_arg, arg);
}

static bool
is_template(pid_t pid, const void *arg)
{
	return has_arg(pid, "--template") && getpgid(pid) == pid;
}

pid_t
proc_template_of(pid_t daemon)
{
	return each_child(daemon, is_template, NULL);
}

struct without {
	const char *const *skip;
	int n;
};

static bool
count_without(pid_t pid, const void *arg)
{
	struct without *w = (struct without *)arg;

	for (const char *const *s = w->skip; s != NULL && *s != NULL; s++)
		if (has_arg(pid, *s))
			return false;
	w->n++;
	return false;
}

int
proc_children_without(pid_t parent, const char *const *skip)
{
	struct without w = { skip, 0 };

	(void)each_child(parent, count_without, &w);
	return w.n;
}

int
proc_fds(pid_t pid, const char *prefix)
{
	char path[64], link[PATH_MAX + 64], target[256];
	struct dirent *e;
	DIR *dir;
	int n = 0;
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	if ((dir = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", path, e->d_name);
		if ((len = readlink(link, target, sizeof(target) - 1)) < 0)
			continue;
		target[len] = '\0';
		n += strncmp(target, prefix, strlen(prefix)) == 0;
	}
	closedir(dir);
	return n;
}
