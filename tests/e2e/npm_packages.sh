#!/bin/sh
# npm_packages.sh - popular npm packages as Debian ships them
# (tests/npm/packages.js over /usr/share/nodejs, installed by make deps) in
# a worker of a real daemon, lowered by its compile servers where they use
# modern syntax: what the worker prints must be tests/npm/packages.out,
# Node 20's output for the same script (make compat-node re-checks it).
set -eu
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-npm.XXXXXX")
sock="$tmp/workersd.sock"
"$build/workersd" --socket "$sock" --cache-dir "$tmp/cache" --host-path "$build/worker-host" --allow-root-workers 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
tries=0
until "$build/workerctl" --socket "$sock" --timeout 1 ls >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] && kill -0 "$pid" 2>/dev/null || { cat "$tmp/log"; exit 1; }
	sleep 0.05
done
cp "$here/npm/packages.js" "$tmp/main.js"
# console output is on stderr; the script posts nothing.
"$build/workerctl" --socket "$sock" run --timeout 120 "$tmp/main.js" 2>"$tmp/got" >/dev/null || true
diff -u "$here/npm/packages.out" "$tmp/got"
