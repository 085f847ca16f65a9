#!/bin/sh
# Desk mail (issue 13): an officer's mail to the klachten address about no
# case.  It never opens a case; it runs the commands that need no case
# once it is proved -- by a personal reply token (HMAC over the officer
# alone, in the Reply-To of mail about no case) or by DKIM where
# auth.require allows it.  Without proof the officer, at the configured
# address only, gets a notice with a personal reply address; a personal
# token proves nothing on a case, nor for another officer.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
cases() { kl_sql "select count(*) from cases"; }
ncases=$(cases)
seq=0

# desk FROM FROMNAME TO BODY: a fresh mail (no threading) from FROM to TO.
desk() {
	seq=$((seq + 1))
	printf '%s\n' "$4" > "$FX_DIR/desk-body.txt"
	DESK="$FX_DIR/desk-$seq.eml"
	ol_fill "$OL_DATA/desk.eml" "$DESK" "TO=$3" "FROM=$1" \
	    "FROMNAME=$2" "UNIQ=d$seq$$" "SUBJECT=Opdracht $seq" \
	    "BODY=@file:$FX_DIR/desk-body.txt"
	ol_deliver "$DESK"
}

# 1. "#help" to the plain address: no proof, nothing runs, no case; the
#    notice goes to anna with her personal reply address.
desk "$OL_ANNA" "Anna de Vries" klachten@testdorp.example "#help"
kl_eq "desk mail opens no case" "$(cases)" "$ncases"
kl_eq "desk mail is stored on no case" "$(kl_sql "select count(*) from messages where kind = 'desk' and case_id is null")" 1
kl_contains "the refusal is logged" "$FX_DIR/klachtd.log" "desk officer anna: commands refused: no reply token"
kl_contains "intake says desk" "$FX_DIR/klachtd.log" "case=- source=.* desk"
notice=$(ol_find desk-refused "$OL_ANNA")
personal=$(ol_header "$notice" Reply-To)
case $personal in
klachten+-.anna.????????????????????@testdorp.example) ;;
*) fx_fail "anna's personal reply address looks wrong: $personal" ;;
esac
ol_body "$notice" > "$FX_DIR/notice.txt"
kl_contains "the notice says why" "$FX_DIR/notice.txt" "Reden: no reply token"
kl_eq "nothing confirmed yet" "$(ol_count desk-confirm "$OL_ANNA")" 0

# 2. The same command as a reply to the notice runs: #help's text comes
#    back, with the personal address again.
desk "$OL_ANNA" "Anna de Vries" "$personal" "#help"
conf=$(ol_find desk-confirm "$OL_ANNA")
ol_body "$conf" > "$FX_DIR/conf.txt"
kl_contains "#help answered" "$FX_DIR/conf.txt" "#toewijzen"
kl_contains "answered with the personal address" "$conf" "^Reply-To: klachten\+-\.anna\."
kl_contains "the answer is auto-replied" "$conf" "^Auto-Submitted: auto-replied"
kl_eq "still no new case" "$(cases)" "$ncases"

# 3. anna's personal token used by bob proves nothing; bob is told at
#    his own address.
desk "$OL_BOB" "Bob Jansen" "$personal" "#help"
kl_contains "bob refused" "$FX_DIR/klachtd.log" "desk officer bob: commands refused: the reply token belongs to officer anna"
kl_eq "bob gets the notice" "$(ol_count desk-refused "$OL_BOB")" 1
kl_eq "bob gets no answer" "$(ol_count desk-confirm "$OL_BOB")" 0

# 4. A case command on the desk: an error, nothing changes.
desk "$OL_ANNA" "Anna de Vries" "$personal" "#sluit gegrond
De klacht is gegrond."
err=$(ol_find desk-error "$OL_ANNA")
ol_body "$err" > "$FX_DIR/err.txt"
kl_contains "a case command needs a case" "$FX_DIR/err.txt" "hoort bij een klacht"
kl_eq "the case is untouched" "$(ol_case "$ref" judgement)" ""

