/*
 * bctab.c - BroadcastChannel subscriptions by (uid, name) (bctab.h).
 */
#include "bctab.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"

void
bctab_init(struct bctab *t, unsigned max_names, unsigned max_subs)
{
	table_init(&t->chans);
	t->max_names = max_names;
	t->max_subs = max_subs;
}

static uint64_t
chan_key(uid_t uid, const char *name, size_t len)
{
	return table_hash_str(name, len) ^ ((uint64_t)uid * 0x9e3779b97f4a7c15ull);
}

struct bcchan *
bctab_find(const struct bctab *t, uid_t uid, const char *name, size_t len)
{
	struct tnode *n;
	struct bcchan *c;

	for (n = table_first(&t->chans, chan_key(uid, name, len)); n != NULL; n = table_next(n)) {
		c = TABLE_ENTRY(n, struct bcchan, node);
		if (c->uid == uid && c->len == len && memcmp(c->name, name, len) == 0)
			return c;
	}
	return NULL;
}

static struct bcchan *
chan_new(struct bctab *t, uid_t uid, const char *name, size_t len)
{
	struct bcchan *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->name = malloc(len + 1)) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->len = len;
	c->uid = uid;
	TAILQ_INIT(&c->subs);
	/* a table that could not grow still holds the node, unless it has
	 * no buckets at all */
	if (table_put(&t->chans, &c->node, chan_key(uid, name, len)) == -1 && t->chans.nb == 0) {
		free(c->name);
		free(c);
		return NULL;
	}
	return c;
}

static void
chan_free(struct bctab *t, struct bcchan *c)
{
	table_del(&t->chans, &c->node);
	free(c->name);
	free(c);
}

void
bcmember_init(struct bcmember *m, void *owner, uid_t uid)
{
	TAILQ_INIT(&m->subs);
	m->n = 0;
	m->nlost = 0;
	m->uid = uid;
	m->owner = owner;
}

static struct bcsub *
member_sub(struct bcmember *m, const struct bcchan *c)
{
	struct bcsub *s;

	TAILQ_FOREACH(s, &m->subs, member_entry)
		if (s->chan == c)
			return s;
	return NULL;
}

int
bctab_join(struct bctab *t, struct bcmember *m, const char *name, size_t len)
{
	struct bcchan *c = bctab_find(t, m->uid, name, len);
	struct bcsub *s;

	if (c != NULL && member_sub(m, c) != NULL)
		return BCT_OK;
	if (len > BC_NAME_MAX)
		return BCT_NAME;
	if (m->n >= t->max_names)
		return BCT_NAMES;
	if (c != NULL && c->nsubs >= t->max_subs)
		return BCT_SUBS;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return BCT_NOMEM;
	if (c == NULL && (c = chan_new(t, m->uid, name, len)) == NULL) {
		free(s);
		return BCT_NOMEM;
	}
	s->chan = c;
	s->member = m;
	TAILQ_INSERT_TAIL(&c->subs, s, chan_entry);
	c->nsubs++;
	TAILQ_INSERT_TAIL(&m->subs, s, member_entry);
	m->n++;
	return BCT_OK;
}

static void
sub_free(struct bctab *t, struct bcsub *s)
{
	struct bcchan *c = s->chan;
	struct bcmember *m = s->member;

	if (s->lost > 0)
		m->nlost--;
	TAILQ_REMOVE(&m->subs, s, member_entry);
	m->n--;
	TAILQ_REMOVE(&c->subs, s, chan_entry);
	if (--c->nsubs == 0)
		chan_free(t, c);
	free(s);
}

void
bctab_leave(struct bctab *t, struct bcmember *m, const char *name, size_t len)
{
	struct bcchan *c = bctab_find(t, m->uid, name, len);
	struct bcsub *s = c != NULL ? member_sub(m, c) : NULL;

	if (s != NULL)
		sub_free(t, s);
}

void
bctab_leave_all(struct bctab *t, struct bcmember *m)
{
	struct bcsub *s;

	while ((s = TAILQ_FIRST(&m->subs)) != NULL)
		sub_free(t, s);
}

void
bctab_free(struct bctab *t)
{
	struct tnode *n;
	struct bcchan *c;
	struct bcsub *s;
	size_t i;

	for (i = 0; i < t->chans.nb; i++) {
		while ((n = t->chans.b[i]) != NULL) {
			c = TABLE_ENTRY(n, struct bcchan, node);
			while ((s = TAILQ_FIRST(&c->subs)) != NULL) {
				TAILQ_REMOVE(&c->subs, s, chan_entry);
				free(s);
			}
			chan_free(t, c);
		}
	}
	table_free(&t->chans);
}

void
bcsub_lose(struct bcsub *s)
{
	if (s->lost++ == 0)
		s->member->nlost++;
}

uint64_t
bcsub_take_lost(struct bcsub *s)
{
	uint64_t n = s->lost;

	if (n > 0)
		s->member->nlost--;
	s->lost = 0;
	return n;
}

const char *
bctab_strerror(int code)
{
	switch (code) {
	case BCT_NAMES:
		return "too many BroadcastChannel names in one worker";
	case BCT_SUBS:
		return "too many workers subscribe to this BroadcastChannel name";
	case BCT_NAME:
		return "BroadcastChannel name too long";
	case BCT_NOMEM:
		return "out of memory";
	default:
		return "ok";
	}
}
