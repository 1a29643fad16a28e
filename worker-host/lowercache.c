#include "lowercache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mod_crypto.h"
#include "srcext.h"

#define MAGIC "WSDL1 "
/* Entries one trim pass can delete from; a directory with more entries
 * than that over the bound is brought under it over several writes. */
#define TRIM_SCAN_MAX 4096

int
lcache_tsc_id(char *out, size_t len)
{
	const char *tsc = WORKERSD_TSC;
	struct stat st;
	int n;

	if (stat(tsc, &st) == -1)
		memset(&st, 0, sizeof(st));
	n = snprintf(out, len, "%s|%s|%jd|%jd.%09ld|", LOWER_VERSION, tsc, (intmax_t)st.st_size,
	    (intmax_t)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	return n > 0 && (size_t)n < len ? 0 : -1;
}

int
lcache_options(char *out, size_t len, const char *jsx, bool legacy_decorators)
{
	int n = snprintf(out, len, "%s%s", jsx, legacy_decorators ? "|legacy-decorators" : "");

	return n > 0 && (size_t)n < len ? 0 : -1;
}

int
lcache_key(const char *tsc_id, const char *filename, const char *jsx, const uint8_t *src, size_t n,
    char key[65])
{
	const void *parts[6] = { tsc_id, srcext_of(filename), "|", jsx, "|", src };
	size_t lens[6] = { strlen(tsc_id), strlen(srcext_of(filename)), 1, strlen(jsx), 1, n };

	return crypto_sha256_hex(parts, lens, 6, key);
}

int
lcache_open(const char *dir)
{
	return open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static int
entry_name(const char *key, char *out, size_t len)
{
	int n = snprintf(out, len, "%s.lower", key);

	return n > 0 && (size_t)n < len ? 0 : -1;
}

static int
read_all(int fd, struct pbuf *b, size_t size)
{
	ssize_t n;

	if (pbuf_reserve(b, size) == -1)
		return -1;
	while (b->len < size) {
		n = read(fd, b->data + b->len, size - b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		b->len += (size_t)n;
	}
	return 0;
}

int
lcache_read(int dir, const char *key, struct pbuf *code, struct pbuf *map)
{
	char path[96], *end;
	struct pbuf all;
	struct stat st;
	size_t head, clen;
	int fd, rc = -1;

	if (entry_name(key, path, sizeof(path)) == -1 ||
	    (fd = openat(dir, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	pbuf_init(&all);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || read_all(fd, &all, (size_t)st.st_size) == -1 ||
	    all.len < sizeof(MAGIC) || memcmp(all.data, MAGIC, sizeof(MAGIC) - 1) != 0)
		goto out;
	if (pbuf_append(&all, "", 1) == -1)
		goto out;
	errno = 0;
	clen = strtoull((char *)all.data + sizeof(MAGIC) - 1, &end, 10);
	if (errno != 0 || *end != '\n')
		goto out;
	head = (size_t)((uint8_t *)end + 1 - all.data);
	if (clen > all.len - 1 - head)
		goto out;
	if (pbuf_append(code, all.data + head, clen) == -1 ||
	    pbuf_append(map, all.data + head + clen, all.len - 1 - head - clen) == -1)
		goto out;
	/* the access time of an entry is its mtime: trimming keeps what is used */
	(void)futimens(fd, NULL);
	rc = 0;
out:
	pbuf_free(&all);
	close(fd);
	return rc;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const uint8_t *q = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, q, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		q += w;
		n -= (size_t)w;
	}
	return 0;
}

int
lcache_write(int dir, const char *key, const uint8_t *code, size_t code_len,
    const uint8_t *map, size_t map_len, char *err, size_t errlen)
{
	char path[96], tmp[128], head[64];
	int fd, hl;

	/* one process writes one entry at a time: its pid makes the name unique */
	if (entry_name(key, path, sizeof(path)) == -1)
		return -1;
	snprintf(tmp, sizeof(tmp), ".tmp-%ld-%.16s", (long)getpid(), key);
	(void)unlinkat(dir, tmp, 0);
	if ((fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644)) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	hl = snprintf(head, sizeof(head), MAGIC "%zu\n", code_len);
	if (fchmod(fd, 0644) == -1 || write_all(fd, head, (size_t)hl) == -1 ||
	    write_all(fd, code, code_len) == -1 || write_all(fd, map, map_len) == -1 ||
	    close(fd) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		unlinkat(dir, tmp, 0);
		return -1;
	}
	if (renameat(dir, tmp, dir, path) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlinkat(dir, tmp, 0);
		return -1;
	}
	return 0;
}

struct lentry {
	struct timespec mtime;
	off_t size;
	char name[80];
};

static int
older_first(const void *a, const void *b)
{
	const struct lentry *x = a, *y = b;

	if (x->mtime.tv_sec != y->mtime.tv_sec)
		return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
	if (x->mtime.tv_nsec != y->mtime.tv_nsec)
		return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
	return 0;
}

/* Calls fn for each cache entry; the sum of their sizes. */
static uint64_t
each_entry(DIR *d, void (*fn)(void *, const char *, const struct stat *), void *arg)
{
	struct dirent *de;
	struct stat st;
	uint64_t total = 0;

	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 64 + 6 || strcmp(de->d_name + 64, ".lower") != 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 || !S_ISREG(st.st_mode))
			continue;
		total += (uint64_t)st.st_size;
		if (fn != NULL)
			fn(arg, de->d_name, &st);
	}
	return total;
}

struct collect {
	struct lentry *e;
	size_t n;
};

static void
collect(void *arg, const char *name, const struct stat *st)
{
	struct collect *c = arg;

	if (c->n == TRIM_SCAN_MAX)
		return;
	c->e[c->n].mtime = st->st_mtim;
	c->e[c->n].size = st->st_size;
	memcpy(c->e[c->n].name, name, strlen(name) + 1);
	c->n++;
}

void
lcache_trim(int dir, uint64_t max)
{
	struct collect c = { NULL, 0 };
	uint64_t total;
	size_t n, i;
	struct lentry *e;
	int fd;
	DIR *d;

	if ((fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	/* the common case: under the bound, nothing to sort */
	if ((total = each_entry(d, NULL, NULL)) <= max || (c.e = malloc(TRIM_SCAN_MAX * sizeof(*c.e))) == NULL) {
		closedir(d);
		return;
	}
	(void)each_entry(d, collect, &c);
	e = c.e;
	n = c.n;
	qsort(e, n, sizeof(*e), older_first);
	for (i = 0; i < n && total > max; i++) {
		if (unlinkat(dirfd(d), e[i].name, 0) == 0)
			total -= (uint64_t)e[i].size;
	}
	free(e);
	closedir(d);
}