# 5. A typo is answered as an error, not taken for a complaint.
desk "$OL_ANNA" "Anna de Vries" "$personal" "#overzciht"
kl_eq "two errors now" "$(ol_count desk-error "$OL_ANNA")" 2
kl_eq "a typo opens no case" "$(cases)" "$ncases"

# 6. No commands at all, with the personal token: told so.
desk "$OL_ANNA" "Anna de Vries" "$personal" "Hallo, werkt dit?"
kl_eq "a confirmation without commands" "$(ol_count desk-confirm "$OL_ANNA")" 2
kl_contains "it says nothing was done" "$(ol_find desk-confirm "$OL_ANNA")" "geen commando"

# 7. The personal token in a reply about a case runs nothing there.
notif=$(ol_find notify "$OL_ANNA" "$ref")
printf '#close gegrond\nDe klacht is gegrond.\n' > "$FX_DIR/attack.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
    "BODY=@file:$FX_DIR/attack.txt" "TO=$personal"
ol_deliver "$OL_REPLY"
kl_eq "personal token on a case: no judgement" "$(ol_case "$ref" judgement)" ""
kl_contains "personal token on a case: refused" "$FX_DIR/klachtd.log" \
    "case=$ref officer anna: commands refused: a personal reply token proves no commands on a case"

# 7b. The desk commands of issue 13 run from desk mail: the overview
#     and a case file by reference come back as mails of their own.
desk "$OL_ANNA" "Anna de Vries" "$personal" "#overzicht"
ov=$(ol_find overview "$OL_ANNA")
kl_contains "the overview lists the case" "$ov" "$ref"
kl_contains "the overview carries the personal address" "$ov" "^Reply-To: klachten\+-\.anna\."
desk "$OL_ANNA" "Anna de Vries" "$personal" "#dossier $ref"
ol_find dossier "$OL_ANNA" "$ref" > /dev/null
until=$(/usr/bin/python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=30))')
desk "$OL_ANNA" "Anna de Vries" "$personal" "#afwezig tot $until vervanger bob"
kl_eq "absence from the desk" "$(kl_sql "select until_day, substitute from absences where officer = 'anna'")" "$until|bob"
desk "$OL_ANNA" "Anna de Vries" "$personal" "#terug"
kl_eq "back from the desk" "$(kl_sql "select coalesce(until_day, '-') from absences where officer = 'anna'")" "-"

# 8. A complainant's "#help" is a complaint like any other.
desk "burger@example.net" "Burger" klachten@testdorp.example "#help"
kl_eq "a complainant's mail opens a case" "$(cases)" "$((ncases + 1))"

# 9. Where auth.require allows DKIM, our MX's word is proof enough.
kl_config "$(kl_smtp_conf)
$(ol_officers)
auth = { require = \"token-or-dkim\"; authserv_id = \"mx.testdorp.example\"; };"
seq=$((seq + 1))
printf '#help\n' > "$FX_DIR/desk-body.txt"
ol_fill "$OL_DATA/desk.eml" "$FX_DIR/dkim.eml" "TO=klachten@testdorp.example" \
    "FROM=$OL_CARLA" "FROMNAME=Carla Smit" "UNIQ=d$seq$$" \
    "SUBJECT=Opdracht" "BODY=@file:$FX_DIR/desk-body.txt"
{
	printf 'Authentication-Results: mx.testdorp.example; dkim=pass header.d=gemeente.example\n'
	printf 'Received: from mail.gemeente.example by mx.testdorp.example; Wed, 11 Mar 2026 09:30:02 +0100\n'
	cat "$FX_DIR/dkim.eml"
} > "$FX_DIR/dkim-ar.eml"
ol_deliver "$FX_DIR/dkim-ar.eml"
kl_eq "DKIM-proved desk mail runs" "$(ol_count desk-confirm "$OL_CARLA")" 1
kl_eq "carla needed no notice" "$(ol_count desk-refused "$OL_CARLA")" 0
echo "PASS: desk mail: refused without proof, run with a personal token or DKIM, never a case, never on a case"
