/*
 * test_host_channel.c - worker-host's end of a direct channel (hchan.h),
 * driven as the daemon and the client would: the `channel` frame with its
 * descriptor on the link, posts on the channel delivered as the link's,
 * the worker's messages taking the channel while it is open, and, once
 * the client has closed it, every later message coming back on the link,
 * in order, with `channel_end`; a frame over the limit on the channel ends
 * the channel with an `err`, not the worker; a channel frame without a
 * descriptor ends the host as any malformed frame does.
 */
#include <check.h>
#include <event2/buffer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "clone_json.h"
#include "fdpass.h"
#include "frame.h"
#include "host_fixture.h"
#include "msg.h"
#include "tsuite.h"

static struct hostfx fx;

static void
setup(void)
{
	ck_assert_int_eq(hostfx_init(&fx), 0);
}

static void
teardown(void)
{
	hostfx_stop(&fx);
}

static const char echo_js[] =
    "onmessage = function (e) {\n"
    "  if (e.data === 'many') { for (var i = 0; i < 1000; i++) postMessage(i); return; }\n"
    "  postMessage(e.data);\n"
    "};\n";

/* Starts the echo worker, waits for open, and hands it a channel: the
 * client's end is returned. */
static int
start_with_channel(const struct hostfx_opts *o)
{
	struct pbuf f;
	int sv[2];

	ck_assert_int_eq(hostfx_start(&fx, hostfx_write(&fx, "echo.js", echo_js), o), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	pbuf_init(&f);
	ck_assert_int_eq(msg_write_bare(&f, MSG_CHANNEL), 0);
	ck_assert_int_eq(fdpass_send(fx.fd, f.data, f.len, sv[0]), (ssize_t)f.len);
	pbuf_free(&f);
	close(sv[0]);
	return sv[1];
}

static void
chan_post(int fd, const char *json)
{
	struct pbuf v, f;
	char err[128];

	pbuf_init(&v);
	pbuf_init(&f);
	ck_assert_int_eq(clone_from_json(json, strlen(json), &v, err, sizeof err), 0);
	ck_assert_int_eq(msg_write_data(&f, MSG_POST, &(struct msg_data){ { v.data, v.len } }), 0);
	ck_assert_int_eq(write(fd, f.data, f.len), (ssize_t)f.len);
	pbuf_free(&v);
	pbuf_free(&f);
}

/* The next message on the channel as tagged JSON (malloc'd). */
static char *
chan_next(int fd, struct evbuffer *in)
{
	const uint8_t *doc;
	const char *why;
	struct proto_msg m;
	struct msg_data d;
	size_t len;
	char err[128], *s;

	while (frame_peek(in, 1 << 20, &doc, &len, &why) == FRAME_MORE)
		ck_assert_int_gt(evbuffer_read(in, fd, 65536), 0);
	ck_assert_int_eq(proto_parse(doc, len, &m, &why), 0);
	ck_assert_int_eq(m.type, MSG_MESSAGE);
	ck_assert_int_eq(msg_read_data(&m, &d, &why), 0);
	s = clone_to_json(d.data.p, d.data.n, err, sizeof err);
	ck_assert_msg(s != NULL, "%s", err);
	frame_drain(in, len);
	return s;
}

START_TEST(posts_and_messages_take_the_channel)
{
	struct evbuffer *in = evbuffer_new();
	int fd = start_with_channel(NULL);
	char *s;

	chan_post(fd, "{\"a\":[1,{\"$type\":\"undefined\"}]}");
	s = chan_next(fd, in);
	ck_assert_str_eq(s, "{\"a\":[1,{\"$type\":\"undefined\"}]}");
	free(s);
	/* a post on the link: its answer takes the channel too */
	ck_assert_int_eq(hostfx_post_json(&fx, "\"link\""), 0);
	s = chan_next(fd, in);
	ck_assert_str_eq(s, "\"link\"");
	free(s);
	close(fd);
	evbuffer_free(in);
}
END_TEST

START_TEST(messages_after_the_client_went_take_the_link)
{
	int fd = start_with_channel(NULL), t, n = 0;
	char *j, want[16];

	/* the worker answers with 1000 messages; the client is gone before
	 * any is written, so all of them come on the link, in order, and the
	 * link hears channel_end */
	chan_post(fd, "\"many\"");
	close(fd);
	while ((t = hostfx_next_nolog(&fx, HOSTFX_TIMEOUT)) == MSG_MESSAGE) {
		j = hostfx_json(&fx, "data");
		snprintf(want, sizeof want, "%d", n++);
		ck_assert_str_eq(j, want);
		free(j);
	}
	ck_assert_int_eq(t, MSG_CHANNEL_END);
	ck_assert_int_eq(n, 1000);
	/* and later ones come on the link */
	ck_assert_int_eq(hostfx_post_json(&fx, "\"later\""), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_MESSAGE);
	j = hostfx_json(&fx, "data");
	ck_assert_str_eq(j, "\"later\"");
	free(j);
}
END_TEST

/* The frame limit holds on the channel: a bigger frame is answered with
 * bad_request there and ends the channel, not the worker. */
START_TEST(oversized_frame_ends_the_channel)
{
	struct hostfx_opts o = { .max_frame = 1 << 20 };
	static const uint8_t big[4] = { 0, 0x20, 0, 0 };	/* 2 MiB claimed */
	struct evbuffer *in = evbuffer_new();
	const uint8_t *doc;
	const char *why;
	struct proto_msg m;
	size_t len;
	int fd = start_with_channel(&o);
	char *s;

	ck_assert_int_eq(write(fd, big, sizeof big), (ssize_t)sizeof big);
	while (frame_peek(in, 1 << 20, &doc, &len, &why) == FRAME_MORE)
		ck_assert_int_gt(evbuffer_read(in, fd, 65536), 0);
	ck_assert_int_eq(proto_parse(doc, len, &m, &why), 0);
	ck_assert_int_eq(m.type, MSG_ERR);
	frame_drain(in, len);
	ck_assert_int_eq(evbuffer_read(in, fd, 65536), 0);	/* then EOF */
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_CHANNEL_END);
	ck_assert_int_eq(hostfx_post_json(&fx, "\"alive\""), 0);
	ck_assert_int_eq(hostfx_next_nolog(&fx, HOSTFX_TIMEOUT), MSG_MESSAGE);
	s = hostfx_json(&fx, "data");
	ck_assert_str_eq(s, "\"alive\"");
	free(s);
	close(fd);
	evbuffer_free(in);
}
END_TEST

START_TEST(channel_without_a_descriptor_ends_the_host)
{
	struct pbuf f;

	ck_assert_int_eq(hostfx_start(&fx, hostfx_write(&fx, "echo.js", echo_js), NULL), 0);
	ck_assert_int_eq(hostfx_next(&fx, HOSTFX_TIMEOUT), MSG_OPEN);
	pbuf_init(&f);
	ck_assert_int_eq(msg_write_bare(&f, MSG_CHANNEL), 0);
	ck_assert_int_eq(hostfx_send_raw(&fx, f.data, f.len), 0);
	pbuf_free(&f);
	ck_assert_int_eq(hostfx_wait(&fx, HOSTFX_TIMEOUT), 1);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("host_channel");
	TCase *tc = tcase_create("channel");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, posts_and_messages_take_the_channel);
	tcase_add_test(tc, messages_after_the_client_went_take_the_link);
	tcase_add_test(tc, oversized_frame_ends_the_channel);
	tcase_add_test(tc, channel_without_a_descriptor_ends_the_host);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return tsuite_run(suite());
}
