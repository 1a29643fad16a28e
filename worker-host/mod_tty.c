/*
 * mod_tty.c - the terminal system calls of Node's `tty`: isatty, what kind
 * of thing a descriptor is, the window size, raw mode through termios, and
 * a read that never waits.  The JS half (js/node_tty.js) makes
 * tty.ReadStream and tty.WriteStream of them; the termios settings raw
 * mode replaces travel back to JS as a Buffer, so no state lives here.
 */
#include "mod_tty.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "mod_fs.h"
#include "rt_define.h"

/* The descriptor argument at idx: an int, or -1 (which every call refuses
 * as EBADF) for anything else. */
static int
fd_at(duk_context *ctx, duk_idx_t idx)
{
	double d;

	if (!duk_is_number(ctx, idx))
		return -1;
	d = duk_get_number(ctx, idx);
	return d >= 0 && d <= 0x7fffffff && d == (int)d ? (int)d : -1;
}

static duk_ret_t
tty_isatty(duk_context *ctx)
{
	int fd = fd_at(ctx, 0);

	duk_push_boolean(ctx, fd >= 0 && isatty(fd));
	return 1;
}

static duk_ret_t
tty_kind(duk_context *ctx)
{
	int fd = fd_at(ctx, 0);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) != 0)
		return fs_throw_errno(ctx, fd < 0 ? EBADF : errno, "fstat", NULL, NULL);
	if (isatty(fd))
		duk_push_string(ctx, "tty");
	else if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		duk_push_string(ctx, "pipe");
	else
		duk_push_string(ctx, "other");
	return 1;
}

static duk_ret_t
tty_size(duk_context *ctx)
{
	int fd = fd_at(ctx, 0);
	struct winsize ws;

	if (fd < 0 || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return fs_throw_errno(ctx, fd < 0 ? EBADF : errno, "ioctl", NULL, NULL);
	duk_push_array(ctx);
	duk_push_uint(ctx, ws.ws_col);
	duk_put_prop_index(ctx, -2, 0);
	duk_push_uint(ctx, ws.ws_row);
	duk_put_prop_index(ctx, -2, 1);
	return 1;
}

/* The settings libuv calls raw: bytes as typed, no echo, no line editing,
 * no signals from ^C, and output newlines still made CR LF. */
static void
make_raw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
	t->c_oflag |= ONLCR;
	t->c_cflag |= CS8;
	t->c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

static duk_ret_t
tty_set_raw(duk_context *ctx)
{
	int fd = fd_at(ctx, 0);
	struct termios t;
	duk_size_t len;
	void *saved;

	if (fd < 0)
		return fs_throw_errno(ctx, EBADF, "tcsetattr", NULL, NULL);
	if (!duk_is_undefined(ctx, 1)) {
		saved = duk_require_buffer_data(ctx, 1, &len);
		if (len != sizeof(t))
			return duk_error(ctx, DUK_ERR_TYPE_ERROR, "setRaw: not a saved terminal state");
		memcpy(&t, saved, sizeof(t));
		if (tcsetattr(fd, TCSADRAIN, &t) != 0)
			return fs_throw_errno(ctx, errno, "tcsetattr", NULL, NULL);
		return 0;
	}
	if (tcgetattr(fd, &t) != 0)
		return fs_throw_errno(ctx, errno, "tcgetattr", NULL, NULL);
	saved = duk_push_fixed_buffer(ctx, sizeof(t));
	memcpy(saved, &t, sizeof(t));
	make_raw(&t);
	if (tcsetattr(fd, TCSADRAIN, &t) != 0)
		return fs_throw_errno(ctx, errno, "tcsetattr", NULL, NULL);
	duk_push_buffer_object(ctx, -1, 0, sizeof(t), DUK_BUFOBJ_NODEJS_BUFFER);
	return 1;
}

static duk_ret_t
tty_read(duk_context *ctx)
{
	int fd = fd_at(ctx, 0);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	duk_size_t len;
	void *buf = duk_require_buffer_data(ctx, 1, &len);
	ssize_t n;

	if (fd < 0)
		return fs_throw_errno(ctx, EBADF, "read", NULL, NULL);
	if (poll(&p, 1, 0) < 0)
		return fs_throw_errno(ctx, errno, "poll", NULL, NULL);
	if ((p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
		duk_push_int(ctx, -1);
		return 1;
	}
	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	/* a terminal whose other side went away reads as its end */
	if (n < 0 && errno == EIO)
		n = 0;
	if (n < 0)
		return fs_throw_errno(ctx, errno, "read", NULL, NULL);
	duk_push_number(ctx, (double)n);
	return 1;
}

static duk_ret_t
tty_build(duk_context *ctx)
{
	static const duk_function_list_entry fns[] = {
		{ "isatty", tty_isatty, 1 }, { "kind", tty_kind, 1 }, { "size", tty_size, 1 },
		{ "setRaw", tty_set_raw, 2 }, { "read", tty_read, 2 }, { NULL, NULL, 0 }
	};

	duk_push_object(ctx);
	duk_put_function_list(ctx, -1, fns);
	return 1;
}

void
tty_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_lazy(ctx, native, "tty", tty_build);
}
