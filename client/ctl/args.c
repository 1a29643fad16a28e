#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clone_json.h"

enum opt_id {
	O_SOCKET, O_TIMEOUT, O_JSON, O_HELP, O_VERSION, O_NAME, O_SMOL, O_HEAP_LIMIT, O_UNREF,
	O_ENV, O_COUNT, O_FOLLOW, O_DATA, O_LEGACY_DECORATORS, O_NO_DIRECT
};

struct opt {
	const char *lng;
	char shrt;
	bool has_arg;
	unsigned group;		/* 0: every command */
	enum opt_id id;
};

static const struct opt opts[] = {
	{ "socket", 0, true, 0, O_SOCKET },
	{ "timeout", 0, true, 0, O_TIMEOUT },
	{ "help", 'h', false, 0, O_HELP },
	{ "version", 'V', false, 0, O_VERSION },
	{ "json", 0, false, OPT_JSON, O_JSON },
	{ "name", 0, true, OPT_SPAWN, O_NAME },
	{ "smol", 0, false, OPT_SPAWN, O_SMOL },
	{ "heap-limit", 0, true, OPT_SPAWN, O_HEAP_LIMIT },
	{ "unref", 0, false, OPT_SPAWN, O_UNREF },
	{ "env", 'e', true, OPT_SPAWN, O_ENV },
	{ "data", 0, true, OPT_SPAWN, O_DATA },
	{ "legacy-decorators", 0, false, OPT_SPAWN, O_LEGACY_DECORATORS },
	{ "count", 'n', true, OPT_COUNT, O_COUNT },
	{ "follow", 'f', false, OPT_FOLLOW, O_FOLLOW },
	{ "no-direct", 0, false, OPT_DIRECT, O_NO_DIRECT },
};

int
args_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M' || *end == 'm')
		shift = 20;
	else if (*end == 'G' || *end == 'g')
		shift = 30;
	if (shift != 0)
		end++;
	if (*end != '\0' || (shift != 0 && v > (UINT64_MAX >> shift)))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int
args_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (*s == '\0' || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v) || v < 0)
		return -1;
	*out = v;
	return 0;
}

static int
usage_error(const struct ctl *c, const char *fmt, const char *what)
{
	fprintf(stderr, "workerctl: ");
	fprintf(stderr, fmt, what);
	if (c->cmd != NULL)
		fprintf(stderr, " (see 'workerctl %s --help')\n", c->cmd->name);
	else
		fprintf(stderr, " (see 'workerctl --help')\n");
	return -1;
}

/* --data JSON: the worker's workerData, checked and encoded as a post's
 * value is. */
static int
set_data(struct ctl *c, const char *json)
{
	char msg[256];

	pbuf_reset(&c->data);
	if (clone_from_json(json, strlen(json), &c->data, msg, sizeof msg) < 0) {
		fprintf(stderr, "workerctl: --data: bad JSON: %s (see 'workerctl %s --help')\n", msg,
		    c->cmd != NULL ? c->cmd->name : "spawn");
		return -1;
	}
	c->spawn.data = c->data.data;
	c->spawn.data_len = c->data.len;
	return 0;
}

static const struct cmd *
find_cmd(const char *name)
{
	const struct cmd *k;

	for (k = ctl_cmds; k->name != NULL; k++)
		if (strcmp(k->name, name) == 0 || (k->alias != NULL && strcmp(k->alias, name) == 0))
			return k;
	return NULL;
}

static const struct opt *
find_opt(const char *arg, const char **value)
{
	size_t i, n;
	const char *eq;

	*value = NULL;
	if (arg[1] != '-') {
		for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
			if (opts[i].shrt != 0 && opts[i].shrt == arg[1]) {
				if (arg[2] != '\0')
					*value = arg + 2;
				return &opts[i];
			}
		return NULL;
	}
	eq = strchr(arg, '=');
	n = eq != NULL ? (size_t)(eq - arg - 2) : strlen(arg + 2);
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (strlen(opts[i].lng) == n && strncmp(opts[i].lng, arg + 2, n) == 0) {
			if (eq != NULL)
				*value = eq + 1;
			return &opts[i];
		}
	return NULL;
}

