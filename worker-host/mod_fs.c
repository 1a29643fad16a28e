/*
 * mod_fs.c - the system calls behind Node's `fs` (js/node_fs.js builds the
 * API on these): each binding does one operation synchronously with the
 * worker's own credentials and either returns its result or throws the
 * error Node throws, an Error whose message is libuv's ("ENOENT: no such
 * file or directory, open '/x'") with code, errno (negative, as Node's),
 * syscall, path and dest.  Bytes move in and out as Uint8Arrays; the glue
 * decides encodings.
 */
#include "mod_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "rt_define.h"
#include "wire.h"

/* A file bigger than this is refused by readFile, as Node refuses one over
 * its buffer limit (ERR_FS_FILE_TOO_LARGE), before the heap runs out. */
#define READFILE_MAX ((size_t)1 << 30)
#define READDIR_MAX 1000000

/* libuv's wording of the errors a file operation meets; strerror's is
 * capitalised and worded differently, and scripts match on these. */
static const char *
uv_message(int err)
{
	switch (err) {
	case ENOENT: return "no such file or directory";
	case EACCES: return "permission denied";
	case EEXIST: return "file already exists";
	case ENOTDIR: return "not a directory";
	case EISDIR: return "illegal operation on a directory";
	case ENOTEMPTY: return "directory not empty";
	case EBADF: return "bad file descriptor";
	case EPERM: return "operation not permitted";
	case EMFILE: return "too many open files";
	case ENFILE: return "file table overflow";
	case ELOOP: return "too many symbolic links encountered";
	case ENAMETOOLONG: return "name too long";
	case EINVAL: return "invalid argument";
	case EXDEV: return "cross-device link not permitted";
	case ENOSPC: return "no space left on device";
	case EROFS: return "read-only file system";
	case EBUSY: return "resource busy or locked";
	case EIO: return "i/o error";
	case EFBIG: return "file too large";
	case ENOMEM: return "not enough memory";
	case EAGAIN: return "resource temporarily unavailable";
	case ESPIPE: return "invalid seek";
	case EINTR: return "interrupted system call";
	default: return strerror(err);
	}
}

/* Throws Node's error for errno `err` from `syscall` on path (and dest). */
duk_ret_t
fs_throw_errno(duk_context *ctx, int err, const char *syscall, const char *path, const char *dest)
{
	const char *code = strerrorname_np(err);

	if (code == NULL)
		code = "UNKNOWN";
	if (path != NULL && dest != NULL)
		duk_push_error_object(ctx, DUK_ERR_ERROR, "%s: %s, %s '%s' -> '%s'", code, uv_message(err),
		    syscall, path, dest);
	else if (path != NULL)
		duk_push_error_object(ctx, DUK_ERR_ERROR, "%s: %s, %s '%s'", code, uv_message(err), syscall, path);
	else
		duk_push_error_object(ctx, DUK_ERR_ERROR, "%s: %s, %s", code, uv_message(err), syscall);
	duk_push_int(ctx, -err);
	duk_put_prop_string(ctx, -2, "errno");
	duk_push_string(ctx, code);
	duk_put_prop_string(ctx, -2, "code");
	duk_push_string(ctx, syscall);
	duk_put_prop_string(ctx, -2, "syscall");
	if (path != NULL) {
		duk_push_string(ctx, path);
		duk_put_prop_string(ctx, -2, "path");
	}
	if (dest != NULL) {
		duk_push_string(ctx, dest);
		duk_put_prop_string(ctx, -2, "dest");
	}
	return duk_throw(ctx);
}

/* The bytes of the Uint8Array (or any buffer) at idx. */
static unsigned char *
bytes_at(duk_context *ctx, duk_idx_t idx, duk_size_t *len)
{
	return duk_require_buffer_data(ctx, idx, len);
}

static duk_ret_t
fs_open(duk_context *ctx)
{
	const char *path = duk_require_string(ctx, 0);
	int fd = open(path, duk_require_int(ctx, 1) | O_CLOEXEC, (mode_t)duk_require_uint(ctx, 2));

	if (fd == -1)
		return fs_throw_errno(ctx, errno, "open", path, NULL);
	duk_push_int(ctx, fd);
	return 1;
}

static duk_ret_t
fs_close(duk_context *ctx)
{
	if (close(duk_require_int(ctx, 0)) == -1 && errno != EINTR)
		return fs_throw_errno(ctx, errno, "close", NULL, NULL);
	return 0;
}

/* read(fd, u8, offset, length, position): position -1 reads at the file's
 * offset, as Node's null does. */
