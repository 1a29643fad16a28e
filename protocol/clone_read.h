/*
 * clone_read.h - the one reader of clone bytes (docs/protocol.md section 4).
 *
 * clone_read() hands out a clone value as a stream of typed items, in wire
 * order: scalars and leaf objects as one item each, containers as a begin
 * item, their contents, then CI_END.  Every rule of 4.3 is checked here and
 * nowhere else: strict UTF-8 / WTF-8, payload sizes and trailing bytes,
 * hole runs, lengths, view kinds and bounds, back-references, map keys,
 * nesting depth, and nothing after the top value.  Identity indices (4.1)
 * are assigned here too, so a builder only stores what it made under
 * it->id and looks it up by it->u.ref.
 *
 * A builder reads items until the value is complete (the top item, or the
 * CI_END that closes it); the reader refuses trailing bytes before it
 * returns that last item.  On -1, r->err holds a one-line reason and the
 * reader is unusable.  Pointers in an item point into the input or into
 * the reader, valid until the next call.  Bounds: nesting is at most
 * CLONE_MAX_DEPTH open containers (deeper is an error), and the identity
 * table holds one entry per object in the input, at most one per input
 * byte; running out of memory for either is an error like any other.
 */
#ifndef WP_CLONE_READ_H
#define WP_CLONE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mpread.h"

enum clone_item_kind {
	CI_NULL,
	CI_BOOL,	/* u.b */
	CI_NUMBER,	/* u.d */
	CI_STRING,	/* u.s; a property name when it->key */
	CI_UNDEFINED,
	CI_BIGINT,	/* u.s: ASCII decimal, checked */
	CI_HOLES,	/* u.count holes, 1..2^32-1: only as an array element */
	CI_REF,		/* u.ref: an index whose object is complete */
	CI_PORT,	/* u.ref: an index into the message's transferred ports */
	/* Objects: it->id is their identity index. */
	CI_DATE,	/* u.d */
	CI_BOOLEAN,	/* u.b: a Boolean object */
	CI_NUMBER_OBJ,	/* u.d */
	CI_STRING_OBJ,	/* u.s */
	CI_REGEXP,	/* u.re */
	CI_ERROR,	/* u.error */
	CI_ARRAYBUFFER,	/* u.bytes */
	CI_VIEW,	/* u.view */
	/* Containers: contents follow, then CI_END. */
	CI_ARRAY,	/* u.array.ext, u.array.len: elements (CI_HOLES among them),
			 * then for ext 16 keys and values of extra properties */
	CI_OBJECT,	/* key, value, key, value ... (keys are CI_STRING, it->key) */
	CI_MAP,		/* key, value ... (any values) */
	CI_SET,		/* value ... */
	CI_END,		/* closes the innermost container; for an array u.array.len
			 * is its final length */
};

/* A checked string: UTF-8, or WTF-8 holding a lone surrogate when lone. */
struct clone_str {
	const uint8_t *p;
	uint32_t n;
	bool ascii;	/* every byte < 0x80 */
	bool lone;	/* an ext 17 that holds an unpaired surrogate */
};

struct clone_item {
	enum clone_item_kind kind;
	bool key;
	uint32_t id;
	union {
		bool b;
		double d;
		uint64_t count;
		uint32_t ref;
		struct clone_str s;
		struct {
			const uint8_t *p;
			uint32_t n;
		} bytes;
		struct {
			struct clone_str source, flags;
		} re;
		struct {
			struct clone_str name, message, stack;
			bool has_stack;
		} error;
		struct {
			int kind;		/* enum clone_view */
			bool whole;		/* bin or ext 10: the whole of a new buffer */
			uint32_t buffer;	/* the buffer's index */
			const uint8_t *p;	/* a new buffer's bytes, else NULL */
			uint32_t n;
			uint64_t offset;	/* bytes */
			uint64_t length;	/* elements (bytes for DataView) */
		} view;
		struct {
			bool ext;	/* ext 16, else a msgpack array */
			uint64_t len;	/* ext 16: its length; array: its element count */
		} array;
	} u;
};

/* The reader's own state; builders use only r->err. */
struct clone_frame {
	struct mp_reader in;	/* a msgpack container reads on in its parent's bytes */
	uint64_t left;		/* msgpack array: elements, map: pairs still to come */
	uint64_t slots;		/* array: slots filled so far */
	uint64_t len;		/* ext 16: its length */
	uint32_t id;
	uint8_t type;
	bool value_next;	/* a key was read, its value comes next */
};

struct clone_obj {
	uint32_t len;		/* an ArrayBuffer's byte length */
	uint8_t flags;
};

#define CLONE_READ_FRAMES 8
#define CLONE_READ_OBJS 32

struct clone_reader {
	struct clone_frame *frames;	/* [0] is the top level */
	size_t depth, fcap;
	struct clone_obj *objs;		/* by identity index */
	size_t nobjs, ocap;
	bool failed;
	char key[24];			/* an int map key in decimal */
	char err[128];
	/* Small values never allocate. */
	struct clone_frame finl[CLONE_READ_FRAMES];
	struct clone_obj oinl[CLONE_READ_OBJS];
};

void clone_reader_init(struct clone_reader *r, const uint8_t *p, size_t n);
void clone_reader_free(struct clone_reader *r);
int clone_read(struct clone_reader *r, struct clone_item *it);

#endif
