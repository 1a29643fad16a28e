#!/bin/sh
# Checks docs/systemd/workersd.{service,socket} with systemd-analyze verify,
# where it exists.  The ExecStart path is replaced by the built daemon so
# that verify can find it.
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze not found: skipped"; exit 0; }
build=${WORKERSD_BUILD:-$PWD/build}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
sed "s|^ExecStart=.*|ExecStart=$build/workersd|" docs/systemd/workersd.service > "$dir/workersd.service"
cp docs/systemd/workersd.socket "$dir/workersd.socket"
out=$(cd "$dir" && systemd-analyze verify --man=no ./workersd.socket ./workersd.service 2>&1)
rc=$?
# verify also reports on units it pulls in from the host system; only
# lines about ours count.
ours=$(printf '%s\n' "$out" | grep -E 'workersd\.(service|socket)' || true)
if [ $rc -ne 0 ] && [ -n "$ours" ]; then
	printf '%s\n' "$out"
	exit 1
fi
if [ -n "$ours" ]; then
	printf '%s\n' "$ours"
	exit 1
fi
echo "systemd units verified"
