/*
 * seeds.c - the seed inputs of the fuzz targets (seeds.h).  Values first
 * (tagged JSON, one per kind the codec knows, then the hostile corpus),
 * then frames of every kind built around them; a target's seeds are the
 * frames it reads in real life.
 */
#include "seeds.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clone_corpus.h"
#include "clone_json.h"
#include "frame.h"
#include "msg.h"
#include "mpwrite.h"
#include "proto.h"

/* One value of every kind the clone knows, as tagged JSON (docs/protocol.md 4.4). */
static const char *const json_values[] = {
	"null", "true", "0", "-1.5", "\"\"", "\"h\\u00e9llo \\ud83d\\ude00\"",
	"{\"$type\":\"undefined\"}", "{\"$type\":\"number\",\"value\":\"-0\"}",
	"{\"$type\":\"number\",\"value\":\"NaN\"}", "{\"$type\":\"bigint\",\"value\":\"-12345678901234567890\"}",
	"{\"$type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"}", "{\"$type\":\"Date\",\"value\":null}",
	"{\"$type\":\"RegExp\",\"source\":\"a+(b|c)\",\"flags\":\"gim\"}",
	"{\"$type\":\"Boolean\",\"value\":false}", "{\"$type\":\"Number\",\"value\":3}",
	"{\"$type\":\"String\",\"value\":\"s\"}",
	"{\"$type\":\"string\",\"codeUnits\":[55357,97]}",
	"[1,{\"$type\":\"hole\"},3]", "[{\"$type\":\"hole\",\"count\":1000000}]",
	"{\"$type\":\"Array\",\"length\":5,\"items\":[1],\"props\":{\"x\":2}}",
	"{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}",
	"{\"$type\":\"object\",\"value\":{\"$type\":1}}",
	"{\"$type\":\"object\",\"entries\":[[\"a\\u0000b\",1]]}",
	"{\"$type\":\"Map\",\"entries\":[[1,\"one\"],[{\"$type\":\"ref\",\"index\":0},2]]}",
	"{\"$type\":\"Set\",\"values\":[1,\"1\",{\"$type\":\"undefined\"}]}",
	"{\"$type\":\"ArrayBuffer\",\"base64\":\"AAECAwQFBgc=\"}",
	"{\"$type\":\"Uint8Array\",\"base64\":\"AQID\"}", "{\"$type\":\"Float64Array\",\"base64\":\"AAAAAAAA8D8=\"}",
	"{\"$type\":\"BigInt64Array\",\"base64\":\"AQAAAAAAAAA=\"}",
	"[{\"$type\":\"ArrayBuffer\",\"base64\":\"AAECAwQFBgc=\"},{\"$type\":\"DataView\","
	    "\"buffer\":{\"$type\":\"ref\",\"index\":1},\"byteOffset\":2,\"length\":4},"
	    "{\"$type\":\"Int16Array\",\"buffer\":{\"$type\":\"ref\",\"index\":1},\"byteOffset\":0,\"length\":2}]",
	"{\"$type\":\"Error\",\"name\":\"TypeError\",\"message\":\"bad\",\"stack\":\"at x\"}",
	"{\"$type\":\"Error\",\"name\":\"Custom\",\"message\":\"m\"}",
	"[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
	"{\"self\":{\"$type\":\"ref\",\"index\":0}}",
};

#define NJSON (sizeof(json_values) / sizeof(json_values[0]))

/* Every value seed: the valid ones, then the corpus of refusals. */
struct values {
	struct pbuf b[NJSON];
};

static int
values_make(struct values *v)
{
	char err[256];

	for (size_t i = 0; i < NJSON; i++) {
		pbuf_init(&v->b[i]);
		if (clone_from_json(json_values[i], strlen(json_values[i]), &v->b[i], err, sizeof(err)) != 0)
			return -1;
	}
	return 0;
}

static void
values_free(struct values *v)
{
	for (size_t i = 0; i < NJSON; i++)
		pbuf_free(&v->b[i]);
}

/* The i-th value seed, i < NJSON + clone_corpus_len. */
static struct msg_val
value_at(const struct values *v, size_t i)
{
	if (i < NJSON)
		return (struct msg_val){ v->b[i].data, v->b[i].len };
	return (struct msg_val){ clone_corpus[i - NJSON].p, clone_corpus[i - NJSON].n };
}

#define STR(s) ((struct msg_str){ s, sizeof(s) - 1 })

