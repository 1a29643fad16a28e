#!/bin/sh
# client_env.sh - a worker's working directory and environment are the
# client's, not the daemon's (workersd(8)): the daemon is started in one
# directory with TZ and a variable of its own, the client spawns from
# another; the worker sees the client's directory, exactly the --env it was
# given (TZ included: its local time follows it), and nothing of the
# daemon's.  Runs as any user.
set -eu

build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-env.XXXXXX")
sock="$tmp/workersd.sock"
pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$tmp"' EXIT
fail() { echo "client_env: $*" >&2; cat "$tmp/log" >&2; exit 1; }
mkdir "$tmp/daemon-dir" "$tmp/client dir"
cat > "$tmp/env.js" <<'JS'
postMessage([process.cwd(), Object.keys(process.env).sort().join(","), new Date(0).getTimezoneOffset()]);
process.exit(0);
JS

# --allow-root-workers: the suite may run as root.
(cd "$tmp/daemon-dir" && exec env TZ=Pacific/Kiritimati DAEMON_ONLY=1 "$build/workersd" --socket "$sock" \
    --host-path "$build/worker-host" --allow-root-workers 2>"$tmp/log") &
pid=$!
wait_daemon "$sock" "$pid" || fail "the daemon did not start"

cd "$tmp/client dir"
got=$(TZ=UTC "$ctl" --socket "$sock" --timeout 20 run ../env.js) || fail "run without --env"
[ "$got" = "[\"$tmp/client dir\",\"\",0]" ] || fail "without --env: $got"
got=$("$ctl" --socket "$sock" --timeout 20 run --env TZ=Asia/Tokyo --env ONLY_MINE=x ../env.js) ||
	fail "run with --env"
[ "$got" = "[\"$tmp/client dir\",\"ONLY_MINE,TZ\",-540]" ] || fail "with --env: $got"
echo "client_env: ok"
