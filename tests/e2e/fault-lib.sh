# Helpers for the crash tests (tests/e2e/fault-kill-*.sh, imap-crash.sh,
# fault-imap-stop.sh, service-term.sh), sourced after tests/lib.sh (and
# terms-lib.sh when a date is given).  Not a test.
#
# A crash test does not kill the daemon after a guessed delay: it arms a
# fault-injection point (KLACHTD_FAULT, see include/fault.h) and the
# daemon signals itself at exactly that point, however fast or loaded the
# machine is.  Every wait here is a bounded loop on an observable state.

# fl_run SPEC DATE ARGS...: run the daemon on $KL_CONF with
# KLACHTD_FAULT=SPEC (under libfaketime from DATE unless DATE is ""),
# stderr appended to ${SL_LOG:-$FX_DIR/daemon.log}, and wait until it
# exits (by the fault, or by itself with --once).  FL_RC is its exit
# status (137: SIGKILL).  Fails when it still runs after FL_TIMEOUT s
# (default 120): the point was never reached.
fl_run() {
	fl__spec=$1 fl__date=$2
	shift 2
	SL_LOG=${SL_LOG:-$FX_DIR/daemon.log}
	if [ -n "$fl__date" ]; then
		[ -n "${TL_FAKETIME:-}" ] || fx_fail "fl_run: no libfaketime"
		KLACHTD_FAULT=$fl__spec FAKETIME="@$fl__date" \
		FAKETIME_DONT_FAKE_MONOTONIC=1 \
		LD_PRELOAD="$TL_FAKETIME${LD_PRELOAD:+:$LD_PRELOAD}" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    "$KLACHTD" -c "$KL_CONF" "$@" 2>>"$SL_LOG" &
	else
		KLACHTD_FAULT=$fl__spec "$KLACHTD" -c "$KL_CONF" "$@" \
		    2>>"$SL_LOG" &
	fi
	fl__pid=$!
	fx_track_pid "$fl__pid"
	if ! fx_wait_for -t "${FL_TIMEOUT:-120}" fl__gone "$fl__pid"; then
		kill -KILL "$fl__pid" 2>/dev/null || :
		wait "$fl__pid" 2>/dev/null || :
		tail -20 "$SL_LOG" >&2
		fx_fail "the daemon never reached the fault point ($fl__spec)"
	fi
	FL_RC=0
	wait "$fl__pid" 2>/dev/null || FL_RC=$?
	rm -f "$FX_DIR/pids/track.$fl__pid"
}
fl__gone() { ! fx__alive "$1"; }

# fl_killed SPEC DATE ARGS...: fl_run, and the daemon must have died of
# SIGKILL at the armed point (its "fault injected" line in the log).
fl_killed() {
	fl__before=$(grep -c "fault injected" "${SL_LOG:-$FX_DIR/daemon.log}" 2>/dev/null || :)
	fl_run "$@"
	[ "$FL_RC" = 137 ] ||
		{ tail -20 "$SL_LOG" >&2; fx_fail "exit $FL_RC, not killed at the fault point ($1)"; }
	[ "$(grep -c "fault injected" "$SL_LOG")" -gt "${fl__before:-0}" ] ||
		fx_fail "killed, but not by the fault point ($1)"
}

# fl_stopped PID [SECS]: wait until PID is stopped (SIGSTOP, state T in
# /proc), as a "stop" fault point leaves it.
fl_stopped() {
	fx_wait_for -t "${2:-120}" fl__is_stopped "$1"
}
fl__is_stopped() {
	read -r fl__st 2>/dev/null <"/proc/$1/stat" || return 1
	fl__st=${fl__st##*) }
	case $fl__st in T*) return 0 ;; Z* | X*) fx_fail "pid $1 exited before the fault point" ;; esac
	return 1
}

# fl_rand_int SEED N LO HI: N random integers in LO..HI, space separated.
fl_rand_int() {
	awk -v s="$1" -v n="$2" -v lo="$3" -v hi="$4" \
	    'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%d ", lo + int(rand() * (hi - lo + 1)) }'
}

# fl_committed LOG FROM: new messages committed by the batches (group
# commit, include/intake.h) whose "batch of N message(s) committed (D
# stored before)" lines are in LOG after its first FROM lines -- what a
# kill left stored, counted from what the daemon says it committed, so a
# batch cut short by its time bound on a slow machine is counted right.
fl_committed() {
	tail -n "+$(($2 + 1))" "$1" |
	    sed -n 's/.* batch of \([0-9]*\) message(s) committed (\([0-9]*\) stored before).*/\1 \2/p' |
	    awk '{ s += $1 - $2 } END { print s + 0 }'
}
# fl_lines LOG: its number of lines (0 when it does not exist yet).
fl_lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }
