/*
 * The typed message schema (msg.h): every kind reads back what its writer
 * wrote; a required field left out, or any field of the wrong type, is
 * refused with a reason naming it; and the writers' bytes are the wire
 * format of docs/protocol.md section 2 (key order included).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include "msg.h"
#include "mpwrite.h"
#include "tsuite.h"

static struct pbuf b;
static struct proto_msg m;

static void
setup(void)
{
	pbuf_init(&b);
}

static void
teardown(void)
{
	pbuf_free(&b);
}

#define STR(s) ((struct msg_str){ s, sizeof(s) - 1 })

static bool
str_is(const struct msg_str *s, const char *want)
{
	return s->p != NULL && s->n == strlen(want) && memcmp(s->p, want, s->n) == 0;
}

/* Parses the one frame in b into m. */
static void
parse_b(void)
{
	const uint8_t *doc;
	const char *err = NULL;
	size_t len, used;

	ck_assert_int_eq(frame_parse(b.data, b.len, FRAME_MAX_DEFAULT, &doc, &len, &used, &err), FRAME_READY);
	ck_assert_uint_eq(used, b.len);
	ck_assert_msg(proto_parse(doc, len, &m, &err) == 0, "%s", err);
}

static void parse_b_of(struct pbuf *items);

/* One clone value: the string "hi". */
static const uint8_t value[] = { 0xa2, 'h', 'i' };

/* ---- one writer and one reader per kind ------------------------------ */

struct kind {
	const char *name;
	enum msg_type type;
	void (*write)(void);
	/* reads m; checks the values when check is set */
	int (*read)(bool check, const char **why);
	const char *required;	/* keys reading must refuse to do without */
};

static void
w_hello(void)
{
	ck_assert_int_eq(msg_write_hello(&b, &(struct msg_hello){ 1, STR("c") }), 0);
}

static int
r_hello(bool check, const char **why)
{
	struct msg_hello x;
	int rc = msg_read_hello(&m, &x, why);

	if (check)
		ck_assert(x.v == 1 && str_is(&x.client, "c"));
	return rc;
}

static void
w_welcome(void)
{
	ck_assert_int_eq(msg_write_welcome(&b, &(struct msg_welcome){ 1, STR("workersd 0.1.0"), 42, 4096 }), 0);
}

static int
r_welcome(bool check, const char **why)
{
	struct msg_welcome x;
	int rc = msg_read_welcome(&m, &x, why);

	if (check)
		ck_assert(x.v == 1 && str_is(&x.server, "workersd 0.1.0") && x.pid == 42 &&
		    x.max_frame == 4096);
	return rc;
}

static void
w_err(void)
{
	struct msg_err x = { .rid = 3, .code = PE_NAME_TAKEN, .msg = STR("worker a: name taken"),
	    .filename = STR("/a.ts"), .has_pos = true, .lineno = 2, .colno = 5 };

	ck_assert_int_eq(msg_write_err(&b, &x), 0);
}

static int
r_err(bool check, const char **why)
{
	struct msg_err x;
	int rc = msg_read_err(&m, &x, why);

	if (check)
		ck_assert(x.rid == 3 && x.code == PE_NAME_TAKEN && str_is(&x.msg, "worker a: name taken") &&
		    str_is(&x.filename, "/a.ts") && x.has_pos && x.lineno == 2 && x.colno == 5);
	return rc;
}

static const char *const args[] = { "x", "y" };
static const char *const env[] = { "A=1", "B=" };

static void
w_spawn(void)
{
	struct msg_spawn x = { .rid = 1, .script = STR("a.js"), .cwd = STR("/tmp"),
	    .args = { .count = 2, .v = args }, .env = { .count = 2, .v = env }, .smol = true,
	    .heap_limit = 1 << 20, .ref = false, .owner = STR("client"), .attach = true,
	    .name = STR("w") };

	ck_assert_int_eq(msg_write_spawn(&b, &x), 0);
}

static int
r_spawn(bool check, const char **why)
{
	struct msg_spawn x;
	struct msg_iter it;
	struct msg_str k, v;
	int rc = msg_read_spawn(&m, &x, why);

	if (!check)
		return rc;
	ck_assert(x.rid == 1 && str_is(&x.script, "a.js") && str_is(&x.cwd, "/tmp") && x.smol &&
	    x.heap_limit == 1 << 20 && !x.ref && str_is(&x.owner, "client") && x.attach &&
	    str_is(&x.name, "w"));
	ck_assert_uint_eq(x.args.count, 2);
	msg_iter_init(&it, &x.args);
	ck_assert(msg_next_str(&it, &v, why) == 1 && str_is(&v, "x"));
	ck_assert(msg_next_str(&it, &v, why) == 1 && str_is(&v, "y"));
	ck_assert_int_eq(msg_next_str(&it, &v, why), 0);
	msg_iter_init(&it, &x.env);
	ck_assert(msg_next_pair(&it, &k, &v, why) == 1 && str_is(&k, "A") && str_is(&v, "1"));
	ck_assert(msg_next_pair(&it, &k, &v, why) == 1 && str_is(&k, "B") && v.n == 0);
	ck_assert_int_eq(msg_next_pair(&it, &k, &v, why), 0);
	return rc;
}