static int
apply_opt(struct ctl *c, const struct opt *o, const char *v)
{
	uint64_t n;

	switch (o->id) {
	case O_SOCKET:
		c->socket = v;
		return 0;
	case O_TIMEOUT:
		return args_seconds(v, &c->timeout) < 0 ?
		    usage_error(c, "--timeout: '%s' is not a number of seconds", v) : 0;
	case O_JSON:
		c->json = true;
		return 0;
	case O_NAME:
		c->spawn.name = v;
		return 0;
	case O_SMOL:
		c->spawn.smol = true;
		return 0;
	case O_HEAP_LIMIT:
		return args_size(v, &c->spawn.heap_limit) < 0 ?
		    usage_error(c, "--heap-limit: '%s' is not a size (bytes, or with K, M, G)", v) : 0;
	case O_UNREF:
		c->spawn.unref = true;
		return 0;
	case O_ENV:
		if (strchr(v, '=') == NULL || v[0] == '=')
			return usage_error(c, "--env: '%s' is not K=V", v);
		if (c->spawn.nenv >= CTL_MAX_ENV)
			return usage_error(c, "--env: more than %s entries", "256");
		c->env[c->spawn.nenv++] = v;
		return 0;
	case O_DATA:
		return set_data(c, v);
	case O_LEGACY_DECORATORS:
		c->spawn.legacy_decorators = true;
		return 0;
	case O_COUNT:
		if (args_size(v, &n) < 0 || n == 0 || n > 1000000 || strspn(v, "0123456789") != strlen(v))
			return usage_error(c, "-n: '%s' is not a count (1..1000000)", v);
		c->count = (unsigned)n;
		return 0;
	case O_FOLLOW:
		c->follow = true;
		return 0;
	case O_NO_DIRECT:
		c->no_direct = true;
		return 0;
	default:
		return 0;
	}
}

/* Handles one option at argv[*i]; advances *i past its value. */
static int
take_opt(struct ctl *c, int argc, char **argv, int *i, int *special)
{
	const char *v;
	const struct opt *o = find_opt(argv[*i], &v);

	if (o == NULL)
		return usage_error(c, "unknown option '%s'", argv[*i]);
	if (o->has_arg && v == NULL) {
		if (*i + 1 >= argc)
			return usage_error(c, "option '%s' needs a value", argv[*i]);
		v = argv[++*i];
	} else if (!o->has_arg && v != NULL) {
		return usage_error(c, "option '%s' takes no value", argv[*i]);
	}
	if (o->id == O_HELP)
		*special = ARGS_HELP;
	else if (o->id == O_VERSION && *special != ARGS_HELP)
		*special = ARGS_VERSION;
	c->seen |= o->group;
	return apply_opt(c, o, v);
}

static int
check_cmd(struct ctl *c)
{
	unsigned bad = c->seen & ~c->cmd->opts;

	if (bad & OPT_JSON)
		return usage_error(c, "%s does not take --json", c->cmd->name);
	if (bad & OPT_SPAWN)
		return usage_error(c, "%s takes no spawn options", c->cmd->name);
	if (bad & OPT_COUNT)
		return usage_error(c, "%s does not take -n", c->cmd->name);
	if (bad & OPT_FOLLOW)
		return usage_error(c, "%s does not take -f", c->cmd->name);
	if (bad & OPT_DIRECT)
		return usage_error(c, "%s does not take --no-direct", c->cmd->name);
	if (c->nargs < c->cmd->min_args)
		return usage_error(c, "%s: missing operand", c->cmd->name);
	if (c->cmd->max_args >= 0 && c->nargs > c->cmd->max_args)
		return usage_error(c, "%s: too many operands", c->cmd->name);
	return 0;
}

int
args_parse(struct ctl *c, int argc, char **argv)
{
	int i, special = ARGS_RUN;
	bool opts_done = false;
	char *a;

	c->timeout = -1;
	c->count = 1;
	c->spawn.env = c->env;
	c->args = calloc((size_t)argc + 1, sizeof *c->args);
	if (c->args == NULL)
		return usage_error(c, "%s", "out of memory");
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (!opts_done && strcmp(a, "--") == 0) {
			opts_done = true;
			continue;
		}
		/* "-5" is a JSON value for post, not an option. */
		if (!opts_done && a[0] == '-' && a[1] != '\0' && (a[1] < '0' || a[1] > '9')) {
			if (take_opt(c, argc, argv, &i, &special) < 0)
				return -1;
			continue;
		}
		if (c->cmd == NULL) {
			if ((c->cmd = find_cmd(a)) == NULL)
				return usage_error(c, "unknown command '%s'", a);
			continue;
		}
		c->args[c->nargs++] = a;
		if (c->cmd->script_args)
			opts_done = true;
	}
	if (special != ARGS_RUN)
		return special;
	if (c->cmd == NULL)
		return usage_error(c, "%s", "no command given");
	return check_cmd(c) < 0 ? -1 : ARGS_RUN;
}