/* Frames the target reads, in one buffer each or all in a row. */
struct gen {
	seed_fn fn;
	void *arg;
	const struct values *v;
	struct pbuf frame;
	struct pbuf all;	/* every frame so far, for the stream seed */
	bool failed;
};

static void
emit(struct gen *g)
{
	if (g->frame.len == 0) {
		g->failed = true;
		return;
	}
	g->fn(g->frame.data, g->frame.len, g->arg);
	if (pbuf_append(&g->all, g->frame.data, g->frame.len) == -1)
		g->failed = true;
	pbuf_reset(&g->frame);
}

static void
check(struct gen *g, int rc)
{
	if (rc != 0) {
		g->failed = true;
		pbuf_reset(&g->frame);
		return;
	}
	emit(g);
}

/* The frames of the daemon -> host link after init. */
static void
host_frames(struct gen *g)
{
	long off;

	for (size_t i = 0; i < NJSON + clone_corpus_len; i++)
		check(g, msg_write_data(&g->frame, MSG_POST, &(struct msg_data){ value_at(g->v, i) }));
	check(g, msg_write_bare(&g->frame, MSG_STATS));
	/* ring frames: without the descriptor a ring is refused, a post_ring
	 * has no ring to read, ring_end has nothing to drop */
	check(g, msg_write_ring(&g->frame, &(struct msg_ring){ .id = { .id = 7 }, .size = 1 << 16 }));
	check(g, msg_write_post_ring(&g->frame, &(struct msg_post_ring){ 100 }));
	check(g, msg_write_bare(&g->frame, MSG_RING_END));
	/* a type a later protocol may add, and a post without its data */
	check(g, (off = proto_begin(&g->frame, MSG_TERMINATE, 0)) < 0 ? -1 : proto_end(&g->frame, off));
	check(g, (off = proto_begin(&g->frame, MSG_POST, 0)) < 0 ? -1 : proto_end(&g->frame, off));
}

static void
compile_frames(struct gen *g)
{
	struct msg_compile c = { .rid = 1, .filename = STR("/srv/app/main.ts"),
		.source = STR("const x: number = 1;\nexport default x;\n") };

	check(g, msg_write_compile(&g->frame, &c));
	c.rid = 2;
	c.filename = STR("/srv/app/view.tsx");
	c.source = STR("export const v = <b>{1}</b>;\n");
	c.jsx_factory = STR("h");
	check(g, msg_write_compile(&g->frame, &c));
	c.rid = 3;
	c.jsx_factory = STR("");
	check(g, msg_write_compile(&g->frame, &c));
	c.rid = 4;
	c.filename = STR("/srv/a\0b.ts");
	check(g, msg_write_compile(&g->frame, &c));
	check(g, msg_write_ok(&g->frame, &(struct msg_ok){ .rid = 5 }));
}

static int
status_list(struct pbuf *b, struct msg_list *l)
{
	struct msg_status s = { .id = 7, .name = STR("w1"), .script = STR("/srv/w.js"), .pid = 4242,
		.state = STR("running"), .owner = STR("alice"), .ref = true, .uptime_s = 1.5,
		.rss_bytes = 1 << 20, .heap_bytes = 1 << 16, .msgs_in = 3, .msgs_out = 4 };
	size_t start = b->len;

	if (mpw_array(b, 2) != 0 || msg_write_status(b, &s) != 0)
		return -1;
	s.id = 8;
	s.closed = true;
	s.code = 1;
	s.reason = STR("error");
	s.signal = STR("SIGKILL");
	if (msg_write_status(b, &s) != 0)
		return -1;
	return msg_list_from(l, b->data + start, b->len - start);
}

static int
line_list(struct pbuf *b, struct msg_list *l)
{
	size_t start = b->len;

	if (mpw_array(b, 2) != 0 || msg_write_line(b, &(struct msg_line){ STR("log"), STR("hello") }) != 0 ||
	    msg_write_line(b, &(struct msg_line){ STR("error"), STR("\xc3\xa9t\xc3\xa9") }) != 0)
		return -1;
	return msg_list_from(l, b->data + start, b->len - start);
}

static int
value_list(struct gen *g, struct pbuf *b, struct msg_list *l)
{
	size_t start = b->len;

	if (mpw_array(b, 3) != 0)
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (mpw_raw(b, g->v->b[i * 7].data, g->v->b[i * 7].len) != 0)
			return -1;
	return msg_list_from(l, b->data + start, b->len - start);
}

