/* Framing: the same frames come out whatever the chunking; bad lengths and
 * bad documents are errors, never crashes or big allocations. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "frame.h"
#include "mpwrite.h"
#include "proto.h"
#include "tsuite.h"

#define NFRAMES 10000

/* Frame i is {"t":"post","rid":i,"data":<i bytes of 'a'+i%26>} so that
 * frames have different sizes and contents. */
static void
build_frames(struct pbuf *b)
{
	char blob[300];

	for (unsigned i = 0; i < NFRAMES; i++) {
		size_t n = i % sizeof(blob);
		long off = proto_begin(b, MSG_POST, 2);
		memset(blob, 'a' + i % 26, n);
		ck_assert_int_ge(off, 0);
		proto_key(b, "rid");
		mpw_uint(b, i);
		proto_key(b, "data");
		mpw_str(b, blob, n);
		ck_assert_int_eq(proto_end(b, off), 0);
	}
}

static unsigned
drain_frames(struct evbuffer *in, unsigned next)
{
	const uint8_t *doc;
	size_t len;
	const char *err;
	struct proto_msg m;
	int rc;

	while ((rc = frame_peek(in, FRAME_MAX_DEFAULT, &doc, &len, &err)) == FRAME_READY) {
		const char *s;
		size_t n;
		ck_assert_int_eq(proto_parse(doc, len, &m, &err), 0);
		ck_assert_int_eq(m.type, MSG_POST);
		ck_assert(m.has_rid);
		ck_assert_uint_eq(m.rid, next);
		ck_assert_int_eq(proto_get_str(&m, "data", &s, &n), PF_OK);
		ck_assert_uint_eq(n, next % 300);
		if (n > 0)
			ck_assert_int_eq(s[n - 1], 'a' + next % 26);
		frame_drain(in, len);
		next++;
	}
	ck_assert_int_eq(rc, FRAME_MORE);
	return next;
}

START_TEST(one_chunk)
{
	struct pbuf b;
	struct evbuffer *in = evbuffer_new();

	pbuf_init(&b);
	build_frames(&b);
	evbuffer_add(in, b.data, b.len);
	ck_assert_uint_eq(drain_frames(in, 0), NFRAMES);
	ck_assert_uint_eq(evbuffer_get_length(in), 0);
	evbuffer_free(in);
	pbuf_free(&b);
}
END_TEST

START_TEST(byte_at_a_time)
{
	struct pbuf b;
	struct evbuffer *in = evbuffer_new();
	unsigned next = 0;

	pbuf_init(&b);
	build_frames(&b);
	for (size_t i = 0; i < b.len; i++) {
		evbuffer_add(in, b.data + i, 1);
		next = drain_frames(in, next);
	}
	ck_assert_uint_eq(next, NFRAMES);
	evbuffer_free(in);
	pbuf_free(&b);
}
END_TEST

START_TEST(flat_parser_agrees)
{
	struct pbuf b;
	const uint8_t *doc, *p;
	size_t len, used, left;
	const char *err;
	unsigned count = 0;

	pbuf_init(&b);
	build_frames(&b);
	p = b.data;
	left = b.len;
	while (frame_parse(p, left, FRAME_MAX_DEFAULT, &doc, &len, &used, &err) == FRAME_READY) {
		p += used;
		left -= used;
		count++;
	}
	ck_assert_uint_eq(count, NFRAMES);
	ck_assert_uint_eq(left, 0);
	pbuf_free(&b);
}
END_TEST

static int
peek_bytes(const uint8_t *p, size_t n, size_t max, const char **err)
{
	struct evbuffer *in = evbuffer_new();
	const uint8_t *doc;
	size_t len;
	int rc;

	evbuffer_add(in, p, n);
	rc = frame_peek(in, max, &doc, &len, err);
	evbuffer_free(in);
	return rc;
}

START_TEST(bad_frames)
{
	/* 0xffffffff claims 4 GiB: refused from the header alone. */
	static const uint8_t huge[] = { 0xff, 0xff, 0xff, 0xff, 0x80 };
	static const uint8_t empty[] = { 0, 0, 0, 0 };
	static const uint8_t trailing[] = { 0, 0, 0, 2, 0x80, 0x01 };
	static const uint8_t unparsable[] = { 0, 0, 0, 1, 0xc1 };
	static const uint8_t truncated_doc[] = { 0, 0, 0, 2, 0x81, 0xa1 };
	static const uint8_t just_over[] = { 0, 0, 0, 11 };
	const char *err;

	ck_assert_int_eq(peek_bytes(huge, sizeof(huge), FRAME_MAX_DEFAULT, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(empty, sizeof(empty), FRAME_MAX_DEFAULT, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(trailing, sizeof(trailing), FRAME_MAX_DEFAULT, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(unparsable, sizeof(unparsable), FRAME_MAX_DEFAULT, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(truncated_doc, sizeof(truncated_doc), FRAME_MAX_DEFAULT, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(just_over, sizeof(just_over), 10, &err), FRAME_ERR);
	ck_assert_int_eq(peek_bytes(just_over, sizeof(just_over), 11, &err), FRAME_MORE);
	ck_assert_int_eq(peek_bytes(huge, 3, FRAME_MAX_DEFAULT, &err), FRAME_MORE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("frame");
	TCase *tc = tcase_create("frame");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, one_chunk);
	tcase_add_test(tc, byte_at_a_time);
	tcase_add_test(tc, flat_parser_agrees);
	tcase_add_test(tc, bad_frames);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
