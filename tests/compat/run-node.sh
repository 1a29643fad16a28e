#!/bin/sh
# run-node.sh [NAME...]: runs tests/compat/NAME.js (every one by default)
# under node in a fresh tree with the fixtures of tests/compat/fixtures.txt,
# as tests/host/test_host_nodecompat.c runs them in a worker, and compares
# node's output with NAME.out.  RECORD=1 writes NAME.out instead.
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- $(cd "$here" && ls *.js | sed 's/\.js$//')
fail=0
for name in "$@"; do
	dir=$(mktemp -d)
	awk -v dir="$dir" '
		/^@@ / { f = dir "/" substr($0, 4); d = f; sub(/\/[^\/]*$/, "", d); system("mkdir -p \"" d "\""); first = 1; next }
		f { if (!first) printf "\n" > f; printf "%s", $0 > f; first = 0 }
	' "$here/fixtures.txt"
	cp "$here/$name.js" "$dir/main.js"
	# Debian's node finds its node-* packages there; the node this runs may not.
	(cd "$dir" && NODE_PATH=/usr/share/nodejs node main.js) > "$dir/out.txt" 2>/dev/null || true
	if [ "${RECORD:-0}" = 1 ]; then
		cp "$dir/out.txt" "$here/$name.out"
	elif cmp -s "$dir/out.txt" "$here/$name.out"; then
		echo "$name: node agrees"
	else
		echo "$name: node prints otherwise:"; diff "$here/$name.out" "$dir/out.txt" || true; fail=1
	fi
	rm -rf "$dir"
done
exit $fail
