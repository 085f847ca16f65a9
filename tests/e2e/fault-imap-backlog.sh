#!/bin/sh
# A backlog on the IMAP server: the daemon was away for a weekend and a
# mailbox in use for years (UIDs above 1,000,000) holds 2,500 new
# complaints.  Every one must become exactly one case -- none skipped.
# (A UID SEARCH for all of them answers with a line of about 20 KB.)
#
# Regression test: libcurl's IMAP reader, with its default 16 KiB buffer,
# silently dropped the middle of a longer untagged line, and the UIDs in
# the lost part were never taken in (a live daemon fed 5,000 mails in one
# go took 1,517).  imap.c now searches in pages of 1,000 UIDs and sets a
# 512 KiB read buffer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
N=${FAULT_BACKLOG_N:-2500}
im_setup
# UIDs from 1,000,000 on: Dovecot hands out the uidlist's next UID.
im_mail 1 first
fx_imap_uids ALL >/dev/null
fx_dovecot_stop
sed -i '1s/ N[0-9]* / N1000000 /' "$FX_IMAP_MAILDIR/dovecot-uidlist"
fx_dovecot_restart
im_once
kl_eq "the first mail" "$(im_cases)" 1
sl_imap_bulk "$N" backlog
uids=$(fx_imap_uids ALL)
kl_eq "the backlog has high UIDs" "$(echo "$uids" | cut -d' ' -f2)" 1000000
pass=0
while [ "$(im_cases)" -lt $((N + 1)) ] && [ $pass -lt 6 ]; do
	pass=$((pass + 1))
	im_once
	kl_eq "pass $pass exit" "$KL_RC" 0
	[ "$(kl_sql 'select last_uid from imap_state')" -lt $((1000000 + N - 1)) ] || break
done
kl_eq "every mail of the backlog one case" "$(im_cases)" $((N + 1))
kl_eq "every mail stored once" \
    "$(kl_sql "select count(*), count(distinct message_id) from messages")" "$((N + 1))|$((N + 1))"
echo "PASS: a backlog of $N mails with high UIDs: none skipped"