static duk_ret_t
fs_read(duk_context *ctx)
{
	int fd = duk_require_int(ctx, 0);
	duk_size_t len;
	unsigned char *buf = bytes_at(ctx, 1, &len);
	double off = duk_require_number(ctx, 2), n = duk_require_number(ctx, 3), pos = duk_require_number(ctx, 4);
	ssize_t got;

	if (off < 0 || n < 0 || off + n > (double)len)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "read: offset and length out of the buffer's range");
	do
		got = pos < 0 ? read(fd, buf + (size_t)off, (size_t)n) :
		    pread(fd, buf + (size_t)off, (size_t)n, (off_t)pos);
	while (got == -1 && errno == EINTR);
	if (got == -1)
		return fs_throw_errno(ctx, errno, "read", NULL, NULL);
	duk_push_number(ctx, (double)got);
	return 1;
}

static duk_ret_t
fs_write(duk_context *ctx)
{
	int fd = duk_require_int(ctx, 0);
	duk_size_t len;
	const unsigned char *buf = bytes_at(ctx, 1, &len);
	double off = duk_require_number(ctx, 2), n = duk_require_number(ctx, 3), pos = duk_require_number(ctx, 4);
	ssize_t put;

	if (off < 0 || n < 0 || off + n > (double)len)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "write: offset and length out of the buffer's range");
	do
		put = pos < 0 ? write(fd, buf + (size_t)off, (size_t)n) :
		    pwrite(fd, buf + (size_t)off, (size_t)n, (off_t)pos);
	while (put == -1 && errno == EINTR);
	if (put == -1)
		return fs_throw_errno(ctx, errno, "write", NULL, NULL);
	duk_push_number(ctx, (double)put);
	return 1;
}

/* Reads all of fd into the growing buffer: st_size is only a hint (/proc
 * files say 0). */
