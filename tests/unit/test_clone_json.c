/*
 * test_clone_json.c - tagged JSON <-> clone bytes, engine-free: canonical
 * texts survive JSON -> bytes -> JSON unchanged, wire bytes come out as
 * documented, bad JSON and bad bytes are refused with nothing appended.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clone.h"
#include "clone_corpus.h"
#include "clone_json.h"
#include "tsuite.h"

static const char *canonical[] = {
	"null", "true", "false", "0", "-1", "1.5", "0.1", "-2.5e-300", "1e300", "9007199254740991",
	"\"\"", "\"text\"", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "\"nul\\u0000inside\"",
	"[]", "{}", "[1,[2,[3]],{\"a\":{\"b\":null}}]", "{\"z\":1,\"a\":2,\"m\":3}",
	"{\"$type\":\"undefined\"}",
	"{\"$type\":\"number\",\"value\":\"NaN\"}", "{\"$type\":\"number\",\"value\":\"Infinity\"}",
	"{\"$type\":\"number\",\"value\":\"-Infinity\"}", "{\"$type\":\"number\",\"value\":\"-0\"}",
	"{\"$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}", "{\"$type\":\"Date\",\"value\":null}",
	"{\"$type\":\"Date\",\"value\":\"+275760-09-13T00:00:00.000Z\"}",
	"{\"$type\":\"Date\",\"value\":\"-000001-12-31T23:59:59.999Z\"}",
	"{\"$type\":\"RegExp\",\"source\":\"a+\",\"flags\":\"gi\"}",
	"{\"$type\":\"Boolean\",\"value\":true}", "{\"$type\":\"Number\",\"value\":3}",
	"{\"$type\":\"Number\",\"value\":{\"$type\":\"number\",\"value\":\"-0\"}}", "{\"$type\":\"String\",\"value\":\"s\"}",
	"{\"$type\":\"String\",\"value\":{\"$type\":\"string\",\"codeUnits\":[55357]}}",
	"[1,{\"$type\":\"hole\"},2]", "[1,{\"$type\":\"hole\",\"count\":7},2]",
	"{\"$type\":\"Array\",\"length\":3,\"items\":[1]}",
	"{\"$type\":\"Array\",\"length\":1,\"items\":[1],\"props\":{\"x\":{\"$type\":\"undefined\"}}}",
	"{\"$type\":\"Map\",\"entries\":[[1,\"a\"],[{},[]]]}", "{\"$type\":\"Set\",\"values\":[1,\"x\",null]}",
	"{\"$type\":\"ArrayBuffer\",\"base64\":\"AAEC/w==\"}", "{\"$type\":\"ArrayBuffer\",\"base64\":\"\"}",
	"{\"$type\":\"Uint8Array\",\"base64\":\"AQID\"}", "{\"$type\":\"Float64Array\",\"base64\":\"AAAAAAAA8D8=\"}",
	"{\"$type\":\"BigInt64Array\",\"base64\":\"AQAAAAAAAAA=\"}",
	"{\"$type\":\"Int16Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AAAAAA==\"},\"byteOffset\":2,\"length\":1}",
	"[{\"$type\":\"ArrayBuffer\",\"base64\":\"AAAA\"},{\"$type\":\"DataView\",\"buffer\":{\"$type\":\"ref\",\"index\":1},\"byteOffset\":1,\"length\":2}]",
	"{\"$type\":\"Error\",\"name\":\"TypeError\",\"message\":\"bad\",\"stack\":\"at x\"}",
	"{\"$type\":\"Error\",\"name\":\"Custom\",\"message\":\"\"}",
	"{\"$type\":\"bigint\",\"value\":\"-123456789012345678901234567890\"}",
	"{\"$type\":\"string\",\"codeUnits\":[97,56320,55296]}",
	"[{},{\"$type\":\"ref\",\"index\":1},{\"$type\":\"ref\",\"index\":0}]",
	"{\"$type\":\"object\",\"value\":{\"$type\":\"Date\",\"x\":1}}",
	"{\"$type\":\"object\",\"entries\":[[\"n\\u0000l\",1],[\"$type\",2]]}",
	"{\"$type\":\"Array\",\"length\":0,\"items\":[],\"props\":[[\"\\u0000\",true]]}",
	"{\"$type\":\"Array\",\"length\":2,\"items\":[1],\"props\":{\"01\":2,\"4294967295\":3,\"1\":4}}",
};

START_TEST(test_canonical)
{
	const char *text = canonical[_i];
	struct pbuf b;
	char err[256];
	char *back;

	pbuf_init(&b);
	ck_assert_msg(clone_from_json(text, strlen(text), &b, err, sizeof(err)) == 0, "%s: %s", text, err);
	back = clone_to_json(b.data, b.len, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s: %s", text, err);
	ck_assert_str_eq(back, text);
	free(back);
	pbuf_free(&b);
}
END_TEST

/* Texts that mean the same value but are not in printed form. */
START_TEST(test_normalised)
{
	static const char *pairs[] = {
		"  [ 1 , 2.0 ]  ", "[1,2]",
		"1e400", NULL,
		"12345678901234567890123", "1.2345678901234568e22",
		"[{\"$type\":\"hole\"},{\"$type\":\"hole\"},1]", "[{\"$type\":\"hole\",\"count\":2},1]",
		"[1,{\"$type\":\"hole\"}]", "{\"$type\":\"Array\",\"length\":2,\"items\":[1]}",
		"{\"$type\":\"Array\",\"length\":2,\"items\":[1,{\"$type\":\"hole\"}],\"props\":{}}",
		"{\"$type\":\"Array\",\"length\":2,\"items\":[1]}",
		"{\"$type\":\"Array\",\"length\":2,\"items\":[1,2]}", "[1,2]",
		"{\"$type\":\"Error\"}", "{\"$type\":\"Error\",\"name\":\"Error\",\"message\":\"\"}",
		"{\"$type\":\"string\",\"codeUnits\":[55357,56832]}", "\"\xf0\x9f\x98\x80\"",
		"-0.0", "{\"$type\":\"number\",\"value\":\"-0\"}",
		"{\"$type\":\"Uint8Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AQ==\"},\"byteOffset\":0,\"length\":1}",
		"{\"$type\":\"Uint8Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AQ==\"},\"byteOffset\":0,\"length\":1}",
	};
	char err[256];

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i += 2) {
		struct pbuf b;
		char *back;
		int r;

		pbuf_init(&b);
		r = clone_from_json(pairs[i], strlen(pairs[i]), &b, err, sizeof(err));
		if (pairs[i + 1] == NULL) {
			ck_assert_msg(r == -1, "%s accepted", pairs[i]);
			pbuf_free(&b);
			continue;
		}
		ck_assert_msg(r == 0, "%s: %s", pairs[i], err);
		back = clone_to_json(b.data, b.len, err, sizeof(err));
		ck_assert_msg(back != NULL, "%s: %s", pairs[i], err);
		ck_assert_msg(strcmp(back, pairs[i + 1]) == 0, "%s printed as %s", pairs[i], back);
		free(back);
		pbuf_free(&b);
	}
}
END_TEST

