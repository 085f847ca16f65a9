#!/bin/sh
# Wrong password: one clear log line, never the password, no case.
#  - `klachtd --once` exits 75 (EX_TEMPFAIL): the mailbox could not be
#    read; like every other "source unreachable" failure it is worth
#    retrying later (the password file may be fixed, as below), and a
#    timer/cron job sees the failure.
#  - The daemon logs the failure once, retries with exponential backoff
#    (poll_interval doubling), keeps running, reads the password file
#    again at each attempt and logs "connection restored" once it works.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup
im_mail 1 auth
BAD=Wr0ng-pa55word-xyz
printf '%s\n' "$BAD" >"$IM_PWFILE"

im_once -vv
kl_eq "--once exit on a refused login" "$KL_RC" 75
kl_eq "one error line" "$(im_count "$FX_DIR/once.log" 'error: ')" 1
kl_contains "says what failed, with the server's reason" "$FX_DIR/once.log" \
    "error: imap: login failed: .*AUTHENTICATIONFAILED.*as $FX_IMAP_USER"
kl_absent "password never logged, not even in the trace" "$FX_DIR/once.log" "$BAD"
kl_absent "nor its SASL encoding" "$FX_DIR/once.log" \
    "$(printf '\0%s\0%s' "$FX_IMAP_USER" "$BAD" | base64)"
kl_eq "no case" "$(kl_sql 'select count(*) from cases')" 0
kl_eq "message untouched (unread)" "$(fx_imap_uids UNSEEN)" "1"

# The daemon: poll every second, but back off 1 s, 2 s, 4 s ... after
# failures, and say it once.  Its log lines are timestamped on arrival
# (through a fifo, so that $pid is klachtd itself).
mkfifo "$FX_DIR/daemon.fifo"
/usr/bin/python3 -u -c '
import sys, time
for l in sys.stdin:
    sys.stdout.write("%.3f %s" % (time.monotonic(), l))
' <"$FX_DIR/daemon.fifo" >"$FX_DIR/daemon.log" &
fx_track_pid $!
"$KLACHTD" -c "$KL_CONF" -v 2>"$FX_DIR/daemon.fifo" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon.log" || fx_fail "daemon did not start"
fx_wait_for grep -q "imap: login failed" "$FX_DIR/daemon.log" ||
	fx_fail "no login failure logged"
# Four attempts: the first failure, then three "still failing" (about
# 1 + 2 + 4 s; waited for, not slept on, so the pace of the machine
# cannot change the verdict).
fx_wait_for -t 40 sh -c "[ \"\$(grep -cE 'imap: (login failed|still failing)' '$FX_DIR/daemon.log')\" -ge 4 ]" ||
	fx_fail "not four login attempts in 40 s"
fx__alive $pid || fx_fail "daemon died"
kl_eq "failure logged once" "$(im_count "$FX_DIR/daemon.log" 'imap: login failed')" 1
kl_absent "password never logged" "$FX_DIR/daemon.log" "$BAD"
# The plan, as the daemon says it: 1 s, 2 s, 4 s.
kl_eq "backing off 1, 2, 4 s" "$(grep -oE 'imap: next attempt in [0-9]+s' "$FX_DIR/daemon.log" |
    head -3 | sed 's/.* in //' | tr '\n' ' ')" "1s 2s 4s "
# And as it happened.  The next attempt is due at the whole second of the
# failure plus the delay, so the third gap is over 3 s; a daemon without
# backoff, polling every second, makes it about 1 s.  (The margin to
# 2.5 s absorbs how late the line stamper reads a line; load only makes
# the real gaps longer.)
gaps=$(grep -E 'imap: (login failed|still failing)' "$FX_DIR/daemon.log" | head -4 |
    awk 'NR > 1 { printf "%.1f ", $1 - prev } { prev = $1 }')
echo "gaps between the first four login attempts: $gaps" >&2
set -- $gaps
awk -v c="$3" 'BEGIN { exit !(c >= 2.5) }' ||
	fx_fail "attempts not backing off: gaps $gaps"

# Fixed: the next attempt reads the file again and gets in.
printf '%s\n' "$FX_IMAP_PASS" >"$IM_PWFILE"
fx_wait_for -t 20 grep -q "imap: connection restored" "$FX_DIR/daemon.log" ||
	fx_fail "no recovery logged"
fx_wait_for -t 30 sh -c "[ \"\$(ls '$KL_STATE/outgoing/new' 2>/dev/null | wc -l)\" -ge 1 ]" ||
	fx_fail "the waiting mail was not taken in after the fix"
kl_eq "one case" "$(kl_sql 'select count(*) from cases')" 1
kl_eq "one recovery line" "$(im_count "$FX_DIR/daemon.log" 'imap: connection restored')" 1
fx_stop_pid $pid || fx_fail "daemon exit status $? on SIGTERM"
echo PASS