static void
w_post(void)
{
	struct msg_post x = { .rid = 2, .id = { .is_name = true, .name = STR("w") }, .wait = true,
	    .data = { value, sizeof(value) } };

	ck_assert_int_eq(msg_write_post(&b, &x), 0);
}

static int
r_post(bool check, const char **why)
{
	struct msg_post x;
	int rc = msg_read_post(&m, &x, why);

	if (check)
		ck_assert(x.rid == 2 && x.id.is_name && str_is(&x.id.name, "w") && x.wait &&
		    x.data.n == sizeof(value) && memcmp(x.data.p, value, sizeof(value)) == 0);
	return rc;
}

static void
w_post_ring_req(void)
{
	ck_assert_int_eq(msg_write_post(&b, &(struct msg_post){ .id = { .id = 3 }, .ring = 70000 }), 0);
}

static int
r_post_ring_req(bool check, const char **why)
{
	struct msg_post x;
	int rc = msg_read_post(&m, &x, why);

	if (check)
		ck_assert(x.id.id == 3 && x.ring == 70000 && x.data.p == NULL);
	return rc;
}

static void
w_ring(void)
{
	ck_assert_int_eq(msg_write_ring(&b, &(struct msg_ring){ .rid = 5, .id = { .id = 3 }, .size = 1 << 20 }), 0);
}

static int
r_ring(bool check, const char **why)
{
	struct msg_ring x;
	int rc = msg_read_ring(&m, &x, why);

	if (check)
		ck_assert(x.rid == 5 && x.id.id == 3 && x.size == 1 << 20);
	return rc;
}

static void
w_post_ring(void)
{
	ck_assert_int_eq(msg_write_post_ring(&b, &(struct msg_post_ring){ 4242 }), 0);
}

static int
r_post_ring(bool check, const char **why)
{
	struct msg_post_ring x;
	int rc = msg_read_post_ring(&m, &x, why);

	if (check)
		ck_assert_uint_eq(x.n, 4242);
	return rc;
}

static void
w_recv(void)
{
	ck_assert_int_eq(msg_write_recv(&b, &(struct msg_recv){ .rid = 4, .id = { .id = 7 }, .n = 9 }), 0);
}

static int
r_recv(bool check, const char **why)
{
	struct msg_recv x;
	int rc = msg_read_recv(&m, &x, why);

	if (check)
		ck_assert(x.rid == 4 && !x.id.is_name && x.id.id == 7 && x.n == 9 && !x.wait);
	return rc;
}

static void
w_target(void)
{
	ck_assert_int_eq(msg_write_target(&b, MSG_TERMINATE, &(struct msg_target){ 5, { .id = 8 } }), 0);
}

static int
r_target(bool check, const char **why)
{
	struct msg_target x;
	int rc = msg_read_target(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_TERMINATE && x.rid == 5 && x.id.id == 8);
	return rc;
}

static const char *const wids[] = { "12", "web" };

static void
w_subscribe(void)
{
	struct msg_subscribe x = { .rid = 6, .consume = true, .ids = { .count = 2, .v = wids } };

	ck_assert_int_eq(msg_write_subscribe(&b, MSG_SUBSCRIBE, &x), 0);
}

static int
r_subscribe(bool check, const char **why)
{
	struct msg_subscribe x;
	struct msg_iter it;
	struct msg_wid w;
	int rc = msg_read_subscribe(&m, &x, why);

	if (!check)
		return rc;
	ck_assert(x.rid == 6 && x.consume && x.ids.count == 2);
	msg_iter_init(&it, &x.ids);
	ck_assert(msg_next_wid(&it, &w, why) == 1 && !w.is_name && w.id == 12);
	ck_assert(msg_next_wid(&it, &w, why) == 1 && w.is_name && str_is(&w.name, "web"));
	ck_assert_int_eq(msg_next_wid(&it, &w, why), 0);
	return rc;
}

static void
w_logs(void)
{
	ck_assert_int_eq(msg_write_logs(&b, &(struct msg_logs){ 7, { .id = 1 }, true }), 0);
}

static int
r_logs(bool check, const char **why)
{
	struct msg_logs x;
	int rc = msg_read_logs(&m, &x, why);

	if (check)
		ck_assert(x.rid == 7 && x.id.id == 1 && x.follow);
	return rc;
}

