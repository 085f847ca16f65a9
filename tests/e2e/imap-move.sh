#!/bin/sh
# processed_mailbox: each message leaves the INBOX for it only after its
# commit.  klachtd creates the mailbox when the server does not list it
# (the name here has a space and a non-ASCII character: modified UTF-7).
# UID MOVE where the server has MOVE; else UID COPY + \Deleted + UID
# EXPUNGE (UIDPLUS) or EXPUNGE.  A committed message found in the INBOX
# again (as after a crash between commit and move) is recognised as a
# duplicate and moved, opening nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
# The three below are one batch however slow the machine: the batch's
# time bound is lifted (include/intake.h).
KLACHTD_BATCH_MS=600000
export KLACHTD_BATCH_MS
im_setup
BOX="Verwerkt ✓"
BOXURL="Verwerkt%20%26JxM-"		# modified UTF-7, URL-encoded
im_config "processed_mailbox = \"$BOX\";"
V=$(fx_imap_uidvalidity)

im_mail 3 mv
im_once -vv
kl_eq "pass" "$KL_RC" 0
kl_eq "3 cases" "$(im_cases)" 3
kl_contains "mailbox created" "$FX_DIR/once.log" \
    'notice: imap: created mailbox "Verwerkt &JxM-" for processed mail'
kl_eq "INBOX empty" "$(fx_imap_uids ALL)" ""
kl_eq "all in the processed mailbox" "$(im_words "$(im_box_uids "$BOXURL")")" 3
kl_eq "and read" "$(im_box_uids "$BOXURL" UNSEEN)" ""
kl_eq "moved with one UID MOVE" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID MOVE 1:3 "Verwerkt &JxM-"$')" 1
kl_contains "summary" "$FX_DIR/once.log" "3 taken in, 0 deferred, 0 skipped, 3 moved"
# The three are one batch (group commit, include/intake.h): each move
# comes after the batch's COMMIT, which comes after every message of it
# was taken in.
b=$(grep -n "imap: batch of 3 message(s) committed" "$FX_DIR/once.log" | cut -d: -f1)
[ -n "$b" ] || fx_fail "no commit of one batch of 3"
# (The batch's UIDs go in one set: tests/e2e/imap-move-batch.sh.)
m=$(grep -n "imap > [A-Z0-9]* UID MOVE 1:3 " "$FX_DIR/once.log" | cut -d: -f1)
for u in 1 2 3; do
	c=$(grep -n "source=imap id=$V/$u .*new-case" "$FX_DIR/once.log" | cut -d: -f1)
	[ -n "$c" ] && [ -n "$m" ] && [ "$c" -lt "$b" ] && [ "$b" -lt "$m" ] ||
		fx_fail "uid $u: taken in (line ${c:-none}), batch committed (line $b), moved (line ${m:-none}): not in that order"
done
kl_eq "state" "$(kl_sql 'select last_uid from imap_state')" 3

# As after a crash between commit and move: a committed message is in
# the INBOX again (new UID 4).  Duplicate: no case, no ack; moved again.
curl -sS --max-time 20 -u "$FX_IMAP_USER:$FX_IMAP_PASS" \
    "$(fx_imap_url "$BOXURL")" -X "UID MOVE 1 INBOX" >/dev/null ||
	fx_fail "cannot put the message back"
kl_eq "back in the INBOX" "$(fx_imap_uids ALL)" "4"
im_once -vv
kl_contains "recognised" "$FX_DIR/once.log" "source=imap id=$V/4 msgid=<mv-[0-9]@test.example> duplicate"
kl_eq "still 3 cases" "$(im_cases)" 3
kl_eq "still 3 acks" "$(im_acks_queued)" 3
kl_eq "moved again" "$(fx_imap_uids ALL)" ""
kl_eq "3 in the processed mailbox" "$(im_words "$(im_box_uids "$BOXURL")")" 3
kl_absent "exists now: not created again" "$FX_DIR/once.log" "CREATE"

# A server without MOVE (RFC 3501 + UIDPLUS): COPY, \Deleted, UID EXPUNGE.
caps="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE"
echo "imap_capability = $caps UIDPLUS" >>"$FX_DIR/imap/dovecot.conf"
fx_dovecot_restart
im_mail 2 copy
im_once -vv
kl_eq "pass without MOVE" "$KL_RC" 0
kl_eq "5 cases" "$(im_cases)" 5
kl_absent "no UID MOVE" "$FX_DIR/once.log" "UID MOVE"
kl_eq "UID COPY" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID COPY 5:6 "Verwerkt &JxM-"$')" 1
kl_eq "\\Deleted" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID STORE 5:6 \+FLAGS.SILENT \(\\x5cDeleted\)$')" 1
kl_eq "UID EXPUNGE" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID EXPUNGE 5:6$')" 1
kl_eq "INBOX empty" "$(fx_imap_uids ALL)" ""
kl_eq "5 in the processed mailbox" "$(im_words "$(im_box_uids "$BOXURL")")" 5

# Nor UIDPLUS: plain EXPUNGE.
echo "imap_capability = $caps" >>"$FX_DIR/imap/dovecot.conf"
fx_dovecot_restart
im_mail 1 expunge
im_once -vv
kl_eq "pass without UIDPLUS" "$KL_RC" 0
kl_contains "EXPUNGE" "$FX_DIR/once.log" 'imap > [A-Z0-9]+ EXPUNGE$'
kl_eq "INBOX empty" "$(fx_imap_uids ALL)" ""
kl_eq "6 in the processed mailbox" "$(im_words "$(im_box_uids "$BOXURL")")" 6
kl_eq "6 cases" "$(im_cases)" 6
echo PASS
