#!/bin/sh
# The escalation ladder of category afval -- a reminder to the assignee a
# week before the due date, level 1 to the team lead on it, level 2 to
# the director a week later -- with time moved by libfaketime.  Three
# cases, received on 2, 3 and 4 November 2026 (due 14, 15, 16 December):
#   A  runs the whole ladder;
#   B  is extended after its reminder: every level re-arms for the new
#      due date; it is closed before level 2, which never comes;
#   C  is re-assigned from bob to anna after bob's reminder: anna gets
#      the reminder once, bob nothing more.
# At every step exactly the expected mails arrive, to the expected
# people, and running the job again at the same moment sends nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; };'

# The three complaints; anna files each under afval for bob.
new_case() { # N FROM DATE -> REF
	tl_at "$3"
	ol_new_case "$(tl_complaint "$1" "$2" "Klacht $1 over het afval")"
	n=$(ol_find notify "$OL_ANNA" "$OL_REF")
	tl_send "$n" "$OL_ANNA" "Anna de Vries" "#categorie afval
#toewijzen bob"
	kl_eq "$1: assigned" "$(ol_case "$OL_REF" assignee)" bob
}
new_case a a@example.net "2026-11-02 10:00:00"; A=$OL_REF
new_case b b@example.net "2026-11-03 10:00:00"; B=$OL_REF
new_case c c@example.net "2026-11-04 10:00:00"; C=$OL_REF
kl_eq "A due" "$(kl_sql "select datetime(due_at, 'unixepoch', 'localtime') from cases where ref = '$A'")" "2026-12-14 10:00:00"

count() { ol_count "$1" "$2"; }
ladder() { # bob-reminders anna-reminders tineke dirk
	kl_eq "$5: reminders to bob" "$(count reminder "$OL_BOB")" "$1"
	kl_eq "$5: reminders to anna" "$(count reminder "$OL_ANNA")" "$2"
	kl_eq "$5: level 1 to tineke" "$(count escalation "$TL_TINEKE")" "$3"
	kl_eq "$5: level 2 to dirk" "$(count escalation "$TL_DIRK")" "$4"
	kl_eq "$5: no escalation to officers" "$(( $(count escalation "$OL_BOB") + $(count escalation "$OL_ANNA") ))" 0
	kl_eq "$5: nothing unassigned" "$(kl_sql "select count(*) from outbox where kind = 'unassigned'")" 0
}
ladder 0 0 0 0 "after intake"

tl_step "2026-12-07 09:59:59" 0 "a second before A's reminder"
tl_step "2026-12-07 10:00:00" 1 "A's reminder"
ladder 1 0 0 0 "A reminder"
rem=$(ol_find reminder "$OL_BOB" "$A")
ol_body "$rem" > "$FX_DIR/rem.txt"
kl_eq "reminder: subject" "$(ol_header "$rem" Subject)" "Herinnering: klacht [$A] moet uiterlijk op 14 december 2026 zijn afgehandeld"
kl_contains "reminder: addressed to bob" "$FX_DIR/rem.txt" "^Beste Bob Jansen,"
kl_contains "reminder: the due date" "$FX_DIR/rem.txt" "De klacht moet uiterlijk op 14 december 2026 zijn afgehandeld, over 7 dagen\."
kl_contains "reminder: the subject of the case" "$FX_DIR/rem.txt" "^Onderwerp: +Klacht a over het afval"
kl_absent "reminder: never the complaint text" "$FX_DIR/rem.txt" "Dit is klacht nummer"
kl_contains "reminder: bob's reply address" "$rem" "^Reply-To: .*klachten\+"
tl_step "2026-12-07 10:00:00" 0 "A's reminder, job run again"
tl_step "2026-12-07 15:00:00" 0 "later that day"
ladder 1 0 0 0 "A reminder, again"
kl_eq "one fired row for A's reminder" "$(kl_sql "select count(*) from deadline_fired f join cases c on c.id = f.case_id where c.ref = '$A'")" 1

tl_step "2026-12-08 10:00:00" 1 "B's reminder"
ladder 2 0 0 0 "B reminder"

# bob extends B by two weeks, answering his reminder: the complainant is
# told, and every level re-arms for the new due date (29 December).
tl_at "2026-12-08 12:00:00"
before=$(tl_sent)
tl_send "$(ol_find reminder "$OL_BOB" "$B")" "$OL_BOB" "Bob Jansen" "#verleng 2w de buitendienst moet nog kijken"
kl_eq "B extended" "$(kl_sql "select datetime(due_at, 'unixepoch', 'localtime'), extended from cases where ref = '$B'")" "2026-12-29 10:00:00|1"
kl_eq "B: confirmation and the letter, nothing else" "$(( $(tl_sent) - before ))" 2
kl_eq "B: the extension letter" "$(count extension b@example.net)" 1
ladder 2 0 0 0 "B extended"

tl_step "2026-12-09 10:00:00" 1 "C's reminder"
ladder 3 0 0 0 "C reminder"