static void
expect_hex(const char *text, const char *hex)
{
	struct pbuf b;
	char err[256], got[256] = "";

	pbuf_init(&b);
	ck_assert_msg(clone_from_json(text, strlen(text), &b, err, sizeof(err)) == 0, "%s: %s", text, err);
	for (size_t i = 0; i < b.len && i < 120; i++)
		sprintf(got + 2 * i, "%02x", b.data[i]);
	ck_assert_msg(strcmp(got, hex) == 0, "%s: got %s want %s", text, got, hex);
	pbuf_free(&b);
}

/* Plain JSON is plain msgpack; tags are the documented ext types. */
START_TEST(test_wire)
{
	expect_hex("{\"a\":[1,-1,1.5,\"x\",null,true]}", "81a1619601ffcb3ff8000000000000a178c0c3");
	expect_hex("4294967296", "cf0000000100000000");
	expect_hex("{\"$type\":\"undefined\"}", "c70001");
	expect_hex("{\"$type\":\"Uint8Array\",\"base64\":\"AQI=\"}", "c4020102");
	expect_hex("[1,{\"$type\":\"hole\",\"count\":300},2]", "9301c70302cd012c02");
	expect_hex("{\"$type\":\"Boolean\",\"value\":false}", "d40600");
	expect_hex("{\"$type\":\"bigint\",\"value\":\"-5\"}", "d503" "2d35");
	expect_hex("[{},{\"$type\":\"ref\",\"index\":1}]", "9280d40f01");
}
END_TEST

