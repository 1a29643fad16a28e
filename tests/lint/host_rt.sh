#!/bin/sh
# host_rt.sh - worker-host/rt_*.c are built-ins that need only a Duktape
# heap (docs/design.md): they include no worker-host header but the other
# rt_*.h, so never host.h, the link or the loop.
set -eu
cd "$(dirname "$0")/../.."
bad=0
for f in worker-host/rt_*.c worker-host/rt_*.h; do
	for inc in $(sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f"); do
		case $inc in rt_*) continue ;; esac
		[ -f "worker-host/$inc.h" ] || continue
		echo "host_rt: $f includes worker-host/$inc.h"; bad=1
	done
done
[ "$bad" -eq 0 ] && echo "host_rt: ok"
exit "$bad"
