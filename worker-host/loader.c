#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lower.h"
#include "srcext.h"
#include "utf8.h"

static int
read_file(const char *path, struct pbuf *raw, char *err, size_t errlen)
{
	struct stat st;
	size_t want;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > LOADER_MAX) {
		snprintf(err, errlen, "%s: larger than %zu bytes", path, LOADER_MAX);
		close(fd);
		return -1;
	}
	/* Room for the whole file and one byte more, for the read that sees
	 * its end; a file that grows while it is read takes 64 KiB steps.  A
	 * fixed 64 KiB, doubled by that last read, had every worker copy 64
	 * KiB into a fresh 128 KiB block for a script of a few hundred bytes. */
	want = (size_t)st.st_size + 1;
	for (;;) {
		if (pbuf_reserve(raw, want) == -1 || raw->len > LOADER_MAX) {
			snprintf(err, errlen, "%s: larger than %zu bytes", path, LOADER_MAX);
			close(fd);
			return -1;
		}
		n = read(fd, raw->data + raw->len, raw->cap - raw->len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		raw->len += (size_t)n;
		want = raw->len < raw->cap ? 1 : 65536;
	}
	close(fd);
	return 0;
}

/* Reads path and sets [*p, *p+*n) to its text: no BOM, a "#!" line made
 * a comment, checked to be UTF-8. */
int
host_read_text(const char *path, struct pbuf *raw, const uint8_t **text, size_t *len, char *err, size_t errlen)
{
	const uint8_t *p;
	size_t n, start;

	if (read_file(path, raw, err, errlen) == -1)
		return LOAD_IO;
	start = raw->len > 0 ? utf8_script_text(raw->data, raw->len) : 0;
	p = raw->data + start;
	n = raw->len - start;
	if (!utf8_valid(p, n)) {
		snprintf(err, errlen, "%s: the file is not valid UTF-8", path);
		return LOAD_SYNTAX;
	}
	*text = p;
	*len = n;
	return 0;
}

static int
load(duk_context *ctx, const char *path, bool lower, struct pbuf *out, char *err, size_t errlen)
{
	struct pbuf raw;
	const uint8_t *p = NULL;
	size_t n = 0;
	int rc;

	pbuf_init(&raw);
	if ((rc = host_read_text(path, &raw, &p, &n, err, errlen)) == 0) {
		if (lower)
			rc = lower_source(ctx, path, p, n, out) == 0 ? 0 : LOAD_THROW;
		else if (utf8_to_cesu8(p, n, false, out) == -1) {
			snprintf(err, errlen, "%s: out of memory", path);
			rc = LOAD_IO;
		}
	}
	pbuf_free(&raw);
	return rc;
}

int
host_load_source(duk_context *ctx, const char *path, struct pbuf *out, char *err, size_t errlen)
{
	return load(ctx, path, srcext_always(path), out, err, errlen);
}

int
host_load_lowered(duk_context *ctx, const char *path, struct pbuf *out, char *err, size_t errlen)
{
	return load(ctx, path, true, out, err, errlen);
}
