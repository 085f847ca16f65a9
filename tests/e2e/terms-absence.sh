#!/bin/sh
# Officer absence (issue 13), with time moved by libfaketime and every
# mail through the real SMTP sink.  Case P (parkeren, so the
# organisation's ladder: reminders to the assignee 3 weeks and 1 week
# before the due date of 14 December 2026) is anna's.
#   - anna says "#afwezig tot 27-11-2026 vervanger bob": the case is not
#     touched, the coordinator (escalation.unassigned) is told once;
#   - the complainant's reply is notified to bob, "namens Anna de Vries
#     (afwezig tot en met ...)", with bob's own reply token, which works:
#     bob runs a command with it;
#   - the reminder that falls in the absence goes to bob, not anna;
#   - a new case skips anna; assigning a case to her warns;
#   - a date in the past, or an unknown substitute: an error, nothing set;
#   - after "#terug" the next reminder goes to anna again;
#   - the configured form (officers[].absent, .substitute) moves a
#     notification too, tells the coordinator once about that absence,
#     and ends by itself after its day.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp

ESC='escalation = { digest = "none"; unassigned_after = "0h";
  ladder = (
    { at = "-3w"; to = "assignee"; },
    { at = "-1w"; to = "assignee"; },
    { at = "0d"; contacts = ( { name = "Lea Leiding"; email = "'"$TL_LEA"'"; } ); }
  );
  unassigned = ( { name = "Uma Coordinator"; email = "'"$TL_UMA"'"; } ); };'
tl_setup "$ESC"

# ab_config ANNA_EXTRA: tl_config, with anna's officer entry extended.
ab_config() {
	tl_config "$ESC"
	sed -i "s|{ id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; }|{ id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; $1 }|" "$KL_CONF"
	grep -q "$1" "$KL_CONF" || fx_fail "ab_config: anna's entry not found"
}

# complainant_reply N REF TEXT [FROM]: the complainant (p@example.net)
# answers our ack of REF.
complainant_reply() {
	cr__from=${4:-p@example.net}
	ack=$(ol_find ack "$cr__from" "$2")
	cat > "$FX_DIR/p-reply-$1.eml" <<EOF
From: Klager <$cr__from>
To: klachten@testdorp.example
Subject: Re: Ontvangstbevestiging [$2]
Message-ID: <p-reply-$1.$$@example.net>
In-Reply-To: $(ol_header "$ack" Message-ID)
Date: Mon, 02 Nov 2026 10:00:00 +0100
Content-Type: text/plain; charset=utf-8

$3
EOF
	ol_deliver "$FX_DIR/p-reply-$1.eml"
}
absent_notices() { ol_count absence "$TL_UMA"; }

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint p p@example.net "Klacht over de parkeervergunning")"
P=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#categorie parkeren
#toewijzen anna"
kl_eq "P: anna's" "$(ol_case "$P" assignee)|$(ol_case "$P" category)" "anna|parkeren"
kl_eq "P due" "$(kl_sql "select datetime(due_at, 'unixepoch', 'localtime') from cases where ref = '$P'")" "2026-12-14 10:00:00"

# Mistakes first: nothing is set, anna hears why.
tl_at "2026-11-16 08:00:00"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#afwezig tot 2026-11-13 vervanger bob"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$P")" > "$FX_DIR/err1.txt"
kl_contains "past date: error" "$FX_DIR/err1.txt" "#afwezig: 2026-11-13 ligt in het verleden"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#afwezig tot 2026-11-27 vervanger zoe"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$P")" > "$FX_DIR/err2.txt"
kl_contains "unknown substitute: error" "$FX_DIR/err2.txt" "er is geen functionaris \"zoe\" die u kan vervangen \(functionarissen: bob, carla\)"
kl_eq "nothing recorded" "$(kl_sql "select count(*) from absences")" 0
kl_eq "no notice to the coordinator" "$(absent_notices)" 0

