#!/bin/sh
# python_example.sh - docs/examples/client.py against a real daemon: it must
# spawn echo.js, get both messages back, see open/message/close events and
# exit 0.
set -eu

build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-py.XXXXXX")
sock="$tmp/workersd.sock"
pid=
trap '[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }; rm -rf "$tmp"' EXIT

# Debian's python3-msgpack lives with /usr/bin/python3; another python3
# first on PATH may not have it.
py=python3
$py -c 'import msgpack' 2>/dev/null || py=/usr/bin/python3
$py -c 'import msgpack' || { echo "python_example: no python3 with msgpack" >&2; exit 1; }

start_daemon "$sock" "$tmp/log"

out=$(timeout 30 $py docs/examples/client.py --socket "$sock")
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q "^spawned worker [0-9]"
printf '%s\n' "$out" | grep -qF "received {'hello': 'world'}"
printf '%s\n' "$out" | grep -qF "received [1, 2.5, None, True, 'text']"
printf '%s\n' "$out" | grep -q "^event open"
[ "$(printf '%s\n' "$out" | grep -c '^event message')" -eq 2 ]
printf '%s\n' "$out" | grep -q "^event close .*'reason': 'terminated'"
# Unknown worker: the client raises with the daemon's error code.
code=$(timeout 30 $py -c "
import sys; sys.path.insert(0, 'docs/examples')
import client
try:
    client.Client('$sock').recv(999999)
except client.WorkersdError as e:
    print(e.code)
")
[ "$code" = no_such_worker ]
