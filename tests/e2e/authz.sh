#!/bin/sh
# authz.sh - per-uid authorisation against a real daemon run as root: two
# unprivileged users (made for the test, removed after) share the socket
# group; each sees and controls only its own workers, root sees all, and a
# refusal is one line naming the worker and "permission denied" (exit 1),
# logged with the peer's uid.  Then who the workers run as: each client's
# own uid, gid and groups; root's refused without --allow-root-workers;
# --worker-user/--worker-group for everyone (its supplementary groups
# included), with ownership still the client's.  Needs root (to make the
# users and to switch to them): prints "authz: not root: skipped" and
# passes otherwise.
set -eu

[ "$(id -u)" = 0 ] || { echo "authz: not root: skipped"; exit 0; }
build=${WORKERSD_BUILD:-$(pwd)/build}
. "$(cd "$(dirname "$0")/.." && pwd)/lib/daemon.sh"
ctl="$build/workerctl"
tag=$$
grp=wdg$tag
grpx=wdx$tag
ua=wda$tag
ub=wdb$tag
tmp=$(mktemp -d "${TMPDIR:-/tmp}/workersd-authz.XXXXXX")
sock="$tmp/run/workersd.sock"
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
	userdel "$ua" 2>/dev/null || true
	userdel "$ub" 2>/dev/null || true
	groupdel "$grp" 2>/dev/null || true
	groupdel "$grpx" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
groupadd "$grp"
groupadd "$grpx"
useradd -M -N -g "$grp" -G "$grpx" -s /usr/sbin/nologin "$ua"
useradd -M -N -g "$grp" -s /usr/sbin/nologin "$ub"
chmod 755 "$tmp"
mkdir "$tmp/run"
printf 'onmessage = function (e) { postMessage(e.data); };\n' > "$tmp/echo.js"
chmod 644 "$tmp/echo.js"

as() { u=$1; shift; setpriv --reuid "$u" --regid "$grp" --init-groups -- "$@"; }
fail() { echo "authz: $*" >&2; cat "$tmp/log" >&2; exit 1; }

# start SOCKET LOG FLAGS...: a daemon the users' group may reach.
start() {
	s=$1; l=$2; shift 2
	"$build/workersd" --socket "$s" --socket-group "$grp" --host-path "$build/worker-host" "$@" 2>"$l" &
	p=$!
	pids="$pids $p"
	wait_daemon "$s" "$p" || fail "the daemon ($*) did not start"
}
start "$sock" "$tmp/log"

ida=$(as "$ua" "$ctl" --socket "$sock" spawn --name mine-a "$tmp/echo.js") || fail "spawn as $ua"
idb=$(as "$ub" "$ctl" --socket "$sock" spawn --name mine-b "$tmp/echo.js") || fail "spawn as $ub"

# A root daemon runs each client's worker as that client; root's as root.
uid_of() { awk '/^Uid:/ { print $2 }' "/proc/$1/status"; }
gid_of() { awk '/^Gid:/ { print $2 }' "/proc/$1/status"; }
groups_of() { awk '/^Groups:/ { $1 = ""; print }' "/proc/$1/status"; }
pid_of() { "$ctl" --socket "${2:-$sock}" status --json "$1" | sed -n 's/.*"pid": *\([0-9]*\).*/\1/p'; }
# The spawn's reply comes once the host has a pid, before it has dropped
# to its identity; an echo back means the script runs, so it has.
running() {
	"$ctl" --socket "$1" post "$2" '"ready"'
	[ "$("$ctl" --socket "$1" recv "$2" --timeout 10)" = '"ready"' ] || fail "$2 does not answer"
}
gid_grp=$(getent group "$grp" | cut -d: -f3)
gid_grpx=$(getent group "$grpx" | cut -d: -f3)
running "$sock" mine-a
pa=$(pid_of mine-a)
[ "$(uid_of "$pa")" = "$(id -u "$ua")" ] || fail "$ua's worker runs as uid $(uid_of "$pa")"
[ "$(gid_of "$pa")" = "$gid_grp" ] || fail "$ua's worker runs as gid $(gid_of "$pa")"
case " $(groups_of "$pa") " in *" $gid_grpx "*) ;; *) fail "$ua's worker lacks group $grpx: $(groups_of "$pa")";; esac
# Without --allow-root-workers, root's workers are refused in one line.
set +e
err=$("$ctl" --socket "$sock" spawn --name mine-root "$tmp/echo.js" 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 1 ] || fail "root's spawn: exit $rc ($err)"
[ "$err" = "workerctl: spawn: root's workers would run as root, which workersd allows only with --allow-root-workers (or runs them as --worker-user)" ] ||
	fail "root's spawn: '$err'"
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

