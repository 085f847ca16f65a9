#!/bin/sh
# IMAP intake against a real Dovecot: new mail becomes cases and
# acknowledgements; a second pass takes nothing again (every search is a
# bounded UID range: no `n:*`, whose answer can be longer than libcurl's
# read buffer); paged UID searches reach mail far above the last
# UID; log lines carry uid/uidvalidity/msgid; the -vv transcript masks
# the credentials.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
im_setup

for f in "$KL_DATA"/samples/*.eml; do fx_imap_put "$f"; done
V=$(fx_imap_uidvalidity) || fx_fail "no UIDVALIDITY"
im_once -vv
kl_eq "--once exit" "$KL_RC" 0
kl_eq "cases" "$(kl_ctl --json list | kl_json 'len(j)')" 4
kl_eq "acks in the outgoing Maildir" "$(im_acks_out)" 4
kl_eq "acks queued" "$(im_acks_queued)" 4
kl_eq "distinct ack recipients" \
    "$(grep -h '^To:' "$KL_STATE"/outgoing/new/* | sort -u | wc -l | tr -d ' ')" 4
kl_eq "state" "$(kl_sql 'select uidvalidity, last_uid from imap_state')" "$V|4"
kl_eq "source ids" "$(kl_sql "select group_concat(source_id, ' ') from (select source_id from messages where source = 'imap' order by source_id)")" \
    "$V/1 $V/2 $V/3 $V/4"
kl_eq "all fetched mail is \\Seen" "$(fx_imap_uids UNSEEN)" ""
kl_eq "nothing left out" "$(fx_imap_uids ALL)" "1 2 3 4"
kl_contains "identifiers in log lines" "$FX_DIR/once.log" \
    "imap: uid=1 uidvalidity=$V msgid=<sample-01-afval@example.net>"
kl_contains "intake line" "$FX_DIR/once.log" \
    "case=KL-[0-9]{4}-[0-9]{5} source=imap id=$V/1 msgid=<sample-01-afval@example.net> new-case"
kl_contains "summary" "$FX_DIR/once.log" \
    "imap: 4 new message\(s\): 4 taken in, 0 deferred, 0 skipped, 0 moved \(uidvalidity=$V last uid=4\)"
# One login, one SELECT for the whole pass.
kl_eq "one login" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ AUTHENTICATE ')" 1
kl_eq "one SELECT" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ SELECT ')" 1
kl_eq "four fetches" "$(im_count "$FX_DIR/once.log" 'imap > [A-Z0-9]+ UID FETCH [0-9]+ BODY\[\]')" 4
# The transcript never shows the credentials.
kl_contains "AUTHENTICATE masked" "$FX_DIR/once.log" \
    'imap > [A-Z0-9]+ AUTHENTICATE PLAIN \*\*\* \(masked\)$'
kl_absent "no password in the trace" "$FX_DIR/once.log" "$FX_IMAP_PASS"
kl_absent "no SASL PLAIN blob" "$FX_DIR/once.log" \
    "$(printf '\0%s\0%s' "$FX_IMAP_USER" "$FX_IMAP_PASS" | base64)"

# Nothing new: with UIDNEXT known, the pass asks one bounded page above
# the last UID, and nothing may be offered to intake again.
im_once -vv
kl_eq "second pass exit" "$KL_RC" 0
kl_contains "searched a bounded page above the last UID" "$FX_DIR/once.log" 'UID SEARCH UID 5:1004$'
kl_absent "no unbounded search" "$FX_DIR/once.log" 'UID SEARCH UID [0-9]+:\*'
kl_absent "nothing offered again" "$FX_DIR/once.log" "source=imap|UID FETCH"
kl_eq "still 4 cases" "$(im_cases)" 4
kl_eq "still 4 acks" "$(im_acks_out)" 4

# Mail far above the last UID: Dovecot is told to hand out UIDs from
# 25000, so the pass pages through UID SEARCHes of 1000 UIDs each.
fx_dovecot_stop
sed -i '1s/ N[0-9]* / N25000 /' "$FX_IMAP_MAILDIR/dovecot-uidlist"
fx_dovecot_restart
im_mail 2 far
im_once -vv
kl_eq "paged pass exit" "$KL_RC" 0
kl_eq "6 cases" "$(im_cases)" 6
kl_contains "first page" "$FX_DIR/once.log" 'UID SEARCH UID 5:1004$'
kl_contains "last page up to UIDNEXT-1" "$FX_DIR/once.log" 'UID SEARCH UID 24005:2500[01]$'
kl_contains "then one bounded page for late arrivals" "$FX_DIR/once.log" 'UID SEARCH UID 2500[23]:2600[12]$'
kl_eq "state after paging" "$(kl_sql 'select last_uid from imap_state')" 25001
kl_contains "high UIDs taken" "$FX_DIR/once.log" "source=imap id=$V/25001 "
im_once
kl_eq "no more cases" "$(im_cases)" 6
kl_eq "six acks" "$(im_acks_out)" 6
echo PASS