static void
replies(struct gen *g)
{
	struct pbuf lists;
	struct msg_list l;
	struct msg_status_ok st = { .rid = 6, .worker = { .id = 9, .name = STR("solo"),
		.script = STR("/srv/s.js"), .pid = 1, .state = STR("starting"), .owner = STR("root") } };

	pbuf_init(&lists);
	check(g, msg_write_ok(&g->frame, &(struct msg_ok){ .rid = 1 }));
	check(g, msg_write_spawn_ok(&g->frame, &(struct msg_spawn_ok){ .rid = 2, .id = 7, .name = STR("w1"), .pid = 99 }));
	check(g, msg_write_close_ok(&g->frame, &(struct msg_close_ok){ .rid = 3, .code = 143,
	    .reason = STR("terminated"), .signal = STR("SIGTERM") }));
	check(g, value_list(g, &lists, &l) != 0 ? -1 :
	    msg_write_recv_ok(&g->frame, &(struct msg_recv_ok){ .rid = 4, .msgs = l, .closed = true }));
	check(g, status_list(&lists, &l) != 0 ? -1 :
	    msg_write_list_ok(&g->frame, &(struct msg_list_ok){ .rid = 5, .workers = l }));
	check(g, msg_write_status_ok(&g->frame, &st));
	check(g, line_list(&lists, &l) != 0 ? -1 :
	    msg_write_logs_ok(&g->frame, &(struct msg_logs_ok){ .rid = 7, .lines = l }));
	check(g, msg_write_err(&g->frame, &(struct msg_err){ .rid = 8, .code = PE_NO_SUCH_WORKER,
	    .msg = STR("no worker w9") }));
	check(g, msg_write_err(&g->frame, &(struct msg_err){ .rid = 9, .code = PE_BAD_REQUEST,
	    .msg = STR("x.ts:1:2: ';' expected"), .filename = STR("/srv/x.ts"), .has_pos = true,
	    .lineno = 1, .colno = 2 }));
	pbuf_free(&lists);
}

static void
events(struct gen *g)
{
	struct msg_error e = { .name = STR("TypeError"), .message = STR("x is not a function"),
		.stack = STR("TypeError: x\n    at main (/srv/w.js:3:1)"), .filename = STR("/srv/w.js"),
		.has_pos = true, .lineno = 3, .colno = 1 };

	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_OPEN, .id = 7, .seq = 1 }));
	for (size_t i = 0; i < NJSON; i += 3)
		check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_MESSAGE, .id = 7, .seq = 2 + i,
		    .data = value_at(g->v, i) }));
	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_MESSAGEERROR, .id = 7, .seq = 40,
	    .error = { .name = STR("DataCloneError"), .message = STR("cannot clone") } }));
	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_ERROR, .id = 7, .seq = 41, .error = e }));
	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_LOG, .id = 7, .seq = 42,
	    .level = STR("warn"), .text = STR("careful \xe2\x9a\xa0") }));
	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_CLOSE, .id = 7, .seq = 43, .code = 0,
	    .reason = STR("exit") }));
	check(g, msg_write_ev(&g->frame, &(struct msg_ev){ .kind = MEV_GAP, .id = 7, .seq = 44, .from = 10, .to = 20 }));
}

