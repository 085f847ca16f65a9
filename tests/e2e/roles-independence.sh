#!/bin/sh
# Independence (Awb 9:7, issue 14).  Bob is the person complained about
# (#beklaagde with his own address):
#   - he cannot be assigned the case: #toewijzen bob is refused with the
#     reason, and nothing changes;
#   - his commands on it do not run (event, log line), even with a
#     genuine reply token; he is told with the reference only;
#   - his notifications about it carry only the reference: no complaint
#     text, no subject, no complainant, no reply token;
# a category's excluded_officers keeps an officer off its cases the same
# way; and when the assignee is recorded as the person complained about,
# the case loses its assignee and the coordinator (escalation.unassigned)
# is told, with the reference only and no "reply above this line".
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
UMA=uma@gemeente.example
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)
categories = (
  { id = \"afval\"; name = \"Afval\"; },
  { id = \"personeel\"; name = \"Personeel\"; excluded_officers = [ \"anna\" ]; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; }
);
escalation = { digest = \"none\"; unassigned = ( { name = \"Uma Coordinator\"; email = \"$UMA\"; } ); };"

# send NOTIFICATION FROM NAME TEXT: an officer's reply to NOTIFICATION.
send() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$2" "$3" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
answer() { # KIND RCPT REF
	ol__a=$(ol_find "$1" "$2" "$3")
	kl_eq "the $1 answers the last mail" "$(ol_header "$ol__a" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$ol__a" > "$FX_DIR/answer.txt"
}
state() { # REF
	kl_sql "select status, assignee, category, judgement, due_at, decided_at from cases where ref = '$1'"
}

# --- a complaint about bob.
ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
nanna=$(ol_find notify "$OL_ANNA" "$ref")
nbob=$(ol_find notify "$OL_BOB" "$ref")
send "$nanna" "$OL_ANNA" "Anna de Vries" "#categorie afval
#beklaagde $OL_BOB Bob Jansen"
kl_eq "bob recorded as respondent" "$(kl_sql "select email from respondents")" "$OL_BOB"
snap=$(state "$ref")

send "$nanna" "$OL_ANNA" "Anna de Vries" "#toewijzen bob"
answer cmd-error "$OL_ANNA" "$ref"
kl_contains "assign refused, with the reason" "$FX_DIR/answer.txt" \
    "#toewijzen: bob mag deze klacht niet behandelen \(Awb 9:7\): $OL_BOB is vastgelegd als beklaagde"
kl_eq "assign refused: unchanged" "$(state "$ref")" "$snap"
kl_eq "bob got no assigned mail" "$(ol_count assigned "$OL_BOB")" 0

# Bob answers his (genuine, earlier) notification with commands.
send "$nbob" "$OL_BOB" "Bob Jansen" "#toewijzen bob
#sluit ongegrond
Er is niets aan de hand."
kl_eq "bob's commands: unchanged" "$(state "$ref")" "$snap"
kl_eq "bob's commands: no outcome" "$(ol_count outcome "$OL_JAN")" 0
ol_events "$ref" commands-refused > "$FX_DIR/ev.txt"
kl_contains "bob's commands: event" "$FX_DIR/ev.txt" \
    "^system\|commands-refused\|bob: commands refused \(Awb 9:7\): $OL_BOB is vastgelegd als beklaagde"
grep -q "case=$ref officer bob is involved in the case (Awb 9:7): commands refused" "$FX_DIR/klachtd.log" ||
	fx_fail "bob's commands: no log line"
kl_eq "bob's commands: no confirmation" "$(ol_count confirm "$OL_BOB")" 0
ref_only() { # WHAT FILE(sink message)
	ol_body "$2" | tr '\n' ' ' | tr -s ' ' > "$FX_DIR/ro.txt"
	kl_contains "$1: the reference" "$FX_DIR/ro.txt" "$ref"
	kl_contains "$1: why" "$FX_DIR/ro.txt" "U bent bij deze klacht betrokken: $OL_BOB is vastgelegd als beklaagde\."
	kl_absent "$1: no complaint text" "$FX_DIR/ro.txt" "container|Dorpsstraat"
	kl_absent "$1: no complainant" "$2" "Jan de Boer|jan\.deboer"
	kl_absent "$1: no subject" "$2" "ophalen van het afval"
	kl_absent "$1: no reply token" "$2" "klachten\+"
}
kl_eq "bob's commands: told once" "$(ol_count refused "$OL_BOB")" 1
ref_only "refusal" "$(ol_find refused "$OL_BOB" "$ref")"
kl_contains "refusal: says nothing ran" "$FX_DIR/ro.txt" "maar er is niets uitgevoerd"

# The complainant writes again: anna gets the text, bob the reference.
ack=$(ol_find ack "$OL_JAN" "$ref")
cat > "$FX_DIR/jan.eml" <<EOF
From: Jan de Boer <jan.deboer@example.net>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging [$ref]
Message-ID: <jan-1@example.net>
In-Reply-To: $(ol_header "$ack" Message-ID)
Date: Tue, 17 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

De container in de Dorpsstraat is nog steeds niet geleegd.
EOF
ol_deliver "$FX_DIR/jan.eml"
kl_eq "reply: anna gets it" "$(ol_count notify-reply "$OL_ANNA")" 1
kl_eq "reply: bob no content" "$(ol_count notify-reply "$OL_BOB")" 0
kl_eq "reply: bob the reference" "$(ol_count involved "$OL_BOB")" 1
ref_only "bob's notification" "$(ol_find involved "$OL_BOB" "$ref")"
ol_events "$ref" notified | tail -1 > "$FX_DIR/n.txt"
kl_contains "notified event says so" "$FX_DIR/n.txt" "bob \(reference only: involved\)"

# --- a category that excludes anna.
sed 's/<sample-01-afval@/<sample-01-b@/' "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/b.eml"
ol_new_case "$FX_DIR/b.eml"
ref2=$OL_REF
send "$(ol_find notify "$OL_BOB" "$ref2")" "$OL_BOB" "Bob Jansen" "#categorie personeel"
snap2=$(state "$ref2")
send "$(ol_find notify "$OL_BOB" "$ref2")" "$OL_BOB" "Bob Jansen" "#toewijzen anna"
answer cmd-error "$OL_BOB" "$ref2"
kl_contains "excluded: assign refused" "$FX_DIR/answer.txt" \
    "#toewijzen: anna mag deze klacht niet behandelen \(Awb 9:7\): de categorie personeel sluit anna uit"
kl_eq "excluded: unchanged" "$(state "$ref2")" "$snap2"
send "$(ol_find notify "$OL_ANNA" "$ref2")" "$OL_ANNA" "Anna de Vries" "#prioriteit hoog"
kl_eq "excluded: anna's command did not run" "$(ol_case "$ref2" priority)" normal
kl_eq "excluded: anna told" "$(ol_count refused "$OL_ANNA")" 1

# --- the assignee becomes the person complained about.
sed 's/<sample-01-afval@/<sample-01-c@/' "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/c.eml"
ol_new_case "$FX_DIR/c.eml"
ref3=$OL_REF
n3=$(ol_find notify "$OL_ANNA" "$ref3")
send "$n3" "$OL_ANNA" "Anna de Vries" "#categorie afval
#toewijzen bob"
kl_eq "assigned to bob" "$(ol_case "$ref3" assignee)" bob
send "$n3" "$OL_ANNA" "Anna de Vries" "#beklaagde $OL_BOB Bob Jansen"
answer confirm "$OL_ANNA" "$ref3"
kl_eq "back to triage: no assignee" "$(ol_case "$ref3" assignee)" ""
kl_contains "confirmation says so" "$FX_DIR/answer.txt" \
    "bob, de behandelaar, is de beklaagde: de klacht heeft nu geen behandelaar"
kl_eq "unassign event" "$(ol_events "$ref3" unassign | cut -d'|' -f1-3)" \
    "anna|unassign|bob -> -: the assignee is the person complained about (Awb 9:7)"
kl_eq "triage event" "$(ol_events "$ref3" triage | cut -d'|' -f2,3)" \
    "triage|back to triage (Awb 9:7); told: $UMA"
kl_eq "the coordinator is told" "$(ol_count independence "$UMA")" 1
ind=$(ol_find independence "$UMA" "$ref3")
ol_body "$ind" > "$FX_DIR/ind.txt"
kl_contains "coordinator: the reference and why" "$FX_DIR/ind.txt" \
    "Klacht $ref3 heeft geen behandelaar meer: de behandelaar Bob Jansen \(bob\) is vastgelegd als beklaagde"
kl_absent "coordinator: no reply marker" "$FX_DIR/ind.txt" "boven deze regel"
kl_absent "coordinator: no content" "$ind" "container|Jan de Boer|jan\.deboer"
send "$n3" "$OL_ANNA" "Anna de Vries" "#toewijzen bob"
answer cmd-error "$OL_ANNA" "$ref3"
kl_contains "and bob cannot get it back" "$FX_DIR/answer.txt" "bob mag deze klacht niet behandelen"

# --- with a triage officer (the coordinator among the officers), she is
# the one told, not the contacts.
kl_config "$(kl_smtp_conf)
categories = ( { id = \"afval\"; name = \"Afval\"; } );
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; triage = true; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; }
);
escalation = { digest = \"none\"; unassigned = ( { name = \"Uma Coordinator\"; email = \"$UMA\"; } ); };"
sed 's/<sample-01-afval@/<sample-01-d@/' "$KL_DATA/samples/01-afval.eml" > "$FX_DIR/d.eml"
ol_new_case "$FX_DIR/d.eml"
ref4=$OL_REF
n4=$(ol_find notify "$OL_ANNA" "$ref4")
send "$n4" "$OL_ANNA" "Anna de Vries" "#categorie afval
#toewijzen bob"
send "$n4" "$OL_ANNA" "Anna de Vries" "#beklaagde $OL_BOB Bob Jansen"
kl_eq "triage officer told" "$(ol_events "$ref4" triage | cut -d'|' -f3)" \
    "back to triage (Awb 9:7); told: anna"
ol_find independence "$OL_ANNA" "$ref4" > /dev/null
kl_eq "the contacts not, this time" "$(ol_count independence "$UMA")" 1

echo "PASS: an officer who is the respondent, or excluded, never handles the case (Awb 9:7)"
