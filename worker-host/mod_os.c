/*
 * mod_os.c - the system calls and /proc reads of Node's `os`: uname,
 * sysinfo, /proc/meminfo, /proc/stat and /proc/cpuinfo, and the password
 * entry of the worker's uid.  The JS half (js/node_os.js) shapes them as
 * Node does.
 */
#include "mod_os.h"

#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "rt_define.h"

/* The most CPUs osCpus reports; more are left out. */
#define OS_MAX_CPUS 1024

static void
put_str(duk_context *ctx, const char *key, const char *val)
{
	duk_push_string(ctx, val);
	duk_put_prop_string(ctx, -2, key);
}

static void
put_num(duk_context *ctx, const char *key, double val)
{
	duk_push_number(ctx, val);
	duk_put_prop_string(ctx, -2, key);
}

/* A "Key:   N kB" line of /proc/meminfo in bytes, or -1. */
static double
meminfo(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	double v = -1;
	FILE *fp = fopen("/proc/meminfo", "re");

	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			v = strtod(line + n + 1, NULL) * 1024;
			break;
		}
	}
	fclose(fp);
	return v;
}

static duk_ret_t
n_os_info(duk_context *ctx)
{
	struct utsname u;
	struct sysinfo si;
	double avail;
	int i;

	if (uname(&u) == -1 || sysinfo(&si) == -1)
		return duk_error(ctx, DUK_ERR_ERROR, "os: %s", strerror(errno));
	duk_push_object(ctx);
	put_str(ctx, "hostname", u.nodename);
	put_str(ctx, "sysname", u.sysname);
	put_str(ctx, "release", u.release);
	put_str(ctx, "version", u.version);
	put_str(ctx, "machine", u.machine);
	put_num(ctx, "uptime", (double)si.uptime);
	duk_push_array(ctx);
	for (i = 0; i < 3; i++) {
		duk_push_number(ctx, (double)si.loads[i] / (1 << SI_LOAD_SHIFT));
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
	}
	duk_put_prop_string(ctx, -2, "loadavg");
	put_num(ctx, "totalmem", (double)si.totalram * si.mem_unit);
	avail = meminfo("MemAvailable");
	put_num(ctx, "freemem", avail >= 0 ? avail : (double)si.freeram * si.mem_unit);
	return 1;
}

/* The "model name" of each processor in /proc/cpuinfo, pushed as an
 * array. */
static void
push_models(duk_context *ctx)
{
	char line[512], *v;
	duk_uarridx_t n = 0;
	FILE *fp = fopen("/proc/cpuinfo", "re");

	duk_push_array(ctx);
	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL && n < OS_MAX_CPUS) {
		if (strncmp(line, "model name", 10) != 0 || (v = strchr(line, ':')) == NULL)
			continue;
		v += strspn(v + 1, " \t") + 1;
		v[strcspn(v, "\n")] = '\0';
		duk_push_string(ctx, v);
		duk_put_prop_index(ctx, -2, n++);
	}
	fclose(fp);
}

static double
cpu_speed(unsigned cpu)
{
	char path[96];
	double khz = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/cpufreq/scaling_cur_freq", cpu);
	if ((fp = fopen(path, "re")) == NULL)
		return 0;
	if (fscanf(fp, "%lf", &khz) != 1)
		khz = 0;
	fclose(fp);
	return (double)(int64_t)(khz / 1000);
}

static void
push_cpu(duk_context *ctx, duk_idx_t models, unsigned cpu, const unsigned long long t[6], double ms)
{
	duk_push_object(ctx);
	duk_get_prop_index(ctx, models, cpu);
	if (!duk_is_string(ctx, -1)) {
		duk_pop(ctx);
		duk_get_prop_index(ctx, models, 0);
		if (!duk_is_string(ctx, -1)) {
			duk_pop(ctx);
			duk_push_string(ctx, "unknown");
		}
	}
	duk_put_prop_string(ctx, -2, "model");
	put_num(ctx, "speed", cpu_speed(cpu));
	duk_push_object(ctx);
	put_num(ctx, "user", (double)t[0] * ms);
	put_num(ctx, "nice", (double)t[1] * ms);
	put_num(ctx, "sys", (double)t[2] * ms);
	put_num(ctx, "idle", (double)t[3] * ms);
	put_num(ctx, "irq", (double)t[5] * ms);
	duk_put_prop_string(ctx, -2, "times");
}

static duk_ret_t
n_os_cpus(duk_context *ctx)
{
	char line[512];
	unsigned long long t[6];
	unsigned cpu;
	duk_uarridx_t n = 0;
	duk_idx_t models;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *fp = fopen("/proc/stat", "re");

	if (fp == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "os.cpus: /proc/stat: %s", strerror(errno));
	push_models(ctx);
	models = duk_get_top_index(ctx);
	duk_push_array(ctx);
	while (fgets(line, sizeof(line), fp) != NULL && n < OS_MAX_CPUS) {
		if (sscanf(line, "cpu%u %llu %llu %llu %llu %llu %llu", &cpu, &t[0], &t[1], &t[2], &t[3],
		    &t[4], &t[5]) != 7)
			continue;
		push_cpu(ctx, models, cpu, t, hz > 0 ? 1000.0 / (double)hz : 10.0);
		duk_put_prop_index(ctx, -2, n++);
	}
	fclose(fp);
	return 1;
}

static duk_ret_t
n_os_user(duk_context *ctx)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) != 0 || res == NULL) {
		duk_push_null(ctx);
		return 1;
	}
	duk_push_object(ctx);
	put_num(ctx, "uid", (double)pw.pw_uid);
	put_num(ctx, "gid", (double)pw.pw_gid);
	put_str(ctx, "username", pw.pw_name);
	put_str(ctx, "homedir", pw.pw_dir);
	put_str(ctx, "shell", pw.pw_shell);
	return 1;
}

void
os_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "osInfo", n_os_info, 0);
	rt_def_method(ctx, native, "osCpus", n_os_cpus, 0);
	rt_def_method(ctx, native, "osUser", n_os_user, 0);
}
