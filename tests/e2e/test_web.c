/*
 * test_web.c - the Web globals end to end: scripts run with `workerctl run`
 * against a real daemon, so in workers forked from the template's heap,
 * where the globals were installed once.  The scripts are the
 * tests/compat/web_*.js that wait on promises (Web Crypto, Blob), so a
 * worker's task loop is in the path; the expected stderr is their .out,
 * what Node 20 printed for them (`make compat-node` checks it again).
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl_fixture.h"
#include "daemon_util.h"
#include "tsuite.h"

static const char idle_js[] = "onmessage = function () {};\n";
static struct daemon_fixture d;
static char idle_path[PATH_MAX];

static void
setup(void)
{
	du_start_with(&d, "idle.js", idle_js, idle_path, sizeof idle_path);
}

static void
teardown(void)
{
	du_finish(&d);
}

/* Runs tests/compat/NAME.js and checks its console output against
 * Node's, NAME.out. */
static void
runs_as_node(const char *name)
{
	char path[PATH_MAX], *src, *node;
	struct ctl_result r;

	snprintf(path, sizeof path, "tests/compat/%s.js", name);
	src = tsuite_slurp(path);
	snprintf(path, sizeof path, "tests/compat/%s.out", name);
	node = tsuite_slurp(path);
	df_script(&d, "main.js", src, path, sizeof path);
	ctl_run(d.sock, NULL, df_slow(20), &r, "run", path, (const char *)NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.err, node);
	ck_assert_str_eq(r.out, "");
	ctl_result_free(&r);
	free(node);
	free(src);
}

START_TEST(t_crypto_as_node)
{
	runs_as_node("web_crypto");
}
END_TEST

START_TEST(t_blob_as_node)
{
	runs_as_node("web_blob");
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("web");
	TCase *tc = tcase_create("web");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_crypto_as_node);
	tcase_add_test(tc, t_blob_as_node);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
