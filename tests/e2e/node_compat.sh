#!/bin/sh
# node_compat.sh - every tests/node/*.js runs in a worker of a real daemon
# and must print exactly what Node 20 printed for it, kept beside it as
# NAME.out (`make compat-node` runs the scripts under node again and checks
# those files).  A script's first lines may say `// env: K=V ...` for the
# environment both runs get (NODE_PATH=/usr/share/nodejs for Debian's
# node-* packages).
set -eu
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-compat.XXXXXX")
sock="$tmp/workersd.sock"
"$build/workersd" --socket "$sock" --cache-dir "$tmp/cache" --host-path "$build/worker-host" 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
tries=0
until "$build/workerctl" --socket "$sock" --timeout 1 ls >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] && kill -0 "$pid" 2>/dev/null || { cat "$tmp/log"; exit 1; }
	sleep 0.05
done
bad=0
for js in "$here"/node/*.js; do
	envs=$(sed -n 's|^// env: ||p' "$js" | tr '\n' ' ')
	set --
	for kv in $envs; do set -- "$@" --env "$kv"; done
	(cd "$here/node" && "$build/workerctl" --socket "$sock" run --timeout 60 "$@" "$js") >"$tmp/got" 2>&1 || true
	if ! diff -u "${js%.js}.out" "$tmp/got" >"$tmp/diff"; then
		echo "node_compat: $(basename "$js"): differs from Node's output:"; cat "$tmp/diff"; bad=1
	fi
done
exit $bad
