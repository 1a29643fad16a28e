#!/bin/sh
# include_graph.sh - the daemon's layering (docs/design.md), checked: every
# daemon/*.c and *.h belongs to a layer below, a file includes only the
# headers of its own layer or of lower ones, and the include graph among
# the daemon's modules (NAME.c + NAME.h) has no cycle.  Upward news goes
# through callbacks (struct worker_ops, the router's retry callback,
# dlink_cb), never through an include.
set -eu
cd "$(dirname "$0")/../.."

# Lowest first.  A new module must be added here.
layers='
0 config runas log table notify listen cgroup compiler spawn dlink mailbox logring records bctab
1 worker peer
2 route stats bcast
3 req req_life req_post req_sub req_info
4 client
5 main
'

level_of() {
	printf '%s\n' "$layers" | awk -v m="$1" '{ for (i = 2; i <= NF; i++) if ($i == m) print $1 }'
}

bad=0
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in daemon/*.c daemon/*.h; do
	mod=$(basename "$f"); mod=${mod%.*}
	from=$(level_of "$mod")
	if [ -z "$from" ]; then
		echo "include_graph: $f: module $mod has no layer (add it in $0)"; bad=1; continue
	fi
	echo "$mod $mod" >> "$edges"
	for inc in $(sed -n 's/^#include "\([^"]*\)\.h".*/\1/p' "$f"); do
		[ -f "daemon/$inc.h" ] || continue	# protocol/ and others: below the daemon
		to=$(level_of "$inc")
		if [ -z "$to" ]; then
			echo "include_graph: $f includes $inc.h, which has no layer"; bad=1; continue
		fi
		if [ "$to" -gt "$from" ]; then
			echo "include_graph: $f (layer $from) includes $inc.h (layer $to): upward"; bad=1
		fi
		[ "$inc" = "$mod" ] || echo "$inc $mod" >> "$edges"
	done
done
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
	echo "include_graph: the daemon's includes have a cycle:"; cat "$edges.err"; bad=1
fi
rm -f "$edges.err"
[ "$bad" -eq 0 ] && echo "include_graph: ok"
exit "$bad"
