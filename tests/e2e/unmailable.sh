#!/bin/sh
# D14: a complainant's address that does not parse as one address
# ("develop!nextmime@ebony@sblab.att.com") gets a case but no mail at all:
# not the acknowledgement, and not an officer's later #reply either.  The
# letter is kept in the outbox, marked failed with the reason, and the
# SMTP server never sees it; the officer is still told the command ran.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$top_srcdir/tests/data/broken/114-address-two-ats.eml"
ref=$OL_REF
bad='develop!nextmime@ebony@sblab.att.com'
kl_eq "complainant kept as written" "$(ol_case "$ref" complainant_email)" "$bad"
kl_eq "no acknowledgement queued" "$(kl_sql "select count(*) from outbox where kind = 'ack'")" 0
notif=$(ol_find notify "$OL_ANNA" "$ref")

printf '#antwoord Wij bellen u deze week.\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
ol_run

kl_eq "the update is kept, failed, with the reason" \
    "$(kl_sql "select status, last_error from outbox where rcpt = '$bad'")" \
    "failed|the recipient address does not parse as one address; not sent"
fx_smtp_messages > "$FX_DIR/sink.list"
n=0
for f in $(cat "$FX_DIR/sink.list"); do
	if grep -qi "^X-Sink-Rcpt-To: <[^>]*\(nextmime\|ebony\)" "$f"; then
		n=$((n + 1))
	fi
done
kl_eq "nothing reached the SMTP server for it" "$n" 0
kl_eq "the officer got her confirmation" "$(ol_count confirm "$OL_ANNA")" 1
kl_contains "the log says why" "$FX_DIR/klachtd.log" "not sent: the address does not parse"
echo "PASS: an unmailable complainant address is never mailed; the letter is kept as failed"
