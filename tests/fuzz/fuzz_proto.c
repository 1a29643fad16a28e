/* libFuzzer target: arbitrary bytes through the frame reader, the message
 * parser and every reader of the schema (msg.h), the path every byte from
 * a client, a worker or the daemon takes.  Whatever a reader accepts must
 * survive its writer and be accepted again (a writer's 1 below: nothing to
 * write).  Any crash, leak, sanitizer
 * report or abort is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <event2/buffer.h>

#include "frame.h"
#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses the one frame in b and hands it back in *m. */
static void
reparse(struct pbuf *b, struct proto_msg *m)
{
	const uint8_t *doc;
	const char *err;
	size_t len, used;

	if (frame_parse(b->data, b->len, FRAME_MAX_DEFAULT, &doc, &len, &used, &err) != FRAME_READY ||
	    proto_parse(doc, len, m, &err) != 0)
		abort();
}

#define AGAIN(kind, write)							\
	do {									\
		struct msg_##kind x;						\
		const char *why;						\
		struct pbuf b;							\
		struct proto_msg m2;						\
		if (msg_read_##kind(m, &x, &why) != 0)				\
			break;							\
		pbuf_init(&b);							\
		int rc_ = (write);						\
		if (rc_ == 1) {							\
			pbuf_free(&b);						\
			break;							\
		}								\
		if (rc_ != 0)							\
			abort();						\
		reparse(&b, &m2);						\
		if (msg_read_##kind(&m2, &x, &why) != 0)			\
			abort();						\
		pbuf_free(&b);							\
	} while (0)

static void
walk(const struct msg_list *l, int (*next)(struct msg_iter *, void *, const char **), void *out)
{
	struct msg_iter it;
	const char *why;

	msg_iter_init(&it, l);
	while (next(&it, out, &why) == 1)
		;
}

static int
next_status(struct msg_iter *it, void *out, const char **why)
{
	return msg_next_status(it, out, why);
}

static int
next_line(struct msg_iter *it, void *out, const char **why)
{
	return msg_next_line(it, out, why);
}

static int
next_value(struct msg_iter *it, void *out, const char **why)
{
	return msg_next_value(it, out, why);
}

static void
lists(const struct proto_msg *m)
{
	struct msg_list_ok lo;
	struct msg_logs_ok gl;
	struct msg_recv_ok ro;
	struct msg_status st;
	struct msg_line ln;
	struct msg_val v;
	const char *why;

	if (msg_read_list_ok(m, &lo, &why) == 0)
		walk(&lo.workers, next_status, &st);
	if (msg_read_logs_ok(m, &gl, &why) == 0)
		walk(&gl.lines, next_line, &ln);
	if (msg_read_recv_ok(m, &ro, &why) == 0)
		walk(&ro.msgs, next_value, &v);
}

static void
kinds(const struct proto_msg *m)
{
	AGAIN(hello, msg_write_hello(&b, &x));
	AGAIN(welcome, msg_write_welcome(&b, &x));
	AGAIN(err, msg_write_err(&b, &x));
	AGAIN(spawn, msg_write_spawn(&b, &x));
	AGAIN(post, msg_write_post(&b, &x));
	AGAIN(ring, msg_write_ring(&b, &x));
	AGAIN(post_ring, msg_write_post_ring(&b, &x));
	AGAIN(recv, msg_write_recv(&b, &x));
	AGAIN(target, msg_write_target(&b, MSG_STATUS, &x));
	AGAIN(subscribe, msg_write_subscribe(&b, MSG_SUBSCRIBE, &x));
	AGAIN(list_req, msg_write_list_req(&b, &x));
	AGAIN(logs, msg_write_logs(&b, &x));
	AGAIN(ok, msg_write_ok(&b, &x));
	AGAIN(spawn_ok, msg_write_spawn_ok(&b, &x));
	AGAIN(recv_ok, msg_write_recv_ok(&b, &x));
	AGAIN(close_ok, msg_write_close_ok(&b, &x));
	AGAIN(list_ok, msg_write_list_ok(&b, &x));
	AGAIN(status_ok, msg_write_status_ok(&b, &x));
	AGAIN(logs_ok, msg_write_logs_ok(&b, &x));
	AGAIN(ev, x.kind == MEV_UNKNOWN ? 1 : msg_write_ev(&b, &x));	/* no writer for those */
	AGAIN(init, msg_write_init(&b, &x));
	AGAIN(open, msg_write_open(&b, &x));
	AGAIN(data, msg_write_data(&b, MSG_POST, &x));
	AGAIN(stats, msg_write_stats(&b, &x));
	AGAIN(fault, msg_write_fault(&b, MSG_ERROR, &x));
	AGAIN(log, msg_write_log(&b, &x));
	AGAIN(exit, msg_write_exit(&b, &x));
	AGAIN(compile, msg_write_compile(&b, &x));
	AGAIN(compiled, msg_write_compiled(&b, &x));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evbuffer *in = evbuffer_new();
	const uint8_t *doc;
	size_t len;
	const char *err;
	struct proto_msg m;

	evbuffer_add(in, data, size);
	while (frame_peek(in, 1 << 20, &doc, &len, &err) == FRAME_READY) {
		if (proto_parse(doc, len, &m, &err) == 0) {
			kinds(&m);
			lists(&m);
		}
		frame_drain(in, len);
	}
	evbuffer_free(in);
	return 0;
}
