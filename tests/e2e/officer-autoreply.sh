#!/bin/sh
# Issue 18 F9: an officer's out-of-office that answers the token Reply-To
# without RFC 3834 headers must not loop with klachtd.
#   1. Recognisable by its subject ("Automatisch antwoord: ..."): stored
#      on the case as automatic, never answered, runs no commands.
#   2. Not recognisable (subject "Re: ..."): 50 of them in a row get at
#      most limits.officer_replies_per_hour confirmations (here 4); the
#      rest are stored and recorded, unanswered.
#   3. A complainant's out-of-office on the ack is stored, not passed on
#      to the officers; a new complaint is never dropped for its subject.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
KL_LIMITS='officer_replies_per_hour = 4;'
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

# ooo N PARENT SUBJECT BODY: anna's responder answers PARENT (one of our
# mails to her) at its Reply-To.
ooo() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$2" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	sed -i "s/^Subject: .*/Subject: $3/" "$OL_REPLY"
	ol_deliver "$OL_REPLY"
}

# 1. By subject: not even its commands run.
ooo 1 "$notif" "Automatisch antwoord: Re: [$ref]" "#sluit gegrond
Ik ben afwezig tot 1 december."
kl_eq "subject: stored as automatic" "$(kl_sql "select kind from messages where message_id = '$OL_REPLY_ID'")" automatic
kl_eq "subject: nothing ran" "$(ol_case "$ref" judgement)" ""
kl_eq "subject: no answer" "$(ol_count confirm "$OL_ANNA")|$(ol_count cmd-error "$OL_ANNA")" "0|0"
kl_eq "subject: no note" "$(ol_events "$ref" note)" ""
ooo 2 "$notif" "Out of Office: Re: [$ref]" "Away."
ooo 3 "$notif" "Abwesenheitsnotiz: Re: [$ref]" "Nicht da."
kl_eq "subjects: still no answer" "$(ol_count confirm "$OL_ANNA")" 0

# 2. The loop: each time the responder answers our latest mail to anna.
parent=$notif
i=0
while [ $i -lt 50 ]; do
	i=$((i + 1))
	ooo "l$i" "$parent" "Re: [$ref]" "Ik ben afwezig tot 1 december. ($i)"
	if [ "$(ol_count confirm "$OL_ANNA")" -gt 0 ]; then
		parent=$(ol_find confirm "$OL_ANNA" "$ref")
	fi
done
kl_eq "loop: all 50 stored" "$(kl_sql "select count(*) from messages where body like 'Ik ben afwezig tot 1 december. (%'")" 50
kl_eq "loop: confirmations capped at 4" "$(ol_count confirm "$OL_ANNA")" 4
kl_eq "loop: 4 in the outbox too" "$(kl_sql "select count(*) from outbox where kind in ('confirm', 'cmd-error')")" 4
kl_eq "loop: the rest recorded" "$(ol_events "$ref" answer-suppressed | wc -l)" 46
kl_contains "loop: logged" "$FX_DIR/klachtd.log" "case=$ref officer anna: no answer: 4 sent in the last hour"

# Another case is counted on its own.
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
ref2=$OL_REF
n2=$(ol_find notify "$OL_ANNA" "$ref2")
ol_reply "$OL_DATA/plain.eml" "$n2" "$OL_ANNA" "Anna de Vries" "BODY=#prioriteit high"
ol_deliver "$OL_REPLY"
kl_eq "other case: answered" "$(ol_count confirm "$OL_ANNA")" 5
kl_eq "other case: ran" "$(ol_case "$ref2" priority)" high

# 3. The complainant's out-of-office on the acknowledgement.
ack=$(ol_find ack "$OL_JAN" "$ref")
before=$(fx_smtp_count)
ol_reply "$OL_DATA/plain.eml" "$ack" "$OL_JAN" "Jan de Boer" \
    "BODY=Ik ben er niet." "TO=klachten@testdorp.example"
sed -i "s/^Subject: .*/Subject: Afwezig: Ontvangstbevestiging [$ref]/" "$OL_REPLY"
ol_deliver "$OL_REPLY"
kl_eq "complainant's OOO: automatic" "$(kl_sql "select kind from messages where message_id = '$OL_REPLY_ID'")" automatic
kl_eq "complainant's OOO: nothing sent" "$(fx_smtp_count)" "$before"

# A new complaint whose subject only looks like one is a new case.
sed -e 's/^Subject: .*/Subject: Afwezigheid van de vuilnisman/' \
    -e 's/^Message-ID: .*/Message-ID: <afwezigheid@example.net>/' \
    "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/new.eml"
ol_new_case "$FX_DIR/new.eml"
kl_eq "new complaint: opened" "$(ol_case "$OL_REF" subject)" "Afwezigheid van de vuilnisman"
exit 0