/* What a client and a host send the daemon, for the envelope fuzzer. */
static void
requests(struct gen *g)
{
	static const char *const args[] = { "a", "b" }, *const env[] = { "K=V" }, *const ids[] = { "7", "w1" };
	struct msg_spawn sp = { .rid = 1, .script = STR("/srv/w.js"), .cwd = STR("/srv"),
		.args = { .count = 2, .v = args }, .env = { .count = 1, .v = env }, .ref = true,
		.name = STR("w1"), .heap_limit = 1 << 26 };
	struct msg_init in = { .id = 7, .name = STR("w1"), .script = STR("/srv/w.js"),
		.args = { .count = 2, .v = args }, .env = { .count = 1, .v = env }, .max_frame = 1 << 20,
		.jsx_factory = STR("h"), .uid = 1000, .gid = 1000 };

	check(g, msg_write_hello(&g->frame, &(struct msg_hello){ .v = 1, .client = STR("workerctl") }));
	check(g, msg_write_welcome(&g->frame, &(struct msg_welcome){ .v = 1, .server = STR("workersd"),
	    .pid = 1, .max_frame = 1 << 24 }));
	check(g, msg_write_spawn(&g->frame, &sp));
	check(g, msg_write_post(&g->frame, &(struct msg_post){ .rid = 2, .id = { .id = 7 }, .wait = true,
	    .data = value_at(g->v, 20) }));
	check(g, msg_write_post(&g->frame, &(struct msg_post){ .id = { .id = 7 }, .ring = 65536 }));
	check(g, msg_write_ring(&g->frame, &(struct msg_ring){ .rid = 9, .id = { .id = 7 }, .size = 1 << 20 }));
	check(g, msg_write_recv(&g->frame, &(struct msg_recv){ .rid = 3, .id = { .is_name = true, .name = STR("w1") },
	    .n = 5, .wait = true }));
	check(g, msg_write_target(&g->frame, MSG_TERMINATE, &(struct msg_target){ .rid = 4, .id = { .id = 7 } }));
	check(g, msg_write_subscribe(&g->frame, MSG_SUBSCRIBE, &(struct msg_subscribe){ .rid = 5,
	    .ids = { .count = 2, .v = ids } }));
	check(g, msg_write_list_req(&g->frame, &(struct msg_list_req){ .rid = 6 }));
	check(g, msg_write_logs(&g->frame, &(struct msg_logs){ .rid = 7, .id = { .id = 7 }, .follow = true }));
	check(g, msg_write_init(&g->frame, &in));
	check(g, msg_write_open(&g->frame, &(struct msg_open){ .pid = 4242 }));
	check(g, msg_write_data(&g->frame, MSG_MESSAGE, &(struct msg_data){ value_at(g->v, 21) }));
	check(g, msg_write_stats(&g->frame, &(struct msg_stats){ .heap_bytes = 1 << 20 }));
	check(g, msg_write_fault(&g->frame, MSG_ERROR, &(struct msg_fault){ .error = { .name = STR("Error"),
	    .message = STR("boom") } }));
	check(g, msg_write_log(&g->frame, &(struct msg_log){ STR("info"), STR("up") }));
	check(g, msg_write_exit(&g->frame, &(struct msg_exit){ .code = 0, .reason = STR("exit") }));
	check(g, msg_write_compiled(&g->frame, &(struct msg_compiled){ .rid = 8, .code = STR("var x = 1;"),
	    .map = STR("{}") }));
}

/* The clone_json target's first byte picks the direction: even, bytes to
 * text; odd, text to bytes. */
static void
json_seeds(struct gen *g)
{
	for (size_t i = 0; i < NJSON + clone_corpus_len; i++) {
		struct msg_val v = value_at(g->v, i);

		if (pbuf_append(&g->frame, "\0", 1) != 0 || pbuf_append(&g->frame, v.p, v.n) != 0)
			g->failed = true;
		emit(g);
	}
	for (size_t i = 0; i < NJSON; i++) {
		if (pbuf_append(&g->frame, "\1", 1) != 0 ||
		    pbuf_append(&g->frame, json_values[i], strlen(json_values[i])) != 0)
			g->failed = true;
		emit(g);
	}
}

static void
value_seeds(struct gen *g)
{
	for (size_t i = 0; i < NJSON + clone_corpus_len; i++) {
		struct msg_val v = value_at(g->v, i);

		g->fn(v.p, v.n, g->arg);
	}
}

static const struct {
	const char *name;
	void (*make[4])(struct gen *);
	bool stream;		/* also every frame in a row, as one input (where
				 * that input stays small: a large seed slows a
				 * whole run) */
} targets[] = {
	{ "proto", { requests, replies, events, host_frames }, false },
	{ "clone_json", { json_seeds }, false },
	{ "clone_duk", { value_seeds }, false },
	{ "host_frames", { host_frames }, false },
	{ "compile_req", { compile_frames }, true },
	{ "client_reply", { replies, events }, true },
};

int
fuzz_seeds(const char *target, seed_fn fn, void *arg)
{
	struct values v;
	struct gen g = { .fn = fn, .arg = arg, .v = &v };
	size_t t;

	for (t = 0; t < sizeof(targets) / sizeof(targets[0]); t++)
		if (strcmp(targets[t].name, target) == 0)
			break;
	if (t == sizeof(targets) / sizeof(targets[0]))
		return -1;
	pbuf_init(&g.frame);
	pbuf_init(&g.all);
	if (values_make(&v) != 0)
		g.failed = true;
	for (size_t i = 0; !g.failed && i < 4 && targets[t].make[i] != NULL; i++)
		targets[t].make[i](&g);
	if (!g.failed && targets[t].stream)
		fn(g.all.data, g.all.len, arg);
	values_free(&v);
	pbuf_free(&g.frame);
	pbuf_free(&g.all);
	return g.failed ? -1 : 0;
}
