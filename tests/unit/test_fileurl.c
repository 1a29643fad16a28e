/*
 * test_fileurl.c - which strings are URLs, and file: URLs decoded as Node
 * 20's url.fileURLToPath() decodes them (the expected paths and refusals
 * were taken from it).
 */
#include <check.h>
#include <limits.h>
#include <string.h>

#include "fileurl.h"
#include "tsuite.h"

static int
path_of(const char *s, char *out, size_t outlen, char *err)
{
	return fileurl_path(s, strlen(s), out, outlen, err, 128);
}

START_TEST(test_not_urls)
{
	static const char *paths[] = {
		"worker.js", "/abs/worker.js", "./file:x.js", "a:b.js", "C:x.js", "dir/http://x",
		"my_scheme:x.js", "1ab:x.js", "", ":x", "file", "-x:y",
	};
	char out[16] = "untouched", err[128];

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		ck_assert_msg(!fileurl_is_url(paths[i], strlen(paths[i])), "case %zu", i);
		ck_assert_int_eq(path_of(paths[i], out, sizeof out, err), 0);
	}
	ck_assert_str_eq(out, "untouched");
}
END_TEST

START_TEST(test_decodes)
{
	static const char *cases[][2] = {
		{ "file:///tmp/a%20b.js", "/tmp/a b.js" },
		{ "file://localhost/tmp/a.js", "/tmp/a.js" },
		{ "file://LOCALHOST/tmp/a.js", "/tmp/a.js" },
		{ "FILE:///tmp/%C3%A9.js", "/tmp/\xC3\xA9.js" },
		{ "file:///tmp/a.js?q=1#f", "/tmp/a.js" },
		{ "file:///tmp/a%3fb%23c.js", "/tmp/a?b#c.js" },
		{ "file:///tmp/a b.js", "/tmp/a b.js" },
		{ "file:/tmp/a.js", "/tmp/a.js" },
		{ "file:tmp/a.js", "/tmp/a.js" },
		{ "file://", "/" },
		{ "file:///", "/" },
	};
	char out[PATH_MAX], err[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert(fileurl_is_url(cases[i][0], strlen(cases[i][0])));
		ck_assert_msg(path_of(cases[i][0], out, sizeof out, err) == 1, "case %zu: %s", i, err);
		ck_assert_str_eq(out, cases[i][1]);
	}
}
END_TEST

START_TEST(test_refuses)
{
	static const char *cases[][2] = {
		{ "https://x/y.js", "only file: URLs are supported" },
		{ "data:text/javascript,1", "only file: URLs are supported" },
		{ "x://y.js", "only file: URLs are supported" },
		{ "files:///tmp/a.js", "only file: URLs are supported" },
		{ "file://host/tmp/a.js", "file: URL host must be empty or localhost" },
		{ "file://user@localhost/a.js", "file: URL host must be empty or localhost" },
		{ "file:///tmp/a%2Fb.js", "file: URL path must not include encoded / characters" },
		{ "file:///tmp/a%2fb.js", "file: URL path must not include encoded / characters" },
		{ "file:///tmp/a%00b.js", "file: URL path must not include encoded NUL" },
		{ "file:///tmp/a%zzb.js", "malformed percent-encoding in file: URL" },
		{ "file:///tmp/a%", "malformed percent-encoding in file: URL" },
		{ "file:///tmp/a%4", "malformed percent-encoding in file: URL" },
		{ "file:///tmp/a%FFb.js", "malformed percent-encoding in file: URL" },
		{ "file:///tmp/a%C3", "malformed percent-encoding in file: URL" },
	};
	char out[PATH_MAX], err[128];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(path_of(cases[i][0], out, sizeof out, err) == -1, "case %zu", i);
		ck_assert_str_eq(err, cases[i][1]);
	}
}
END_TEST

START_TEST(test_bounds)
{
	char out[8], err[128];

	ck_assert_int_eq(path_of("file:///abcdef", out, sizeof out, err), 1);
	ck_assert_str_eq(out, "/abcdef");
	ck_assert_int_eq(path_of("file:///abcdefg", out, sizeof out, err), -1);
	ck_assert_str_eq(err, "path too long");
	ck_assert_int_eq(path_of("file:", out, 1, err), -1);
	/* Bytes past n are not read. */
	ck_assert_int_eq(fileurl_path("file:///a.jsXX", 12, out, sizeof out, err, sizeof err), 1);
	ck_assert_str_eq(out, "/a.js");
}
END_TEST

static Suite *
fileurl_suite(void)
{
	Suite *s = suite_create("fileurl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_not_urls);
	tcase_add_test(tc, test_decodes);
	tcase_add_test(tc, test_refuses);
	tcase_add_test(tc, test_bounds);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(fileurl_suite());
}
