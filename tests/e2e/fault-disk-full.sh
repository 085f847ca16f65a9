#!/bin/sh
# The disk with the database fills up while the daemon runs (an 8 MiB
# tmpfs as the state directory, filled by another file; needs root):
#   - mail arriving by Maildir is deferred (stays in new/), the MTA pipe
#     answers 75 (EX_TEMPFAIL), the daemon logs why and keeps running;
#   - nothing is half-stored: every case has its message, its
#     acknowledgement and its "received" event, and the database passes
#     PRAGMA integrity_check while the disk is full;
#   - when space returns the daemon catches up by itself: every message
#     exactly one case, every acknowledgement delivered once.
# (RLIMIT_FSIZE on the MTA pipe is covered by tests/e2e/tempfail.sh.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
fx_require smtp
[ "$(id -u)" = 0 ] || fx_skip "needs root to mount a small tmpfs (the pipe's RLIMIT_FSIZE case is in tempfail.sh)"
kl_setup
MNT=$KL_STATE
fx_test_cleanup() {
	[ -z "${SL_PID:-}" ] || sl_kill
	umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || :
}
mount -t tmpfs -o size=8m,mode=0700 klfx-full "$MNT" 2>"$FX_DIR/mount.err" ||
	fx_skip "cannot mount a tmpfs here: $(cat "$FX_DIR/mount.err")"
fx_smtp_start
IN=$FX_DIR/inbox
kl_config "$(sl_smtp_conf)
intake = { maildir = { path = \"$IN\"; }; };"
cases() { sl_sql_n 'select count(*) from cases'; }
# big N: a complaint of about 200 KB (a long text, as a pasted letter).
big() {
	sl_complaint "$1" full
	i=0
	while [ $i -lt 2600 ]; do
		echo "Regel $i van de brief van bewoner $1: de stoep ligt nog steeds open."
		i=$((i + 1))
	done
}
consistent() { # WHAT: no half-stored case
	kl_eq "$1: one message, ack and event per case" "$(kl_sql "
	    select count(*) from cases c where
	      (select count(*) from messages m where m.case_id = c.id) != 1 or
	      (select count(*) from outbox o where o.case_id = c.id and o.kind = 'ack') != 1 or
	      (select count(*) from events e where e.case_id = c.id and e.kind = 'received') != 1")" 0
	kl_eq "$1: no message without a case" "$(kl_sql 'select count(*) from messages where case_id is null')" 0
	kl_eq "$1: integrity" "$(kl_sql 'pragma integrity_check')" ok
}

for i in 1 2; do big "$i" | sl_drop "$IN" "m$i"; done
sl_start
fx_smtp_wait_count 2 20 || fx_fail "the first two were not acknowledged"

# The disk fills up.
dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || :
kl_eq "the disk is full" "$(df -P "$MNT" | awk 'NR == 2 { print $4 }')" 0
for i in 3 4 5; do big "$i" | sl_drop "$IN" "m$i"; done
big 6 > "$FX_DIR/pipe.eml"
kl_deliver "$FX_DIR/pipe.eml"
kl_eq "pipe on a full disk: EX_TEMPFAIL" "$KL_RC" 75
kl_contains "pipe: why" "$FX_DIR/klachtd.log" "(full|disk I/O)"
sl_wait_log "maildir .*/new/m[345]: temporary failure, will retry: .*(full|disk I/O)" 20
sleep 1
sl_alive || fx_fail "the daemon died on a full disk"
full=$(cases)
fx_log "taken in while the disk was full: $((full - 2)) of 4 (the WAL's free pages)"
[ "$full" -lt 6 ] || fx_fail "everything was taken in on a full disk?"
kl_eq "deferred mail waits in new/" "$(ls "$IN/new" | wc -l | tr -d ' ')" $((5 - full))
consistent "disk full"

# Space returns: the MTA retries, the daemon catches up.
rm -f "$MNT/filler"
kl_deliver "$FX_DIR/pipe.eml"
kl_eq "pipe after space returned" "$KL_RC" 0
fx_wait_for -t 30 eval "[ \"\$(cases)\" -ge 6 ]" ||
	fx_fail "the daemon did not catch up: $(cases) of 6 cases"
fx_smtp_wait_count 6 20 || fx_fail "not every acknowledgement arrived"
sl_stop
kl_eq "six cases, six senders" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "6|6"
kl_eq "new/ empty" "$(ls "$IN/new" | wc -l | tr -d ' ')" 0
consistent "after"
sl_ledger "after the disk was full"
echo "PASS: a full disk defers intake without loss or half-stored cases; the daemon recovers"
