/* libFuzzer target: arbitrary bytes as what a connection sends the compile
 * server, through its request handling up to the compiler: framing, the
 * envelope (anything but `compile` closes the connection), then
 * compiler_read_request() and the cache key.  A request it takes must
 * hold exactly its fields (NUL-free copies, the default JSX factory when
 * absent, never an empty one); one it refuses must say why.  TypeScript
 * is not loaded: what it does with a source is the compile tests' job.
 * Any crash, leak, sanitizer report or abort is a bug. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "frame.h"
#include "lowercache.h"
#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same_str(const char *copy, const struct msg_str *field)
{
	if (strlen(copy) != field->n || memcmp(copy, field->p, field->n) != 0)
		abort();
}

static void
check_taken(const struct proto_msg *m, const struct compile_req *req)
{
	struct msg_compile mc;
	const char *why;
	char key[65];

	if (msg_read_compile(m, &mc, &why) != 0)
		abort();
	same_str(req->filename, &mc.filename);
	if (mc.jsx_factory.p != NULL)
		same_str(req->jsx, &mc.jsx_factory);
	else if (strcmp(req->jsx, LOWER_DEFAULT_JSX) != 0)
		abort();
	if (*req->jsx == '\0' || req->source != (const uint8_t *)mc.source.p || req->n != mc.source.n)
		abort();
	if (lcache_key("fuzz", req->filename, req->jsx, req->source, req->n, key) != 0)
		abort();
	if (strlen(key) != 64 || strspn(key, "0123456789abcdef") != 64)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *doc;
	size_t len, used;
	const char *why;
	struct proto_msg m;
	struct compile_req req;

	while (frame_parse(data, size, COMPILER_REQUEST_MAX, &doc, &len, &used, &why) == FRAME_READY) {
		if (proto_parse(doc, len, &m, &why) == -1 || m.type != MSG_COMPILE)
			return 0;
		why = NULL;
		if (compiler_read_request(&m, &req, &why) == 0)
			check_taken(&m, &req);
		else if (why == NULL || *why == '\0')
			abort();
		compiler_request_free(&req);
		data += used;
		size -= used;
	}
	return 0;
}
