/*
 * replay.c - one fuzz target (FUZZ_TARGET, linked in) built without
 * libFuzzer, run by `make check`: it is handed every seed of the target
 * (seeds.h) and every input kept under tests/fuzz/regress/TARGET, the
 * inputs that once crashed it.  A crash, sanitizer report or abort fails
 * the test; the file that did it is named first.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "seeds.h"
#include "tsuite.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REGRESS_DIR "tests/fuzz/regress/" FUZZ_TARGET

/* Each test runs in a child of its own (Check's fork mode), where a target
 * that keeps state (a heap, a host with its timers) must set it up. */
static void
init_once(void)
{
	static int done;
	int argc = 0;
	char **argv = NULL;

	if (!done && LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	done = 1;
}

static void
run(const uint8_t *p, size_t n, void *arg)
{
	size_t *count = arg;
	/* the target may read its whole input: give it exactly n bytes */
	uint8_t *copy = malloc(n > 0 ? n : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, p, n);
	ck_assert_int_eq(LLVMFuzzerTestOneInput(copy, n), 0);
	free(copy);
	(*count)++;
}

START_TEST(seeds)
{
	size_t count = 0;

	init_once();
	ck_assert_int_eq(fuzz_seeds(FUZZ_TARGET, run, &count), 0);
	ck_assert_uint_gt(count, 0);
}
END_TEST

static void
replay_file(const char *path, size_t *count)
{
	struct pbuf b;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	ck_assert_msg(f != NULL, "%s: cannot open", path);
	pbuf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ck_assert_int_eq(pbuf_append(&b, chunk, n), 0);
	fclose(f);
	fprintf(stderr, "replay %s: %s (%zu bytes)\n", FUZZ_TARGET, path, b.len);
	run(b.data, b.len, count);
	pbuf_free(&b);
}

/* A target with no kept input yet has no directory: nothing to replay. */
START_TEST(regressions)
{
	char path[4096];
	struct dirent *e;
	size_t count = 0;
	DIR *d = opendir(REGRESS_DIR);

	if (d == NULL)
		return;
	init_once();
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", REGRESS_DIR, e->d_name);
		replay_file(path, &count);
	}
	closedir(d);
	ck_assert_uint_gt(count, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fuzz_" FUZZ_TARGET);
	TCase *tc = tcase_create("replay");

	tcase_add_test(tc, seeds);
	tcase_add_test(tc, regressions);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
