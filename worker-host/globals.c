#include "globals.h"

#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "clone_duk.h"
#include "console.h"
#include "coremod.h"
#include "host.h"
#include "js_events.h"
#include "js_web_abort.h"
#include "js_web_blob.h"
#include "js_web_channels.h"
#include "js_web_streams.h"
#include "js_web_streams_codecs.h"
#include "js_web_crypto.h"
#include "js_web_encoding.h"
#include "js_web_events.h"
#include "js_web_navigator.h"
#include "js_web_perf.h"
#include "js_process.h"
#include "mod_channel.h"
#include "mod_fs.h"
#include "mod_hash.h"
#include "mod_http.h"
#include "mod_zlib.h"
#include "js_require.h"
#include "hchan.h"
#include "hlink.h"
#include "loop.h"
#include "mod_os.h"
#include "mod_vm.h"
#include "mod_tty.h"
#include "mod_url.h"
#include "msgevent.h"
#include "mod_crypto.h"
#include "process.h"
#include "report.h"
#include "require.h"
#include "rt_define.h"
#include "rt_inspect.h"
#include "webmod.h"
#include "wire.h"

#define K_INTERNAL DUK_HIDDEN_SYMBOL("internal")
#define K_NATIVE DUK_HIDDEN_SYMBOL("native")

int
globals_call(duk_context *ctx, const char *name, duk_idx_t nargs)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_INTERNAL);
	duk_get_prop_string(ctx, -1, name);
	duk_insert(ctx, -(nargs + 3));
	duk_pop_2(ctx);
	return duk_pcall(ctx, nargs);
}

bool
globals_has(duk_context *ctx, const char *name)
{
	bool has;

	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_INTERNAL);
	duk_get_prop_string(ctx, -1, name);
	has = duk_is_function(ctx, -1);
	duk_pop_3(ctx);
	return has;
}

struct encode_args {
	duk_idx_t val;
	duk_idx_t transfer;
	duk_idx_t ports;
	struct pbuf *out;
	int rc;
	char err[256];
};

static duk_ret_t
encode_safe(duk_context *ctx, void *udata)
{
	struct encode_args *a = udata;

	a->rc = clone_encode_ports(ctx, a->val, a->transfer, a->ports, a->out, a->err, sizeof(a->err));
	if (a->rc == -2)
		return duk_throw(ctx);
	return 0;
}

static duk_idx_t
norm(duk_context *ctx, duk_idx_t idx)
{
	return idx == DUK_INVALID_INDEX ? idx : duk_normalize_index(ctx, idx);
}

void
globals_encode(duk_context *ctx, duk_idx_t val, duk_idx_t transfer, duk_idx_t ports, struct pbuf *out)
{
	struct encode_args a = {
		.val = duk_normalize_index(ctx, val), .transfer = norm(ctx, transfer), .ports = norm(ctx, ports),
		.out = out, .rc = -1,
	};

	if (duk_safe_call(ctx, encode_safe, &a, 0, 1) != 0) {
		pbuf_free(out);
		(void)duk_throw(ctx);
	}
	duk_pop(ctx);
	if (a.rc == -1) {
		pbuf_free(out);
		(void)report_throw_clone_error(ctx, a.err);
	}
}

/* The transfer list of postMessage(v, [..]) / postMessage(v, {transfer}) /
 * structuredClone(v, {transfer}); pushes it, or returns
 * DUK_INVALID_INDEX when there is none. */
static duk_idx_t
transfer_list(duk_context *ctx, duk_idx_t arg)
{
	if (duk_is_array(ctx, arg)) {
		duk_dup(ctx, arg);
		return duk_get_top_index(ctx);
	}
	if (!duk_is_object(ctx, arg) || duk_is_function(ctx, arg))
		return DUK_INVALID_INDEX;
	duk_get_prop_string(ctx, arg, "transfer");
	if (duk_is_undefined(ctx, -1)) {
		duk_pop(ctx);
		return DUK_INVALID_INDEX;
	}
	if (!duk_is_array(ctx, -1))
		(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "the transfer list must be an array");
	return duk_get_top_index(ctx);
}

