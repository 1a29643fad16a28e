/*
 * lowercache.h - the on-disk cache of lowered scripts, shared by the
 * compile server (writes) and workers (read).
 *
 * An entry is one file DIR/<key>.lower: "WSDL1 <code bytes>\n", the ES5
 * code, then the source map (JSON), both UTF-8.  The key is the SHA-256 of
 * LOWER_VERSION, the compiler's identity (path, size and mtime of
 * typescript.js), the file's extension (it picks the TS/TSX/JS parser), the
 * JSX factory and the source, so two daemons and any number of workers can
 * share a directory.  lcache_write() writes a temp file in DIR and renames
 * it over the entry: readers see a whole entry or none.  lcache_trim()
 * deletes the least recently used entries (by mtime; a hit touches it)
 * until the directory holds at most max bytes.
 */
#ifndef WH_LOWERCACHE_H
#define WH_LOWERCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Bumped whenever the lowering options or post-processing change. */
#define LOWER_VERSION "workersd-lower-5"
#define LOWER_DEFAULT_JSX "React.createElement"
#define LCACHE_MAX_DEFAULT ((uint64_t)64 << 20)

void lcache_key(const char *filename, const char *jsx, const uint8_t *src, size_t n, char key[65]);
/* 0 with code and map filled (appended), -1 when absent or unreadable. */
int lcache_read(const char *dir, const char *key, struct pbuf *code, struct pbuf *map);
int lcache_write(const char *dir, const char *key, const uint8_t *code, size_t code_len,
    const uint8_t *map, size_t map_len, char *err, size_t errlen);
void lcache_trim(const char *dir, uint64_t max);

#endif
