#!/bin/sh
# make bench: starts a private daemon, runs the peers' benchmark through it
# and the scale.* keys (BENCH_SCALE_N idle workers at once, 10000 by default,
# 0 skips them), then the coldload.* keys (coldload.py, a daemon of its own),
# prints the JSON line (stdout) and a table against the targets (stderr).
# Knobs: the BENCH_* variables of shared/bench/README.md; OUT=FILE also
# keeps the JSON line.
set -e
build=$1
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/workersd-bench.XXXXXX)
sock=$dir/workersd.sock
# --allow-root-workers: a bench run as root spawns root's workers (workersd(8));
# --max-workers: room for the scale section's BENCH_SCALE_N beside the others'.
scale_n=${BENCH_SCALE_N:-10000}
"$build/workersd" --socket "$sock" --log-level warning --allow-root-workers \
	--max-workers $((scale_n + 1024)) 2>"$dir/daemon.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
i=0
while [ ! -S "$sock" ]; do
	i=$((i + 1)); [ $i -gt 500 ] && { cat "$dir/daemon.log"; echo "bench: daemon did not start" >&2; exit 1; }
	kill -0 $daemon 2>/dev/null || { cat "$dir/daemon.log"; exit 1; }
	sleep 0.01
done
"$build/bench" "$sock" "$here/bench-child.js" > "$dir/peers.json"
# the coldload.* keys: a daemon of their own, with a fresh cache
python3 "$here/coldload.py" "$build" > "$dir/coldload.json"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); r.update(json.load(open(sys.argv[2]))); print(json.dumps(r))' \
	"$dir/peers.json" "$dir/coldload.json" > "$dir/result.json"
cat "$dir/result.json"
[ -n "${OUT:-}" ] && cp "$dir/result.json" "$OUT"
python3 "$here/table.py" "$dir/result.json" >&2