static duk_ret_t
post_message(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct pbuf data;
	size_t n;

	if (duk_get_top(ctx) == 0)
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "postMessage requires at least 1 argument, but only 0 were passed");
	duk_set_top(ctx, 2);
	pbuf_init(&data);
	/* a value too big for one frame fails while encoding, before it
	 * costs memory outside the heap cap */
	data.limit = h->max_frame;
	globals_encode(ctx, 0, transfer_list(ctx, 1), DUK_INVALID_INDEX, &data);
	n = data.len;
	if (msg_write_data(link_frame(h), MSG_MESSAGE, &(struct msg_data){ { data.data, data.len } }) == -1 ||
	    chan_post(h) == -1) {
		pbuf_free(&data);
		duk_push_sprintf(ctx, "message too large: %zu bytes, the frame limit is %zu", n, h->max_frame);
		return report_throw_clone_error(ctx, duk_get_string(ctx, -1));
	}
	pbuf_free(&data);
	return 0;
}

struct decode_args {
	const uint8_t *p;
	size_t n;
	duk_idx_t ports;
	int rc;
	char *err;
	size_t errlen;
};

static duk_ret_t
decode_safe(duk_context *ctx, void *udata)
{
	struct decode_args *a = udata;

	a->rc = clone_decode_ports(ctx, a->p, a->n, a->ports, a->err, a->errlen);
	if (a->rc == -1)
		duk_push_undefined(ctx);
	return 1;
}

int
globals_decode(duk_context *ctx, const uint8_t *p, size_t n, duk_idx_t ports, char *err, size_t errlen)
{
	struct decode_args a = { .p = p, .n = n, .ports = norm(ctx, ports), .rc = -1, .err = err, .errlen = errlen };

	if (duk_safe_call(ctx, decode_safe, &a, 0, 1) != 0) {
		snprintf(err, errlen, "%s", duk_safe_to_string(ctx, -1));
		a.rc = -1;
	}
	if (a.rc == -1)
		duk_pop(ctx);
	return a.rc;
}

static duk_ret_t
structured_clone(duk_context *ctx)
{
	struct pbuf data;
	char err[256];
	int rc;

	if (duk_get_top(ctx) == 0)
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "structuredClone requires at least 1 argument, but only 0 were passed");
	duk_set_top(ctx, 2);
	pbuf_init(&data);
	data.limit = host_get(ctx)->alloc.cap;
	globals_encode(ctx, 0, transfer_list(ctx, 1), DUK_INVALID_INDEX, &data);
	rc = globals_decode(ctx, data.data, data.len, DUK_INVALID_INDEX, err, sizeof(err));
	pbuf_free(&data);
	if (rc == -1)
		return report_throw_clone_error(ctx, err);
	return 1;
}

static duk_ret_t
close_worker(duk_context *ctx)
{
	loop_close(host_get(ctx));
	return 0;
}

static duk_ret_t
perf_now(duk_context *ctx)
{
	duk_push_number(ctx, mono_ms() - host_get(ctx)->t0);
	return 1;
}

static duk_ret_t
time_origin(duk_context *ctx)
{
	duk_push_number(ctx, host_get(ctx)->wall0);
	return 1;
}

static duk_ret_t
heap_bytes(duk_context *ctx)
{
	duk_push_number(ctx, (double)host_get(ctx)->alloc.used);
	return 1;
}

/* A listener threw: report it like any uncaught error (may not return). */
static duk_ret_t
report_error(duk_context *ctx)
{
	duk_set_top(ctx, 1);
	report_uncaught(host_get(ctx));
	return 0;
}

static duk_ret_t
inspect(duk_context *ctx)
{
	duk_set_top(ctx, 1);
	rt_format_args(ctx, 0, 1);
	return 1;
}

static void
run_js(duk_context *ctx, const char *src, size_t len, const char *file, duk_idx_t native, duk_idx_t internal)
{
	duk_push_string(ctx, file);
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, src, len);
	duk_call(ctx, 0);
	/* fn.prototype.constructor is fn: a cycle only a full collection
	 * frees (and a template must not collect: builtins.md says why).
	 * Cut, the wrapper goes with the call. */
	duk_push_undefined(ctx);
	duk_put_prop_literal(ctx, -2, "prototype");
	duk_push_global_object(ctx);
	duk_dup(ctx, native);
	duk_dup(ctx, internal);
	duk_call(ctx, 3);
	duk_pop(ctx);
}

