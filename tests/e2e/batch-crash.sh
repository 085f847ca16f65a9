#!/bin/sh
# Group commit (include/intake.h): SIGKILL at each crash point of a batch,
# for IMAP (a real Dovecot, with processed_mailbox) and for the Maildir:
#   1. mid-batch, before the COMMIT (intake-before-commit:20): nothing of
#      the batch stored, nothing moved, no UID recorded;
#   2. after the COMMIT, before any move (batch-after-commit:1): the batch
#      is stored, every message still in the INBOX / in new/;
#   3. after the moves, before the UID is recorded (batch-after-move:1):
#      the re-offered batch deduplicated (nothing stored twice), moved;
# then clean passes: every complaint exactly one case with one
# acknowledgement queued, nothing left unread in the INBOX or new/.
# Then a batch with one malformed message (no From): the others filed,
# in the same batch, the bad one quarantined.  Last, the batch's time
# bound (set to 0 ms): each message its own batch; a value that is not
# a number is said and ignored.
# The kills are fault-injection points (include/fault.h): no timing.  The
# time bound (1 s) is lifted but in the last part (KLACHTD_BATCH_MS,
# include/intake.h), so that a slow machine cannot split a batch.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
N=120
KLACHTD_BATCH_MS=600000
export KLACHTD_BATCH_MS
im_setup
BOX=Verwerkt
SL_LOG=$FX_DIR/klachtd.log
stored() {
	kl_sql 'select count(*) from messages' 2>/dev/null | grep -E '^[0-9]+$' || echo 0
}
# killed SPEC: one --once pass, killed at SPEC; sets GOT (new messages
# the pass's batches committed, from their log lines).
killed() {
	mark=$(fl_lines "$SL_LOG")
	fl_run "$1" "" --once
	[ "$FL_RC" = 137 ] || { tail -20 "$SL_LOG" >&2; fx_fail "$1: exit $FL_RC, not killed"; }
	GOT=$(fl_committed "$SL_LOG" "$mark")
}
# every N: every complaint one case, one ack, stored once.
every() {
	kl_eq "$2: every complaint one case" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "$1|$1"
	kl_eq "$2: every message stored once" \
	    "$(kl_sql "select count(*), count(distinct message_id) from messages")" "$1|$1"
	kl_eq "$2: one ack queued per case" \
	    "$(kl_sql "select count(*), count(distinct case_id) from outbox where kind = 'ack'")" "$1|$1"
}

# ------------------------------------------------------------------ IMAP
im_config "processed_mailbox = \"$BOX\";"
im_mail "$N" bc
inbox() { im_words "$(fx_imap_uids ALL)"; }

killed intake-before-commit:20
kl_eq "imap 1: what the batches committed is stored" "$(stored)" "$GOT"
[ "$GOT" -lt 20 ] || fx_fail "imap 1: message 20 committed before the kill ($GOT)"
kl_eq "imap 1: nothing moved past the commit" "$(inbox)" "$((N - GOT))"

s1=$(stored)
killed batch-after-commit:1
kl_eq "imap 2: the batch is stored" "$(stored)" "$((s1 + GOT))"
[ "$GOT" -gt 0 ] || fx_fail "imap 2: nothing committed"
kl_eq "imap 2: committed, not yet moved" "$(inbox)" "$((N - s1))"
last=$(kl_sql 'select last_uid from imap_state')

s2=$(stored)
killed batch-after-move:1
kl_eq "imap 3: nothing stored twice" "$(stored)" "$((s2 + GOT))"
[ "$(inbox)" -lt "$((N - s1))" ] || fx_fail "imap 3: nothing moved"
kl_eq "imap 3: the UID not yet recorded" "$(kl_sql 'select last_uid from imap_state')" "$last"
grep -q "duplicate of a stored message" "$SL_LOG" ||
	fx_fail "imap 3: the committed batch was not offered again"

pass=0
while [ "$(inbox)" -gt 0 ] && [ $pass -lt 10 ]; do
	im_once
	kl_eq "imap: clean pass" "$KL_RC" 0
	pass=$((pass + 1))
done
every "$N" imap
kl_eq "imap: INBOX empty" "$(fx_imap_uids ALL)" ""
kl_eq "imap: all in $BOX" "$(im_words "$(im_box_uids "$BOX")")" "$N"
kl_eq "imap: nothing left unread" "$(im_box_uids "$BOX" UNSEEN)" ""
kl_eq "imap: state at the last UID" "$(kl_sql 'select last_uid from imap_state')" "$N"
kl_eq "imap: nothing quarantined" "$(kl_sql 'select count(*) from quarantine')" 0

# --------------------------------------------------------------- Maildir
fx_dovecot_stop
IN=$FX_DIR/inbox
rm -f "$KL_STATE"/klachtd.db*
kl_config "intake = { maildir = { path = \"$IN\"; }; };"
i=1
while [ $i -le $N ]; do
	sl_complaint "$i" md | sl_drop "$IN" "md$i"
	i=$((i + 1))
