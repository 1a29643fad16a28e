/*
 * table.h - intrusive hash table keyed by a 64-bit integer.
 *
 * Nodes live inside the objects they index (worker by id, by pid, by name
 * hash), so inserting never allocates a node; only the bucket array grows,
 * doubling when the load passes 1.  Several nodes may share a key (name
 * hashes collide, a closed record may share a live worker's name): walk them
 * with table_first/table_next and compare the object itself.
 */
#ifndef WD_TABLE_H
#define WD_TABLE_H

#include <stddef.h>
#include <stdint.h>

struct tnode {
	struct tnode *next;
	uint64_t key;
};

struct table {
	struct tnode **b;
	size_t nb;
	size_t n;
};

#define TABLE_ENTRY(node, type, member) \
	((type *)(void *)((char *)(node) - offsetof(type, member)))

void table_init(struct table *t);
void table_free(struct table *t);
/* -1 when the bucket array cannot grow (the node is still inserted). */
int table_put(struct table *t, struct tnode *n, uint64_t key);
void table_del(struct table *t, struct tnode *n);
struct tnode *table_first(const struct table *t, uint64_t key);
struct tnode *table_next(const struct tnode *n);

uint64_t table_hash_str(const char *s, size_t n);

#endif