/*
 * Globals that load on first touch.  Each file defines all of its names on
 * the global object (plain data properties, which replace these
 * accessors), so a worker that never names them pays for three accessor
 * properties made once in the template.  Assigning one loads the file
 * first: the script's value is not overwritten by a later load.
 */
struct lazy_file {
	const char *src;
	size_t len;
	const char *file;
	const char *const *names;
};

static const char *const channel_names[] = { "MessageChannel", "MessagePort", "BroadcastChannel", NULL };
static const char *const stream_names[] = {
	"ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader",
	"ReadableStreamBYOBRequest", "ReadableByteStreamController", "ReadableStreamDefaultController",
	"TransformStream", "TransformStreamDefaultController", "WritableStream",
	"WritableStreamDefaultWriter", "WritableStreamDefaultController", "ByteLengthQueuingStrategy",
	"CountQueuingStrategy", NULL
};
static const char *const codec_names[] = {
	"TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream", NULL
};

static const struct lazy_file lazy_files[] = {
	{ js_web_channels, sizeof(js_web_channels) - 1, "worker-host/web_channels.js", channel_names },
	{ js_web_streams, sizeof(js_web_streams) - 1, "worker-host/web_streams.js", stream_names },
	{ js_web_streams_codecs, sizeof(js_web_streams_codecs) - 1, "worker-host/web_streams_codecs.js", codec_names },
};

/* The file that defines the global named by the accessor's key (Duktape
 * passes it to native accessors), so that one getter and one setter serve
 * every name: two functions in the template, not two per name. */
static const struct lazy_file *
lazy_find(duk_context *ctx, duk_idx_t key, const char **name)
{
	const char *k = duk_require_string(ctx, key);
	size_t i, j;

	for (i = 0; i < sizeof(lazy_files) / sizeof(lazy_files[0]); i++) {
		for (j = 0; lazy_files[i].names[j] != NULL; j++) {
			if (strcmp(lazy_files[i].names[j], k) == 0) {
				*name = lazy_files[i].names[j];
				return &lazy_files[i];
			}
		}
	}
	(void)duk_error(ctx, DUK_ERR_ERROR, "no lazy global %s", k);
	return NULL;
}

static void
lazy_load(duk_context *ctx, const struct lazy_file *f)
{
	duk_idx_t top = duk_get_top(ctx), global;

	duk_push_global_object(ctx);
	global = duk_get_top_index(ctx);
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, K_NATIVE);
	duk_get_prop_string(ctx, -2, K_INTERNAL);
	run_js(ctx, f->src, f->len, f->file, global + 2, global + 3);
	duk_set_top(ctx, top);
}

static duk_ret_t
lazy_get(duk_context *ctx)
{
	const char *name;

	lazy_load(ctx, lazy_find(ctx, 0, &name));
	duk_get_global_string(ctx, name);
	return 1;
}

static duk_ret_t
lazy_set(duk_context *ctx)
{
	const char *name;
	const struct lazy_file *f = lazy_find(ctx, 1, &name);

	duk_set_top(ctx, 1);
	lazy_load(ctx, f);
	duk_push_global_object(ctx);
	duk_push_string(ctx, name);
	duk_dup(ctx, 0);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_SET_CONFIGURABLE);
	return 0;
}

static void
install_lazy(duk_context *ctx, duk_idx_t global)
{
	size_t i, j;

	rt_push_native(ctx, "get", lazy_get, 1);
	rt_push_native(ctx, "set", lazy_set, 2);
	for (i = 0; i < sizeof(lazy_files) / sizeof(lazy_files[0]); i++) {
		for (j = 0; lazy_files[i].names[j] != NULL; j++) {
			duk_push_string(ctx, lazy_files[i].names[j]);
			duk_dup(ctx, -3);
			duk_dup(ctx, -3);
			duk_def_prop(ctx, global, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER |
			    DUK_DEFPROP_SET_CONFIGURABLE);
		}
	}
	duk_pop_2(ctx);
}

/* The CPUs this process may run on (navigator.hardwareConcurrency), as
 * Node's os.availableParallelism() counts them. */