static void
w_spawn_ok(void)
{
	ck_assert_int_eq(msg_write_spawn_ok(&b, &(struct msg_spawn_ok){ 8, 3, STR("w3"), 999 }), 0);
}

static int
r_spawn_ok(bool check, const char **why)
{
	struct msg_spawn_ok x;
	int rc = msg_read_spawn_ok(&m, &x, why);

	if (check)
		ck_assert(x.rid == 8 && x.id == 3 && str_is(&x.name, "w3") && x.pid == 999);
	return rc;
}

static void
w_recv_ok(void)
{
	uint8_t two[2 * sizeof(value)];

	memcpy(two, value, sizeof(value));
	memcpy(two + sizeof(value), value, sizeof(value));
	ck_assert_int_eq(msg_write_recv_ok(&b, &(struct msg_recv_ok){ 9,
	    { .count = 2, .items = two, .len = sizeof(two) }, true }), 0);
}

static int
r_recv_ok(bool check, const char **why)
{
	struct msg_recv_ok x;
	struct msg_iter it;
	struct msg_val v;
	int rc = msg_read_recv_ok(&m, &x, why);

	if (!check)
		return rc;
	ck_assert(x.rid == 9 && x.closed && x.msgs.count == 2);
	msg_iter_init(&it, &x.msgs);
	for (int i = 0; i < 2; i++)
		ck_assert(msg_next_value(&it, &v, why) == 1 && v.n == sizeof(value) &&
		    memcmp(v.p, value, v.n) == 0);
	ck_assert_int_eq(msg_next_value(&it, &v, why), 0);
	return rc;
}

static void
w_close_ok(void)
{
	ck_assert_int_eq(msg_write_close_ok(&b, &(struct msg_close_ok){ 10, -2, STR("killed"),
	    STR("SIGKILL") }), 0);
}

static int
r_close_ok(bool check, const char **why)
{
	struct msg_close_ok x;
	int rc = msg_read_close_ok(&m, &x, why);

	if (check)
		ck_assert(x.rid == 10 && x.code == -2 && str_is(&x.reason, "killed") &&
		    str_is(&x.signal, "SIGKILL"));
	return rc;
}

static const struct msg_status status = {
	.id = 4, .name = STR("n"), .script = STR("/s.js"), .pid = 77, .state = STR("closed"),
	.owner = STR("daemon"), .ref = true, .uptime_s = 1.5, .rss_bytes = 10, .heap_bytes = 11,
	.msgs_in = 12, .msgs_out = 13, .bytes_in = 14, .bytes_out = 15, .closed = true, .code = 3,
	.reason = STR("exit"),
};

static void
check_status(const struct msg_status *s)
{
	ck_assert(s->id == 4 && str_is(&s->name, "n") && str_is(&s->script, "/s.js") && s->pid == 77 &&
	    str_is(&s->state, "closed") && str_is(&s->owner, "daemon") && s->ref && s->uptime_s == 1.5 &&
	    s->rss_bytes == 10 && s->heap_bytes == 11 && s->msgs_in == 12 && s->msgs_out == 13 &&
	    s->bytes_in == 14 && s->bytes_out == 15 && s->closed && s->code == 3 &&
	    str_is(&s->reason, "exit") && s->signal.p == NULL);
}

static void
w_status_ok(void)
{
	ck_assert_int_eq(msg_write_status_ok(&b, &(struct msg_status_ok){ 11, status }), 0);
}

static int
r_status_ok(bool check, const char **why)
{
	struct msg_status_ok x;
	int rc = msg_read_status_ok(&m, &x, why);

	if (check) {
		ck_assert_uint_eq(x.rid, 11);
		check_status(&x.worker);
	}
	return rc;
}

static void
w_list_ok(void)
{
	struct pbuf items;

	/* the list's items: the status map as status_ok writes it */
	pbuf_init(&items);
	ck_assert_int_eq(msg_write_status_ok(&items, &(struct msg_status_ok){ 0, status }), 0);
	parse_b_of(&items);
	pbuf_free(&items);
}

static int
r_list_ok(bool check, const char **why)
{
	struct msg_list_ok x;
	struct msg_iter it;
	struct msg_status s;
	int rc = msg_read_list_ok(&m, &x, why);

	if (!check)
		return rc;
	ck_assert(x.rid == 12 && x.workers.count == 1);
	msg_iter_init(&it, &x.workers);
	ck_assert_msg(msg_next_status(&it, &s, why) == 1, "%s", *why);
	check_status(&s);
	ck_assert_int_eq(msg_next_status(&it, &s, why), 0);
	return rc;
}

