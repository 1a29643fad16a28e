/* libFuzzer target: the tagged-JSON converter, both directions.  The first
 * byte picks the direction; whatever converts must convert back to the
 * same thing (printing is idempotent, parsing a printed value gives the
 * same bytes).  Any crash, leak, sanitizer report or abort is a bug. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clone_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Printed text -> bytes -> text must give the text back. */
static void
check_text(const char *text)
{
	struct pbuf b;
	char err[256];
	char *again;

	pbuf_init(&b);
	if (clone_from_json(text, strlen(text), &b, err, sizeof(err)) != 0)
		abort();
	again = clone_to_json(b.data, b.len, err, sizeof(err));
	if (again == NULL || strcmp(again, text) != 0)
		abort();
	free(again);
	pbuf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pbuf b;
	char err[256];
	char *text;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		pbuf_init(&b);
		if (clone_from_json((const char *)data + 1, size - 1, &b, err, sizeof(err)) == 0) {
			text = clone_to_json(b.data, b.len, err, sizeof(err));
			if (text == NULL)
				abort();
			check_text(text);
			free(text);
		}
		pbuf_free(&b);
		return 0;
	}
	text = clone_to_json(data + 1, size - 1, err, sizeof(err));
	if (text != NULL) {
		check_text(text);
		free(text);
	}
	return 0;
}
