#include "process.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "clone_duk.h"
#include "host.h"
#include "loop.h"
#include "rt_define.h"
#include "wire.h"

static duk_ret_t
really_exit(duk_context *ctx)
{
	loop_finish(host_get(ctx), duk_to_int32(ctx, 0), CR_EXIT);
}

static duk_ret_t
get_cwd(duk_context *ctx)
{
	char buf[PATH_MAX];

	if (getcwd(buf, sizeof(buf)) == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "process.cwd: %s", strerror(errno));
	duk_push_string(ctx, buf);
	return 1;
}

/* Pushes the init field `env` ({str:str}, checked by msg_read_init) as an
 * object; entries Duktape cannot take as strings are left out. */
static void
push_env(duk_context *ctx, struct host *h)
{
	struct msg_iter it;
	struct msg_str k, v;
	const char *why;

	duk_push_object(ctx);
	msg_iter_init(&it, &h->init.env);
	while (msg_next_pair(&it, &k, &v, &why) == 1) {
		if (wire_push_str(ctx, k.p, k.n) == -1)
			continue;
		if (wire_push_str(ctx, v.p, v.n) == -1) {
			duk_pop(ctx);
			continue;
		}
		duk_put_prop(ctx, -3);
	}
}

static void
push_argv(duk_context *ctx, struct host *h)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	struct msg_iter it;
	struct msg_str arg;
	const char *why;
	duk_uarridx_t i = 0;

	duk_push_array(ctx);
	exe[len > 0 ? len : 0] = '\0';
	duk_push_string(ctx, exe);
	duk_put_prop_index(ctx, -2, i++);
	duk_push_string(ctx, h->script);
	duk_put_prop_index(ctx, -2, i++);
	msg_iter_init(&it, &h->init.args);
	while (msg_next_str(&it, &arg, &why) == 1)
		if (wire_push_str(ctx, arg.p, arg.n) == 0)
			duk_put_prop_index(ctx, -2, i++);
}

/* Node's name for the machine (process.arch). */
static const char *
arch_name(struct utsname *u)
{
	if (uname(u) == -1)
		return "unknown";
	if (strcmp(u->machine, "x86_64") == 0)
		return "x64";
	if (strcmp(u->machine, "aarch64") == 0)
		return "arm64";
	return u->machine;
}

void
process_personalize(duk_context *ctx)
{
	struct host *h = host_get(ctx);

	duk_get_global_string(ctx, "process");
	push_env(ctx, h);
	duk_put_prop_string(ctx, -2, "env");
	push_argv(ctx, h);
	duk_get_prop_index(ctx, -1, 0);
	duk_put_prop_string(ctx, -3, "execPath");
	duk_put_prop_string(ctx, -2, "argv");
	duk_push_int(ctx, (duk_int_t)getpid());
	duk_put_prop_string(ctx, -2, "pid");
	duk_push_int(ctx, (duk_int_t)getppid());
	duk_put_prop_string(ctx, -2, "ppid");
	/* '[object process]', which environment checks (axios's) look for.
	 * Here, not in the template's process.js: there, one property more
	 * cost each worker 25 KB of copied template pages (layout;
	 * docs/performance.md, Memory), here it costs the worker its own. */
	duk_push_string(ctx, DUK_WELLKNOWN_SYMBOL("Symbol.toStringTag"));
	duk_push_string(ctx, "process");
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_CLEAR_CONFIGURABLE);
	duk_pop(ctx);
}

/* The spawn's workerData (init `data`) as a new value; undefined when the
 * spawn gave none.  worker_threads decodes it once and keeps it. */
static duk_ret_t
worker_data(duk_context *ctx)
{
	const struct msg_val *d = &host_get(ctx)->init.data;
	char err[128];

	if (d->p == NULL)
		return 0;
	if (clone_decode(ctx, d->p, d->n, err, sizeof(err)) == -1)
		return duk_error(ctx, DUK_ERR_ERROR, "workerData: %s", err);
	return 1;
}

