#!/bin/sh
# Group commit for the moves (issue 17): after a batch's COMMIT, its
# messages go to processed_mailbox with one command per UID set
# ("UID MOVE 1:30 Verwerkt"), not one per message:
#   1. 30 complaints in one pass: all in the processed mailbox, INBOX
#      empty, one batch of 30 and one UID MOVE with its range, after the
#      COMMIT;
#   2. a server without MOVE (Dovecot's imap_capability): UID COPY, UID
#      STORE \Deleted and UID EXPUNGE, each once per batch with the set;
#   3. SIGKILL after a batch's COMMIT, before its move: the next pass
#      sees the batch again as duplicates and moves it then -- every
#      complaint one case, all moved;
#   4. a set the server refuses (NO: a message-count quota that the
#      batch's COPY would pass, one message at a time not -- each copy
#      is expunged from the INBOX before the next): logged, and each
#      message moved one by one, none left behind;
#   5. the batch's time bound (set to 0 ms): each message its own batch,
#      each moved after its own COMMIT.
# The kill is a fault-injection point (include/fault.h): no timing.  The
# batch's time bound (1 s) is lifted (KLACHTD_BATCH_MS, include/intake.h)
# but in 5, so that a slow machine cannot split a batch the test counts.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
KLACHTD_BATCH_MS=600000
export KLACHTD_BATCH_MS
im_setup
BOX=Verwerkt
im_config "processed_mailbox = \"$BOX\";"
inbox() { im_words "$(fx_imap_uids ALL)"; }
processed() { im_words "$(im_box_uids "$BOX")"; }
batches() { im_count "$FX_DIR/once.log" 'imap: batch of [0-9]+ message\(s\) committed'; }

# ------------------------------------------------------------ 1. MOVE
im_mail 30 mb
im_once -vv
kl_eq "pass" "$KL_RC" 0
kl_eq "30 cases" "$(im_cases)" 30
kl_eq "INBOX empty" "$(inbox)" 0
kl_eq "all in $BOX" "$(processed)" 30
kl_contains "summary" "$FX_DIR/once.log" "30 taken in, 0 deferred, 0 skipped, 30 moved"
kl_eq "one batch" "$(batches)" 1
kl_contains "of 30" "$FX_DIR/once.log" "imap: batch of 30 message\(s\) committed"
kl_eq "one UID MOVE" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID MOVE ')" 1
kl_contains "with the batch's set" "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID MOVE 1:30 "Verwerkt"$'
c=$(grep -n "imap: batch of [0-9]* message(s) committed" "$FX_DIR/once.log" | head -1 | cut -d: -f1)
m=$(grep -n "imap > [A-Z0-9]* UID MOVE " "$FX_DIR/once.log" | head -1 | cut -d: -f1)
[ "$c" -lt "$m" ] || fx_fail "moved (line $m) before the commit (line $c)"
kl_eq "state" "$(kl_sql 'select last_uid from imap_state')" 30

# ----------------------------------------------------- 2. without MOVE
caps="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE"
echo "imap_capability = $caps UIDPLUS" >>"$FX_DIR/imap/dovecot.conf"
fx_dovecot_restart
im_mail 30 cp
im_once -vv
kl_eq "pass without MOVE" "$KL_RC" 0
kl_eq "60 cases" "$(im_cases)" 60
kl_absent "no UID MOVE" "$FX_DIR/once.log" "UID MOVE"
kl_eq "one batch" "$(batches)" 1
kl_eq "one UID COPY, with the set" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID COPY 31:60 "Verwerkt"$')" 1
kl_eq "one UID STORE \\Deleted" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID STORE 31:60 \+FLAGS.SILENT \(\\x5cDeleted\)$')" 1
kl_eq "one UID EXPUNGE" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID EXPUNGE 31:60$')" 1
kl_eq "and no other" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID (COPY|STORE|EXPUNGE) ')" 3
kl_eq "INBOX empty" "$(inbox)" 0
kl_eq "60 in $BOX" "$(processed)" 60

