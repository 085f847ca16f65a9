#!/bin/sh
# After the decision (issue 14).  The complainant's "Dank u wel" the day
# after the outcome letter is kept on the case as a reply after the
# decision (message kind and event after-decision) and sent to the
# assignee only; the case stays closed, its judgement, decision date and
# closing date and the yearly register are unchanged, and no second
# letter goes to the complainant.  #status gesloten / #sluit on the
# closed case send nothing either.  A decided (not yet closed) case is
# closed by #sluit with the decided judgement, or by #status gesloten,
# without a second outcome letter; #sluit with another judgement is
# refused.  terms.auto_reopen = true restores the reopening reply.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

# rl_write SQL: changes the database (the test plays a state no command
# of this branch reaches: a case decided but not yet closed).
rl_write() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute(sys.argv[2])
c.commit()
PY
}

# send NOTIFICATION FROM NAME TEXT: an officer's reply to NOTIFICATION.
send() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$2" "$3" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# answer KIND RCPT REF: the answer to the last officer mail, into
# $FX_DIR/answer.txt.
answer() {
	ol__a=$(ol_find "$1" "$2" "$3")
	kl_eq "the $1 answers the last mail" "$(ol_header "$ol__a" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$ol__a" > "$FX_DIR/answer.txt"
}
# outcomes REF: outcome letters queued for case REF.
outcomes() {
	kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$1' and o.kind = 'outcome'"
}

# --- a case assigned to bob and closed by him: the outcome letter.
ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
year=$(ol_case "$ref" year)
send "$(ol_find notify "$OL_ANNA" "$ref")" "$OL_ANNA" "Anna de Vries" \
    "#toewijzen bob
#categorie afval"
assigned=$(ol_find assigned "$OL_BOB" "$ref")
send "$assigned" "$OL_BOB" "Bob Jansen" "#sluit ongegrond
De container is volgens de registratie elke woensdag geleegd."
answer confirm "$OL_BOB" "$ref"
kl_eq "closed" "$(ol_case "$ref" status)" closed
kl_eq "one outcome letter" "$(outcomes "$ref")" 1
decided=$(kl_sql "select status, judgement, decided_at, closed_at, assignee from cases where ref = '$ref'")
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg1.csv" ||
	fx_fail "register failed"
grep -q "$ref" "$FX_DIR/reg1.csv" || fx_fail "the case is not in the register"
kl_ctl report --year "$year" --format json > "$FX_DIR/rep1.json" ||
	fx_fail "report failed"

# --- the thank-you, as a reply to the outcome letter.
outcome=$(ol_find outcome "$OL_JAN" "$ref")
cat > "$FX_DIR/thanks.eml" <<EOF
From: Jan de Boer <jan.deboer@example.net>
To: klachten@testdorp.example
Subject: Re: $(ol_header "$outcome" Subject)
Message-ID: <thanks-1@example.net>
In-Reply-To: $(ol_header "$outcome" Message-ID)
Date: Wed, 18 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dank u wel, voor mij is de zaak hiermee afgerond.

Jan de Boer
EOF
# Mail queued after this point answers the thank-you (by outbox id, not
# by time: the outcome letter may be queued in the same second).
before=$(kl_sql "select coalesce(max(id), 0) from outbox")
ol_deliver "$FX_DIR/thanks.eml"

kl_eq "thank-you: case unchanged (status, judgement, dates, assignee)" \
    "$(kl_sql "select status, judgement, decided_at, closed_at, assignee from cases where ref = '$ref'")" "$decided"
kl_eq "thank-you: kept as after-decision, the complainant's" \
    "$(kl_sql "select m.kind, m.role from messages m where m.message_id = 'thanks-1@example.net'")" \
    "after-decision|complainant"
ol_events "$ref" after-decision > "$FX_DIR/ev.txt"
kl_contains "thank-you: event" "$FX_DIR/ev.txt" \
    "^system\|after-decision\|the complainant wrote after the decision \(ongegrond"
kl_eq "thank-you: no reopening" "$(ol_events "$ref" | grep -c '|reopen')" 0
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg2.csv" ||
	fx_fail "register failed"
cmp -s "$FX_DIR/reg1.csv" "$FX_DIR/reg2.csv" ||
	fx_fail "the register changed: $(diff "$FX_DIR/reg1.csv" "$FX_DIR/reg2.csv")"
kl_ctl report --year "$year" --format json > "$FX_DIR/rep2.json" ||
	fx_fail "report failed"
kl_eq "report: nothing reopened, decided stays" \
    "$(kl_json "(j['totals']['reopened'], j['totals']['decided'])" < "$FX_DIR/rep2.json")" \
    "$(kl_json "(j['totals']['reopened'], j['totals']['decided'])" < "$FX_DIR/rep1.json")"
kl_eq "thank-you: no second letter to the complainant" "$(outcomes "$ref")" 1
kl_eq "thank-you: nothing else to the complainant" \
    "$(kl_sql "select count(*) from outbox where rcpt = '$OL_JAN' and id > $before")" 0
