/*
 * wc_api.c - the blocking conveniences over wc_call(), error code names,
 * and JSON renderings of values and events (workerclient.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "clone_json.h"
#include "wc_req.h"
#include "workerclient.h"

static const char *const code_names[WC__CODE_COUNT] = {
	[WC_OK] = "ok", [WC_E_BAD_REQUEST] = "bad_request", [WC_E_VERSION] = "version",
	[WC_E_NO_SUCH_WORKER] = "no_such_worker", [WC_E_NO_SUCH_SCRIPT] = "no_such_script",
	[WC_E_NAME_TAKEN] = "name_taken", [WC_E_QUEUE_FULL] = "queue_full", [WC_E_LIMIT] = "limit",
	[WC_E_SPAWN_FAILED] = "spawn_failed", [WC_E_SHUTTING_DOWN] = "shutting_down",
	[WC_E_CLOSED] = "closed", [WC_E_PERMISSION] = "permission", [WC_E_INTERNAL] = "internal",
	[WC_E_UNREACHABLE] = "unreachable", [WC_E_TIMEOUT] = "timeout",
	[WC_E_PROTOCOL] = "protocol", [WC_E_USAGE] = "usage", [WC_E_LIMIT_LOCAL] = "client_limit",
};

const char *
wc_code_name(enum wc_code c)
{
	return (unsigned)c < WC__CODE_COUNT ? code_names[c] : "unknown";
}

/* Runs one request whose reply carries nothing the caller keeps. */
static int
call_simple(struct wc_conn *c, const struct wc_request *req, double timeout_s,
    struct wc_close *close_out, struct wc_error *err)
{
	struct wc_reply r;
	int rc = wc_call(c, req, timeout_s, &r);

	if (rc < 0 && err != NULL)
		*err = r.err;
	if (rc == 0 && close_out != NULL)
		*close_out = r.close;
	wc_reply_free(&r);
	return rc;
}

int
wc_spawn(struct wc_conn *c, const struct wc_spawn_opts *o, uint64_t *id, struct wc_error *err)
{
	struct wc_request req = { .op = WC_SPAWN, .spawn = o };
	struct wc_reply r;
	int rc = wc_call(c, &req, -1, &r);

	if (rc < 0 && err != NULL)
		*err = r.err;
	if (rc == 0 && id != NULL)
		*id = r.id;
	wc_reply_free(&r);
	return rc;
}

int
wc_post_clone(struct wc_conn *c, const char *wid, const uint8_t *p, size_t n, struct wc_error *err)
{
	struct wc_request req = { .op = WC_POST, .wid = wid, .data = p, .data_len = n,
		.post_wait = true };

	return call_simple(c, &req, -1, NULL, err);
}

/* One tagged-JSON text as clone bytes in b; -1 with err (usage). */
static int
json_value(struct pbuf *b, const char *json, size_t len, struct wc_error *err)
{
	char msg[256];

	pbuf_init(b);
	if (clone_from_json(json, len, b, msg, sizeof msg) == 0)
		return 0;
	pbuf_free(b);
	return wc_fail(err, WC_E_USAGE, "bad JSON: %s", msg);
}

int
wc_post_json(struct wc_conn *c, const char *wid, const char *json, size_t len, struct wc_error *err)
{
	struct pbuf b;
	int rc;

	if (json_value(&b, json, len, err) < 0)
		return -1;
	rc = wc_post_clone(c, wid, b.data, b.len, err);
	pbuf_free(&b);
	return rc;
}

int
wc_chan_post_json(struct wc_chan *ch, const char *json, size_t len, struct wc_error *err)
{
	struct pbuf b;
	int rc;

	if (json_value(&b, json, len, err) < 0)
		return -1;
	rc = wc_chan_post_clone(ch, b.data, b.len, err);
	pbuf_free(&b);
	return rc;
}

int
wc_terminate(struct wc_conn *c, const char *wid, double timeout_s, struct wc_close *out,
    struct wc_error *err)
{
	struct wc_request req = { .op = WC_TERMINATE, .wid = wid };

	return call_simple(c, &req, timeout_s, out, err);
}

int
wc_wait(struct wc_conn *c, const char *wid, double timeout_s, struct wc_close *out,
    struct wc_error *err)
{
	struct wc_request req = { .op = WC_WAIT, .wid = wid };

	return call_simple(c, &req, timeout_s, out, err);
}

