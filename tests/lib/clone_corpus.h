/*
 * clone_corpus.h - hostile clone bytes and the reason every decoder must
 * give for refusing them.  The Duktape decoder (test_clone_duk) and the
 * tagged-JSON printer (test_clone_json) both run the whole table: one
 * reader checks the bytes for both, so they refuse alike.
 */
#ifndef CLONE_CORPUS_H
#define CLONE_CORPUS_H

#include <stddef.h>
#include <stdint.h>

struct clone_bad {
	const char *what;	/* the bytes as written in the table */
	const uint8_t *p;
	size_t n;
	const char *why;	/* a substring of the refusal */
};

extern const struct clone_bad clone_corpus[];
extern const size_t clone_corpus_len;

#endif
