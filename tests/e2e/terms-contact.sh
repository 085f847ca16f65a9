#!/bin/sh
# The contact log and its term (issue 13): "#contact telefoon <text>"
# records a contact moment (type, date, text) on the case as an event of
# kind "contact"; terms.first_contact = "5d" (working days) reminds the
# assignee -- else the category's officers -- once when it passes
# without a contact, and not at all when one was logged in time.  Time
# is moved with libfaketime (terms-lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = "0"; };
terms = { first_contact = "5d"; };
workdays = { hours = "09:00-17:00"; holidays = [ "2026-12-04" ]; };'

# Monday 30 November 10:00: three cases.  Five working days, with
# Friday 4 December the organisation's day off: Tuesday 8 December 10:00.
tl_at "2026-11-30 10:00:00"
ol_new_case "$(tl_complaint a a@example.net "Klacht over de brug")"
A=$OL_REF
ol_new_case "$(tl_complaint b b@example.net "Klacht over de bus")"
B=$OL_REF
ol_new_case "$(tl_complaint c c@example.net "Klacht over de balie")"
C=$OL_REF

# A: anna phones the complainant on Wednesday and logs it.
tl_at "2026-12-02 11:00:00"
tl_send "$(ol_find notify "$OL_ANNA" "$A")" "$OL_ANNA" "Anna de Vries" "#contact telefoon
Gebeld met klager; hoorzitting afgesproken."
ol_body "$(ol_find confirm "$OL_ANNA" "$A")" > "$FX_DIR/conf.txt"
kl_contains "confirmed" "$FX_DIR/conf.txt" "contact met de klager vastgelegd: telefonisch, 2 december 2026"
kl_eq "the contact is an event" "$(ol_events "$A" contact)" \
    "anna|contact|phone: Gebeld met klager; hoorzitting afgesproken."
kl_eq "its moment" "$(kl_sql "select datetime(e.at, 'unixepoch', 'localtime') from events e join cases c on c.id = e.case_id where c.ref = '$A' and e.kind = 'contact'")" "2026-12-02 11:00:00"
# B: bob takes it, but nobody calls.
tl_send "$(ol_find notify "$OL_BOB" "$B")" "$OL_BOB" "Bob Jansen" "#toewijzen bob"
# An unknown type is an error, nothing recorded.
tl_send "$(ol_find notify "$OL_ANNA" "$C")" "$OL_ANNA" "Anna de Vries" "#contact postduif hallo"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$C")" > "$FX_DIR/err.txt"
kl_contains "unknown type" "$FX_DIR/err.txt" "regel 1: #contact verwacht telefoon, gesprek, brief of mail, niet \"postduif\""
kl_eq "nothing recorded on C" "$(ol_events "$C" contact)" ""

fc() { kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$1' and o.kind = 'first-contact'"; }
tl_step "2026-12-04 12:00:00" 0 "the day off"
tl_step "2026-12-08 09:59:59" 0 "a second before five working days"
# B to its assignee only; C (no assignee, no category) to every officer.
tl_step "2026-12-08 10:00:00" 4 "five working days"
kl_eq "A: contact logged, no reminder" "$(fc "$A")" 0
kl_eq "B: once, to bob" "$(kl_sql "select group_concat(o.rcpt) from outbox o join cases c on c.id = o.case_id where c.ref = '$B' and o.kind = 'first-contact'")" "$OL_BOB"
kl_eq "C: to the officers" "$(fc "$C")" 3
m=$(ol_find first-contact "$OL_BOB" "$B")
kl_contains "subject" "$m" "^Subject: Nog geen contact met de klager: klacht \[$B\]"
ol_body "$m" > "$FX_DIR/m.txt"
kl_contains "why" "$FX_DIR/m.txt" "^Er is 5 werkdagen na ontvangst nog geen contact met de klager vastgelegd \(terms\.first_contact\)\.$"
kl_contains "how to log it" "$FX_DIR/m.txt" "#contact telefoon <wat u besprak>"
tl_step "2026-12-08 10:00:00" 0 "again"
# A contact logged late does not bring it back; nothing is sent twice.
tl_at "2026-12-09 09:00:00"
tl_send "$m" "$OL_BOB" "Bob Jansen" "#contact gesprek
Klager op het stadskantoor gesproken."
kl_eq "B: logged from the reminder" "$(ol_events "$B" contact | cut -d'|' -f1-2)" "bob|contact"
tl_step "2026-12-21 10:00:00" 0 "weeks later"
kl_eq "B: still once" "$(fc "$B")" 1
kl_eq "C: still once each" "$(fc "$C")" 3

# The report counts them: A after 2 days, B after 9, C none -- 2 of 3
# received cases, median 5.5 days.
kl_ctl report --year 2026 --format json > "$FX_DIR/r.json" || fx_fail "report json"
kl_eq "json: first contact" "$(kl_json 'j["totals"]["first_contact"]' < "$FX_DIR/r.json")" "{'count': 2, 'median_days': 5.5}"
kl_ctl report --year 2026 > "$FX_DIR/r.txt" || fx_fail "report text"
kl_contains "text: first contact" "$FX_DIR/r.txt" "^  eerste contact vastgelegd: 2 van 3 ontvangen; dagen tot dan: mediaan 5,5$"
kl_ctl report --year 2026 --format csv | tr -d '\r' > "$FX_DIR/r.csv" || fx_fail "report csv"
kl_contains "csv: cases" "$FX_DIR/r.csv" "^first_contact_cases,,,,2$"
kl_contains "csv: median" "$FX_DIR/r.csv" "^first_contact_days_median,,,,5\.5$"
exit 0