static void
w_logs_ok(void)
{
	/* one line {level:"warn", text:"t"} */
	static const uint8_t line[] = { 0x82, 0xa5, 'l', 'e', 'v', 'e', 'l', 0xa4, 'w', 'a', 'r', 'n',
	    0xa4, 't', 'e', 'x', 't', 0xa1, 't' };

	ck_assert_int_eq(msg_write_logs_ok(&b, &(struct msg_logs_ok){ 13,
	    { .count = 1, .items = line, .len = sizeof(line) } }), 0);
}

static int
r_logs_ok(bool check, const char **why)
{
	struct msg_logs_ok x;
	struct msg_iter it;
	struct msg_line l;
	int rc = msg_read_logs_ok(&m, &x, why);

	if (!check)
		return rc;
	ck_assert(x.rid == 13 && x.lines.count == 1);
	msg_iter_init(&it, &x.lines);
	ck_assert(msg_next_line(&it, &l, why) == 1 && str_is(&l.level, "warn") && str_is(&l.text, "t"));
	ck_assert_int_eq(msg_next_line(&it, &l, why), 0);
	return rc;
}

static void
w_ev_message(void)
{
	struct msg_ev x = { .kind = MEV_MESSAGE, .id = 2, .seq = 5, .data = { value, sizeof(value) } };

	ck_assert_int_eq(msg_write_ev(&b, &x), 0);
}

static int
r_ev_message(bool check, const char **why)
{
	struct msg_ev x;
	int rc = msg_read_ev(&m, &x, why);

	if (check)
		ck_assert(x.kind == MEV_MESSAGE && str_is(&x.event, "message") && x.id == 2 && x.seq == 5 &&
		    x.data.n == sizeof(value) && memcmp(x.data.p, value, x.data.n) == 0);
	return rc;
}

static void
w_ev_error(void)
{
	struct msg_ev x = { .kind = MEV_ERROR, .id = 2, .seq = 6, .error = { STR("TypeError"),
	    STR("bad"), STR("at x"), STR("/a.js"), true, 3, 4 } };

	ck_assert_int_eq(msg_write_ev(&b, &x), 0);
}

static int
r_ev_error(bool check, const char **why)
{
	struct msg_ev x;
	int rc = msg_read_ev(&m, &x, why);

	if (check)
		ck_assert(x.kind == MEV_ERROR && str_is(&x.error.name, "TypeError") &&
		    str_is(&x.error.message, "bad") && str_is(&x.error.stack, "at x") &&
		    str_is(&x.error.filename, "/a.js") && x.error.lineno == 3 && x.error.colno == 4);
	return rc;
}

static void
w_ev_log(void)
{
	ck_assert_int_eq(msg_write_ev(&b, &(struct msg_ev){ .kind = MEV_LOG, .id = 1, .seq = 2,
	    .level = STR("info"), .text = STR("hello") }), 0);
}

static int
r_ev_log(bool check, const char **why)
{
	struct msg_ev x;
	int rc = msg_read_ev(&m, &x, why);

	if (check)
		ck_assert(x.kind == MEV_LOG && str_is(&x.level, "info") && str_is(&x.text, "hello"));
	return rc;
}

static void
w_ev_close(void)
{
	ck_assert_int_eq(msg_write_ev(&b, &(struct msg_ev){ .kind = MEV_CLOSE, .id = 1, .seq = 3,
	    .code = 0, .reason = STR("exit") }), 0);
}

static int
r_ev_close(bool check, const char **why)
{
	struct msg_ev x;
	int rc = msg_read_ev(&m, &x, why);

	if (check)
		ck_assert(x.kind == MEV_CLOSE && x.code == 0 && x.signal.p == NULL &&
		    str_is(&x.reason, "exit"));
	return rc;
}

static void
w_ev_gap(void)
{
	ck_assert_int_eq(msg_write_ev(&b, &(struct msg_ev){ .kind = MEV_GAP, .id = 1, .seq = 9,
	    .from = 4, .to = 8 }), 0);
}

static int
r_ev_gap(bool check, const char **why)
{
	struct msg_ev x;
	int rc = msg_read_ev(&m, &x, why);

	if (check)
		ck_assert(x.kind == MEV_GAP && x.seq == 9 && x.from == 4 && x.to == 8);
	return rc;
}

static void
w_init(void)
{
	struct msg_init x = { .id = 1, .name = STR("w"), .script = STR("/a.js"),
	    .args = { .count = 2, .v = args }, .env = { .count = 2, .v = env }, .smol = true,
	    .heap_limit = 5, .max_frame = 6, .compiler = STR("/c.sock"), .cache_dir = STR("/cache"),
	    .jsx_factory = STR("h"), .busy_poll = 70 };

	ck_assert_int_eq(msg_write_init(&b, &x), 0);
}

