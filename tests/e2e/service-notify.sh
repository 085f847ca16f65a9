#!/bin/sh
# systemd's notify protocol, with the test as the service manager: the
# daemon sends READY=1 once it is up, STATUS= with its counts, WATCHDOG=1
# at half of $WATCHDOG_USEC, RELOADING=1 and READY=1 around a reload, and
# STOPPING=1 on SIGTERM.  With $JOURNAL_STREAM naming its stderr, log
# lines carry journal priority prefixes; naming another file, they don't.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
grep -q '^#define HAVE_SYSTEMD 1' "$top_builddir/config.h" ||
	fx_skip "built without libsystemd (--without-systemd): no sd_notify"
kl_setup
sock="$FX_DIR/notify.sock"
got="$FX_DIR/notify.got"

# The listener: one line per datagram, newlines inside shown as '|'.
/usr/bin/python3 - "$sock" "$got" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as f:
    f.write("LISTENING\n")
    f.flush()
    while True:
        d = s.recv(4096).decode()
        f.write(d.replace("\n", "|") + "\n")
        f.flush()
PY
fx_track_pid $!
fx_wait_for grep -qs LISTENING "$got" || fx_fail "listener did not start"

svc_drop 1
SVC_LOG="$FX_DIR/daemon.log"
: > "$SVC_LOG"
t0=$(date +%s.%N)
NOTIFY_SOCKET=$sock WATCHDOG_USEC=400000 JOURNAL_STREAM=$(stat -c '%d:%i' "$SVC_LOG") \
    svc_start

fx_wait_for grep -q '^READY=1$' "$got" || fx_fail "no READY=1"
kl_contains "STATUS with counts" "$got" '^STATUS=[0-9]+ open cases?, [0-9]+ mail queued, [0-9]+ failed, [0-9]+ quarantined$'
first=$(grep -n -m1 -E '^(READY=1|STATUS=)' "$got" | cut -d: -f2-)
kl_eq "READY=1 comes first" "$first" "READY=1"
# 0.4 s watchdog: a ping every 0.2 s.  Four are waited for; by then the
# daemon has run at most as long as since t0, and pinging every 0.2 s it
# cannot have sent more than one per 0.1 s of that (a slow machine only
# makes the bound looser, never the verdict wrong).
fx_wait_for -t 20 sh -c "[ \"\$(grep -c '^WATCHDOG=1\$' '$got')\" -ge 4 ]" ||
	fx_fail "only $(grep -c '^WATCHDOG=1$' "$got") WATCHDOG=1 in 20 s with WATCHDOG_USEC=400000"
n=$(grep -c '^WATCHDOG=1$' "$got")
t1=$(date +%s.%N)
awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { exit !(n <= (b - a) / 0.1 + 2) }' ||
	fx_fail "$n WATCHDOG=1 in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s: pinging far too often"

# The case from the message shows up in STATUS after a reload.
svc_wait_files "$KL_STATE/outgoing/new" 1 || fx_fail "no acknowledgement"
kill -HUP "$SVC_PID"
fx_wait_for grep -q '^RELOADING=1$' "$got" || fx_fail "no RELOADING=1"
fx_wait_for grep -q '^STATUS=1 open case, 0 mail queued, 0 failed, 0 quarantined$' "$got" ||
	{ cat "$got" >&2; fx_fail "STATUS does not count the new case"; }
kl_eq "READY=1 again after the reload" \
    "$(sed -n '/^RELOADING=1$/,$p' "$got" | grep -c '^READY=1$')" 1

svc_stop
kl_eq "STOPPING=1 is the last word" "$(grep -v '^WATCHDOG=1$' "$got" | tail -1)" "STOPPING=1"

# Journal priority prefixes: <6> info, <5> notice.
kl_contains "journal prefix" "$SVC_LOG" '^<6>started: '
kl_contains "notice prefix" "$SVC_LOG" '^<5>reload: configuration'
kl_absent "no program name with the journal" "$SVC_LOG" '^klachtd: info:'

# $JOURNAL_STREAM inherited from elsewhere (another stderr) is ignored.
SVC_LOG="$FX_DIR/daemon2.log"
JOURNAL_STREAM=$(stat -c '%d:%i' "$got") svc_start
svc_stop
kl_contains "plain lines" "$SVC_LOG" '^klachtd: info: started: '
kl_absent "no prefix" "$SVC_LOG" '^<[0-9]>'
echo PASS
