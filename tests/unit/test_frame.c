/* Framing: the same frames come out whatever the chunking; bad lengths and
 * bad documents are errors, never crashes or big allocations. */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

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

/* ---- the reader (struct frame_rd): large frames in blocks ---- */

/* Sizes around the block threshold, evbuffer chain sizes and reads, and
 * runs of equal, growing and shrinking large frames (the speculative block
 * fits, is too small, or is followed by a small frame). */
static const size_t rd_sizes[] = {
	1, 2, 100, 4095, 4096, 4097, 16000, 16383, 16384, 16385, 16384, 65536, 65536, 65536,
	65535, 65537, 70000, 3, 65536, 131072, 262144, 262144, 100, 1 << 20, (1 << 20) + 1,
	4 << 20, 65536, 5, 65536, 65536, 16379, 16380, 16381, 1, 262143,
};
#define RD_N (sizeof(rd_sizes) / sizeof(rd_sizes[0]))

static uint8_t
rd_byte(unsigned i, size_t k)
{
	return (uint8_t)(k * 7 + i * 13 + (k >> 12));
}

/* Frame i: {"t":"post","rid":i,"data":<bin of rd_sizes[i] patterned bytes>}. */
static void
rd_build(struct pbuf *b)
{
	for (unsigned i = 0; i < RD_N; i++) {
		size_t n = rd_sizes[i];
		uint8_t *blob = malloc(n);
		long off = proto_begin(b, MSG_POST, 2);

		for (size_t k = 0; k < n; k++)
			blob[k] = rd_byte(i, k);
		proto_key(b, "rid");
		mpw_uint(b, i);
		proto_key(b, "data");
		ck_assert_int_eq(mpw_bin(b, blob, n), 0);
		ck_assert_int_eq(proto_end(b, off), 0);
		free(blob);
	}
}

/* Takes the whole frames in, checking each byte; a large frame must be a
 * block, and one is held past its drain and checked again. */
static unsigned
rd_take(struct frame_rd *r, struct evbuffer *in, unsigned next)
{
	const uint8_t *doc, *data;
	size_t len, n;
	const char *err;
	struct proto_msg m;
	struct frame_blk *blk;

	while (frame_peek(in, FRAME_MAX_DEFAULT, &doc, &len, &err) == FRAME_READY) {
		ck_assert_int_eq(proto_parse(doc, len, &m, &err), 0);
		ck_assert_uint_eq(m.rid, next);
		ck_assert_int_eq(proto_get_raw(&m, "data", &data, &n), PF_OK);
		ck_assert_uint_gt(n, rd_sizes[next]);
		data += n - rd_sizes[next];	/* past the bin header */
		n = rd_sizes[next];
		for (size_t k = 0; k < n; k++)
			if (data[k] != rd_byte(next, k))
				ck_abort_msg("frame %u byte %zu differs", next, k);
		blk = frame_rd_first(r, in);
		ck_assert_int_eq(blk != NULL, len >= r->big);
		if (blk != NULL) {
			ck_assert(doc >= blk->data && doc + len <= blk->data + blk->len);
			frame_blk_hold(blk);
		}
		frame_drain(in, len);
		if (blk != NULL) {
			/* still whole after the evbuffer let go (ASan sees a free) */
			ck_assert_int_eq(data[n - 1], rd_byte(next, n - 1));
			frame_blk_drop(blk);
		}
		next++;
	}
	return next;
}

static size_t
rd_chunk(unsigned *seed, size_t left)
{
	static const size_t pick[] = { 1, 3, 4, 5, 4096, 4100, 65536, 65540, 200000, 262144 };
	size_t c = pick[rand_r(seed) % (sizeof(pick) / sizeof(pick[0]))];

	return c < left ? c : left;
}

/* Feeds the stream as reads would come: each "read" fills what the reader
 * offers first (direct), then a tail into a scratch buffer (copied). */
static void
rd_feed(const struct pbuf *b, bool direct, unsigned seed)
{
	struct evbuffer *in = evbuffer_new();
	struct frame_rd r;
	size_t off = 0, c, bn, k;
	unsigned next = 0;

	frame_rd_init(&r, FRAME_RD_BIG, FRAME_MAX_DEFAULT);
	while (off < b->len) {
		struct iovec iov[FRAME_RD_SPEC + 1];
		int niov = direct ? frame_rd_iov(&r, iov, FRAME_RD_SPEC + 1) : 0;

		c = rd_chunk(&seed, b->len - off);
		/* a read fills the offered iovecs in order, then the tail */
		for (int i = 0, done = 0; i < niov; i++) {
			k = iov[i].iov_len < c - (size_t)done ? iov[i].iov_len : c - (size_t)done;
			memcpy(iov[i].iov_base, b->data + off + done, k);
			done += (int)k;
		}
		bn = 0;
		for (int i = 0; i < niov; i++)
			bn += iov[i].iov_len;
		k = c < bn ? c : bn;
		ck_assert_int_eq(frame_rd_filled(&r, in, k), 0);
		ck_assert_int_eq(frame_rd_add(&r, in, b->data + off + k, c - k), 0);
		off += c;
		next = rd_take(&r, in, next);
	}
	ck_assert_uint_eq(next, RD_N);
	ck_assert_uint_eq(evbuffer_get_length(in), 0);
	ck_assert_uint_eq(frame_rd_pending(&r), 0);
	evbuffer_free(in);
	frame_rd_free(&r);
}

START_TEST(reader_copied)
{
	struct pbuf b;

	pbuf_init(&b);
	rd_build(&b);
	for (unsigned seed = 1; seed <= 8; seed++)
		rd_feed(&b, false, seed);
	pbuf_free(&b);
}
END_TEST

START_TEST(reader_direct)
{
	struct pbuf b;

	pbuf_init(&b);
	rd_build(&b);
	for (unsigned seed = 1; seed <= 8; seed++)
		rd_feed(&b, true, seed);
	pbuf_free(&b);
}
END_TEST

/* Frames left in the evbuffer when it is freed free their blocks; a held
 * one outlives it. */
START_TEST(reader_free_unread)
{
	struct pbuf b;
	struct evbuffer *in = evbuffer_new();
	struct frame_rd r;
	struct frame_blk *held;
	const uint8_t *doc;
	size_t len;
	const char *err;

	pbuf_init(&b);
	rd_build(&b);
	frame_rd_init(&r, FRAME_RD_BIG, FRAME_MAX_DEFAULT);
	ck_assert_int_eq(frame_rd_add(&r, in, b.data, b.len - 10), 0);
	while (frame_rd_first(&r, in) == NULL) {
		ck_assert_int_eq(frame_peek(in, FRAME_MAX_DEFAULT, &doc, &len, &err), FRAME_READY);
		frame_drain(in, len);
	}
	held = frame_rd_first(&r, in);
	frame_blk_hold(held);
	ck_assert_uint_gt(frame_rd_pending(&r), 0);
	evbuffer_free(in);
	frame_rd_free(&r);
	ck_assert_ptr_null(held->rd);
	frame_blk_drop(held);
	pbuf_free(&b);
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
	tcase_add_test(tc, reader_copied);
	tcase_add_test(tc, reader_direct);
	tcase_add_test(tc, reader_free_unread);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
