#!/bin/sh
# npm_packages.sh - popular npm packages as they are published, in workers
# of a real daemon: each tests/npm/NAME.js or NAME.mjs runs as the main
# module of a directory laid out by tests/npm/layout.sh (the pinned
# registry fixtures of make deps in $WORKERSD_NPM_FIXTURES, Debian's
# node-* packages from /usr/share/nodejs), the packages in modern syntax
# lowered by the daemon's compile servers (one cache for all).  What each
# worker prints must be tests/npm/NAME.out, Node 20's output for the same
# script (make compat-node re-checks it); every script is run and every
# difference shown.
set -eu
build=${WORKERSD_BUILD:?}
fixtures=${WORKERSD_NPM_FIXTURES:-/usr/local/lib/workersd/npm-fixtures}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-npm.XXXXXX")
sock="$tmp/workersd.sock"
. "$here/lib/daemon.sh"
. "$here/npm/layout.sh"
trap 'stop_daemon; rm -rf "$tmp"' EXIT
[ -d "$fixtures/node_modules" ] || { echo "npm fixtures missing in $fixtures: run make deps"; exit 1; }
start_daemon "$sock" "$tmp/log" --cache-dir "$tmp/cache"
fail=0
for script in "$here"/npm/*.js "$here"/npm/*.mjs; do
	name=$(basename "$script" | sed 's/\.m\{0,1\}js$//')
	mkdir "$tmp/$name"
	npm_layout "$tmp/$name" "$script" "$fixtures"
	# console output is on stderr; the scripts post nothing.
	"$build/workerctl" --socket "$sock" run --timeout 300 "$tmp/$name"/main.* 2>"$tmp/$name/got" >/dev/null || true
	diff -u "$here/npm/$name.out" "$tmp/$name/got" || { echo "npm $name: the worker prints otherwise"; fail=1; }
done
exit $fail
