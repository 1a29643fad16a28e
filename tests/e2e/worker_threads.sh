#!/bin/sh
# worker_threads.sh - tests/threads/worker.js spawned by workerctl run
# with --data, posted the values node-driver.js posts to it as a Node worker
# thread: what it posts back must be tests/threads/expected.txt, which is
# what it posted under Node 20 (make compat-node re-checks that file).
set -eu
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-threads.XXXXXX")
sock="$tmp/workersd.sock"
. "$here/lib/daemon.sh"
trap 'stop_daemon; rm -rf "$tmp"' EXIT
start_daemon "$sock" "$tmp/log" --cache-dir "$tmp/cache"
printf '"ping"\n{"k":2}\n"bye"\n' |
	"$build/workerctl" --socket "$sock" run --timeout 30 --data '{"a":[1,"x"],"n":null}' \
	"$here/threads/worker.js" >"$tmp/got" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
diff -u "$here/threads/expected.txt" "$tmp/got"
