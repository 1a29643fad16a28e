#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

void
out_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGTP";
	double v = (double)bytes;
	int u = -1;

	if (bytes < 1024) {
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
		return;
	}
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, v < 10 ? "%.1f%c" : "%.0f%c", v, units[u]);
}

void
out_uptime(double s, char *buf, size_t len)
{
	unsigned long long t = s > 0 ? (unsigned long long)s : 0;

	if (t < 60)
		snprintf(buf, len, "%llus", t);
	else if (t < 3600)
		snprintf(buf, len, "%llum%02llus", t / 60, t % 60);
	else if (t < 86400)
		snprintf(buf, len, "%lluh%02llum", t / 3600, t / 60 % 60);
	else
		snprintf(buf, len, "%llud%02lluh", t / 86400, t / 3600 % 24);
}

enum { COL_ID, COL_NAME, COL_PID, COL_STATE, COL_UPTIME, COL_RSS, COL_HEAP, COL_IN, COL_OUT,
	COL_REF, NCOL };

static const char *const heads[NCOL] = {
	"ID", "NAME", "PID", "STATE", "UPTIME", "RSS", "HEAP", "MSGS_IN", "MSGS_OUT", "REF"
};
/* Text columns are left-aligned, numbers right-aligned. */
static const int left[NCOL] = { [COL_NAME] = 1, [COL_STATE] = 1, [COL_REF] = 1 };

#define CELL 64

static void
row_cells(const struct wc_status *s, char cells[NCOL][CELL])
{
	snprintf(cells[COL_ID], CELL, "%llu", (unsigned long long)s->id);
	snprintf(cells[COL_NAME], CELL, "%s", s->name != NULL ? s->name : "-");
	if (s->pid != 0 && strcmp(s->state, "closed") != 0)
		snprintf(cells[COL_PID], CELL, "%llu", (unsigned long long)s->pid);
	else
		snprintf(cells[COL_PID], CELL, "-");
	snprintf(cells[COL_STATE], CELL, "%s", s->state);
	out_uptime(s->uptime_s, cells[COL_UPTIME], CELL);
	out_size(s->rss_bytes, cells[COL_RSS], CELL);
	out_size(s->heap_bytes, cells[COL_HEAP], CELL);
	snprintf(cells[COL_IN], CELL, "%llu", (unsigned long long)s->msgs_in);
	snprintf(cells[COL_OUT], CELL, "%llu", (unsigned long long)s->msgs_out);
	snprintf(cells[COL_REF], CELL, "%s", s->ref ? "yes" : "no");
}

static void
print_row(char cells[NCOL][CELL], const int *width)
{
	int i;

	for (i = 0; i < NCOL; i++) {
		const char *sep = i + 1 < NCOL ? "  " : "\n";

		if (i + 1 == NCOL)
			printf("%s%s", cells[i], sep);
		else
			printf(left[i] ? "%-*s%s" : "%*s%s", width[i], cells[i], sep);
	}
}

void
out_table(const struct wc_status *w, size_t n)
{
	char (*cells)[NCOL][CELL] = calloc(n + 1, sizeof *cells);
	int width[NCOL] = { 0 };
	size_t r;
	int i;

	if (cells == NULL)
		return;
	for (i = 0; i < NCOL; i++)
		snprintf(cells[0][i], CELL, "%s", heads[i]);
	for (r = 0; r < n; r++)
		row_cells(&w[r], cells[r + 1]);
	for (r = 0; r <= n; r++)
		for (i = 0; i < NCOL; i++)
			if ((int)strlen(cells[r][i]) > width[i])
				width[i] = (int)strlen(cells[r][i]);
	for (r = 0; r <= n; r++)
		print_row(cells[r], width);
	free(cells);
	fflush(stdout);
}

void
out_status(const struct wc_status *s)
{
	char up[32], rss[32], heap[32];

	out_uptime(s->uptime_s, up, sizeof up);
	out_size(s->rss_bytes, rss, sizeof rss);
	out_size(s->heap_bytes, heap, sizeof heap);
	printf("id:       %llu\n", (unsigned long long)s->id);
	printf("name:     %s\n", s->name != NULL ? s->name : "-");
	printf("script:   %s\n", s->script != NULL ? s->script : "-");
	printf("pid:      %llu\n", (unsigned long long)s->pid);
	printf("state:    %s\n", s->state);
	printf("owner:    %s\n", s->owner);
	printf("ref:      %s\n", s->ref ? "yes" : "no");
	printf("uptime:   %s\n", up);
	printf("rss:      %s\n", rss);
	printf("heap:     %s\n", heap);
	printf("messages: %llu in, %llu out\n", (unsigned long long)s->msgs_in,
	    (unsigned long long)s->msgs_out);
	printf("bytes:    %llu in, %llu out\n", (unsigned long long)s->bytes_in,
	    (unsigned long long)s->bytes_out);
	if (s->closed) {
		printf("code:     %lld\n", (long long)s->close.code);
		printf("reason:   %s\n", s->close.reason);
		printf("signal:   %s\n", s->close.signal[0] != '\0' ? s->close.signal : "-");
	}
	fflush(stdout);
}

static json_t *
jstr_or_null(const char *s)
{
	json_t *j = s != NULL ? json_string(s) : NULL;

	return j != NULL ? j : json_null();
}

static json_t *
status_object(const struct wc_status *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)s->id));
	json_object_set_new(o, "name", jstr_or_null(s->name));
	json_object_set_new(o, "script", jstr_or_null(s->script));
	json_object_set_new(o, "pid", json_integer((json_int_t)s->pid));
	json_object_set_new(o, "state", json_string(s->state));
	json_object_set_new(o, "owner", json_string(s->owner));
	json_object_set_new(o, "ref", json_boolean(s->ref));
	json_object_set_new(o, "uptime_s", json_real(s->uptime_s));
	json_object_set_new(o, "rss_bytes", json_integer((json_int_t)s->rss_bytes));
	json_object_set_new(o, "heap_bytes", json_integer((json_int_t)s->heap_bytes));
	json_object_set_new(o, "msgs_in", json_integer((json_int_t)s->msgs_in));
	json_object_set_new(o, "msgs_out", json_integer((json_int_t)s->msgs_out));
	json_object_set_new(o, "bytes_in", json_integer((json_int_t)s->bytes_in));
	json_object_set_new(o, "bytes_out", json_integer((json_int_t)s->bytes_out));
	if (s->closed) {
		json_object_set_new(o, "code", json_integer((json_int_t)s->close.code));
		json_object_set_new(o, "reason", json_string(s->close.reason));
		json_object_set_new(o, "signal", s->close.signal[0] != '\0' ?
		    json_string(s->close.signal) : json_null());
	}
	return o;
}

int
out_status_json(const struct wc_status *w, size_t n, int as_array)
{
	json_t *j;
	char *text;
	size_t i;

	if (as_array) {
		j = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(j, status_object(&w[i]));
	} else {
		j = status_object(&w[0]);
	}
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(j);
	if (text == NULL)
		return -1;
	out_line(text);
	free(text);
	return 0;
}

void
out_line(const char *s)
{
	out_text(stdout, s, strlen(s));
}

void
out_text(FILE *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
	fputc('\n', f);
	fflush(f);
}