# anna goes away, answering her last confirmation.
tl_at "2026-11-16 09:00:00"
before=$(tl_sent)
events_before=$(kl_sql "select count(*) from events e join cases c on c.id = e.case_id where c.ref = '$P' and e.actor = 'anna'")
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#afwezig tot 27-11-2026 vervanger bob"
kl_eq "away: confirmation and the coordinator's notice" "$(( $(tl_sent) - before ))" 2
ol_body "$(ol_find confirm "$OL_ANNA" "$P")" > "$FX_DIR/away.txt"
kl_contains "away: confirmed" "$FX_DIR/away.txt" "u bent afwezig tot en met 27 november 2026; zolang gaat de mail over uw klachten naar Bob Jansen \(bob\)"
kl_contains "away: coordinator told" "$FX_DIR/away.txt" "de coördinator heeft bericht gekregen"
kl_eq "away: recorded" "$(kl_sql "select until_day, substitute, set_by from absences where officer = 'anna'")" "2026-11-27|bob|anna"
kl_eq "away: the case untouched" "$(ol_case "$P" assignee)|$(ol_case "$P" status)|$(kl_sql "select count(*) from events e join cases c on c.id = e.case_id where c.ref = '$P' and e.actor = 'anna'")" "anna|in_progress|$events_before"
kl_eq "coordinator: one notice" "$(absent_notices)" 1
notice=$(ol_find absence "$TL_UMA")
kl_contains "notice: subject" "$notice" "^Subject: Afwezig: Anna de Vries tot en met 27 november 2026"
ol_body "$notice" > "$FX_DIR/notice.txt"
kl_contains "notice: who stands in" "$FX_DIR/notice.txt" "van Anna de Vries naar: Bob Jansen \(bob\)\."

# Saying it again (same absence) tells the coordinator nothing new.
tl_at "2026-11-16 09:30:00"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#away until 2026-11-27 substitute bob"
kl_eq "again: still one notice" "$(absent_notices)" 1

# The complainant writes: bob is told, for anna, with his own token.
tl_at "2026-11-17 10:00:00"
anna_replies=$(ol_count notify-reply "$OL_ANNA")
complainant_reply 1 "$P" "De vergunning is nog steeds niet binnen."
kl_eq "reply: not to anna" "$(ol_count notify-reply "$OL_ANNA")" "$anna_replies"
kl_eq "reply: to bob" "$(ol_count notify-reply "$OL_BOB")" 1
nr=$(ol_find notify-reply "$OL_BOB" "$P")
lc=$(echo "$P" | tr 'A-Z' 'a-z')
kl_contains "reply: bob's own token" "$nr" "^Reply-To: klachten\+$lc\.bob\.[0-9a-f]"
ol_body "$nr" > "$FX_DIR/nr.txt"
kl_contains "reply: says for whom" "$FX_DIR/nr.txt" "^U krijgt deze e-mail namens Anna de Vries \(afwezig tot en met 27 november 2026\)\.$"
kl_contains "reply: the text" "$FX_DIR/nr.txt" "De vergunning is nog steeds niet binnen\."
kl_eq "reply: event" "$(ol_events "$P" notified | tail -1)" "system|notified|notify-reply sent to bob (standing in for anna, who is away)"
# bob acts on the case with the token he was given.
tl_send "$nr" "$OL_BOB" "Bob Jansen" "#notitie Ik neem dit over zolang Anna weg is."
kl_eq "bob's token works" "$(ol_events "$P" note | tail -1)" "bob|note|Ik neem dit over zolang Anna weg is."
kl_contains "bob confirmed" "$(ol_find confirm "$OL_BOB" "$P")" "^Subject: "