static int
read_all(int fd, size_t hint, unsigned char **out, size_t *outlen)
{
	size_t cap = hint + 1 > 4096 ? hint + 1 : 4096, n = 0;
	unsigned char *buf = malloc(cap);
	ssize_t got;

	if (buf == NULL)
		return ENOMEM;
	for (;;) {
		if (n == cap) {
			unsigned char *nb;

			if (cap >= READFILE_MAX || (nb = realloc(buf, cap * 2)) == NULL) {
				free(buf);
				return cap >= READFILE_MAX ? EFBIG : ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		got = read(fd, buf + n, cap - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			int err = errno;

			free(buf);
			return err;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*out = buf;
	*outlen = n;
	return 0;
}

/* readFile(path | fd, flags): the whole file as a Uint8Array. */
static duk_ret_t
fs_read_file(duk_context *ctx)
{
	const char *path = duk_is_number(ctx, 0) ? NULL : duk_require_string(ctx, 0);
	int fd = path == NULL ? duk_require_int(ctx, 0) : open(path, duk_require_int(ctx, 1) | O_CLOEXEC);
	struct stat st;
	unsigned char *buf = NULL;
	size_t n = 0;
	int err;

	if (fd == -1)
		return fs_throw_errno(ctx, errno, "open", path, NULL);
	if (fstat(fd, &st) == -1 || S_ISDIR(st.st_mode)) {
		err = S_ISDIR(st.st_mode) ? EISDIR : errno;
		if (path != NULL)
			close(fd);
		return fs_throw_errno(ctx, err, "read", NULL, NULL);
	}
	err = read_all(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &buf, &n);
	if (path != NULL)
		close(fd);
	if (err == EFBIG)
		return duk_error(ctx, DUK_ERR_RANGE_ERROR, "File size is greater than 1 GiB");
	if (err != 0)
		return fs_throw_errno(ctx, err, "read", NULL, NULL);
	wire_push_u8(ctx, buf, n);
	free(buf);
	return 1;
}

static void
put_time(duk_context *ctx, duk_idx_t arr, duk_uarridx_t i, struct statx_timestamp t)
{
	duk_push_number(ctx, (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6);
	duk_put_prop_index(ctx, arr, i);
}

/* Pushes Node's Stats fields in order: dev, mode, nlink, uid, gid, rdev,
 * blksize, ino, size, blocks, then atime, mtime, ctime, birthtime in ms. */
static void
push_statx(duk_context *ctx, const struct statx *sx)
{
	const double f[] = { (double)((sx->stx_dev_major << 8) | sx->stx_dev_minor), sx->stx_mode,
		sx->stx_nlink, sx->stx_uid, sx->stx_gid, (double)((sx->stx_rdev_major << 8) | sx->stx_rdev_minor),
		sx->stx_blksize, (double)sx->stx_ino, (double)sx->stx_size, (double)sx->stx_blocks };
	duk_idx_t arr = duk_push_array(ctx);
	duk_uarridx_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		duk_push_number(ctx, f[i]);
		duk_put_prop_index(ctx, arr, i);
	}
	put_time(ctx, arr, i++, sx->stx_atime);
	put_time(ctx, arr, i++, sx->stx_mtime);
	put_time(ctx, arr, i++, sx->stx_ctime);
	put_time(ctx, arr, i, (sx->stx_mask & STATX_BTIME) ? sx->stx_btime : sx->stx_ctime);
}

/* stat(path | fd, follow, throwIfMissing): fields, or undefined for a
 * missing path when not throwing (statSync's throwIfNoEntry: false). */
static duk_ret_t
fs_stat(duk_context *ctx)
{
	bool is_fd = duk_is_number(ctx, 0);
	const char *path = is_fd ? "" : duk_require_string(ctx, 0);
	bool follow = duk_to_boolean(ctx, 1);
	struct statx sx;
	int flags = is_fd ? AT_EMPTY_PATH : (follow ? 0 : AT_SYMLINK_NOFOLLOW);

	if (statx(is_fd ? duk_get_int(ctx, 0) : AT_FDCWD, path, flags, STATX_BASIC_STATS | STATX_BTIME, &sx) == -1) {
		if ((errno == ENOENT || errno == ENOTDIR) && !duk_to_boolean(ctx, 2))
			return 0;
		return fs_throw_errno(ctx, errno, is_fd ? "fstat" : (follow ? "stat" : "lstat"), is_fd ? NULL : path,
		    NULL);
	}
	push_statx(ctx, &sx);
	return 1;
}

/* Node's UV_DIRENT_* numbers, which fs.Dirent's methods test. */
static int
dirent_type(unsigned char t)
{
	switch (t) {
	case DT_REG: return 1;
	case DT_DIR: return 2;
	case DT_LNK: return 3;
	case DT_FIFO: return 4;
	case DT_SOCK: return 5;
	case DT_CHR: return 6;
	case DT_BLK: return 7;
	default: return 0;
	}
}

/* readdir(path): [names, types], sorted as the kernel gives them. */
static duk_ret_t
fs_readdir(duk_context *ctx)
{
	const char *path = duk_require_string(ctx, 0);
	DIR *d = opendir(path);
	struct dirent *e;
	duk_idx_t names, types;
	duk_uarridx_t n = 0;

	if (d == NULL)
		return fs_throw_errno(ctx, errno, "scandir", path, NULL);
	duk_push_array(ctx);
	names = duk_push_array(ctx);
	types = duk_push_array(ctx);
	errno = 0;
	while ((e = readdir(d)) != NULL && n < READDIR_MAX) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		duk_push_string(ctx, e->d_name);
		duk_put_prop_index(ctx, names, n);
		duk_push_int(ctx, dirent_type(e->d_type));
		duk_put_prop_index(ctx, types, n++);
	}
	if (e == NULL && errno != 0) {
		int err = errno;

		closedir(d);
		return fs_throw_errno(ctx, err, "scandir", path, NULL);
	}
	closedir(d);
	duk_put_prop_index(ctx, -3, 1);
	duk_put_prop_index(ctx, -2, 0);
	return 1;
}

/* One path, and the result of a call that returns -1/errno on it. */
#define PATH_CALL(fname, syscall, expr)						\
	static duk_ret_t							\
	fname(duk_context *ctx)							\
	{									\
		const char *path = duk_require_string(ctx, 0);			\
		if ((expr) == -1)						\
			return fs_throw_errno(ctx, errno, syscall, path, NULL);	\
		return 0;							\
	}

PATH_CALL(fs_mkdir, "mkdir", mkdir(path, (mode_t)duk_require_uint(ctx, 1)))
PATH_CALL(fs_rmdir, "rmdir", rmdir(path))
PATH_CALL(fs_unlink, "unlink", unlink(path))
PATH_CALL(fs_chmod, "chmod", chmod(path, (mode_t)duk_require_uint(ctx, 1)))
PATH_CALL(fs_access, "access", access(path, duk_require_int(ctx, 1)))
PATH_CALL(fs_truncate, "open", truncate(path, (off_t)duk_require_number(ctx, 1)))

/* Two paths (from, to), named in the error as Node does: 'from' -> 'to'. */
#define TWO_PATH_CALL(fname, syscall, fn)					\
	static duk_ret_t							\
	fname(duk_context *ctx)							\
	{									\
		const char *from = duk_require_string(ctx, 0);			\
		const char *to = duk_require_string(ctx, 1);			\
		if (fn(from, to) == -1)						\
			return fs_throw_errno(ctx, errno, syscall, from, to);	\
		return 0;							\
	}

TWO_PATH_CALL(fs_rename, "rename", rename)
TWO_PATH_CALL(fs_symlink, "symlink", symlink)
TWO_PATH_CALL(fs_link, "link", link)

static duk_ret_t
fs_readlink(duk_context *ctx)
{
	const char *path = duk_require_string(ctx, 0);
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf));

	if (n == -1)
		return fs_throw_errno(ctx, errno, "readlink", path, NULL);
	duk_push_lstring(ctx, buf, (duk_size_t)n);
	return 1;
}

static duk_ret_t
fs_realpath(duk_context *ctx)
{
	const char *path = duk_require_string(ctx, 0);
	char buf[PATH_MAX];

	if (realpath(path, buf) == NULL)
		return fs_throw_errno(ctx, errno, "realpath", path, NULL);
	duk_push_string(ctx, buf);
	return 1;
}

static duk_ret_t
fs_ftruncate(duk_context *ctx)
{
	if (ftruncate(duk_require_int(ctx, 0), (off_t)duk_require_number(ctx, 1)) == -1)
		return fs_throw_errno(ctx, errno, "ftruncate", NULL, NULL);
	return 0;
}

static duk_ret_t
fs_fsync(duk_context *ctx)
{
	if (fsync(duk_require_int(ctx, 0)) == -1)
		return fs_throw_errno(ctx, errno, "fsync", NULL, NULL);
	return 0;
}

static struct timespec
to_timespec(double seconds)
{
	struct timespec ts;

	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	return ts;
}

static duk_ret_t
fs_utimes(duk_context *ctx)
{
	const char *path = duk_require_string(ctx, 0);
	struct timespec ts[2] = { to_timespec(duk_require_number(ctx, 1)), to_timespec(duk_require_number(ctx, 2)) };

	if (utimensat(AT_FDCWD, path, ts, duk_to_boolean(ctx, 3) ? 0 : AT_SYMLINK_NOFOLLOW) == -1)
		return fs_throw_errno(ctx, errno, "utime", path, NULL);
	return 0;
}

static duk_ret_t
fs_mkdtemp(duk_context *ctx)
{
	const char *prefix = duk_require_string(ctx, 0);
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%sXXXXXX", prefix) >= (int)sizeof(buf))
		return fs_throw_errno(ctx, ENAMETOOLONG, "mkdtemp", prefix, NULL);
	if (mkdtemp(buf) == NULL) {
		snprintf(buf, sizeof(buf), "%sXXXXXX", prefix);
		return fs_throw_errno(ctx, errno, "mkdtemp", buf, NULL);
	}
	duk_push_string(ctx, buf);
	return 1;
}

/* copyFile(src, dst, excl): the kernel copies (sendfile); the mode is the
 * source's, as with Node. */
static duk_ret_t
fs_copy_file(duk_context *ctx)
{
	const char *src = duk_require_string(ctx, 0), *dst = duk_require_string(ctx, 1);
	int in = open(src, O_RDONLY | O_CLOEXEC), out, err = 0;
	struct stat st;
	ssize_t n;

	if (in == -1 || fstat(in, &st) == -1) {
		err = errno;
		if (in != -1)
			close(in);
		return fs_throw_errno(ctx, err, "copyfile", src, dst);
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (duk_to_boolean(ctx, 2) ? O_EXCL : 0),
	    st.st_mode & 07777);
	if (out == -1) {
		err = errno;
		close(in);
		return fs_throw_errno(ctx, err, "copyfile", src, dst);
	}
	while ((n = sendfile(out, in, NULL, 1 << 30)) > 0 || (n == -1 && errno == EINTR))
		;
	if (n == -1)
		err = errno;
	close(in);
	if (close(out) == -1 && err == 0)
		err = errno;
	if (err != 0)
		return fs_throw_errno(ctx, err, "copyfile", src, dst);
	return 0;
}

static duk_ret_t
fs_build(duk_context *ctx)
{
	static const duk_function_list_entry fns[] = {
		{ "open", fs_open, 3 }, { "close", fs_close, 1 }, { "read", fs_read, 5 },
		{ "write", fs_write, 5 }, { "readFile", fs_read_file, 2 }, { "stat", fs_stat, 3 },
		{ "readdir", fs_readdir, 1 }, { "mkdir", fs_mkdir, 2 }, { "rmdir", fs_rmdir, 1 },
		{ "unlink", fs_unlink, 1 }, { "chmod", fs_chmod, 2 }, { "access", fs_access, 2 },
		{ "truncate", fs_truncate, 2 }, { "rename", fs_rename, 2 }, { "symlink", fs_symlink, 2 },
		{ "link", fs_link, 2 }, { "readlink", fs_readlink, 1 }, { "realpath", fs_realpath, 1 },
		{ "ftruncate", fs_ftruncate, 2 }, { "fsync", fs_fsync, 1 }, { "utimes", fs_utimes, 4 },
		{ "mkdtemp", fs_mkdtemp, 1 }, { "copyFile", fs_copy_file, 3 }, { NULL, NULL, 0 }
	};

	duk_push_object(ctx);
	duk_put_function_list(ctx, -1, fns);
	return 1;
}

void
fs_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_lazy(ctx, native, "fs", fs_build);
}
