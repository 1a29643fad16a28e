/*
 * procfile.c - see procfile.h.  Lines are compared word by word after
 * squeezing blanks, which is how status and limits align their columns.
 */
#include "procfile.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static void
squeeze(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	bool blank = true;

	for (; *in != '\0' && *in != '\n' && n + 1 < outlen; in++) {
		if (isspace((unsigned char)*in)) {
			blank = true;
			continue;
		}
		if (blank && n > 0 && n + 2 < outlen)
			out[n++] = ' ';
		blank = false;
		out[n++] = *in;
	}
	out[n] = '\0';
}

bool
proc_has_line(pid_t pid, const char *file, const char *words)
{
	char path[64], line[512], got[512], want[512];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	squeeze(words, want, sizeof(want));
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		squeeze(line, got, sizeof(got));
		found = strcmp(got, want) == 0;
	}
	fclose(f);
	return found;
}
