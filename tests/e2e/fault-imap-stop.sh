#!/bin/sh
# The IMAP server is stopped while the daemon is taking in a big batch:
# 400 complaints wait in the INBOX, the daemon (in its loop) is part-way
# through them when Dovecot goes down -- twice.  The daemon logs it,
# keeps running, takes nothing while the server is away, and when it is
# back takes the rest: every mail becomes exactly one case with one
# acknowledgement, delivered once; none is skipped, none taken twice.
#
# "Part-way" is a fault-injection point (include/fault.h): the daemon
# stops itself (SIGSTOP) right after committing its 133rd and its 266th
# message, the test stops Dovecot and lets the daemon go on (SIGCONT) --
# so the server goes away mid-batch whatever the machine's speed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
N=${FAULT_IMAP_N:-400}
im_setup
im_mail "$N" stop
fx_imap_uids ALL >/dev/null	# Dovecot indexes them once, before the clock runs

cases() { sl_sql_n 'select count(*) from cases'; }
KLACHTD_FAULT="intake-after-commit:$((N / 3)):stop,intake-after-commit:$((N * 2 / 3)):stop"
export KLACHTD_FAULT
sl_start "" -v
unset KLACHTD_FAULT
for round in 1 2; do
	at=$((N * round / 3))
	fl_stopped "$SL_PID" 60 ||
		fx_fail "round $round: the daemon did not reach its stop point ($at cases)"
	fx_dovecot_stop
	stopped=$(cases)
	fx_log "round $round: Dovecot stopped at $stopped of $N cases"
	# Group commit: the batch holding the message is in, nothing
	# beyond it (a batch holds at most 50, include/intake.h).
	[ "$stopped" -ge "$at" ] && [ "$stopped" -lt $((at + 50)) ] ||
		fx_fail "round $round: stopped at $stopped cases, not in the batch of case $at"
	errs=$(grep -Ec "imap: .*(cannot connect|failed|Couldn't connect|error)" "$SL_LOG" || :)
	kill -CONT "$SL_PID"
	# This round's failure, not the last round's line.
	fx_wait_for -t 20 eval "[ \"\$(grep -Ec \"imap: .*(cannot connect|failed|Couldn't connect|error)\" \"\$SL_LOG\")\" -gt $errs ]" ||
		{ tail -20 "$SL_LOG" >&2; fx_fail "round $round: the server's absence was not logged"; }
	down=$(cases)
	sleep 1.5
	sl_alive || fx_fail "round $round: the daemon died with the server"
	kl_eq "round $round: nothing taken while the server is away" "$(cases)" "$down"
	fx_dovecot_restart
done
fx_wait_for -t 90 eval "[ \"\$(cases)\" -ge $N ]" ||
	fx_fail "not every mail was taken in: $(cases) of $N"
fx_wait_for -t 30 eval "[ \"\$(im_acks_out)\" -ge $N ]" ||
	fx_fail "not every acknowledgement was written: $(im_acks_out) of $N"
sl_stop

kl_eq "every mail one case" "$(kl_sql 'select count(*) from cases')" "$N"
kl_eq "every mail stored once" \
    "$(kl_sql "select count(*), count(distinct message_id) from messages where source = 'imap'")" "$N|$N"
kl_eq "one case per complainant" "$(kl_sql 'select count(distinct complainant_email) from cases')" "$N"
kl_eq "one ack per case" "$(kl_sql "select count(*), count(distinct case_id) from outbox where kind = 'ack'")" "$N|$N"
kl_eq "every ack sent" "$(kl_sql "select count(*) from outbox where status = 'sent'")" "$N"
kl_eq "every ack delivered once" "$(im_acks_out)" "$N"
kl_eq "no ack twice to one person" \
    "$(grep -h '^To:' "$KL_STATE"/outgoing/new/* | sort | uniq -d | wc -l | tr -d ' ')" 0
kl_eq "state at the last UID" "$(kl_sql 'select last_uid from imap_state')" "$N"
kl_eq "nothing left unread" "$(fx_imap_uids UNSEEN)" ""
kl_eq "nothing quarantined" "$(kl_sql 'select count(*) from quarantine')" 0
# Whichever step of a message the stop cuts (the FETCH, or the BYE that
# answers it), the failure is a lost connection and names the UID.
grep -E "imap: .*(fail|error|connect|answering)" "$SL_LOG" | grep -v "^klachtd: debug" >&2 || :
kl_contains "a stop landed in the middle of a message" "$SL_LOG" \
    "imap: cannot connect: (fetching|moving|flagging) uid=[0-9]+ "
kl_contains "the recovery is logged" "$SL_LOG" "imap: connection restored"
echo "PASS: IMAP server stopped twice mid-batch: every mail one case, exactly once"
