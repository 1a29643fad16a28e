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
"$build/workersd" --socket "$sock" --cache-dir "$tmp/cache" --host-path "$build/worker-host" --allow-root-workers 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
tries=0
until "$build/workerctl" --socket "$sock" --timeout 1 ls >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] && kill -0 "$pid" 2>/dev/null || { cat "$tmp/log"; exit 1; }
	sleep 0.05
done
printf '"ping"\n{"k":2}\n"bye"\n' |
	"$build/workerctl" --socket "$sock" run --timeout 30 --data '{"a":[1,"x"],"n":null}' \
	"$here/threads/worker.js" >"$tmp/got" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
diff -u "$here/threads/expected.txt" "$tmp/got"
