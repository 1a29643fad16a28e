/*
 * test_host_buffer.c - the global Buffer against Node's: a worker runs
 * tests/host/buffer_cases.js (a table of cases, each printing one line)
 * and must log exactly what Node 20 printed for the same file, which is
 * kept in tests/host/buffer_cases.node.txt (regenerate with
 * `node tests/host/buffer_cases.js > tests/host/buffer_cases.node.txt`
 * after adding a case).  Compared line by line, so a failure names the
 * case.  Run from the repository's top directory, as `make check` does.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_fixture.h"
#include "tsuite.h"

#define CASES "tests/host/buffer_cases.js"
#define EXPECTED "tests/host/buffer_cases.node.txt"

static struct hostfx fx;
static struct hostfx_result res;

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

/* The next line of *p (NUL-terminated in place), or NULL at the end. */
static char *
next_line(char **p)
{
	char *line = *p, *nl;

	if (line == NULL || *line == '\0')
		return NULL;
	nl = strchr(line, '\n');
	if (nl != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = line + strlen(line);
	}
	return line;
}

START_TEST(prints_what_node_prints)
{
	char *script = tsuite_slurp(CASES), *node = tsuite_slurp(EXPECTED), *logs, *lp, *np, *got, *want;
	int n = 0;

	ck_assert_int_eq(hostfx_run_script(&fx, script, NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	logs = strdup(hostfx_nz(res.logs));
	lp = logs;
	np = node;
	while ((want = next_line(&np)) != NULL) {
		got = next_line(&lp);
		ck_assert_msg(got != NULL, "line %d: worker printed nothing; Node: %s", n + 1, want);
		ck_assert_msg(strncmp(got, "log ", 4) == 0 && strcmp(got + 4, want) == 0,
		    "line %d:\n  worker: %s\n  node:   %s", n + 1, got, want);
		n++;
	}
	ck_assert_msg(next_line(&lp) == NULL, "the worker printed more lines than Node");
	ck_assert_int_gt(n, 90);
	free(logs);
	free(script);
	free(node);
}
END_TEST

/* The global is built on first use; an assignment before that replaces
 * it as it would replace any global (Node prints the same). */
START_TEST(assigned_before_use)
{
	ck_assert_int_eq(hostfx_run_script(&fx, "Buffer = 7;\nconsole.log(Buffer, typeof globalThis.Buffer);\n",
	    NULL, NULL, &res), 0);
	ck_assert_str_eq(hostfx_nz(res.errors), "");
	ck_assert_str_eq(hostfx_nz(res.logs), "log 7 number\n");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("host_buffer");
	TCase *tc = tcase_create("buffer");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, prints_what_node_prints);
	tcase_add_test(tc, assigned_before_use);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