static const char *bad_json[] = {
	"", "[1,", "{\"a\":1,\"a\":2}", "{\"$type\":\"nope\"}", "{\"$type\":5}", "{\"$type\":\"hole\"}",
	"{\"$type\":\"undefined\",\"x\":1}", "{\"$type\":\"number\",\"value\":\"nan\"}",
	"{\"$type\":\"Date\",\"value\":\"2024-02-30T00:00:00.000Z\"}", "{\"$type\":\"Date\",\"value\":\"2024-01-02\"}",
	"{\"$type\":\"Date\",\"value\":\"+275760-09-13T00:00:00.001Z\"}", "{\"$type\":\"Date\",\"value\":5}",
	"{\"$type\":\"RegExp\",\"flags\":\"g\"}", "{\"$type\":\"Boolean\",\"value\":1}",
	"{\"$type\":\"ArrayBuffer\",\"base64\":\"AAA\"}", "{\"$type\":\"ArrayBuffer\",\"base64\":\"A*==\"}",
	"{\"$type\":\"Int16Array\",\"base64\":\"AA==\"}",
	"{\"$type\":\"Int16Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AAAA\"},\"byteOffset\":1,\"length\":1}",
	"{\"$type\":\"Int16Array\",\"buffer\":{\"$type\":\"ArrayBuffer\",\"base64\":\"AAAA\"},\"byteOffset\":2,\"length\":1}",
	"{\"$type\":\"Uint8Array\",\"buffer\":{},\"byteOffset\":0,\"length\":0}",
	"[{},{\"$type\":\"Uint8Array\",\"buffer\":{\"$type\":\"ref\",\"index\":1},\"byteOffset\":0,\"length\":0}]",
	"{\"$type\":\"Map\",\"entries\":[[1]]}", "{\"$type\":\"Set\",\"values\":{}}",
	"{\"$type\":\"Array\",\"length\":1,\"items\":[1,2]}", "{\"$type\":\"Array\",\"length\":-1}",
	"{\"$type\":\"Array\",\"length\":4294967296}", "[{\"$type\":\"hole\",\"count\":0}]",
	"{\"$type\":\"bigint\",\"value\":\"01\"}", "{\"$type\":\"bigint\",\"value\":\"\"}",
	"{\"$type\":\"string\",\"codeUnits\":[65536]}", "{\"$type\":\"string\",\"codeUnits\":[1.5]}",
	"{\"$type\":\"ref\",\"index\":0}", "[{\"$type\":\"ref\",\"index\":1}]", "{\"$type\":\"object\",\"value\":[]}",
	"\"\\ud800\"",
	"{\"$type\":\"Array\",\"length\":1,\"items\":[1],\"props\":{\"1\":true}}",
	"{\"$type\":\"Array\",\"length\":1,\"items\":[1],\"props\":[[\"4294967294\",true]]}",
};

START_TEST(test_bad_json)
{
	struct pbuf b;
	char err[256] = "";

	pbuf_init(&b);
	pbuf_append(&b, "keep", 4);
	ck_assert_msg(clone_from_json(bad_json[_i], strlen(bad_json[_i]), &b, err, sizeof(err)) == -1, "%s accepted",
	    bad_json[_i]);
	ck_assert_uint_eq(b.len, 4);
	ck_assert(err[0] != '\0');
	pbuf_free(&b);
}
END_TEST

