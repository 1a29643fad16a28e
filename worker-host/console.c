#include "console.h"

#include <string.h>

#include "frame.h"
#include "host.h"
#include "hlink.h"
#include "rt_define.h"
#include "rt_inspect.h"
#include "wire.h"

static const char *const levels[] = { "log", "info", "warn", "error", "debug" };

static int
send_line(struct host *h, const char *level, const char *text, size_t n)
{
	struct msg_log m = { .level = { level, strlen(level) } };
	struct pbuf utf8;
	int rc = -1;

	pbuf_init(&utf8);
	if (wire_utf8(&utf8, text, n) == 0) {
		m.text = (struct msg_str){ utf8.len > 0 ? (const char *)utf8.data : "", utf8.len };
		rc = msg_write_log(link_frame(h), &m) == -1 ? -1 : link_commit(h);
	}
	pbuf_free(&utf8);
	return rc;
}

static duk_ret_t
console_method(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	const char *level = levels[duk_get_current_magic(ctx)];
	duk_size_t len, n;
	const char *text;

	rt_format_args(ctx, 0, duk_get_top(ctx));
	text = duk_get_lstring(ctx, -1, &len);
	if (send_line(h, level, text, len) == 0)
		return 0;
	/* over the frame limit: cut at a character boundary */
	n = h->max_frame > FRAME_OVERHEAD ? h->max_frame - FRAME_OVERHEAD : 0;
	if (n >= len)
		return 0;
	while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	(void)send_line(h, level, text, n);
	return 0;
}

/* native.writeLog(levelIndex, text): a line as it is, no formatting
 * (process.stdout.write and process.stderr.write). */
static duk_ret_t
write_log(duk_context *ctx)
{
	duk_uint_t level = duk_to_uint(ctx, 0);
	duk_size_t n;
	const char *text = duk_safe_to_lstring(ctx, 1, &n);

	if (level >= sizeof(levels) / sizeof(levels[0]))
		level = 0;
	(void)send_line(host_get(ctx), levels[level], text, n);
	return 0;
}

void
console_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "writeLog", write_log, 2);
}

void
console_install(duk_context *ctx)
{
	duk_push_global_object(ctx);
	duk_push_object(ctx);
	for (int i = 0; i < (int)(sizeof(levels) / sizeof(levels[0])); i++) {
		rt_push_native(ctx, levels[i], console_method, DUK_VARARGS);
		duk_set_magic(ctx, -1, i);
		duk_put_prop_string(ctx, -2, levels[i]);
	}
	rt_def_tag(ctx, -1, "console");
	duk_put_prop_string(ctx, -2, "console");
	duk_pop(ctx);
}
