/*
 * lowercache.h - the on-disk cache of lowered scripts, shared by the
 * compile server (writes) and workers (read).
 *
 * An entry is one file DIR/<key>.lower: "WSDL1 <code bytes>\n", the ES5
 * code, then the source map (JSON), both UTF-8.  The key is the SHA-256 of
 * the compiler's identity (lcache_tsc_id(): LOWER_VERSION and the path,
 * size and mtime of typescript.js), the file's extension (it picks the
 * TS/TSX/JS parser), the JSX factory and the source, so two daemons and
 * any number of workers can share a directory, and whoever can name an
 * entry already holds its source.  The directory is named by an fd
 * (lcache_open()): the compile server opens it before it drops its
 * privileges.  lcache_write() writes a temp file in DIR and renames it over
 * the entry: readers see a whole entry or none.  lcache_trim() deletes the
 * least recently used entries (by mtime; a hit touches it, when the
 * reader may) until the directory holds at most max bytes.
 */
#ifndef WH_LOWERCACHE_H
#define WH_LOWERCACHE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Bumped whenever the lowering options or post-processing change. */
#define LOWER_VERSION "workersd-lower-13"
#define LOWER_DEFAULT_JSX "React.createElement"
#define LCACHE_MAX_DEFAULT ((uint64_t)64 << 20)

#define LCACHE_TSC_ID_MAX (PATH_MAX + 96)

/* The compiler's part of every key into out; -1 when it does not fit. */
int lcache_tsc_id(char *out, size_t len);
#define LCACHE_OPTIONS_MAX 300

/* The compile options a key depends on (the JSX factory, legacy
 * decorators) as one string; -1 when it does not fit. */
int lcache_options(char *out, size_t len, const char *jsx, bool legacy_decorators);
/* -1 when libcrypto failed: the caller goes without the cache.  jsx: as
 * lcache_options() makes it. */
int lcache_key(const char *tsc_id, const char *filename, const char *jsx, const uint8_t *src, size_t n,
    char key[65]);
/* An fd for the directory (O_PATH), or -1 with errno. */
int lcache_open(const char *dir);
/* 0 with code and map filled (appended), -1 when absent or unreadable. */
int lcache_read(int dir, const char *key, struct pbuf *code, struct pbuf *map);
int lcache_write(int dir, const char *key, const uint8_t *code, size_t code_len,
    const uint8_t *map, size_t map_len, char *err, size_t errlen);
void lcache_trim(int dir, uint64_t max);

#endif
