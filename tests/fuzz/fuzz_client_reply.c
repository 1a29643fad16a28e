/* libFuzzer target: arbitrary bytes as what libworkerclient reads from the
 * daemon, through its reply and event parsers (wc_parse.h) the way the
 * connection dispatches them: an event is parsed and shown as the JSON
 * line `workerctl watch` prints, an ok or err reply is parsed as the
 * answer to every kind of request (the rid is what picks the kind).  A
 * parse either succeeds with the error code WC_OK or fails with another
 * code and a message; an event's line, when there is one, is one JSON
 * object with its event, id and seq.  Any crash, leak, sanitizer report
 * or abort is a bug. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "frame.h"
#include "wc_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parsers own the document they are handed: each gets its own copy. */
static uint8_t *
copy(const uint8_t *doc, size_t len)
{
	uint8_t *p = malloc(len > 0 ? len : 1);

	if (p == NULL)
		abort();
	memcpy(p, doc, len);
	return p;
}

static void
check_line(const char *line)
{
	json_error_t jerr;
	json_t *o = json_loads(line, JSON_ALLOW_NUL, &jerr);

	if (o == NULL || !json_is_object(o) || !json_is_string(json_object_get(o, "event")) ||
	    !json_is_integer(json_object_get(o, "id")) || !json_is_integer(json_object_get(o, "seq")))
		abort();
	json_decref(o);
}

static void
event(const uint8_t *doc, size_t len, const struct proto_msg *m)
{
	struct wc_event ev;
	struct wc_error err;
	char *line;

	if (wc_parse_event(copy(doc, len), len, m, &ev, &err) != 0) {
		if (err.code == WC_OK || err.msg[0] == '\0')
			abort();
		return;
	}
	if ((line = wc_event_json(&ev, &err)) != NULL)
		check_line(line);
	else if (err.code == WC_OK)
		abort();
	free(line);
	wc_event_free(&ev);
}

static void
replies(const uint8_t *doc, size_t len, const struct proto_msg *m)
{
	struct wc_reply r;

	for (int op = 0; op < WC__OP_COUNT; op++) {
		int rc = wc_parse_reply(copy(doc, len), len, m, op, &r);

		if ((rc == 0) != (r.err.code == WC_OK) || (rc != 0 && r.err.msg[0] == '\0'))
			abort();
		if (rc == 0 && m->type == MSG_ERR)
			abort();
		wc_reply_free(&r);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *doc;
	size_t len, used;
	const char *why;
	struct proto_msg m;

	while (frame_parse(data, size, FRAME_MAX_DEFAULT, &doc, &len, &used, &why) == FRAME_READY) {
		if (proto_parse(doc, len, &m, &why) == -1)
			return 0;	/* the connection fails there */
		if (m.type == MSG_EV)
			event(doc, len, &m);
		else if (m.type == MSG_OK || m.type == MSG_ERR)
			replies(doc, len, &m);
		else
			return 0;
		data += used;
		size -= used;
	}
	return 0;
}