static int
r_init(bool check, const char **why)
{
	struct msg_init x;
	int rc = msg_read_init(&m, &x, why);

	if (check)
		ck_assert(x.id == 1 && str_is(&x.name, "w") && str_is(&x.script, "/a.js") &&
		    x.args.count == 2 && x.env.count == 2 && x.smol && x.heap_limit == 5 &&
		    x.max_frame == 6 && str_is(&x.compiler, "/c.sock") &&
		    str_is(&x.cache_dir, "/cache") && str_is(&x.jsx_factory, "h") && x.busy_poll == 70);
	return rc;
}

static void
w_open(void)
{
	ck_assert_int_eq(msg_write_open(&b, &(struct msg_open){ 1234 }), 0);
}

static int
r_open(bool check, const char **why)
{
	struct msg_open x;
	int rc = msg_read_open(&m, &x, why);

	if (check)
		ck_assert_uint_eq(x.pid, 1234);
	return rc;
}

static void
w_data(void)
{
	ck_assert_int_eq(msg_write_data(&b, MSG_MESSAGE, &(struct msg_data){ { value, sizeof(value) } }), 0);
}

static int
r_data(bool check, const char **why)
{
	struct msg_data x;
	int rc = msg_read_data(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_MESSAGE && x.data.n == sizeof(value) &&
		    memcmp(x.data.p, value, x.data.n) == 0);
	return rc;
}

static void
w_bc_join(void)
{
	ck_assert_int_eq(msg_write_bcast(&b, MSG_BC_JOIN, &(struct msg_bcast){ .name = STR("news") }), 0);
}

static int
r_bc_join(bool check, const char **why)
{
	struct msg_bcast x;
	int rc = msg_read_bcast(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_BC_JOIN && str_is(&x.name, "news") && x.data.p == NULL);
	return rc;
}

static void
w_bc_post(void)
{
	ck_assert_int_eq(msg_write_bcast(&b, MSG_BC_POST, &(struct msg_bcast){ .name = STR("news"),
	    .data = { value, sizeof(value) } }), 0);
}

static int
r_bc_post(bool check, const char **why)
{
	struct msg_bcast x;
	int rc = msg_read_bcast(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_BC_POST && str_is(&x.name, "news") && x.data.n == sizeof(value) &&
		    memcmp(x.data.p, value, x.data.n) == 0);
	return rc;
}

static void
w_bc_lost(void)
{
	ck_assert_int_eq(msg_write_bcast(&b, MSG_BC_LOST, &(struct msg_bcast){ .name = STR("news"), .count = 7 }), 0);
}

static int
r_bc_lost(bool check, const char **why)
{
	struct msg_bcast x;
	int rc = msg_read_bcast(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_BC_LOST && str_is(&x.name, "news") && x.count == 7);
	return rc;
}

static void
w_bc_refused(void)
{
	ck_assert_int_eq(msg_write_bcast(&b, MSG_BC_REFUSED, &(struct msg_bcast){ .name = STR("news"),
	    .msg = STR("too many") }), 0);
}

static int
r_bc_refused(bool check, const char **why)
{
	struct msg_bcast x;
	int rc = msg_read_bcast(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_BC_REFUSED && str_is(&x.name, "news") && str_is(&x.msg, "too many"));
	return rc;
}

static void
w_stats(void)
{
	ck_assert_int_eq(msg_write_stats(&b, &(struct msg_stats){ 4096 }), 0);
}

static int
r_stats(bool check, const char **why)
{
	struct msg_stats x;
	int rc = msg_read_stats(&m, &x, why);

	if (check)
		ck_assert_uint_eq(x.heap_bytes, 4096);
	return rc;
}

static void
w_fault(void)
{
	struct msg_fault x = { { .name = STR("DataCloneError"), .message = STR("no") } };

	ck_assert_int_eq(msg_write_fault(&b, MSG_MESSAGEERROR, &x), 0);
}

static int
r_fault(bool check, const char **why)
{
	struct msg_fault x;
	int rc = msg_read_fault(&m, &x, why);

	if (check)
		ck_assert(m.type == MSG_MESSAGEERROR && str_is(&x.error.name, "DataCloneError") &&
		    str_is(&x.error.message, "no") && x.error.stack.p == NULL && !x.error.has_pos);
	return rc;
}

static void
w_log(void)
{
	ck_assert_int_eq(msg_write_log(&b, &(struct msg_log){ STR("warn"), STR("careful") }), 0);
}

static int
r_log(bool check, const char **why)
{
	struct msg_log x;
	int rc = msg_read_log(&m, &x, why);

	if (check)
		ck_assert(str_is(&x.level, "warn") && str_is(&x.text, "careful"));
	return rc;
}

static void
w_exit(void)
{
	ck_assert_int_eq(msg_write_exit(&b, &(struct msg_exit){ INT32_MIN, STR("error") }), 0);
}

static int
r_exit(bool check, const char **why)
{
	struct msg_exit x;
	int rc = msg_read_exit(&m, &x, why);

	if (check)
		ck_assert(x.code == INT32_MIN && str_is(&x.reason, "error"));
	return rc;
}

