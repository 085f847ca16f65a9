#!/bin/sh
# tests/loaded.sh -- run a command while two busy loops load the CPUs.
#
#   usage: tests/loaded.sh [COMMAND [ARG...]]
#
# Proves that no test's verdict depends on the machine's speed: two
# processes spin (one per core on a 2-core machine; set LOADED_SPINNERS
# for more) while COMMAND runs, and are killed when it ends, however it
# ends.  The default command is the whole suite, `make check`, run in the
# current directory (a configured build directory).  Exits with
# COMMAND's status.  Examples:
#
#   cd _build && ../tests/loaded.sh
#   cd _build && ../tests/loaded.sh make check TESTS='tests/e2e/imap-crash.sh'
n=${LOADED_SPINNERS:-2}
pids=
stop() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		wait "$p" 2>/dev/null
	done
	pids=
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop' EXIT
i=0
while [ "$i" -lt "$n" ]; do
	( trap - INT TERM EXIT; while :; do :; done ) &
	pids="$pids $!"
	i=$((i + 1))
done
echo "loaded.sh: $n busy loop(s) running (pids$pids)" >&2
[ $# -gt 0 ] || set -- make check
rc=0
"$@" || rc=$?
stop
echo "loaded.sh: busy loops stopped; command exit $rc" >&2
exit "$rc"
