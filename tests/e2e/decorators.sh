#!/bin/sh
# decorators.sh - TypeScript's legacy experimentalDecorators, chosen per
# spawn (workerctl --legacy-decorators; init's legacy_decorators): the
# value tests/decorators/worker.ts posts is what Node 20 printed running
# TypeScript 5.9.3's output for it with experimentalDecorators (types
# stripped, target ES2022).  Without the option the same file gets the
# standard decorators and fails, and the cache keeps the two apart.
set -eu
build=${WORKERSD_BUILD:?}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-decorators.XXXXXX")
sock="$tmp/workersd.sock"
. "$here/lib/daemon.sh"
trap 'stop_daemon; rm -rf "$tmp"' EXIT
start_daemon "$sock" "$tmp/log" --cache-dir "$tmp/cache"
cp "$here/decorators/worker.ts" "$tmp/worker.ts"
run() { "$build/workerctl" --socket "$sock" run --timeout 120 "$@" "$tmp/worker.ts"; }
got=$(run --legacy-decorators </dev/null 2>"$tmp/err") || { cat "$tmp/err"; exit 1; }
[ "$got" = '["legacy","logged greet: hi x"]' ] || { echo "decorators: legacy: $got"; exit 1; }
if run </dev/null >"$tmp/out" 2>"$tmp/err"; then
	echo "decorators: standard decorators ran the legacy ones: $(cat "$tmp/out")"; exit 1
fi
# The cached legacy lowering is still the one a legacy spawn gets.
got=$(run --legacy-decorators </dev/null 2>"$tmp/err") || { cat "$tmp/err"; exit 1; }
[ "$got" = '["legacy","logged greet: hi x"]' ] || { echo "decorators: legacy again: $got"; exit 1; }
