#!/bin/sh
# A case nobody takes is escalated after escalation.unassigned_after
# working hours (here 16: two working days of 09:00-17:00), counted on
# working days only -- not at weekends, not on Dutch public holidays,
# not on the organisation's own days off -- and once.  Without
# unassigned contacts it goes to the officers who serve the case's
# category (no category: all of them).  A case assigned in time is not
# escalated.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = "16h"; };
workdays = { hours = "09:00-17:00"; holidays = [ "2026-12-28" ]; };'

# Thursday 24 December 16:00: 1 hour that day; Friday is Eerste
# Kerstdag, then the weekend, Monday 28 December is the organisation's
# own day off; 8 hours on Tuesday 29, the last 7 on Wednesday 30 at 16:00.
tl_at "2026-12-24 16:00:00"
ol_new_case "$(tl_complaint u u@example.net "Klacht over de kerstmarkt")"
U=$OL_REF
# A second case, taken by bob on Tuesday morning.
ol_new_case "$(tl_complaint v v@example.net "Klacht over de kerstboom")"
V=$OL_REF

officers_got() {
	kl_eq "$1: to anna" "$(ol_count unassigned "$OL_ANNA")" "$2"
	kl_eq "$1: to bob" "$(ol_count unassigned "$OL_BOB")" "$2"
	kl_eq "$1: to carla" "$(ol_count unassigned "$OL_CARLA")" "$2"
}
tl_step "2026-12-25 12:00:00" 0 "Eerste Kerstdag"
tl_step "2026-12-28 16:59:59" 0 "the organisation's day off"
tl_at "2026-12-29 09:30:00"
tl_send "$(ol_find notify "$OL_ANNA" "$V")" "$OL_ANNA" "Anna de Vries" "#toewijzen bob"
kl_eq "V assigned" "$(ol_case "$V" assignee)" bob
tl_step "2026-12-29 16:00:00" 0 "Tuesday 16:00 (without the day off: due now)"
tl_step "2026-12-30 15:59:59" 0 "a second before 16 working hours"
officers_got "before" 0
tl_step "2026-12-30 16:00:00" 3 "16 working hours: every officer (no category)"
officers_got "after" 1
tl_step "2026-12-30 16:00:00" 0 "again"
tl_step "2027-01-04 10:00:00" 0 "days later"
officers_got "once" 1
un=$(ol_find unassigned "$OL_BOB" "$U")
ol_body "$un" > "$FX_DIR/un.txt"
kl_contains "subject" "$un" "^Subject: Nog niet toegewezen: klacht \[$U\]"
kl_contains "why" "$FX_DIR/un.txt" "^De klacht is na 16 werkuren nog niet toegewezen\.$"
kl_contains "its subject (not confidential)" "$FX_DIR/un.txt" "^Onderwerp: +Klacht over de kerstmarkt$"
kl_contains "officers can answer it" "$un" "^Reply-To: .*klachten\+"
kl_eq "V was never escalated" "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$V' and o.kind = 'unassigned'")" 0
kl_eq "the event" "$(ol_events "$U" escalation | cut -d'|' -f1,2)" "system|escalation"

# An officer answers the escalation and assigns the case.
tl_at "2027-01-04 10:05:00"
tl_send "$un" "$OL_BOB" "Bob Jansen" "#toewijzen bob"
kl_eq "U assigned from the escalation mail" "$(ol_case "$U" assignee)" bob
echo "PASS: unassigned cases escalate once after 16 working hours, holidays excluded"