static void
w_compile(void)
{
	ck_assert_int_eq(msg_write_compile(&b, &(struct msg_compile){ 1, STR("/a.tsx"), STR("x"),
	    STR("h"), true }), 0);
}

static int
r_compile(bool check, const char **why)
{
	struct msg_compile x;
	int rc = msg_read_compile(&m, &x, why);

	if (check)
		ck_assert(x.rid == 1 && str_is(&x.filename, "/a.tsx") && str_is(&x.source, "x") &&
		    str_is(&x.jsx_factory, "h") && x.legacy_decorators);
	return rc;
}

static void
w_compiled(void)
{
	ck_assert_int_eq(msg_write_compiled(&b, &(struct msg_compiled){ 1, STR("c"), STR("{}") }), 0);
}

static int
r_compiled(bool check, const char **why)
{
	struct msg_compiled x;
	int rc = msg_read_compiled(&m, &x, why);

	if (check)
		ck_assert(x.rid == 1 && str_is(&x.code, "c") && str_is(&x.map, "{}"));
	return rc;
}

static const struct kind kinds[] = {
	{ "hello", MSG_HELLO, w_hello, r_hello, "v" },
	{ "welcome", MSG_HELLO, w_welcome, r_welcome, "v" },
	{ "err", MSG_ERR, w_err, r_err, "code" },
	{ "spawn", MSG_SPAWN, w_spawn, r_spawn, "script" },
	{ "post", MSG_POST, w_post, r_post, "id data" },
	{ "post with ring", MSG_POST, w_post_ring_req, r_post_ring_req, "id ring" },
	{ "ring", MSG_RING, w_ring, r_ring, "id size" },
	{ "post_ring", MSG_POST_RING, w_post_ring, r_post_ring, "n" },
	{ "recv", MSG_RECV, w_recv, r_recv, "id" },
	{ "terminate", MSG_TERMINATE, w_target, r_target, "id" },
	{ "subscribe", MSG_SUBSCRIBE, w_subscribe, r_subscribe, "" },
	{ "logs", MSG_LOGS, w_logs, r_logs, "id" },
	{ "spawn ok", MSG_OK, w_spawn_ok, r_spawn_ok, "id" },
	{ "recv ok", MSG_OK, w_recv_ok, r_recv_ok, "msgs" },
	{ "close ok", MSG_OK, w_close_ok, r_close_ok, "code" },
	{ "status ok", MSG_OK, w_status_ok, r_status_ok, "worker" },
	{ "list ok", MSG_OK, w_list_ok, r_list_ok, "workers" },
	{ "logs ok", MSG_OK, w_logs_ok, r_logs_ok, "lines" },
	{ "ev message", MSG_EV, w_ev_message, r_ev_message, "event id data" },
	{ "ev error", MSG_EV, w_ev_error, r_ev_error, "event id error" },
	{ "ev log", MSG_EV, w_ev_log, r_ev_log, "event id text" },
	{ "ev close", MSG_EV, w_ev_close, r_ev_close, "event id code" },
	{ "ev gap", MSG_EV, w_ev_gap, r_ev_gap, "event id from to" },
	{ "init", MSG_INIT, w_init, r_init, "script" },
	{ "open", MSG_OPEN, w_open, r_open, "pid" },
	{ "message", MSG_MESSAGE, w_data, r_data, "data" },
	{ "stats", MSG_STATS, w_stats, r_stats, "heap_bytes" },
	{ "messageerror", MSG_MESSAGEERROR, w_fault, r_fault, "error" },
	{ "log", MSG_LOG, w_log, r_log, "level text" },
	{ "exit", MSG_EXIT, w_exit, r_exit, "code reason" },
	{ "bc_join", MSG_BC_JOIN, w_bc_join, r_bc_join, "name" },
	{ "bc_post", MSG_BC_POST, w_bc_post, r_bc_post, "name data" },
	{ "bc_lost", MSG_BC_LOST, w_bc_lost, r_bc_lost, "name count" },
	{ "bc_refused", MSG_BC_REFUSED, w_bc_refused, r_bc_refused, "name msg" },
	{ "compile", MSG_COMPILE, w_compile, r_compile, "filename source" },
	{ "compiled", MSG_COMPILED, w_compiled, r_compiled, "code map" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static bool
is_required(const struct kind *k, const char *key, size_t klen)
{
	const char *p = k->required;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == klen && memcmp(p, key, n) == 0)
			return true;
		p += n + (p[n] == ' ');
	}
	return false;
}

