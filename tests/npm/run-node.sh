#!/bin/sh
# run-node.sh FIXTURES [NAME...]: runs tests/npm/NAME.js (every one by
# default) under node as tests/e2e/npm_packages.sh runs it in a worker: as
# main.js of a fresh directory whose node_modules is FIXTURES/node_modules
# (the registry's pinned packages, make deps), Debian's node-* packages on
# NODE_PATH; and compares node's output with NAME.out.  RECORD=1 writes
# NAME.out instead.
set -e
here=$(cd "$(dirname "$0")" && pwd)
fixtures=${1:?FIXTURES}; shift
[ $# -gt 0 ] || set -- $(cd "$here" && ls *.js | sed 's/\.js$//')
fail=0
for name in "$@"; do
	dir=$(mktemp -d)
	cp "$here/$name.js" "$dir/main.js"
	ln -s "$fixtures/node_modules" "$dir/node_modules"
	(cd "$dir" && NODE_PATH=/usr/share/nodejs node main.js) > "$dir/out.txt" 2>&1 || true
	if [ "${RECORD:-0}" = 1 ]; then
		cp "$dir/out.txt" "$here/$name.out"
	elif cmp -s "$dir/out.txt" "$here/$name.out"; then
		echo "npm $name: node agrees"
	else
		echo "npm $name: node prints otherwise:"; diff "$here/$name.out" "$dir/out.txt" || true; fail=1
	fi
	rm -rf "$dir"
done
exit $fail
