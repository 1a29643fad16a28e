#include "table.h"

#include <stdlib.h>

static size_t
slot(const struct table *t, uint64_t key)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)(key & (t->nb - 1));
}

void
table_init(struct table *t)
{
	t->b = NULL;
	t->nb = 0;
	t->n = 0;
}

void
table_free(struct table *t)
{
	free(t->b);
	table_init(t);
}

static int
grow(struct table *t)
{
	size_t nb = t->nb ? t->nb * 2 : 64, i;
	struct tnode **b = calloc(nb, sizeof(*b)), *n, *next;
	struct table nt = { b, nb, 0 };

	if (b == NULL)
		return -1;
	for (i = 0; i < t->nb; i++) {
		for (n = t->b[i]; n != NULL; n = next) {
			size_t s = slot(&nt, n->key);

			next = n->next;
			n->next = b[s];
			b[s] = n;
		}
	}
	free(t->b);
	t->b = b;
	t->nb = nb;
	return 0;
}

int
table_put(struct table *t, struct tnode *n, uint64_t key)
{
	int rc = 0;
	size_t s;

	if (t->n >= t->nb && grow(t) == -1) {
		if (t->nb == 0)
			return -1;
		rc = -1;
	}
	n->key = key;
	s = slot(t, key);
	n->next = t->b[s];
	t->b[s] = n;
	t->n++;
	return rc;
}

void
table_del(struct table *t, struct tnode *n)
{
	struct tnode **pp;

	if (t->nb == 0)
		return;
	for (pp = &t->b[slot(t, n->key)]; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == n) {
			*pp = n->next;
			t->n--;
			return;
		}
	}
}

struct tnode *
table_first(const struct table *t, uint64_t key)
{
	struct tnode *n;

	if (t->nb == 0)
		return NULL;
	for (n = t->b[slot(t, key)]; n != NULL && n->key != key; n = n->next)
		;
	return n;
}

struct tnode *
table_next(const struct tnode *n)
{
	uint64_t key = n->key;

	for (n = n->next; n != NULL && n->key != key; n = n->next)
		;
	return (struct tnode *)n;
}

uint64_t
table_hash_str(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}
