/*
 * frame.h - framing: a 4-byte big-endian length, then one msgpack document
 * of exactly that many bytes.
 *
 * Readers take frames off a libevent evbuffer so that one read() can carry
 * many frames.  frame_peek() returns a pointer to the next whole document
 * (pulled up contiguous) without consuming it; frame_drain() consumes it.
 * A length of 0 or over `max`, or a document that is not exactly one
 * complete msgpack value, is an error (-1, *err set): the caller must drop
 * the peer, since the stream cannot be resynchronised.
 *
 * Writers build frames in a struct pbuf: frame_begin() reserves the length,
 * frame_end() patches it; several frames may be built back to back and
 * handed to evbuffer_add() at once.
 *
 * A struct frame_rd puts bytes read from a stream into such an evbuffer so
 * that a large frame costs no copy after the kernel's: a frame of at least
 * `big` bytes (and at most `max`; longer ones are left to frame_peek's
 * error) is read into a block of its own (struct frame_blk, the whole frame
 * with its length word), straight from the socket where the reader can
 * (frame_rd_want / frame_rd_filled), and the finished block is added to the
 * evbuffer by reference, one chain that frame_peek never needs to pull up.
 * After a large frame, the next read is offered blocks of the same size
 * before their length words are seen (frames of a stream tend to be alike;
 * at most FRAME_RD_AHEAD bytes of them); a frame that does not fit its
 * block has its bytes taken as any others.  Spare blocks are kept for the
 * next read only while reads fill all they are offered.  Smaller
 * frames' bytes are appended as they come (frame_rd_add).  The
 * blocks in the evbuffer are counted: each is freed when the evbuffer has
 * drained it and every frame_blk_hold() has been dropped, so a frame's
 * bytes can be sent on by reference (frame_rd_first) after it is drained.
 * Memory: at most one block being filled, of at most max + 4 bytes, and
 * FRAME_RD_SPEC offered ahead, beside the evbuffer's own bytes; the reader must not outlive its evbuffer and
 * frame_rd_free() comes after evbuffer_free().
 */
#ifndef WP_FRAME_H
#define WP_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct evbuffer;

#define FRAME_MAX_DEFAULT ((size_t)64 << 20)
/* Room a frame needs around its payload (length word, envelope fields). */
#define FRAME_OVERHEAD 256

enum { FRAME_ERR = -1, FRAME_MORE = 0, FRAME_READY = 1 };

/* FRAME_READY with doc and len set, FRAME_MORE when the frame is not complete
 * yet, FRAME_ERR with *err set. */
int frame_peek(struct evbuffer *in, size_t max, const uint8_t **doc, size_t *len, const char **err);
/* frame_peek() without the check of the document, for a reader that
 * proto_parse()s every frame before it uses any of it (proto_parse walks
 * every byte and refuses what that check would, and more): the worker
 * host's daemon link, where walking each small post a third time was 3%
 * of its work. */
int frame_peek_unchecked(struct evbuffer *in, size_t max, const uint8_t **doc, size_t *len, const char **err);
void frame_drain(struct evbuffer *in, size_t doc_len);

/* Same over a flat byte range (tests, fuzzers, blocking clients): on
 * FRAME_READY *used is the whole frame's size, length word included. */
int frame_parse(const uint8_t *p, size_t n, size_t max, const uint8_t **doc, size_t *len, size_t *used, const char **err);

/* The whole size of a frame this process built (length word included),
 * from its length word: for walking one's own output, not for input. */
size_t frame_size(const uint8_t *p);

struct frame_rd;
struct iovec;

/* FRAME_RD_BIG: below it a copy costs less than a block's allocation.  One
 * read is offered at most FRAME_RD_SPEC blocks ahead, and blocks stop being
 * added once FRAME_RD_AHEAD bytes are offered. */
#define FRAME_RD_BIG ((size_t)16 << 10)
#define FRAME_RD_SPEC 8
#define FRAME_RD_AHEAD ((size_t)256 << 10)

struct frame_blk {
	unsigned refs;			/* the evbuffer's, and each hold */
	size_t len;			/* the whole frame, length word included */
	struct frame_rd *rd;		/* NULL once the evbuffer let go of it */
	struct frame_blk *next;		/* the reader's list of blocks in `in` */
	uint8_t data[];
};

struct frame_rd {
	size_t big, max;
	uint8_t hdr[4];			/* a length word split across reads */
	unsigned hdr_n;
	size_t skip;			/* bytes of a small frame still to come */
	struct frame_blk *blk;		/* the large frame being read */
	size_t blk_have;
	size_t spec_len;		/* the last large frame's size, while they come */
	struct frame_blk *spec[FRAME_RD_SPEC];	/* blocks offered ahead of their frames */
	unsigned nspec, offered;
	struct frame_blk *head, **tailp; /* blocks in the evbuffer, oldest first */
};


void frame_rd_init(struct frame_rd *r, size_t big, size_t max);
/* The frame limit changed (a worker host learns it from init). */
void frame_rd_set_max(struct frame_rd *r, size_t max);
/* Where the next read should put its first bytes: the rest of the block
 * being filled, then blocks for the frames likely to follow; at most max
 * iovecs, their count returned (0: none, read elsewhere). */
int frame_rd_iov(struct frame_rd *r, struct iovec *iov, int max);
/* n bytes (at most what frame_rd_iov offered) were read there, in order;
 * the blocks they finish go to in.  Call it after every read that used
 * the iovecs, before frame_rd_add of what came after them.  -1 when out
 * of memory. */
int frame_rd_filled(struct frame_rd *r, struct evbuffer *in, size_t n);
/* Takes n bytes read elsewhere: small frames' bytes go to in (one
 * evbuffer_add per run of them), a large frame's into its block.  -1 when
 * out of memory (the stream is then broken: drop the peer). */
int frame_rd_add(struct frame_rd *r, struct evbuffer *in, const uint8_t *p, size_t n);
/* The block that is in's first frame, or NULL when that frame is not one. */
struct frame_blk *frame_rd_first(struct frame_rd *r, struct evbuffer *in);
/* Bytes read but not yet in the evbuffer (a partial length word or large
 * frame). */
size_t frame_rd_pending(const struct frame_rd *r);
/* Frees the block being filled; call after freeing the evbuffer. */
void frame_rd_free(struct frame_rd *r);
void frame_blk_hold(struct frame_blk *b);
void frame_blk_drop(struct frame_blk *b);

/* Returns the offset of the frame's length word, or -1. */
long frame_begin(struct pbuf *b);
/* -1 (and the frame is cut off again) when the document is empty or over 4 GiB. */
int frame_end(struct pbuf *b, long off);

#endif
