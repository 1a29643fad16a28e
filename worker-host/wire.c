#include "wire.h"

#include <string.h>

#include <stdbool.h>
#include <stdint.h>

#include "utf8.h"

int
wire_push_str(duk_context *ctx, const void *p, size_t n)
{
	struct pbuf b;

	pbuf_init(&b);
	if (utf8_to_cesu8(p, n, false, &b) == -1) {
		pbuf_free(&b);
		return -1;
	}
	duk_push_lstring(ctx, (const char *)b.data, b.len);
	pbuf_free(&b);
	return 0;
}

/* A lone surrogate in WTF-8 is ED A0..BF xx; a pair is always 4 bytes. */
static void
replace_lone(uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (p[i] == 0xED && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBF) {
			p[i] = 0xEF;
			p[i + 1] = 0xBF;
			p[i + 2] = 0xBD;
			i += 2;
		}
	}
}

int
wire_utf8(struct pbuf *out, const char *p, size_t n)
{
	size_t start = out->len;
	bool lone = false;

	if (cesu8_to_wtf8((const uint8_t *)p, n, out, &lone) == -1) {
		pbuf_truncate(out, start);
		return pbuf_append(out, "\xEF\xBF\xBD", 3);
	}
	if (lone)
		replace_lone(out->data + start, out->len - start);
	return 0;
}

int
wire_utf8_at(struct pbuf *out, duk_context *ctx, duk_idx_t idx)
{
	duk_size_t n;
	const char *s;
	int rc;

	if (duk_is_string(ctx, idx) && !duk_is_symbol(ctx, idx)) {
		s = duk_get_lstring(ctx, idx, &n);
		return wire_utf8(out, s, n);
	}
	duk_dup(ctx, idx);
	s = duk_safe_to_lstring(ctx, -1, &n);
	rc = wire_utf8(out, s, n);
	duk_pop(ctx);
	return rc;
}

void *
wire_push_u8(duk_context *ctx, const void *p, size_t n)
{
	void *data = duk_push_fixed_buffer(ctx, n);

	if (p != NULL && n > 0)
		memcpy(data, p, n);
	duk_push_buffer_object(ctx, -1, 0, n, DUK_BUFOBJ_UINT8ARRAY);
	duk_remove(ctx, -2);
	return data;
}