/* The frame of list ok wraps the items of another frame's "worker". */
static void
parse_b_of(struct pbuf *items)
{
	const struct proto_field *f;
	struct proto_msg inner;
	const uint8_t *doc;
	const char *err;
	size_t len, used;

	ck_assert_int_eq(frame_parse(items->data, items->len, FRAME_MAX_DEFAULT, &doc, &len, &used, &err),
	    FRAME_READY);
	ck_assert_int_eq(proto_parse(doc, len, &inner, &err), 0);
	ck_assert((f = proto_field(&inner, "worker")) != NULL);
	ck_assert_int_eq(msg_write_list_ok(&b, &(struct msg_list_ok){ 12,
	    { .count = 1, .items = f->val, .len = f->vlen } }), 0);
}

START_TEST(round_trip)
{
	const struct kind *k = &kinds[_i];
	const char *why = NULL;

	k->write();
	parse_b();
	ck_assert_int_eq(m.type, k->type);
	ck_assert_msg(k->read(true, &why) == 0, "%s: %s", k->name, why);
}
END_TEST

/* Each field left out: refused, naming it, exactly when it is required. */
START_TEST(missing_fields)
{
	const struct kind *k = &kinds[_i];
	struct proto_msg whole;
	const char *why;
	char key[64];

	k->write();
	parse_b();
	whole = m;
	for (unsigned i = 0; i < whole.nfields; i++) {
		const struct proto_field *f = &whole.f[i];

		if (f->klen == 1 && f->key[0] == 't')
			continue;
		m = whole;
		m.f[i] = m.f[--m.nfields];
		snprintf(key, sizeof(key), "\"%.*s\" is missing", (int)f->klen, f->key);
		why = NULL;
		if (is_required(k, f->key, f->klen)) {
			ck_assert_msg(k->read(false, &why) == -1, "%s without %s was read", k->name, key);
			ck_assert_msg(why != NULL && strstr(why, key) != NULL, "%s: reason %s", k->name,
			    why ? why : "(none)");
		} else {
			ck_assert_msg(k->read(false, &why) == 0, "%s: %s", k->name, why);
		}
	}
}
END_TEST

/* Each field given another type: refused, naming it (a clone value takes
 * any type, so "data" is the one exception). */
START_TEST(wrong_types)
{
	static const uint8_t t_true[] = { 0xc3 }, one[] = { 0x01 };
	const struct kind *k = &kinds[_i];
	struct proto_msg whole;
	const char *why;
	char key[64];

	k->write();
	parse_b();
	whole = m;
	for (unsigned i = 0; i < whole.nfields; i++) {
		const struct proto_field *f = &whole.f[i];
		struct proto_field *g;
		bool is_data = f->klen == 4 && memcmp(f->key, "data", 4) == 0;

		if ((f->klen == 1 && f->key[0] == 't') || (f->klen == 3 && memcmp(f->key, "rid", 3) == 0))
			continue;	/* proto_parse's own (test_proto) */
		m = whole;
		g = &m.f[i];
		if (g->item.kind == MP_BOOL) {
			g->item = (struct mp_item){ .kind = MP_UINT, .v.u = 1 };
			g->val = one;
		} else {
			g->item = (struct mp_item){ .kind = MP_BOOL, .v.b = true };
			g->val = t_true;
		}
		g->vlen = 1;
		snprintf(key, sizeof(key), "\"%.*s\" must be", (int)f->klen, f->key);
		why = NULL;
		if (is_data) {
			ck_assert_msg(k->read(false, &why) == 0, "%s: %s", k->name, why);
			continue;
		}
		ck_assert_msg(k->read(false, &why) == -1, "%s with a bad %s was read", k->name, key);
		ck_assert_msg(why != NULL && strstr(why, key) != NULL, "%s: reason %s", k->name,
		    why ? why : "(none)");
	}
}
END_TEST

/* ---- details ------------------------------------------------------- */

/* A post names its bytes one way: both ways, or neither, is refused. */
START_TEST(post_data_or_ring)
{
	struct msg_post x;
	const char *why = NULL;

	ck_assert_int_eq(msg_write_post(&b, &(struct msg_post){ .id = { .id = 1 }, .data = { value, sizeof(value) },
	    .ring = 9 }), 0);
	parse_b();
	ck_assert_int_eq(msg_read_post(&m, &x, &why), -1);
	ck_assert_str_eq(why, "post: \"data\" and \"ring\" are both given");
}
END_TEST

/* The bytes of the client's spawn request: keys in wire order, "K=V"
 * split, all-digit wids sent as ids, rid 0 not sent. */