static int
cpu_count(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

static void
install_name(duk_context *ctx, duk_idx_t global)
{
	struct host *h = host_get(ctx);
	const struct msg_str *s = &h->init.name;

	duk_push_string(ctx, "name");
	if (s->p == NULL || wire_push_str(ctx, s->p, s->n) == -1)
		duk_push_string(ctx, "");
	duk_def_prop(ctx, global, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
	    DUK_DEFPROP_SET_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
}

void
globals_install(duk_context *ctx)
{
	duk_idx_t global, native, internal;

	duk_push_global_object(ctx);
	global = duk_get_top_index(ctx);
	native = duk_push_object(ctx);
	internal = duk_push_object(ctx);
	rt_def_method(ctx, native, "now", perf_now, 0);
	rt_def_method(ctx, native, "timeOrigin", time_origin, 0);
	rt_def_method(ctx, native, "heapBytes", heap_bytes, 0);
	rt_def_method(ctx, native, "reportError", report_error, 1);
	rt_def_method(ctx, native, "inspect", inspect, 1);
	duk_push_int(ctx, cpu_count());
	duk_put_prop_string(ctx, native, "cpuCount");
	console_natives(ctx, native);
	crypto_natives(ctx, native);
	process_natives(ctx, native);
	require_natives(ctx, native);
	fs_natives(ctx, native);
	zlib_natives(ctx, native);
	http_natives(ctx, native);
	hash_natives(ctx, native);
	coremod_natives(ctx, native);
	os_natives(ctx, native);
	vm_natives(ctx, native);
	tty_natives(ctx, native);
	channel_natives(ctx, native);
	url_natives(ctx, native);
	msgevent_natives(ctx, native);

	duk_push_heap_stash(ctx);
	duk_dup(ctx, internal);
	duk_put_prop_string(ctx, -2, K_INTERNAL);
	duk_dup(ctx, native);
	duk_put_prop_string(ctx, -2, K_NATIVE);
	duk_pop(ctx);
	/* the timer the lazy files schedule their tasks with, before a
	 * script can replace it */
	duk_get_prop_string(ctx, global, "setImmediate");
	duk_put_prop_string(ctx, internal, "setImmediate");

	run_js(ctx, js_web_events, js_web_events_len, "worker-host/web_events.js", native, internal);
	run_js(ctx, js_web_abort, js_web_abort_len, "worker-host/web_abort.js", native, internal);
	run_js(ctx, js_web_blob, js_web_blob_len, "worker-host/web_blob.js", native, internal);
	run_js(ctx, js_web_perf, js_web_perf_len, "worker-host/web_perf.js", native, internal);
	run_js(ctx, js_web_navigator, js_web_navigator_len, "worker-host/web_navigator.js", native, internal);
	run_js(ctx, js_web_encoding, js_web_encoding_len, "worker-host/web_encoding.js", native, internal);
	run_js(ctx, js_web_crypto, js_web_crypto_len, "worker-host/web_crypto.js", native, internal);
	run_js(ctx, js_events, js_events_len, "worker-host/events.js", native, internal);
	run_js(ctx, js_process, js_process_len, "worker-host/process.js", native, internal);
	run_js(ctx, js_require, js_require_len, "worker-host/require.js", native, internal);
	webmod_install(ctx, global, native, internal);
	msgevent_install(ctx);

	/* Node's and Bun's name for the global object, which npm code uses. */
	duk_push_string(ctx, "global");
	duk_dup(ctx, global);
	rt_def_hidden(ctx, global);
	rt_def_method(ctx, global, "postMessage", post_message, DUK_VARARGS);
	rt_def_method(ctx, global, "structuredClone", structured_clone, DUK_VARARGS);
	rt_def_method(ctx, global, "close", close_worker, 0);
	install_lazy(ctx, global);
	duk_set_top(ctx, global);
}

void
globals_personalize(duk_context *ctx)
{
	duk_idx_t global;

	duk_push_global_object(ctx);
	global = duk_get_top_index(ctx);
	install_name(ctx, global);
	duk_get_prop_string(ctx, global, "performance");
	duk_push_string(ctx, "timeOrigin");
	duk_push_number(ctx, host_get(ctx)->wall0);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_ENUMERABLE);
	duk_set_top(ctx, global);
	process_personalize(ctx);
}
