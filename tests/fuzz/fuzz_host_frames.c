/* libFuzzer target: arbitrary bytes as the stream of frames a worker-host
 * reads from the daemon after `init` (a real one, taken by
 * link_take_init() at start), handed to the host's own frame
 * handling (link_take: framing, the envelope, loop_on_frame: post through
 * the clone decoder to onmessage, stats, unknown types ignored) in a real
 * host built by host_build(), whose script echoes every message.  The
 * host's link is a pipe we read back: every frame it writes must be well
 * formed, and every post it took must have been answered by exactly one
 * message (the echo, whose data the tagged-JSON printer accepts) or one
 * messageerror.  A frame that breaks the protocol must be refused (where a
 * worker exits 1), never crash.  Any crash, leak, sanitizer report or
 * abort is a bug. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "clone_json.h"
#include "frame.h"
#include "hlink.h"
#include "host.h"
#include "loop.h"
#include "msg.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Everything a fuzz run shares (libFuzzer calls in with no context). */
static struct {
	struct host *h;
	int out;		/* the read end of the host's link */
	struct pbuf got;	/* what the host wrote for one input */
} fx;

static const char echo_js[] = "onmessage = function (e) { postMessage(e.data); };";

/* The init frame a daemon sends first, through the host's own reading. */
static void
take_init(struct host *h)
{
	struct msg_init in = { .id = 1, .script = { "/fuzz/echo.js", 13 } };
	struct pbuf b;
	const char *why;

	pbuf_init(&b);
	if (msg_write_init(&b, &in) != 0 || evbuffer_add(h->in, b.data, b.len) == -1 ||
	    link_take_init(h, &why) != FRAME_READY || strcmp(h->script, "/fuzz/echo.js") != 0)
		abort();
	pbuf_free(&b);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[256];
	int p[2];

	if ((fx.h = host_build(err, sizeof(err))) == NULL || pipe2(p, O_CLOEXEC) == -1)
		abort();
	/* one input's answers fit: the host never blocks on us */
	(void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
	if (fcntl(p[0], F_SETFL, O_NONBLOCK) == -1 || link_init(fx.h, p[1], err, sizeof(err)) == -1)
		abort();
	fx.out = p[0];
	pbuf_init(&fx.got);
	take_init(fx.h);
	if (duk_peval_string(fx.h->ctx, echo_js) != 0)
		abort();
	duk_pop(fx.h->ctx);
	link_start(fx.h, loop_on_frame);
	return 0;
}

/* The posts the host must answer: each whole frame up to the first one
 * the host refuses, counted the way the host reads it. */
static size_t
posts_taken(const uint8_t *p, size_t n)
{
	const uint8_t *doc;
	size_t len, used, posts = 0;
	const char *why;
	struct proto_msg m;
	struct msg_data d;

	while (frame_parse(p, n, fx.h->max_frame, &doc, &len, &used, &why) == FRAME_READY) {
		if (proto_parse(doc, len, &m, &why) == -1)
			break;
		if (m.type == MSG_POST) {
			if (msg_read_data(&m, &d, &why) == -1)
				break;
			posts++;
		}
		p += used;
		n -= used;
	}
	return posts;
}

static void
read_back(void)
{
	uint8_t chunk[65536];
	ssize_t r;

	pbuf_reset(&fx.got);
	while ((r = read(fx.out, chunk, sizeof(chunk))) > 0)
		if (pbuf_append(&fx.got, chunk, (size_t)r) == -1)
			abort();
}

/* Every frame the host wrote is well formed; returns how many answered a post. */
static size_t
answers(void)
{
	const uint8_t *p = fx.got.data, *doc;
	size_t n = fx.got.len, len, used, count = 0;
	const char *why;
	struct proto_msg m;
	struct msg_data d;
	struct msg_fault f;
	char err[256];
	char *text;

	while (n > 0) {
		if (frame_parse(p, n, FRAME_MAX_DEFAULT, &doc, &len, &used, &why) != FRAME_READY ||
		    proto_parse(doc, len, &m, &why) == -1)
			abort();
		if (m.type == MSG_MESSAGE) {
			if (msg_read_data(&m, &d, &why) == -1 ||
			    (text = clone_to_json(d.data.p, d.data.n, err, sizeof(err))) == NULL)
				abort();
			free(text);
			count++;
		} else if (m.type == MSG_MESSAGEERROR) {
			if (msg_read_fault(&m, &f, &why) == -1)
				abort();
			count++;
		} else if (m.type != MSG_STATS) {
			abort();	/* the echo script logs nothing and throws nothing */
		}
		p += used;
		n -= used;
	}
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct host *h = fx.h;
	const char *why;
	int r;

	if (evbuffer_add(h->in, data, size) == -1)
		abort();
	while ((r = link_take(h, &why)) == FRAME_READY)
		;
	evbuffer_drain(h->in, evbuffer_get_length(h->in));
	if (link_flush_sync(h) == -1)
		abort();
	read_back();
	if (answers() != posts_taken(data, size))
		abort();
	return 0;
}
