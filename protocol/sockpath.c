#include "sockpath.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

int
sockpath_resolve(const char *explicit_path, char *out, size_t outlen, char *err, size_t errlen)
{
	const char *env = getenv("WORKERSD_SOCKET");
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct sockaddr_un sun;
	int n;

	if (explicit_path != NULL && *explicit_path != '\0')
		n = snprintf(out, outlen, "%s", explicit_path);
	else if (env != NULL && *env != '\0')
		n = snprintf(out, outlen, "%s", env);
	else if (geteuid() == 0)
		n = snprintf(out, outlen, "/run/workersd/workersd.sock");
	else if (xdg != NULL && *xdg == '/')
		n = snprintf(out, outlen, "%s/workersd.sock", xdg);
	else
		n = snprintf(out, outlen, "/tmp/workersd-%u/workersd.sock", (unsigned)geteuid());
	if (n < 0 || (size_t)n >= outlen || (size_t)n >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path too long (at most %zu bytes)", sizeof(sun.sun_path) - 1);
		return -1;
	}
	return 0;
}
