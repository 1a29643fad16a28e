/* The message schema: parsing, getters, writers and their error cases. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "mpwrite.h"
#include "proto.h"
#include "tsuite.h"

static struct pbuf b;
static struct proto_msg m;

static void
setup(void)
{
	pbuf_init(&b);
}

static void
teardown(void)
{
	pbuf_free(&b);
}

/* Parses the single frame in b. */
static int
parse_b(const char **err)
{
	const uint8_t *doc;
	size_t len, used;

	ck_assert_int_eq(frame_parse(b.data, b.len, FRAME_MAX_DEFAULT, &doc, &len, &used, err), FRAME_READY);
	return proto_parse(doc, len, &m, err);
}

START_TEST(spawn_request)
{
	const char *err, *s;
	size_t n;
	uint64_t u;
	bool v;
	const uint8_t *raw;
	long off = proto_begin(&b, MSG_SPAWN, 4);

	proto_key(&b, "rid");
	mpw_uint(&b, 9);
	proto_key(&b, "script");
	mpw_cstr(&b, "/tmp/a.js");
	proto_key(&b, "args");
	mpw_array(&b, 2);
	mpw_cstr(&b, "x");
	mpw_cstr(&b, "y");
	proto_key(&b, "smol");
	mpw_bool(&b, true);
	ck_assert_int_eq(proto_end(&b, off), 0);

	ck_assert_int_eq(parse_b(&err), 0);
	ck_assert_int_eq(m.type, MSG_SPAWN);
	ck_assert(m.has_rid && m.rid == 9);
	ck_assert_int_eq(proto_get_str(&m, "script", &s, &n), PF_OK);
	ck_assert(n == 9 && memcmp(s, "/tmp/a.js", 9) == 0);
	ck_assert_int_eq(proto_get_bool(&m, "smol", &v), PF_OK);
	ck_assert(v);
	ck_assert_int_eq(proto_get_raw(&m, "args", &raw, &n), PF_OK);
	ck_assert_uint_eq(n, 5);	/* fixarray + 2 x (fixstr 1) */
	ck_assert_int_eq(proto_get_uint(&m, "heap_limit", &u), PF_ABSENT);
	ck_assert_int_eq(proto_get_uint(&m, "script", &u), PF_BAD);
}
END_TEST

START_TEST(names_round_trip)
{
	for (int t = MSG_HELLO; t < MSG__COUNT; t++) {
		const char *name = proto_type_name(t);
		ck_assert_int_eq(proto_type_from(name, strlen(name)), t);
	}
	for (int e = 0; e < PE__COUNT; e++) {
		const char *name = proto_err_name(e);
		ck_assert_int_eq(proto_err_from(name, strlen(name)), e);
	}
	for (int r = 0; r < CR__COUNT; r++) {
		const char *name = proto_reason_name(r);
		ck_assert_int_eq(proto_reason_from(name, strlen(name)), r);
	}
	ck_assert_int_eq(proto_type_from("nope", 4), MSG_UNKNOWN);
	ck_assert_int_eq(proto_type_from("unknown", 7), MSG_UNKNOWN);
}
END_TEST

START_TEST(error_reply)
{
	const char *err, *s;
	size_t n;

	ck_assert_int_eq(proto_write_err(&b, 4, PE_NO_SUCH_WORKER, "worker %d: no such worker", 7), 0);
	ck_assert_int_eq(parse_b(&err), 0);
	ck_assert_int_eq(m.type, MSG_ERR);
	ck_assert_uint_eq(m.rid, 4);
	ck_assert_int_eq(proto_get_str(&m, "code", &s, &n), PF_OK);
	ck_assert_int_eq(proto_err_from(s, n), PE_NO_SUCH_WORKER);
	ck_assert_int_eq(proto_get_str(&m, "msg", &s, &n), PF_OK);
	ck_assert(n == strlen("worker 7: no such worker") && memcmp(s, "worker 7: no such worker", n) == 0);
}
END_TEST

static int
parse_raw(const void *p, size_t n, const char **err)
{
	return proto_parse(p, n, &m, err);
}

START_TEST(bad_messages)
{
	const char *err;

	mpw_array(&b, 0);
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);
	pbuf_reset(&b);
	mpw_map(&b, 1);
	mpw_int(&b, 1);
	mpw_int(&b, 2);
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);
	pbuf_reset(&b);
	mpw_map(&b, 1);
	mpw_cstr(&b, "x");
	mpw_int(&b, 2);
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);	/* no "t" */
	pbuf_reset(&b);
	mpw_map(&b, 2);
	mpw_cstr(&b, "t");
	mpw_cstr(&b, "post");
	mpw_cstr(&b, "t");
	mpw_cstr(&b, "post");
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);	/* duplicate */
	pbuf_reset(&b);
	mpw_map(&b, 2);
	mpw_cstr(&b, "t");
	mpw_cstr(&b, "post");
	mpw_cstr(&b, "rid");
	mpw_int(&b, -1);
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);	/* negative rid */
	pbuf_reset(&b);
	mpw_map(&b, PROTO_MAX_FIELDS + 1);
	for (int i = 0; i <= PROTO_MAX_FIELDS; i++) {
		char k[8];
		int n = snprintf(k, sizeof(k), "k%d", i);
		mpw_str(&b, k, (size_t)n);
		mpw_nil(&b);
	}
	ck_assert_int_eq(parse_raw(b.data, b.len, &err), -1);	/* too many */
}
END_TEST

START_TEST(invalid_utf8_string_field)
{
	const char *err, *s;
	size_t n;
	long off = proto_begin(&b, MSG_SPAWN, 1);

	proto_key(&b, "script");
	mpw_str(&b, "\xff\x80", 2);
	proto_end(&b, off);
	ck_assert_int_eq(parse_b(&err), 0);
	ck_assert_int_eq(proto_get_str(&m, "script", &s, &n), PF_BAD);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("proto");
	TCase *tc = tcase_create("schema");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, spawn_request);
	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, error_reply);
	tcase_add_test(tc, bad_messages);
	tcase_add_test(tc, invalid_utf8_string_field);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