int
wc_subscribe(struct wc_conn *c, const char *const *wids, size_t n, bool consume,
    struct wc_error *err)
{
	struct wc_request req = { .op = WC_SUBSCRIBE, .wids = wids, .nwids = n, .consume = consume };

	return call_simple(c, &req, -1, NULL, err);
}

int
wc_set_ref(struct wc_conn *c, const char *wid, bool ref, struct wc_error *err)
{
	struct wc_request req = { .op = ref ? WC_REF : WC_UNREF, .wid = wid };

	return call_simple(c, &req, -1, NULL, err);
}

char *
wc_value_json(const struct wc_value *v, struct wc_error *err)
{
	char msg[256];
	char *s = clone_to_json(v->p, v->n, msg, sizeof msg);

	if (s == NULL)
		wc_fail(err, WC_E_PROTOCOL, "cannot show a value as JSON: %s", msg);
	return s;
}

/* Strings from the daemon are UTF-8 by the protocol; a stray bad byte
 * still must not lose the whole line, so it becomes U+FFFD.  n bytes, NULs
 * included (jansson writes them as \u0000). */
static json_t *
jstrn(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);
	char *fixed, *w;
	const unsigned char *p;

	if (j != NULL || n > (SIZE_MAX - 1) / 3)
		return j;
	fixed = malloc(n * 3 + 1);
	if (fixed == NULL)
		return NULL;
	for (p = (const unsigned char *)s, w = fixed; p < (const unsigned char *)s + n; p++) {
		if (*p < 0x80) {
			*w++ = (char)*p;
		} else {
			memcpy(w, "\xEF\xBF\xBD", 3);
			w += 3;
		}
	}
	j = json_stringn(fixed, (size_t)(w - fixed));
	free(fixed);
	return j;
}

static json_t *
jstr(const char *s)
{
	return jstrn(s, strlen(s));
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL)
		json_object_set_new(o, key, jstr(s));
}

static json_t *
error_object(const struct wc_event *ev)
{
	json_t *e = json_object();

	set_str(e, "name", ev->err_name);
	set_str(e, "message", ev->err_message);
	if (ev->kind == WC_EV_ERROR) {
		set_str(e, "stack", ev->err_stack);
		set_str(e, "filename", ev->err_filename);
		if (ev->err_filename != NULL) {
			json_object_set_new(e, "lineno", json_integer((json_int_t)ev->err_lineno));
			json_object_set_new(e, "colno", json_integer((json_int_t)ev->err_colno));
		}
	}
	return e;
}

static void
event_fields(json_t *o, const struct wc_event *ev)
{
	switch (ev->kind) {
	case WC_EV_MESSAGEERROR:
	case WC_EV_ERROR:
		json_object_set_new(o, "error", error_object(ev));
		break;
	case WC_EV_LOG:
		set_str(o, "level", ev->level);
		if (ev->text != NULL)
			json_object_set_new(o, "text", jstrn(ev->text, ev->text_len));
		break;
	case WC_EV_CLOSE:
		json_object_set_new(o, "code", json_integer((json_int_t)ev->close.code));
		json_object_set_new(o, "signal", ev->close.signal[0] != '\0' ?
		    jstr(ev->close.signal) : json_null());
		set_str(o, "reason", ev->close.reason);
		break;
	case WC_EV_GAP:
		json_object_set_new(o, "from", json_integer((json_int_t)ev->gap_from));
		json_object_set_new(o, "to", json_integer((json_int_t)ev->gap_to));
		break;
	default:
		break;
	}
}

/* The envelope is rendered by jansson; message data, already JSON text from
 * clone_to_json, is spliced in before the closing brace so it is printed
 * exactly as the codec wrote it. */
char *
wc_event_json(const struct wc_event *ev, struct wc_error *err)
{
	json_t *o = json_object();
	char *env, *data, *line = NULL;
	size_t n;

	json_object_set_new(o, "event", jstr(ev->name));
	json_object_set_new(o, "id", json_integer((json_int_t)ev->id));
	json_object_set_new(o, "seq", json_integer((json_int_t)ev->seq));
	event_fields(o, ev);
	env = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (env == NULL) {
		wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
		return NULL;
	}
	if (ev->kind != WC_EV_MESSAGE)
		return env;
	if ((data = wc_value_json(&ev->data, err)) == NULL) {
		free(env);
		return NULL;
	}
	n = strlen(env);
	if (asprintf(&line, "%.*s,\"data\":%s}", (int)(n - 1), env, data) < 0) {
		line = NULL;
		wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
	}
	free(env);
	free(data);
	return line;
}