# ------------------------------------- 3. SIGKILL after the COMMIT
SL_LOG=$FX_DIR/klachtd.log
im_mail 30 kill
mark=$(fl_lines "$SL_LOG")
fl_run batch-after-commit:1 "" --once -vv
[ "$FL_RC" = 137 ] || { tail -20 "$SL_LOG" >&2; fx_fail "exit $FL_RC, not killed"; }
got=$(fl_committed "$SL_LOG" "$mark")
[ "$got" -gt 0 ] || fx_fail "nothing committed before the kill"
kl_eq "committed: stored" "$(im_cases)" "$((60 + got))"
kl_eq "not moved" "$(inbox)" 30
kl_eq "no UID recorded" "$(kl_sql 'select last_uid from imap_state')" 60
pass=0
while [ "$(inbox)" -gt 0 ] && [ $pass -lt 10 ]; do
	im_once -vv
	kl_eq "pass after the kill" "$KL_RC" 0
	pass=$((pass + 1))
done
kl_eq "INBOX empty" "$(inbox)" 0
kl_eq "90 in $BOX" "$(processed)" 90
kl_eq "every complaint one case" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "90|90"
kl_eq "every message stored once" "$(kl_sql 'select count(*), count(distinct message_id) from messages')" "90|90"
kl_eq "one ack per case" "$(kl_sql "select count(*), count(distinct case_id) from outbox where kind = 'ack'")" "90|90"
grep -q "duplicate of a stored message" "$SL_LOG" ||
	fx_fail "the committed batch was not offered again as duplicates"

# --------------------------------------------- 4. the set refused (NO)
# Dovecot's quota plugin, counting messages over all mailboxes: 90 now,
# 110 with 20 new; a COPY of the 20 would make 130, one at a time 111.
# The plugin ships in dovecot-core, which every IMAP test needs: its
# absence is a broken install, not a reason to pass untested.
ls /usr/lib/dovecot/modules/lib10_quota_plugin.so >/dev/null 2>&1 ||
	fx_fail "no Dovecot quota plugin (dovecot-core): cannot test a refused set"
{
	cat >>"$FX_DIR/imap/dovecot.conf" <<'CONF'
mail_plugins = $mail_plugins quota
plugin {
  quota = count:User quota
  quota_rule = *:messages=115
  quota_vsizes = yes
}
CONF
	fx_dovecot_restart
	im_mail 20 quota
	im_once -vv
	kl_eq "pass with the set refused" "$KL_RC" 0
	kl_contains "the set refused" "$FX_DIR/once.log" 'imap < [A-Z0-9]+ NO \[OVERQUOTA\]'
	kl_contains "logged" "$FX_DIR/once.log" \
	    'warning: imap: uid=91:110 uidvalidity=[0-9]+ committed but the server refused to move them to "Verwerkt" as one set: .*; moving them one by one'
	kl_eq "then one UID COPY per message" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID COPY [0-9]+ "Verwerkt"$')" 20
	kl_contains "summary" "$FX_DIR/once.log" "20 taken in, 0 deferred, 0 skipped, 20 moved"
	kl_eq "INBOX empty" "$(inbox)" 0
	kl_eq "110 in $BOX" "$(processed)" 110
	kl_eq "110 cases" "$(im_cases)" 110
}

# ------------------------------------------------- 5. the time bound
# At 0 ms every message after a batch's first is past the bound: three
# batches of one, each moved on its own after its COMMIT.  (The quota of
# 4 leaves room: 113 of 115.)
im_mail 3 bound
KLACHTD_BATCH_MS=0
im_once -vv
KLACHTD_BATCH_MS=600000
kl_eq "pass with a 0 ms bound" "$KL_RC" 0
kl_eq "113 cases" "$(im_cases)" 113
kl_eq "three batches" "$(batches)" 3
kl_eq "of one each" "$(im_count "$FX_DIR/once.log" 'imap: batch of 1 message\(s\) committed')" 3
kl_eq "three moves of one UID" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID COPY 11[123] "Verwerkt"$')" 3
grep -nE "imap: batch of 1 message\(s\) committed|imap > [A-Z0-9]+ UID COPY 11[123] " "$FX_DIR/once.log" |
    sed 's/:.*UID COPY \(11[123]\).*/ copy/; s/:.*committed.*/ commit/' | awk '{ print $2 }' | tr '\n' ' ' > "$FX_DIR/order"
kl_eq "each committed, then moved" "$(cat "$FX_DIR/order")" "commit copy commit copy commit copy "
kl_eq "INBOX empty" "$(inbox)" 0
echo PASS