done
new() { ls "$IN/new" | wc -l | tr -d ' '; }

killed intake-before-commit:20
kl_eq "maildir 1: what the batches committed is stored" "$(stored)" "$GOT"
[ "$GOT" -lt 20 ] || fx_fail "maildir 1: message 20 committed before the kill ($GOT)"
kl_eq "maildir 1: nothing moved past the commit" "$(new)" "$((N - GOT))"

s1=$(stored)
killed batch-after-commit:1
[ "$GOT" -gt 0 ] || fx_fail "maildir 2: nothing committed"
kl_eq "maildir 2: the batch is stored" "$(stored)" "$((s1 + GOT))"
kl_eq "maildir 2: committed, still in new/" "$(new)" "$((N - s1))"

s2=$(stored)
killed batch-after-move:1
kl_eq "maildir 3: nothing stored twice" "$(stored)" "$((s2 + GOT))"
[ "$(new)" -lt "$((N - s1))" ] || fx_fail "maildir 3: nothing moved to cur/"

pass=0
while [ "$(new)" -gt 0 ] && [ $pass -lt 10 ]; do
	"$KLACHTD" -c "$KL_CONF" --once 2>>"$SL_LOG" || fx_fail "maildir: clean pass failed"
	pass=$((pass + 1))
done
every "$N" maildir
kl_eq "maildir: every file in cur/ once" "$(ls "$IN/cur" | wc -l | tr -d ' ')|$(new)" "$N|0"

# ---------------------------------------- a malformed message in a batch
i=1
while [ $i -le 9 ]; do
	if [ $i = 5 ]; then
		printf 'To: klachten@testdorp.example\nSubject: zonder afzender\nMessage-ID: <bad-5@example.net>\n\nWie ben ik?\n' |
		    sl_drop "$IN" "bad$i"
	else
		sl_complaint "$i" bad | sl_drop "$IN" "bad$i"
	fi
	i=$((i + 1))
done
mark=$(fl_lines "$SL_LOG")
"$KLACHTD" -c "$KL_CONF" --once 2>>"$SL_LOG" || fx_fail "malformed: pass failed"
tail -n "+$((mark + 1))" "$SL_LOG" | grep -q "batch of 9 message(s) committed (0 stored before)" ||
	{ tail -n "+$((mark + 1))" "$SL_LOG" >&2; fx_fail "malformed: not one batch of 9"; }
kl_eq "malformed: the other 8 filed" "$(kl_sql "select count(*) from cases where complainant_email like 'inwoner%.bad@example.net'")" 8
kl_eq "malformed: the bad one quarantined" "$(kl_sql 'select count(*) from quarantine')" 1
kl_eq "malformed: all nine out of new/" "$(new)" 0

# ------------------------------------------------------- the time bound
for i in 1 2 3; do sl_complaint "$i" bound | sl_drop "$IN" "bound$i"; done
mark=$(fl_lines "$SL_LOG")
KLACHTD_BATCH_MS=0 "$KLACHTD" -c "$KL_CONF" --once 2>>"$SL_LOG" || fx_fail "time bound: pass failed"
tail -n "+$((mark + 1))" "$SL_LOG" > "$FX_DIR/bound.log"
kl_eq "time bound 0 ms: three batches of one" \
    "$(grep -c "maildir .*: batch of 1 message(s) committed" "$FX_DIR/bound.log")" 3
kl_absent "time bound 0 ms: no larger batch" "$FX_DIR/bound.log" "batch of [02-9][0-9]* message"
kl_eq "time bound: all three filed" "$(kl_sql "select count(*) from cases where complainant_email like 'inwoner%.bound@example.net'")" 3
# A mistyped value is said, not taken silently for the default (two
# mails: the bound is looked at before a batch's second).
for i in 4 5; do sl_complaint "$i" bound | sl_drop "$IN" "bound$i"; done
KLACHTD_BATCH_MS=10s "$KLACHTD" -c "$KL_CONF" --once 2>"$FX_DIR/badms.log" || fx_fail "bad KLACHTD_BATCH_MS: pass failed"
kl_contains "bad KLACHTD_BATCH_MS: said" "$FX_DIR/badms.log" \
    'warning: KLACHTD_BATCH_MS: ignoring "10s" \(not a number of milliseconds\); the bound stays 1000 ms'
kl_eq "bad KLACHTD_BATCH_MS: said once" "$(grep -c 'KLACHTD_BATCH_MS' "$FX_DIR/badms.log")" 1
kl_eq "bad KLACHTD_BATCH_MS: both filed" "$(kl_sql "select count(*) from cases where complainant_email like 'inwoner%.bound@example.net'")" 5
echo PASS