START_TEST(spawn_bytes)
{
	static const char *const one_env[] = { "K=V=W" };
	struct msg_spawn x = { .script = STR("s"), .cwd = STR("/"), .env = { .count = 1, .v = one_env },
	    .ref = true, .owner = STR("daemon") };
	struct pbuf want;
	long off;

	pbuf_init(&want);
	off = proto_begin(&want, MSG_SPAWN, 9);
	proto_key(&want, "script"); mpw_cstr(&want, "s");
	proto_key(&want, "cwd"); mpw_cstr(&want, "/");
	proto_key(&want, "args"); mpw_array(&want, 0);
	proto_key(&want, "env"); mpw_map(&want, 1); mpw_cstr(&want, "K"); mpw_cstr(&want, "V=W");
	proto_key(&want, "smol"); mpw_bool(&want, false);
	proto_key(&want, "heap_limit"); mpw_uint(&want, 0);
	proto_key(&want, "ref"); mpw_bool(&want, true);
	proto_key(&want, "owner"); mpw_cstr(&want, "daemon");
	proto_key(&want, "attach"); mpw_bool(&want, false);
	proto_end(&want, off);
	ck_assert_int_eq(msg_write_spawn(&b, &x), 0);
	ck_assert_uint_eq(b.len, want.len);
	ck_assert(memcmp(b.data, want.data, b.len) == 0);
	pbuf_free(&want);
}
END_TEST

START_TEST(defaults_and_nil)
{
	struct msg_recv r;
	struct msg_spawn s;
	struct msg_close_ok c;
	struct msg_wid w;
	const char *why;
	long off;

	off = proto_begin(&b, MSG_RECV, 1);
	proto_key(&b, "id"); mpw_cstr(&b, "007");
	proto_end(&b, off);
	parse_b();
	ck_assert_int_eq(msg_read_recv(&m, &r, &why), 0);
	ck_assert(r.n == 1 && r.wait && r.id.is_name && str_is(&r.id.name, "007"));

	pbuf_reset(&b);
	off = proto_begin(&b, MSG_SPAWN, 1);
	proto_key(&b, "script"); mpw_cstr(&b, "/a.js");
	proto_end(&b, off);
	parse_b();
	ck_assert_int_eq(msg_read_spawn(&m, &s, &why), 0);
	ck_assert(s.ref && s.args.items == NULL && s.name.p == NULL && s.cwd.p == NULL);

	/* signal:nil reads as absent and is written as nil again */
	pbuf_reset(&b);
	ck_assert_int_eq(msg_write_close_ok(&b, &(struct msg_close_ok){ 1, 0, STR("exit"), { NULL, 0 } }), 0);
	parse_b();
	ck_assert_int_eq(proto_field(&m, "signal")->item.kind, MP_NIL);
	ck_assert_int_eq(msg_read_close_ok(&m, &c, &why), 0);
	ck_assert(c.signal.p == NULL);

	msg_wid_from(&w, "18446744073709551616");	/* 2^64: a name */
	ck_assert(w.is_name);
	msg_wid_from(&w, "42");
	ck_assert(!w.is_name && w.id == 42);
}
END_TEST

START_TEST(bad_elements)
{
	struct msg_spawn s;
	struct msg_err e;
	const char *why;
	long off;

	off = proto_begin(&b, MSG_SPAWN, 2);
	proto_key(&b, "script"); mpw_cstr(&b, "/a.js");
	proto_key(&b, "args"); mpw_array(&b, 2); mpw_cstr(&b, "x"); mpw_uint(&b, 1);
	proto_end(&b, off);
	parse_b();
	ck_assert_int_eq(msg_read_spawn(&m, &s, &why), -1);
	ck_assert_str_eq(why, "spawn: \"args\" must be an array of str");

	pbuf_reset(&b);
	off = proto_begin(&b, MSG_SPAWN, 1);
	proto_key(&b, "script"); mpw_str(&b, "\xff", 1);
	proto_end(&b, off);
	parse_b();
	ck_assert_int_eq(msg_read_spawn(&m, &s, &why), -1);
	ck_assert_str_eq(why, "spawn: \"script\" must be a UTF-8 str");

	/* an error code this side does not know is read, as -1 */
	pbuf_reset(&b);
	off = proto_begin(&b, MSG_ERR, 2);
	proto_key(&b, "code"); mpw_cstr(&b, "from_the_future");
	proto_key(&b, "msg"); mpw_cstr(&b, "m");
	proto_end(&b, off);
	parse_b();
	ck_assert_int_eq(msg_read_err(&m, &e, &why), 0);
	ck_assert_int_eq(e.code, -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("msg");
	TCase *tc = tcase_create("schema");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, round_trip, 0, NKINDS);
	tcase_add_loop_test(tc, missing_fields, 0, NKINDS);
	tcase_add_loop_test(tc, wrong_types, 0, NKINDS);
	tcase_add_test(tc, post_data_or_ring);
	tcase_add_test(tc, spawn_bytes);
	tcase_add_test(tc, defaults_and_nil);
	tcase_add_test(tc, bad_elements);
	suite_add_tcase(s, tc);
	return tsuite_run(s);
}
