#!/bin/sh
# A new UIDVALIDITY (mailbox recreated: the same messages get new UIDs
# from 1) makes klachtd read the mailbox again from the start; dedupe keeps
# the messages it took before from opening cases or sending acks twice,
# and mail that is really new is still taken.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup

im_mail 3 uv
V1=$(fx_imap_uidvalidity)
im_once
kl_eq "first pass" "$KL_RC" 0
kl_eq "3 cases" "$(im_cases)" 3
kl_eq "state" "$(kl_sql 'select uidvalidity, last_uid from imap_state')" "$V1|3"

# One more message arrives, then the mailbox is renumbered: the new one
# gets a UID (4) that is above the old last UID, and the three old ones
# get UIDs 1..3 again -- below it.  Both must be handled right.
im_mail 1 uvnew
fx_dovecot_change_uidvalidity
V2=$FX_IMAP_UIDVALIDITY
[ "$V2" != "$V1" ] || fx_fail "UIDVALIDITY did not change"
kl_eq "all four renumbered" "$(fx_imap_uids ALL)" "1 2 3 4"

im_once -v
kl_eq "pass after the change" "$KL_RC" 0
kl_contains "change logged" "$FX_DIR/once.log" \
    "imap: mailbox .*INBOX has a new UIDVALIDITY \($V1 -> $V2\)"
kl_eq "re-offered as duplicates" \
    "$(im_count "$FX_DIR/once.log" "source=imap id=$V2/[0-9]+ msgid=<uv-[0-9]@test.example> duplicate")" 3
kl_contains "the new one is new" "$FX_DIR/once.log" \
    "source=imap id=$V2/[0-9]+ msgid=<uvnew-1@test.example> new-case"
kl_eq "4 cases, not 7" "$(im_cases)" 4
kl_eq "4 acks, not 7" "$(im_acks_queued)" 4
kl_eq "4 acks delivered" "$(im_acks_out)" 4
kl_eq "4 messages stored" "$(kl_sql 'select count(*) from messages')" 4
kl_eq "state follows" "$(kl_sql 'select uidvalidity, last_uid from imap_state')" "$V2|4"

# And from now on it is quiet again.
im_once
kl_absent "nothing offered" "$FX_DIR/once.log" "source=imap"
kl_eq "still 4 cases" "$(im_cases)" 4
echo PASS
