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
. "$here/lib/daemon.sh"
trap 'stop_daemon; rm -rf "$tmp"' EXIT
start_daemon "$sock" "$tmp/log" --cache-dir "$tmp/cache"
cp "$here/npm/packages.js" "$tmp/main.js"
# console output is on stderr; the script posts nothing.
"$build/workerctl" --socket "$sock" run --timeout 120 "$tmp/main.js" 2>"$tmp/got" >/dev/null || true
diff -u "$here/npm/packages.out" "$tmp/got"
