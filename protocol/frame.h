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
 */
#ifndef WP_FRAME_H
#define WP_FRAME_H

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
void frame_drain(struct evbuffer *in, size_t doc_len);

/* Same over a flat byte range (tests, fuzzers, blocking clients): on
 * FRAME_READY *used is the whole frame's size, length word included. */
int frame_parse(const uint8_t *p, size_t n, size_t max, const uint8_t **doc, size_t *len, size_t *used, const char **err);

/* The whole size of a frame this process built (length word included),
 * from its length word: for walking one's own output, not for input. */
size_t frame_size(const uint8_t *p);

/* Returns the offset of the frame's length word, or -1. */
long frame_begin(struct pbuf *b);
/* -1 (and the frame is cut off again) when the document is empty or over 4 GiB. */
int frame_end(struct pbuf *b, long off);

#endif