# --allow-root-workers lets root's workers be root; --worker-user and
# --worker-group then hold for everyone else, and a worker still belongs
# to the client that spawned it.
start "$tmp/run/2.sock" "$tmp/log2" --allow-root-workers --worker-user "$ua"
"$ctl" --socket "$tmp/run/2.sock" spawn --name root-2 "$tmp/echo.js" >/dev/null
running "$tmp/run/2.sock" root-2
[ "$(uid_of "$(pid_of root-2 "$tmp/run/2.sock")")" = 0 ] || fail "root's worker does not run as root"
as "$ub" "$ctl" --socket "$tmp/run/2.sock" spawn --name b-2 "$tmp/echo.js" >/dev/null
running "$tmp/run/2.sock" b-2
pb=$(pid_of b-2 "$tmp/run/2.sock")
[ "$(uid_of "$pb")" = "$(id -u "$ua")" ] || fail "--worker-user: $ub's worker runs as uid $(uid_of "$pb")"
[ "$(gid_of "$pb")" = "$gid_grp" ] || fail "--worker-user: $ub's worker runs as gid $(gid_of "$pb")"
case " $(groups_of "$pb") " in *" $gid_grpx "*) ;; *) fail "--worker-user: not in $ua's groups: $(groups_of "$pb")";; esac
[ "$(as "$ua" "$ctl" --socket "$tmp/run/2.sock" terminate b-2 2>&1)" = "workerctl: worker b-2: permission denied" ] ||
	fail "--worker-user: $ua may control $ub's worker"
as "$ub" "$ctl" --socket "$tmp/run/2.sock" post b-2 '"b-2"'
[ "$(as "$ub" "$ctl" --socket "$tmp/run/2.sock" recv b-2 --timeout 10)" = '"b-2"' ] || fail "b-2 does not answer"

# The worker enters the client's directory as the user it runs as: one
# only the client may enter is a clear error, not another directory.
mkdir "$tmp/b-only"
chown "$ub" "$tmp/b-only"
chmod 700 "$tmp/b-only"
# setpriv itself, not the function: $! must be the watch, to kill it.
setpriv --reuid "$ub" --regid "$grp" --init-groups -- "$ctl" --socket "$tmp/run/2.sock" watch --timeout 20 \
    > "$tmp/watch-cwd" &
watch=$!
# b-2's echo in the watch shows it is subscribed; one posted before it
# was is not shown, so post until one is.
tries=0
until grep -q '"sync"' "$tmp/watch-cwd"; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] || { kill "$watch"; fail "the watch of $ub never started"; }
	as "$ub" "$ctl" --socket "$tmp/run/2.sock" post b-2 '"sync"'
	sleep 0.05
done
(cd "$tmp/b-only" && as "$ub" "$ctl" --socket "$tmp/run/2.sock" spawn --name b-cwd ../echo.js >/dev/null)
tries=0
until grep -q '"event":"close"' "$tmp/watch-cwd"; do
	tries=$((tries + 1))
	[ "$tries" -lt 200 ] || { kill "$watch"; fail "no close of b-cwd"; }
	sleep 0.05
done
kill "$watch"; wait "$watch" 2>/dev/null || true
grep -q "\"message\":\"working directory $tmp/b-only: Permission denied\"" "$tmp/watch-cwd" ||
	fail "cwd $ua may not enter: $(cat "$tmp/watch-cwd")"

# Without it, root's workers run as --worker-user too; --worker-group
# replaces the user's primary group.
start "$tmp/run/3.sock" "$tmp/log3" --worker-user "$ub" --worker-group "$grpx"
"$ctl" --socket "$tmp/run/3.sock" spawn --name root-3 "$tmp/echo.js" >/dev/null
running "$tmp/run/3.sock" root-3
p3=$(pid_of root-3 "$tmp/run/3.sock")
[ "$(uid_of "$p3")" = "$(id -u "$ub")" ] || fail "--worker-user: root's worker runs as uid $(uid_of "$p3")"
[ "$(gid_of "$p3")" = "$gid_grpx" ] || fail "--worker-group: root's worker runs as gid $(gid_of "$p3")"

# Flags that would make root workers, or name nobody, stop the daemon at once.
for bad in "--worker-user root" "--worker-group 0" "--worker-user no-such-user-$tag"; do
	set +e
	# shellcheck disable=SC2086
	err=$("$build/workersd" --socket "$tmp/run/bad.sock" $bad 2>&1)
	rc=$?
	set -e
	[ "$rc" = 2 ] || fail "$bad: exit $rc ($err)"
	case "$err" in "workersd: --worker-"*) ;; *) fail "$bad: '$err'";; esac
done
echo "authz: ok"