# A new case does not go to anna; assigning one to her warns.
tl_at "2026-11-18 10:00:00"
ol_new_case "$(tl_complaint q q@example.net "Klacht over de stoep")"
Q=$OL_REF
kl_eq "new case: not to anna" "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$Q' and o.rcpt = '$OL_ANNA'")" 0
kl_eq "new case: the others" "$(ol_events "$Q" notified)" "system|notified|notify sent to bob, carla"
tl_send "$(ol_find notify "$OL_CARLA" "$Q")" "$OL_CARLA" "Carla Smit" "#toewijzen anna"
kl_eq "Q: assigned all the same" "$(ol_case "$Q" assignee)" anna
ol_body "$(ol_find confirm "$OL_CARLA" "$Q")" > "$FX_DIR/assign.txt"
kl_contains "assign: warning" "$FX_DIR/assign.txt" "let op: anna is afwezig tot en met 27 november 2026; de klacht is toch toegewezen, en zolang gaat de mail erover naar bob"
kl_contains "assign: bob sent it for anna" "$FX_DIR/assign.txt" "bob heeft de klacht toegestuurd gekregen, namens anna"
kl_eq "assign: nothing to anna" "$(ol_count assigned "$OL_ANNA")" 0
ol_body "$(ol_find assigned "$OL_BOB" "$Q")" > "$FX_DIR/assigned.txt"
kl_contains "assigned: for anna" "$FX_DIR/assigned.txt" "^U krijgt deze e-mail namens Anna de Vries"
# Q goes back to carla-free hands: bob takes it (keeps the ladder simple).
tl_send "$(ol_find assigned "$OL_BOB" "$Q")" "$OL_BOB" "Bob Jansen" "#toewijzen bob"

# The first reminder of P falls in the absence: bob, not anna.
tl_step "2026-11-23 09:59:59" 0 "a second before P's first reminder"
tl_step "2026-11-23 10:00:00" 1 "P's first reminder"
kl_eq "reminder 1: not to anna" "$(ol_count reminder "$OL_ANNA")" 0
kl_eq "reminder 1: to bob" "$(ol_count reminder "$OL_BOB")" 1
rem=$(ol_find reminder "$OL_BOB" "$P")
ol_body "$rem" > "$FX_DIR/rem1.txt"
kl_contains "reminder 1: for anna" "$FX_DIR/rem1.txt" "^U krijgt deze e-mail namens Anna de Vries \(afwezig tot en met 27 november 2026\)\.$"
kl_contains "reminder 1: anna is still the assignee" "$FX_DIR/rem1.txt" "^Behandelaar: +Anna de Vries \(anna\)"
kl_contains "reminder 1: bob's token" "$rem" "^Reply-To: klachten\+$lc\.bob\."
tl_step "2026-11-23 10:00:00" 0 "P's first reminder, job run again"

# anna is back early.
tl_at "2026-11-24 09:00:00"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#terug"
ol_body "$(ol_find confirm "$OL_ANNA" "$P")" > "$FX_DIR/back.txt"
kl_contains "back: confirmed" "$FX_DIR/back.txt" "welkom terug: de mail over uw klachten komt weer bij u"
kl_eq "back: recorded" "$(kl_sql "select coalesce(until_day, '-') from absences where officer = 'anna'")" "-"
complainant_reply 2 "$P" "Nog een vraag."
kl_eq "back: the reply to anna" "$(ol_count notify-reply "$OL_ANNA")" "$((anna_replies + 1))"
kl_eq "back: not to bob" "$(ol_count notify-reply "$OL_BOB")" 1
kl_absent "back: no 'namens'" "$(ol_find notify-reply "$OL_ANNA" "$P")" "namens"

# The next reminder goes to anna again.
tl_step "2026-12-07 10:00:00" 1 "P's second reminder"
kl_eq "reminder 2: to anna" "$(ol_count reminder "$OL_ANNA")" 1
kl_eq "reminder 2: bob still one" "$(ol_count reminder "$OL_BOB")" 1
ol_body "$(ol_find reminder "$OL_ANNA" "$P")" > "$FX_DIR/rem2.txt"
kl_absent "reminder 2: no 'namens'" "$FX_DIR/rem2.txt" "namens"
kl_eq "coordinator: exactly one notice for the absence" "$(absent_notices)" 1

