#!/bin/sh
# The daemon at rest (issue 17, include/rest.h): after daemon.rest_after
# without work it execs klachtd-rest in its own process and comes back,
# as klachtd, for mail (the pipe, the Maildir), for a retry that falls
# due, and for SIGHUP; SIGTERM ends it at rest with exit 0.  What it
# does meanwhile follows the configuration in force, which went along in
# a memory file: an edited file takes effect on SIGHUP, not before.
# Every wait is a bounded loop on an observable state (the process image
# in /proc, the SMTP sink, the log), never a guessed delay.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
# Polls a day apart: only a wake-up or the rest's own timer explains
# what happens while the daemon rests.
base_conf() {
	kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1d";/')
intake = { maildir = { poll_interval = \"1d\"; }; };
daemon = { rest_after = \"1s\"; };
$1"
}
base_conf
sed -i 's/name = "Gemeente Testdorp"/name = "Gemeente Eerstedorp"/' "$KL_CONF"
log="$FX_DIR/daemon.log"

image() { cat "/proc/$1/comm" 2>/dev/null; }
at_rest() { [ "$(image "$1")" = klachtd-rest ]; }
# rested_again PID N: the log has N "resting" lines and PID rests.
rested_again() { [ "$(grep -c 'rest: nothing to do' "$log")" -ge "$2" ] && at_rest "$1"; }

"$KLACHTD" -c "$KL_CONF" -v 2>"$log" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 60 at_rest $pid || { cat "$log" >&2; fx_fail "the daemon never rested"; }
kl_contains "the start line says it rests" "$log" "started: .*rests after 1s idle"
kl_eq "the resting program" "$(readlink "/proc/$pid/exe")" "$(cd "$top_builddir" && pwd)/klachtd-rest"
[ -S "$KL_STATE/wake" ] || fx_fail "the wake socket is gone at rest"
# At rest the daemon holds none of the libraries it works with.
if grep -E 'libcurl|libgmime|libxml2|libsqlite3' "/proc/$pid/maps" >/dev/null; then
	fx_fail "the resting daemon maps the working libraries: $(grep -oE '[^/]*(libcurl|libgmime|libxml2|libsqlite3)[^ ]*' "/proc/$pid/maps" | sort -u | tr '\n' ' ')"
fi

# 1. The configuration in force went along: the organisation's name is
#    changed in the file, but without SIGHUP the acknowledgement still
#    carries the name the daemon started with.
sed -i 's/name = "Gemeente Eerstedorp"/name = "Gemeente Tweededorp"/' "$KL_CONF"
#    klachtd-deliver, the lean MTA entry, spools the message and wakes
#    the rest; the daemon files it (`klachtd deliver` would file it in
#    its own process, with the file as it is now).
n=$(grep -c 'rest: nothing to do' "$log")
"$top_builddir/klachtd-deliver" -c "$KL_CONF" < "$KL_DATA/samples/01-afval.eml" ||
	fx_fail "klachtd-deliver at rest: exit $?"
fx_smtp_wait_count 1 60 || { cat "$log" >&2; fx_fail "a delivery did not wake the resting daemon"; }
kl_contains "woken by the delivery" "$log" "rest: back \(mail\)"
kl_eq "one case" "$(kl_sql "select count(*) from cases")" 1
fx_wait_for -t 60 rested_again $pid $((n + 1)) || fx_fail "no rest after the delivery"
grep -l 'Gemeente Eerstedorp' "$FX_SMTP_MAILDIR"/new/* >/dev/null ||
	fx_fail "the acknowledgement does not carry the name in force (Eerstedorp)"
if grep -l 'Tweededorp' "$FX_SMTP_MAILDIR"/new/* >/dev/null; then
	fx_fail "an edit without SIGHUP took effect across the rest"
fi

# 2. SIGHUP at rest: the daemon comes back, reloads, and rests again.
n=$(grep -c 'rest: nothing to do' "$log")
kill -HUP $pid
fx_wait_for -t 60 rested_again $pid $((n + 1)) || { cat "$log" >&2; fx_fail "no rest after SIGHUP"; }
kl_contains "back for SIGHUP" "$log" "rest: back \(hup\)"
kl_contains "reloaded" "$log" "reload: configuration .* loaded; changed: .*organisation.name"

# 3. Into the Maildir, at rest: the watch wakes it; the new name is used.
fx_wait_for -t 60 at_rest $pid || fx_fail "not at rest before the Maildir drop"
cp "$KL_DATA/samples/02-balie.eml" "$KL_STATE/inbox/tmp/y.host"
mv "$KL_STATE/inbox/tmp/y.host" "$KL_STATE/inbox/new/y.host"
fx_smtp_wait_count 2 60 || { cat "$log" >&2; fx_fail "new mail in the Maildir did not wake the resting daemon"; }
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2
[ "$(grep -l 'Gemeente Tweededorp' "$FX_SMTP_MAILDIR"/new/* | wc -l)" = 1 ] ||
	fx_fail "the reloaded name is not in the second acknowledgement"

# 4. A broken file and SIGHUP at rest: refused, the daemon rests on with
#    the configuration in force and still answers.
n=$(grep -c 'rest: nothing to do' "$log")
echo 'this is { not libconfig' >> "$KL_CONF"
kill -HUP $pid
fx_wait_for -t 60 rested_again $pid $((n + 1)) || { cat "$log" >&2; fx_fail "no rest after a refused reload"; }
kl_contains "the broken file is refused" "$log" "reload: .* is not valid; keeping the running configuration"
# (Not through the pipe: a delivery reads the file, which is broken.)
cp "$KL_DATA/samples/03-parkeren.eml" "$KL_STATE/inbox/tmp/z.host"
mv "$KL_STATE/inbox/tmp/z.host" "$KL_STATE/inbox/new/z.host"
fx_smtp_wait_count 3 60 || { cat "$log" >&2; fx_fail "no answer after a refused reload"; }

# 5. A retry falls due at rest: the server goes away, an acknowledgement
#    is deferred (retry.min 3s), the rest ends at the retry, not at the
#    next minute's deadline scan, and the mail goes out once the server
#    is back.
base_conf
kill -HUP $pid
fx_wait_for -t 60 at_rest $pid || fx_fail "not at rest before the outage"
fx_smtp_stop
kl_deliver "$KL_DATA/samples/04-english.eml"
fx_wait_for -t 60 grep -q "outbox: 0 sent, 1 deferred" "$log" || { cat "$log" >&2; fx_fail "the ack was not deferred"; }
fx_smtp_restart
fx_smtp_wait_count 4 60 || { cat "$log" >&2; fx_fail "the deferred ack was not retried from rest"; }
kl_contains "a rest as long as the retry" "$log" "resting for at most [1-3]s"
kl_contains "back for the retry" "$log" "rest: back \(timer\)"
kl_eq "sent once each" "$(fx_smtp_dupes)" ""

# 5b. klachtctl new at rest: the acknowledgement it queued wakes the
#    daemon at once (CMD_WAKE), not at the end of the rest.  The first
#    "back" after the command must say "mail"; should the rest's timer
#    happen to end it in the same moment ("timer"), that try proves
#    nothing and the next one is made (at most three).
want=4
woke=
for try in 1 2 3; do
	fx_wait_for -t 60 at_rest $pid || fx_fail "not at rest before klachtctl new"
	nb=$(grep -c 'rest: back' "$log")
	printf 'Geachte heer/mevrouw,\n\nDe lantaarnpaal bij huis %d is stuk.\n' "$try" |
	    kl_ctl new --channel telefoon --name "Piet Bakker $try" --email "piet$try@example.net" > "$FX_DIR/new.out" ||
		fx_fail "klachtctl new at rest failed"
	want=$((want + 1))
	fx_smtp_wait_count $want 60 || { cat "$log" >&2; fx_fail "the acknowledgement of klachtctl new did not go out"; }
	first=$(grep 'rest: back' "$log" | sed -n "$((nb + 1))p")
	case $first in
	*"back (mail)") woke=yes; break ;;
	*"back (timer)") fx_log "try $try: the rest's timer came first; again" ;;
	*) fx_fail "after klachtctl new: '$first'" ;;
	esac
done
kl_eq "klachtctl new woke the resting daemon" "$woke" yes

# 6. SIGTERM at rest: exit 0, the socket removed.
fx_wait_for -t 60 at_rest $pid || fx_fail "not at rest before SIGTERM"
rc=0
fx_stop_pid $pid || rc=$?
kl_eq "exit on SIGTERM at rest" "$rc" 0
[ ! -e "$KL_STATE/wake" ] || fx_fail "the wake socket outlived the daemon"
kl_contains "stop logged" "$log" "stopping on signal"

# 7. A signal that arrives during an exec, either way, is not lost: each
#    side blocks TERM, INT and HUP across the exec, and the other side
#    takes them up with its handlers.  The daemon stops itself just
#    before the exec (a fault point, include/fault.h), gets SIGTERM while
#    stopped, and is let go: it must exit 0 before anything else happens
#    -- a lost signal would let the rest run out ("timer"), or let
#    klachtd work and rest again.
. "$top_srcdir/tests/e2e/fault-lib.sh"
for point in rest-exec rest-back; do
	kl_config "daemon = { rest_after = \"1s\"; };"
	plog="$FX_DIR/$point.log"
	KLACHTD_FAULT=$point:1:stop "$KLACHTD" -c "$KL_CONF" -v 2>"$plog" &
	pid=$!
	fx_track_pid $pid
	if [ $point = rest-back ]; then
		# klachtd-rest takes the way back for SIGHUP.
		fx_wait_for -t 60 grep -q "rest: at rest" "$plog" || { cat "$plog" >&2; fx_fail "$point: never at rest"; }
		kill -HUP $pid
	fi
	fl_stopped $pid 60 || fx_fail "$point: the fault point was not reached"
	n=$(grep -c 'rest: \(nothing to do\|timer\)' "$plog")
	kill -TERM $pid
	kill -CONT $pid
	gone_or_more() { ! fx__alive "$1" || [ "$(grep -c 'rest: \(nothing to do\|timer\)' "$plog")" -gt "$2" ]; }
	fx_wait_for -t 120 gone_or_more $pid "$n" || fx_fail "$point: neither stopped nor went on"
	fx__alive $pid && { cat "$plog" >&2; fx_fail "$point: SIGTERM during the exec was lost"; }
	rc=0; wait $pid || rc=$?
	kl_eq "$point: exit on a SIGTERM during the exec" "$rc" 0
	kl_contains "$point: stop logged" "$plog" "stopping on signal"
done

# 8. daemon.rest_after = 0 keeps the daemon resident: its start line
#    does not promise a rest.
kl_config "daemon = { rest_after = \"0\"; };"
"$KLACHTD" -c "$KL_CONF" -v 2>"$FX_DIR/resident.log" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 60 grep -q "started:" "$FX_DIR/resident.log" || fx_fail "the resident daemon did not start"
kl_absent "no rest promised" "$FX_DIR/resident.log" "rests after"
kl_eq "resident" "$(image $pid)" klachtd
fx_stop_pid $pid
# 9. Mail that a temporary failure left in new/ (the database locked by
#    another process) is retried by the Maildir poll, and no event will
#    come for it: the daemon does not rest past that poll.
kl_config "daemon = { rest_after = \"1s\"; };
intake = { maildir = { poll_interval = \"5s\"; }; };"
dlog="$FX_DIR/deferred.log"
"$KLACHTD" -c "$KL_CONF" -v 2>"$dlog" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 60 at_rest $pid || { cat "$dlog" >&2; fx_fail "deferred: never at rest"; }
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$FX_DIR/unlock" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2] + ".held", "w").close()
limit = time.monotonic() + 120
while not os.path.exists(sys.argv[2]) and time.monotonic() < limit:
    time.sleep(0.05)
c.execute("ROLLBACK")
PY
locker=$!
fx_wait_for -t 60 test -e "$FX_DIR/unlock.held" || fx_fail "deferred: the lock was not taken"
n=$(wc -l < "$dlog")
printf 'From: Uitgesteld <later@example.net>\nTo: klachten@testdorp.example\nSubject: De bus kwam niet\nMessage-ID: <rest-deferred@example.net>\nDate: Mon, 7 Dec 2026 10:00:00 +0100\n\nDe bus van 8 uur kwam niet.\n' > "$KL_STATE/inbox/tmp/d.host"
mv "$KL_STATE/inbox/tmp/d.host" "$KL_STATE/inbox/new/d.host"
# Twice: the first retry comes at once (the watch's event for the file,
# still unread when the daemon came back), the second is the poll's.
retries() { [ "$(grep -c "failure, will retry" "$dlog")" -ge 2 ]; }
fx_wait_for -t 60 retries || { cat "$dlog" >&2; fx_fail "deferred: the message was not deferred twice"; }
touch "$FX_DIR/unlock"
wait $locker
filed() { [ "$(kl_sql "select count(*) from cases where complainant_email = 'later@example.net'")" = 1 ]; }
fx_wait_for -t 90 filed || { cat "$dlog" >&2; fx_fail "deferred: the message was never filed"; }
long=$(tail -n "+$((n + 1))" "$dlog" | grep -oE 'resting for at most [0-9]+s' | grep -vE ' [0-5]s$' || :)
[ -z "$long" ] || { cat "$dlog" >&2; fx_fail "deferred mail in new/, yet the daemon rested past the poll: $long"; }


fx_stop_pid $pid

# 11. An exec that fails.  From copies of the programs, so that one can
#    be made unrunnable while the daemon runs:
#    - klachtd-rest cannot be run (an upgrade half done): the daemon
#      says so and works on, resident; mail still gets its answer;
#    - klachtd cannot be run again from rest: klachtd-rest says so and
#      exits 71 (EX_OSERR), for systemd's Restart= to start it afresh.
bin="$FX_DIR/bin"
mkdir -p "$bin"
cp "$top_builddir/klachtd" "$top_builddir/klachtd-rest" "$bin/"
kl_config "$(kl_smtp_conf)
daemon = { rest_after = \"1s\"; };"
xlog="$FX_DIR/exec.log"
"$bin/klachtd" -c "$KL_CONF" -v 2>"$xlog" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 60 grep -q "started:.*rests after 1s idle" "$xlog" || { cat "$xlog" >&2; fx_fail "exec: no start"; }
chmod a-x "$bin/klachtd-rest"
fx_wait_for -t 60 grep -q "rest: cannot run $bin/klachtd-rest: Permission denied; staying resident" "$xlog" ||
	{ cat "$xlog" >&2; fx_fail "exec: the failed rest was not logged"; }
kl_eq "exec: resident after the failure" "$(image $pid)" klachtd
sent=$(fx_smtp_count)
printf 'From: Na de fout <nafout@example.net>\nTo: klachten@testdorp.example\nSubject: Losse tegels\nMessage-ID: <rest-exec-fail@example.net>\nDate: Mon, 7 Dec 2026 10:00:00 +0100\n\nDe tegels liggen los.\n' |
    "$top_builddir/klachtd-deliver" -c "$KL_CONF" || fx_fail "exec: klachtd-deliver: exit $?"
fx_smtp_wait_count $((sent + 1)) 60 || { cat "$xlog" >&2; fx_fail "exec: the resident daemon did not answer"; }
fx_stop_pid $pid || fx_fail "exec: exit $? on SIGTERM"

chmod a+x "$bin/klachtd-rest"
"$bin/klachtd" -c "$KL_CONF" -v 2>"$xlog" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 60 at_rest $pid || { cat "$xlog" >&2; fx_fail "exec: never at rest"; }
chmod a-x "$bin/klachtd"
kill -HUP $pid
gone() { ! fx__alive "$1"; }
fx_wait_for -t 60 gone $pid || fx_fail "exec: klachtd-rest went on without klachtd"
rc=0; wait $pid || rc=$?
kl_eq "exec: exit when klachtd cannot be run again" "$rc" 71
kl_contains "exec: why" "$xlog" "rest: cannot go back to work: $bin/klachtd: Permission denied"

echo PASS
