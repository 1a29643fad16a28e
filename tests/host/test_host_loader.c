/*
 * test_host_loader.c - host_read_text() on its own: a script is read
 * whole into a buffer the size of the file (not a fixed 64 KiB that the
 * read seeing the end doubles: every worker paid that copy), a larger one
 * across several reads, the BOM and "#!" line handled, a directory and a
 * missing file refused with the path in the error.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "loader.h"
#include "tsuite.h"

static char dir[] = "/tmp/test_host_loader.XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

/* Writes n bytes of p to dir/name; its path in path. */
static void
put(const char *name, const void *p, size_t n, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(small_script_small_buffer)
{
	static const char src[] = "postMessage('ready');\n";
	char path[256], err[256];
	struct pbuf raw;
	const uint8_t *text;
	size_t len;

	put("a.js", src, sizeof(src) - 1, path, sizeof(path));
	pbuf_init(&raw);
	ck_assert_int_eq(host_read_text(path, &raw, &text, &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, sizeof(src) - 1);
	ck_assert(memcmp(text, src, len) == 0);
	ck_assert_msg(raw.cap <= 4096, "a %zu-byte script took a %zu-byte buffer", len, raw.cap);
	pbuf_free(&raw);
}
END_TEST

START_TEST(large_script_whole)
{
	size_t n = 300000;
	char *src = malloc(n), path[256], err[256];
	struct pbuf raw;
	const uint8_t *text;
	size_t len;

	ck_assert_ptr_nonnull(src);
	for (size_t i = 0; i < n; i++)
		src[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
	put("big.js", src, n, path, sizeof(path));
	pbuf_init(&raw);
	ck_assert_int_eq(host_read_text(path, &raw, &text, &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, n);
	ck_assert(memcmp(text, src, n) == 0);
	pbuf_free(&raw);
	free(src);
}
END_TEST

START_TEST(bom_and_hashbang)
{
	static const char src[] = "\xef\xbb\xbf#!/usr/bin/env node\nx = 1;\n";
	char path[256], err[256];
	struct pbuf raw;
	const uint8_t *text;
	size_t len;

	put("b.js", src, sizeof(src) - 1, path, sizeof(path));
	pbuf_init(&raw);
	ck_assert_int_eq(host_read_text(path, &raw, &text, &len, err, sizeof(err)), 0);
	ck_assert_ptr_null(memchr(text, 0xef, len));
	ck_assert_ptr_nonnull(memmem(text, len, "x = 1;", 6));
	pbuf_free(&raw);
}
END_TEST

START_TEST(not_a_file)
{
	char path[256], err[256];
	struct pbuf raw;
	const uint8_t *text;
	size_t len;

	pbuf_init(&raw);
	ck_assert_int_ne(host_read_text(dir, &raw, &text, &len, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "not a regular file"));
	snprintf(path, sizeof(path), "%s/missing.js", dir);
	ck_assert_int_ne(host_read_text(path, &raw, &text, &len, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "missing.js"));
	pbuf_free(&raw);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_loader");
	TCase *tc = tcase_create("read");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, small_script_small_buffer);
	tcase_add_test(tc, large_script_whole);
	tcase_add_test(tc, bom_and_hashbang);
	tcase_add_test(tc, not_a_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
