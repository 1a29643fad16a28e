/* libFuzzer target: arbitrary bytes through the frame reader and the
 * message schema parser, the path every byte from a client or a worker
 * takes in the daemon.  Any crash, leak or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>

#include <event2/buffer.h>

#include "frame.h"
#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
			const uint8_t *raw;
			const char *s;
			size_t n;
			uint64_t u;
			(void)proto_get_raw(&m, "data", &raw, &n);
			(void)proto_get_str(&m, "script", &s, &n);
			(void)proto_get_uint(&m, "id", &u);
		}
		frame_drain(in, len);
	}
	evbuffer_free(in);
	return 0;
}