static duk_ret_t
worker_id(duk_context *ctx)
{
	duk_push_number(ctx, (double)host_get(ctx)->init.id);
	return 1;
}

static const char *const ID_NAMES[] = { "getuid", "geteuid", "getgid", "getegid" };

/* getuid() and its kin: the function's magic is its index in ID_NAMES. */
static duk_ret_t
get_id(duk_context *ctx)
{
	switch (duk_get_current_magic(ctx)) {
	case 0:
		duk_push_uint(ctx, (duk_uint_t)getuid());
		break;
	case 1:
		duk_push_uint(ctx, (duk_uint_t)geteuid());
		break;
	case 2:
		duk_push_uint(ctx, (duk_uint_t)getgid());
		break;
	default:
		duk_push_uint(ctx, (duk_uint_t)getegid());
		break;
	}
	return 1;
}

/* The supplementary groups, and the effective group when they lack it, as
 * Node lists them. */
static duk_ret_t
get_groups(duk_context *ctx)
{
	gid_t *g, egid = getegid();
	int n = getgroups(0, NULL);
	bool has_egid = false;

	if (n < 0 || (g = duk_push_fixed_buffer(ctx, sizeof(gid_t) * ((size_t)n + 1))) == NULL ||
	    (n = getgroups(n, g)) < 0)
		return duk_error(ctx, DUK_ERR_ERROR, "process.getgroups: %s", strerror(errno));
	duk_push_array(ctx);
	for (int i = 0; i < n; i++) {
		has_egid = has_egid || g[i] == egid;
		duk_push_uint(ctx, (duk_uint_t)g[i]);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
	}
	if (!has_egid) {
		duk_push_uint(ctx, (duk_uint_t)egid);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)n);
	}
	return 1;
}

/* umask(mask): sets it when a mask (already checked by process.js) is
 * given; returns the old one.  The worker is a process of its own, so its
 * mask is its own (Node's worker threads cannot set one). */
static duk_ret_t
set_umask(duk_context *ctx)
{
	mode_t old;

	if (duk_is_undefined(ctx, 0)) {
		old = umask(0);
		umask(old);
	} else {
		old = umask((mode_t)duk_require_uint(ctx, 0) & 0777);
	}
	duk_push_uint(ctx, (duk_uint_t)old);
	return 1;
}

void
process_natives(duk_context *ctx, duk_idx_t native)
{
	struct utsname u;
	char ver[32];

	rt_def_method(ctx, native, "reallyExit", really_exit, 1);
	rt_def_method(ctx, native, "cwd", get_cwd, 0);
	rt_def_method(ctx, native, "workerData", worker_data, 0);
	rt_def_method(ctx, native, "workerId", worker_id, 0);
	for (int i = 0; i < (int)(sizeof(ID_NAMES) / sizeof(ID_NAMES[0])); i++) {
		rt_def_method(ctx, native, ID_NAMES[i], get_id, 0);
		duk_get_prop_string(ctx, native, ID_NAMES[i]);
		duk_set_magic(ctx, -1, i);
		duk_pop(ctx);
	}
	rt_def_method(ctx, native, "getgroups", get_groups, 0);
	rt_def_method(ctx, native, "umask", set_umask, 1);
	duk_push_string(ctx, arch_name(&u));
	duk_put_prop_string(ctx, native, "arch");
	snprintf(ver, sizeof(ver), "%ld.%ld.%ld", (long)(DUK_VERSION / 10000),
	    (long)(DUK_VERSION / 100 % 100), (long)(DUK_VERSION % 100));
	duk_push_string(ctx, ver);
	duk_put_prop_string(ctx, native, "duktapeVersion");
	duk_push_string(ctx, WORKERSD_VERSION);
	duk_put_prop_string(ctx, native, "version");
}
