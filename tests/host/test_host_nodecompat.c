/*
 * test_host_nodecompat.c - Node's core modules and package resolution
 * against Node 20 itself: every tests/compat/NAME.js runs in a worker
 * (as main.js, beside the fixture packages of tests/compat/fixtures.txt)
 * and what it logs must be tests/compat/NAME.out, which is what `node
 * main.js` printed for the same script in the same tree (`make
 * compat-node` runs them under node again and compares).
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile_fixture.h"
#include "host_fixture.h"
#include "tsuite.h"

#define COMPAT_DIR "tests/compat"
#define MAX_SCRIPTS 64

/* Modules written in modern JavaScript (Debian's readable-stream) need it. */
static struct compilefx server;
static struct hostfx fx;
static struct hostfx_result res;
static char *scripts[MAX_SCRIPTS];
static int nscripts;

static void
setup(void)
{
	hostfx_case_setup(&fx, &res);
}

static void
teardown(void)
{
	hostfx_case_teardown(&fx, &res);
}

/* fixtures.txt: "@@ relative/path" starts a file, the lines up to the
 * next "@@ " are its text. */
static void
write_fixtures(void)
{
	char *text = tsuite_slurp(COMPAT_DIR "/fixtures.txt"), *p = text, *next, *nl;
	char path[256];

	while ((p = strstr(p, "@@ ")) != NULL) {
		nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_int_lt(nl - p - 3, (long)sizeof(path));
		memcpy(path, p + 3, (size_t)(nl - p - 3));
		path[nl - p - 3] = '\0';
		next = strstr(nl + 1, "\n@@ ");
		if (next != NULL)
			*next = '\0';
		ck_assert_ptr_nonnull(hostfx_write(&fx, path, nl + 1));
		if (next == NULL)
			break;
		p = next + 1;
	}
	free(text);
}

static size_t
level_prefix(const char *line, const char *level)
{
	size_t n = strlen(level);

	return strncmp(line, level, n) == 0 && line[n] == ' ' ? n + 1 : 0;
}

/* What node would print on stdout: the text of the log, info and debug
 * lines (warn and error go to stderr).  A line without a level prefix
 * continues the text of the line before. */
static char *
log_text(const char *logs)
{
	static const char *const out_levels[] = { "log", "info", "debug" };
	static const char *const err_levels[] = { "warn", "error" };
	char *out = calloc(1, strlen(logs) + 1), *o = out;
	const char *p = logs, *nl;
	size_t skip, i;
	bool keep = true;

	ck_assert_ptr_nonnull(out);
	while (*p) {
		nl = strchr(p, '\n');
		nl = nl ? nl + 1 : p + strlen(p);
		skip = 0;
		for (i = 0; i < 3 && skip == 0; i++)
			if ((skip = level_prefix(p, out_levels[i])) != 0)
				keep = true;
		for (i = 0; i < 2 && skip == 0; i++)
			if ((skip = level_prefix(p, err_levels[i])) != 0)
				keep = false;
		if (keep) {
			memcpy(o, p + skip, (size_t)(nl - p - (long)skip));
			o += nl - p - (long)skip;
		}
		p = nl;
	}
	return out;
}

START_TEST(against_node)
{
	char path[512], *src, *want, *got;
	struct hostfx_opts o = { .compiler = server.sock, .cache_dir = server.cache };

	snprintf(path, sizeof(path), COMPAT_DIR "/%s.js", scripts[_i]);
	src = tsuite_slurp(path);
	snprintf(path, sizeof(path), COMPAT_DIR "/%s.out", scripts[_i]);
	want = tsuite_slurp(path);
	write_fixtures();
	ck_assert_msg(hostfx_run_script(&fx, src, &o, NULL, &res) == 0, "%s.js did not run to its end: %s",
	    scripts[_i], hostfx_nz(res.errors));
	got = log_text(hostfx_nz(res.logs));
	if (strcmp(got, want) != 0)
		fprintf(stderr, "%s: the worker printed\n%s\nnode printed\n%s\nerrors: %s\n",
		    scripts[_i], got, want, hostfx_nz(res.errors));
	ck_assert_msg(strcmp(got, want) == 0, "%s.js: not what node printed (stderr has both)", scripts[_i]);
	free(got);
	free(want);
	free(src);
}
END_TEST

static int
is_script(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".js") == 0;
}

static void
find_scripts(void)
{
	struct dirent **list;
	int n, i;

	n = scandir(COMPAT_DIR, &list, is_script, alphasort);
	if (n > MAX_SCRIPTS) {
		/* A script left out would pass unseen: raise the bound instead. */
		fprintf(stderr, "test_host_nodecompat: %d scripts in " COMPAT_DIR ", at most %d\n",
		    n, MAX_SCRIPTS);
		exit(1);
	}
	for (i = 0; i < n; i++) {
		scripts[nscripts++] = strndup(list[i]->d_name, strlen(list[i]->d_name) - 3);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

static Suite *
suite(void)
{
	Suite *s = suite_create("host_nodecompat");
	TCase *tc = tcase_create("nodecompat");

	find_scripts();
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_loop_test(tc, against_node, 0, nscripts);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return compilefx_run(&server, suite(), "test_host_nodecompat");
}
