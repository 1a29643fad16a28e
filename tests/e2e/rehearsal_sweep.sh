#!/bin/sh
# rehearsal_sweep.sh - a template, before it rehearses a start
# (worker-host/prefault.h), removes the empty rehearsal scripts of this
# user that a template killed mid-rehearsal left in /tmp over a minute ago,
# and leaves a recent one, or one that is not empty, alone.  Runs as any
# user.
set -eu

build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-sweep.XXXXXX")
sock="$tmp/workersd.sock"
stale=/tmp/workersd-rehearsal-e2estale$$.js
fresh=/tmp/workersd-rehearsal-e2efresh$$.js
full=/tmp/workersd-rehearsal-e2efull$$.js
pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$tmp" "$stale" "$fresh" "$full"' EXIT
fail() { echo "rehearsal_sweep: $*" >&2; cat "$tmp/log" >&2; exit 1; }

: > "$stale"
touch -d '2 minutes ago' "$stale"
: > "$fresh"
echo 'not ours' > "$full"
touch -d '2 minutes ago' "$full"
echo 'postMessage(1);' > "$tmp/one.js"

"$build/workersd" --socket "$sock" --allow-root-workers 2>"$tmp/log" &
pid=$!
wait_daemon "$sock" "$pid" || fail "the daemon did not start"
# a worker the template forked: its rehearsal, and the sweep before it, are done
"$ctl" --socket "$sock" --timeout 20 run "$tmp/one.js" >"$tmp/out" || fail "run failed"
[ "$(cat "$tmp/out")" = 1 ] || fail "run printed $(cat "$tmp/out")"
[ ! -e "$stale" ] || fail "the stale empty script is still there"
[ -e "$fresh" ] || fail "a recent empty script was removed"
[ -e "$full" ] || fail "a script that is not empty was removed"
echo "stale rehearsal script removed, others kept"
