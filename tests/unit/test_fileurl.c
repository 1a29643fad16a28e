/*
 * test_fileurl.c - which strings are URLs, file: URLs decoded as Node 20's
 * url.fileURLToPath() decodes them, and paths encoded as its
 * url.pathToFileURL() encodes them (the expected paths, URLs and refusals
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

START_TEST(test_encodes)
{
	static const char *cases[][2] = {
		{ "/", "file:///" },
		{ "/tmp/a b/\xC3\xBC#?%x/m.mjs", "file:///tmp/a%20b/%C3%BC%23%3F%25x/m.mjs" },
		{ "/\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD", "file:///%C3%A9%F0%9F%98%80%EF%BF%BD" },
		{ "/dir/", "file:///dir/" },
	};
	char ascii[128], out[PATH_MAX], back[PATH_MAX], err[128];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(fileurl_from_path(cases[i][0], strlen(cases[i][0]), out, sizeof out, err,
		    sizeof err), 0);
		ck_assert_str_eq(out, cases[i][1]);
		ck_assert_int_eq(path_of(out, back, sizeof back, err), 1);
		ck_assert_str_eq(back, cases[i][0]);
	}
	/* every ASCII byte but NUL and '/', after a '/' */
	ascii[n++] = '/';
	for (int c = 1; c < 128; c++)
		if (c != '/')
			ascii[n++] = (char)c;
	ck_assert_int_eq(fileurl_from_path(ascii, n, out, sizeof out, err, sizeof err), 0);
	ck_assert_str_eq(out, "file:///%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16"
	    "%17%18%19%1A%1B%1C%1D%1E%1F%20!%22%23$%25&'()*+,-.0123456789:;%3C=%3E%3F@ABCDEFGHIJKLMNOPQR"
	    "STUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D%7E%7F");
}
END_TEST

START_TEST(test_encode_refuses)
{
	char out[16], err[128];

	ck_assert_int_eq(fileurl_from_path("a.js", 4, out, sizeof out, err, sizeof err), -1);
	ck_assert_str_eq(err, "path is not absolute");
	ck_assert_int_eq(fileurl_from_path("", 0, out, sizeof out, err, sizeof err), -1);
	ck_assert_str_eq(err, "path is not absolute");
	/* "file://" + 8 bytes + NUL fills 16 exactly; one more does not fit */
	ck_assert_int_eq(fileurl_from_path("/abcdefg", 8, out, sizeof out, err, sizeof err), 0);
	ck_assert_str_eq(out, "file:///abcdefg");
	ck_assert_int_eq(fileurl_from_path("/abcdefgh", 9, out, sizeof out, err, sizeof err), -1);
	ck_assert_str_eq(err, "URL too long");
	ck_assert_int_eq(fileurl_from_path("/abcd f", 7, out, sizeof out, err, sizeof err), -1);
	ck_assert_int_eq(fileurl_from_path("/abc f", 6, out, sizeof out, err, sizeof err), 0);
	ck_assert_str_eq(out, "file:///abc%20f");
	ck_assert_int_eq(fileurl_from_path("/a", 2, out, 7, err, sizeof err), -1);
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
	tcase_add_test(tc, test_encodes);
	tcase_add_test(tc, test_encode_refuses);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(fileurl_suite());
}