# bob hands C to anna: anna gets the reminder (she never had it for this
# due date), bob gets no more ladder mail about C.
tl_at "2026-12-10 09:00:00"
before=$(tl_sent)
tl_send "$(ol_find reminder "$OL_BOB" "$C")" "$OL_BOB" "Bob Jansen" "#toewijzen anna"
kl_eq "C re-assigned" "$(ol_case "$C" assignee)" anna
# confirm to bob, the complaint to anna, anna's reminder.
kl_eq "C: three mails" "$(( $(tl_sent) - before ))" 3
ladder 3 1 0 0 "C re-assigned"
ol_body "$(ol_find reminder "$OL_ANNA" "$C")" > "$FX_DIR/rem-anna.txt"
kl_contains "anna's reminder: days left" "$FX_DIR/rem-anna.txt" "uiterlijk op 16 december 2026 zijn afgehandeld, over 7 dagen\."
kl_contains "anna's reminder: she is the assignee" "$FX_DIR/rem-anna.txt" "^Behandelaar: +Anna de Vries \(anna\)"
tl_step "2026-12-10 09:00:00" 0 "C, job run again"

tl_step "2026-12-14 09:59:59" 0 "a second before A's due date"
tl_step "2026-12-14 10:00:00" 1 "A due: level 1"
ladder 3 1 1 0 "A level 1"
esc=$(ol_find escalation "$TL_TINEKE" "$A")
ol_body "$esc" > "$FX_DIR/esc.txt"
kl_contains "level 1: subject" "$esc" "^Subject: niveau 1: klacht \[$A\] is over de termijn"
kl_contains "level 1: to the team lead" "$FX_DIR/esc.txt" "^Beste Tineke Teamleider,"
kl_contains "level 1: overdue" "$FX_DIR/esc.txt" "uiterlijk op 14 december 2026 zijn afgehandeld; die datum is vandaag verstreken\."
kl_contains "level 1: the assignee" "$FX_DIR/esc.txt" "^Behandelaar: +Bob Jansen \(bob\)"
kl_absent "level 1: no reply token for a contact" "$esc" "^Reply-To:"
tl_step "2026-12-14 10:00:00" 0 "A level 1, again"
# Changed escalation settings (as after SIGHUP) make the scan look at
# every open case again; what fired is recorded, so nothing is re-sent.
tl_config 'escalation = { digest = "none"; unassigned_after = "20h"; };'
tl_step "2026-12-14 10:00:00" 0 "settings changed: all re-armed, nothing re-sent"
kl_contains "the re-arm is logged" "$FX_DIR/klachtd.log" "escalation settings changed: 3 open case\(s\) re-armed"
kl_eq "every case looked at again" "$(kl_sql "select count(*) from cases where deadline_next > strftime('%s', '2026-12-14 10:00:00', 'utc')")" 3

tl_step "2026-12-15 10:00:00" 0 "B's old due date: re-armed, nothing"
tl_step "2026-12-16 10:00:00" 1 "C due: level 1"
ladder 3 1 2 0 "C level 1"
tl_step "2026-12-21 10:00:00" 1 "A + 1 week: level 2"
ladder 3 1 2 1 "A level 2"
kl_contains "level 2: subject" "$(ol_find escalation "$TL_DIRK" "$A")" "^Subject: niveau 2: klacht \[$A\]"
tl_step "2026-12-22 10:00:00" 1 "B's reminder for its new due date"
ladder 4 1 2 1 "B reminder again"
tl_step "2026-12-23 10:00:00" 1 "C + 1 week: level 2"
ladder 4 1 2 2 "C level 2"
tl_step "2026-12-29 10:00:00" 1 "B due (extended): level 1"
ladder 4 1 3 2 "B level 1"

# bob closes B: level 2 never comes.
tl_at "2026-12-30 10:00:00"
tl_send "$(ol_find reminder "$OL_BOB" "$B")" "$OL_BOB" "Bob Jansen" "#sluit ongegrond
De container is elke woensdag geleegd."
kl_eq "B closed" "$(ol_case "$B" status)" closed
kl_eq "B: closing after the due date is recorded" "$(ol_events "$B" late | cut -d'|' -f2)" late
tl_step "2027-01-05 10:00:00" 0 "B + 1 week: closed, no level 2"
tl_step "2027-01-12 10:00:00" 0 "nothing left"
ladder 4 1 3 2 "the end"
kl_eq "B: its levels per due date" "$(kl_sql "select datetime(f.due_at, 'unixepoch', 'localtime') || ' ' || f.level || ' ' || f.rcpt from deadline_fired f join cases c on c.id = f.case_id where c.ref = '$B' order by f.id" | tr '\n' ';')" \
    "2026-12-15 10:00:00 at:-604800 bob@gemeente.example;2026-12-29 10:00:00 at:-604800 bob@gemeente.example;2026-12-29 10:00:00 at:0 tineke@gemeente.example;"
kl_eq "escalation events on A" "$(ol_events "$A" escalation | cut -d'|' -f1,2 | sort | uniq -c | tr -s ' ')" " 3 system|escalation"
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""
echo "PASS: ladder levels fire once each, re-arm on extension, stop on close and for the old assignee"