kl_eq "thank-you: the assignee is told" "$(ol_count notify-after "$OL_BOB")" 1
kl_eq "thank-you: not every officer" "$(ol_count notify-after "$OL_ANNA")" 0
ol_body "$(ol_find notify-after "$OL_BOB" "$ref")" > "$FX_DIR/after.txt"
kl_contains "notice: the complainant wrote" "$FX_DIR/after.txt" "^De klager heeft gereageerd op klacht $ref\.$"
kl_contains "notice: stays decided" "$FX_DIR/after.txt" "^Deze reactie na afhandeling heropent de klacht niet"
kl_absent "notice: no term for a closed case" "$FX_DIR/after.txt" "Uiterlijk klaar"
kl_contains "notice: sender in role" "$FX_DIR/after.txt" "^Van: +Jan de Boer <jan\.deboer@example\.net> \(klager\)$"
kl_contains "notice: the text" "$FX_DIR/after.txt" "^Dank u wel, voor mij is de zaak hiermee afgerond\.$"
kl_contains "notice: subject" "$(ol_find notify-after "$OL_BOB" "$ref")" "^Subject: .*na afhandeling"
kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "klachtctl show failed"
kl_contains "show: the role" "$FX_DIR/show.txt" \
    "after-decision from jan\.deboer@example\.net \(complainant;"

# --- closing the closed case again sends nothing.
send "$assigned" "$OL_BOB" "Bob Jansen" "#status gesloten"
answer confirm "$OL_BOB" "$ref"
kl_contains "#status gesloten: unchanged" "$FX_DIR/answer.txt" "status ongewijzigd: was al gesloten"
send "$assigned" "$OL_BOB" "Bob Jansen" "#sluit ongegrond
Nogmaals."
answer cmd-error "$OL_BOB" "$ref"
kl_contains "#sluit: closed already" "$FX_DIR/answer.txt" "de klacht is al gesloten \(eerst #heropen\)"
kl_eq "still one outcome letter" "$(outcomes "$ref")" 1
kl_eq "still unchanged" \
    "$(kl_sql "select status, judgement, decided_at, closed_at, assignee from cases where ref = '$ref'")" "$decided"

# --- a decided case that is not closed yet: #sluit and #status gesloten
# close it without a second letter.
sed 's/<sample-01-afval@/<sample-01-again@/' "$KL_DATA/samples/01-afval.eml" \
    > "$FX_DIR/again.eml"
ol_new_case "$FX_DIR/again.eml"
ref2=$OL_REF
[ "$ref2" != "$ref" ] || fx_fail "no second case"
send "$(ol_find notify "$OL_ANNA" "$ref2")" "$OL_ANNA" "Anna de Vries" \
    "#toewijzen bob"
assigned2=$(ol_find assigned "$OL_BOB" "$ref2")
send "$assigned2" "$OL_BOB" "Bob Jansen" "#sluit ongegrond
De container is elke woensdag geleegd."
kl_eq "case 2: one outcome letter" "$(outcomes "$ref2")" 1
rl_write "update cases set status = 'decided', closed_at = NULL where ref = '$ref2'"
d2=$(ol_case "$ref2" decided_at)

send "$assigned2" "$OL_BOB" "Bob Jansen" "#sluit gegrond
Toch maar gegrond."
answer cmd-error "$OL_BOB" "$ref2"
kl_contains "decided: another judgement refused" "$FX_DIR/answer.txt" \
    "al beslist: ongegrond; wilt u het oordeel wijzigen, gebruik dan eerst #heropen"
kl_eq "decided: still decided" "$(ol_case "$ref2" status)|$(ol_case "$ref2" judgement)" "decided|ongegrond"

send "$assigned2" "$OL_BOB" "Bob Jansen" "#sluit ongegrond"
answer confirm "$OL_BOB" "$ref2"
kl_contains "decided: #sluit closes without a letter" "$FX_DIR/answer.txt" "geen nieuwe brief"
kl_eq "decided -> closed" "$(ol_case "$ref2" status)|$(ol_case "$ref2" judgement)|$(ol_case "$ref2" decided_at)" \
    "closed|ongegrond|$d2"
kl_eq "decided: no second outcome letter (#sluit)" "$(outcomes "$ref2")" 1

rl_write "update cases set status = 'decided', closed_at = NULL where ref = '$ref2'"
send "$assigned2" "$OL_BOB" "Bob Jansen" "#status gesloten"
answer confirm "$OL_BOB" "$ref2"
kl_eq "decided: #status gesloten closes" "$(ol_case "$ref2" status)" closed
kl_eq "decided: no second outcome letter (#status)" "$(outcomes "$ref2")" 1
kl_eq "no letter of any kind after the first" \
    "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$ref2' and o.rcpt = '$OL_JAN' and o.kind <> 'ack'")" 1

# --- terms.auto_reopen = true: the old way, on purpose.
kl_config "$(kl_smtp_conf)
$(ol_officers)
terms = { auto_reopen = true; };"
sed 's/thanks-1@/thanks-2@/' "$FX_DIR/thanks.eml" > "$FX_DIR/thanks2.eml"
ol_deliver "$FX_DIR/thanks2.eml"
kl_eq "auto_reopen: reopened" "$(ol_case "$ref" status)|$(ol_case "$ref" judgement)" "in_progress|"
kl_eq "auto_reopen: event" "$(ol_events "$ref" reopened | cut -d'|' -f1,2)" "system|reopened"
kl_eq "auto_reopen: a plain reply" \
    "$(kl_sql "select kind from messages where message_id = 'thanks-2@example.net'")" reply

echo "PASS: a reply after the decision is kept and told to the assignee; nothing reopens, no second letter"