START_TEST(test_deep_json)
{
	size_t depth = 100000;
	char *t = malloc(2 * depth + 1), *back;
	struct pbuf b;
	char err[256];

	memset(t, '[', depth);
	memset(t + depth, ']', depth);
	t[2 * depth] = '\0';
	pbuf_init(&b);
	ck_assert_int_eq(clone_from_json(t, 2 * depth, &b, err, sizeof(err)), -1);
	ck_assert_uint_eq(b.len, 0);
	/* Exactly at the limit is fine both ways. */
	memset(t, '[', CLONE_MAX_DEPTH);
	memset(t + CLONE_MAX_DEPTH, ']', CLONE_MAX_DEPTH);
	ck_assert_msg(clone_from_json(t, 2 * CLONE_MAX_DEPTH, &b, err, sizeof(err)) == 0, "%s", err);
	back = clone_to_json(b.data, b.len, err, sizeof(err));
	ck_assert_msg(back != NULL, "%s", err);
	free(back);
	pbuf_free(&b);
	free(t);
}
END_TEST

/* Bytes another encoder may write print in the canonical form. */
START_TEST(test_bytes_printed)
{
	static const struct {
		const char *p;
		size_t n;
		const char *json;
	} cases[] = {
		{ "\x81\xa3" "a\0b\x01", 6, "{\"$type\":\"object\",\"entries\":[[\"a\\u0000b\",1]]}" },
		{ "\xc7\x01\x11z", 4, "\"z\"" },
		{ "\x93\x01\xd4\x02\x02\xc7\x00\x02", 8, "{\"$type\":\"Array\",\"length\":4,\"items\":[1]}" },
		{ "\x94\x01\xd4\x02\x02\xc7\x00\x02\x05", 9, "[1,{\"$type\":\"hole\",\"count\":3},5]" },
		{ "\xc7\x03\x10\x02\x01\x02", 6, "[1,2]" },
		{ "\x82\x07\xc0\xff\xc3", 5, "{\"7\":null,\"-1\":true}" },
		{ "\xca\x3f\xc0\x00\x00", 5, "1.5" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = clone_to_json((const uint8_t *)cases[i].p, cases[i].n, err, sizeof(err));

		ck_assert_msg(t != NULL, "%zu: %s", i, err);
		ck_assert_str_eq(t, cases[i].json);
		free(t);
	}
}
END_TEST

/* The shared corpus: every format error, refused as the reader says. */
START_TEST(test_bad_bytes)
{
	const struct clone_bad *c = &clone_corpus[_i];
	char err[256] = "";

	ck_assert_ptr_null(clone_to_json(c->p, c->n, err, sizeof(err)));
	ck_assert_msg(strstr(err, c->why) != NULL, "%s: refused for \"%s\", not \"%s\"", c->what, err, c->why);
}
END_TEST

START_TEST(test_deep_bytes)
{
	size_t depth = 100000;
	uint8_t *p = malloc(depth + 1);
	char err[256];

	memset(p, 0x91, depth);
	p[depth] = 0xc0;
	ck_assert_ptr_null(clone_to_json(p, depth + 1, err, sizeof(err)));
	free(p);
}
END_TEST

static Suite *
clone_json_suite(void)
{
	Suite *s = suite_create("clone_json");
	TCase *tc = tcase_create("json");

	tcase_add_loop_test(tc, test_canonical, 0, sizeof(canonical) / sizeof(canonical[0]));
	tcase_add_test(tc, test_normalised);
	tcase_add_test(tc, test_wire);
	tcase_add_test(tc, test_bytes_printed);
	tcase_add_loop_test(tc, test_bad_json, 0, sizeof(bad_json) / sizeof(bad_json[0]));
	tcase_add_test(tc, test_deep_json);
	tcase_add_loop_test(tc, test_bad_bytes, 0, (int)clone_corpus_len);
	tcase_add_test(tc, test_deep_bytes);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(clone_json_suite());
}
