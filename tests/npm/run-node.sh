#!/bin/sh
# run-node.sh FIXTURES [NAME...]: runs tests/npm/NAME.js or NAME.mjs (every
# one by default) under node, laid out as tests/e2e/npm_packages.sh lays
# it out for a worker (layout.sh; FIXTURES is where make deps put the
# registry's pinned packages), and compares node's output with NAME.out.
# RECORD=1 writes NAME.out instead.
set -e
here=$(cd "$(dirname "$0")" && pwd)
. "$here/layout.sh"
fixtures=${1:?FIXTURES}; shift
[ $# -gt 0 ] || set -- $(cd "$here" && ls *.js *.mjs | sed 's/\.m\{0,1\}js$//')
fail=0
for name in "$@"; do
	dir=$(mktemp -d)
	script=$here/$name.js
	[ -f "$script" ] || script=$here/$name.mjs
	npm_layout "$dir" "$script" "$fixtures"
	(cd "$dir" && NODE_PATH=/usr/share/nodejs node --preserve-symlinks main.*) > "$dir/out.txt" 2>&1 || true
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
