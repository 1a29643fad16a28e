#!/bin/sh
# authz.sh - per-uid authorisation against a real daemon run as root: two
# unprivileged users (made for the test, removed after) share the socket
# group; each sees and controls only its own workers, root sees all, and a
# refusal is one line naming the worker and "permission denied" (exit 1),
# logged with the peer's uid.  Needs root (to make the users): skipped
# otherwise.
set -eu

[ "$(id -u)" = 0 ] || { echo "authz: not root: skipped"; exit 0; }
build=${WORKERSD_BUILD:-$(pwd)/build}
ctl="$build/workerctl"
tag=$$
grp=wdg$tag
ua=wda$tag
ub=wdb$tag
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-authz.XXXXXX")
sock="$tmp/run/workersd.sock"
pid=
cleanup() {
	[ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }
	userdel "$ua" 2>/dev/null || true
	userdel "$ub" 2>/dev/null || true
	groupdel "$grp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
groupadd "$grp"
useradd -M -N -g "$grp" -s /usr/sbin/nologin "$ua"
useradd -M -N -g "$grp" -s /usr/sbin/nologin "$ub"
chmod 755 "$tmp"
mkdir "$tmp/run"
printf 'onmessage = function (e) { postMessage(e.data); };\n' > "$tmp/echo.js"
chmod 644 "$tmp/echo.js"

as() { u=$1; shift; setpriv --reuid "$u" --regid "$grp" --init-groups -- "$@"; }
fail() { echo "authz: $*" >&2; cat "$tmp/log" >&2; exit 1; }

"$build/workersd" --socket "$sock" --socket-group "$grp" --host-path "$build/worker-host" 2>"$tmp/log" &
pid=$!
tries=0
until "$ctl" --socket "$sock" --timeout 1 ls >/dev/null 2>&1; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] && kill -0 "$pid" 2>/dev/null || fail "the daemon did not start"
	sleep 0.05
done

ida=$(as "$ua" "$ctl" --socket "$sock" spawn --name mine-a "$tmp/echo.js") || fail "spawn as $ua"
idb=$(as "$ub" "$ctl" --socket "$sock" spawn --name mine-b "$tmp/echo.js") || fail "spawn as $ub"

# A root daemon runs each client's worker as that client; root's as root.
uid_of() { awk '/^Uid:/ { print $2 }' "/proc/$1/status"; }
gid_of() { awk '/^Gid:/ { print $2 }' "/proc/$1/status"; }
pid_of() { "$ctl" --socket "$sock" status --json "$1" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p'; }
pa=$(pid_of mine-a)
[ "$(uid_of "$pa")" = "$(id -u "$ua")" ] || fail "$ua's worker runs as uid $(uid_of "$pa")"
[ "$(gid_of "$pa")" = "$(getent group "$grp" | cut -d: -f3)" ] || fail "$ua's worker runs as gid $(gid_of "$pa")"
"$ctl" --socket "$sock" spawn --name mine-root "$tmp/echo.js" >/dev/null
[ "$(uid_of "$(pid_of mine-root)")" = 0 ] || fail "root's worker does not run as root"
as "$ua" "$ctl" --socket "$sock" post mine-a '"alive"'
[ "$(as "$ua" "$ctl" --socket "$sock" recv mine-a --timeout 10)" = '"alive"' ] || fail "$ua's worker does not answer"
as "$ua" "$ctl" --socket "$sock" post mine-a '"for a only"'

# Every request naming a worker of another uid is refused.
for req in "status mine-a" "post mine-a 1" "recv mine-a --timeout 1" "terminate mine-a" \
    "wait mine-a --timeout 1" "ref mine-a" "unref mine-a" "logs mine-a" "watch mine-a" \
    "status $ida"; do
	set +e
	# shellcheck disable=SC2086
	err=$(as "$ub" "$ctl" --socket "$sock" $req 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" = 1 ] || fail "$req as $ub: exit $rc, not 1 ($err)"
	ref=${req#* }; ref=${ref%% *}
	[ "$err" = "workerctl: worker $ref: permission denied" ] || fail "$req as $ub: '$err'"
done
grep -q "(uid $(id -u "$ub")): terminate of worker $ida (uid $(id -u "$ua")): permission denied" "$tmp/log" ||
	fail "the refusal is not logged with the peer's uid"

# Lists show one's own workers; root sees all.
as "$ub" "$ctl" --socket "$sock" ls > "$tmp/ls-b"
grep -q mine-b "$tmp/ls-b" || fail "$ub does not see its own worker"
! grep -q mine-a "$tmp/ls-b" || fail "$ub sees $ua's worker"
"$ctl" --socket "$sock" ls > "$tmp/ls-root"
grep -q mine-a "$tmp/ls-root" && grep -q mine-b "$tmp/ls-root" || fail "root does not see every worker"

# A watch of everything shows only what one may see: b's own echo comes,
# a's posts (made before it) never do.
setpriv --reuid "$ub" --regid "$grp" --init-groups -- "$ctl" --socket "$sock" watch > "$tmp/watch-b" &
watch=$!
as "$ua" "$ctl" --socket "$sock" post mine-a '"still a"'
# Once a has its echo back, the daemon has fanned the event out (to b's
# watch too, were it allowed); b's own echo, later on the same connection,
# then shows whether a's came first.
as "$ua" "$ctl" --socket "$sock" recv mine-a -n 2 --timeout 10 >/dev/null || fail "$ua's echo"
as "$ub" "$ctl" --socket "$sock" post mine-b '"for b"'
tries=0
until grep -q '"for b"' "$tmp/watch-b"; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] || { kill "$watch"; fail "$ub's watch missed its own worker"; }
	sleep 0.05
done
kill "$watch"; wait "$watch" 2>/dev/null || true
! grep -q '"still a"\|mine-a' "$tmp/watch-b" || fail "$ub's watch shows $ua's worker"

# The owner and root keep full control.
as "$ua" "$ctl" --socket "$sock" terminate mine-a >/dev/null || fail "$ua cannot terminate its worker"
"$ctl" --socket "$sock" terminate "$idb" >/dev/null || fail "root cannot terminate $ub's worker"
echo "authz: ok"