# The configured form: anna away up to and including 9 December, bob
# standing in.
ab_config 'absent = "2026-12-09"; substitute = "bob";'
tl_at "2026-12-08 10:00:00"
complainant_reply 3 "$P" "Ik wacht nog steeds."
kl_eq "config: the reply to bob" "$(ol_count notify-reply "$OL_BOB")" 2
kl_eq "config: not to anna" "$(ol_count notify-reply "$OL_ANNA")" "$((anna_replies + 1))"
ol_body "$(ol_find notify-reply "$OL_BOB" "$P")" > "$FX_DIR/nr3.txt"
kl_contains "config: for anna" "$FX_DIR/nr3.txt" "namens Anna de Vries \(afwezig tot en met 9 december 2026\)"
kl_eq "config: the coordinator told of this absence" "$(absent_notices)" 2
ol_body "$(ol_find absence "$TL_UMA")" > "$FX_DIR/notice2.txt"
kl_contains "config: notice" "$FX_DIR/notice2.txt" "Anna de Vries \(anna\) is afwezig tot en met 9 december 2026\."
kl_absent "config: not 'by mail'" "$FX_DIR/notice2.txt" "zelf per e-mail"
tl_at "2026-12-08 11:00:00"
complainant_reply 4 "$P" "Hallo?"
kl_eq "config: told once" "$(absent_notices)" 2
kl_eq "config: again to bob" "$(ol_count notify-reply "$OL_BOB")" 3

# It ends by itself after 9 December.
tl_at "2026-12-10 00:00:01"
complainant_reply 5 "$P" "Nu dan?"
kl_eq "ended: to anna" "$(ol_count notify-reply "$OL_ANNA")" "$((anna_replies + 2))"
kl_eq "ended: bob no more" "$(ol_count notify-reply "$OL_BOB")" 3

# Confidentiality: carla (gedrag only) goes away with bob (afval) as
# substitute; bob may not see a gedrag case, so its mail goes to the
# category's other officer, anna.
tl_at "2026-12-10 09:00:00"
ol_new_case "$(tl_complaint r r@example.net "Ongepast gedrag aan de balie")"
R=$OL_REF
tl_send "$(ol_find notify "$OL_CARLA" "$R")" "$OL_CARLA" "Carla Smit" "#categorie gedrag
#toewijzen carla"
kl_eq "R: carla's" "$(ol_case "$R" assignee)|$(ol_case "$R" category)" "carla|gedrag"
tl_send "$(ol_find confirm "$OL_CARLA" "$R")" "$OL_CARLA" "Carla Smit" "#afwezig tot 2026-12-20 vervanger bob"
kl_eq "carla away" "$(kl_sql "select until_day, substitute from absences where officer = 'carla'")" "2026-12-20|bob"
kl_eq "coordinator told of carla" "$(absent_notices)" 3
bob_before=$(kl_sql "select count(*) from outbox where rcpt = '$OL_BOB'")
complainant_reply 6 "$R" "Ik wil nog iets toevoegen." r@example.net
kl_eq "confidential: not to bob" "$(kl_sql "select count(*) from outbox where rcpt = '$OL_BOB'")" "$bob_before"
kl_eq "confidential: to anna" "$(ol_events "$R" notified | tail -1)" "system|notified|notify-reply sent to anna (standing in for carla, who is away)"
ol_body "$(ol_find notify-reply "$OL_ANNA" "$R")" > "$FX_DIR/nr-r.txt"
kl_contains "confidential: for carla" "$FX_DIR/nr-r.txt" "namens Carla Smit \(afwezig tot en met 20 december 2026\)"
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""
echo "PASS: absence moves notifications and reminders to the substitute, tells the coordinator once, ends by #terug or by itself"
