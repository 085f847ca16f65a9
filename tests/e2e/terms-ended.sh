#!/bin/sh
# Cases that ended without a decision leave the escalation ladder (issues
# 14, 15): a case made void (#vervallen) or resolved informally
# (#opgelost) in category afval (a ladder: a reminder a week before the
# due date, level 1 on it, level 2 a week later) gets no reminder and no
# escalation, while an open case received the same day runs the ladder.
# (Before the fix the void case was escalated at both levels.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; };'

new_case() { # N FROM -> OL_REF, assigned to bob in afval
	ol_new_case "$(tl_complaint "$1" "$2" "Klacht $1 over het afval")"
	n=$(ol_find notify "$OL_ANNA" "$OL_REF")
	tl_send "$n" "$OL_ANNA" "Anna de Vries" "#categorie afval
#toewijzen bob"
}
tl_at "2026-11-02 10:00:00"
new_case a a@example.net; A=$OL_REF
new_case v v@example.net; V=$OL_REF
new_case r r@example.net; R=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$V")" "$OL_ANNA" "Anna de Vries" \
    "#vervallen dubbel zelfde klacht als $A"
tl_send "$(ol_find notify "$OL_ANNA" "$R")" "$OL_ANNA" "Anna de Vries" \
    "#opgelost Telefonisch opgelost: de container wordt morgen geleegd."
kl_eq "V void" "$(ol_case "$V" status)" void
kl_eq "R resolved" "$(ol_case "$R" status)" resolved

# Past every level of the ladder (due 14 December; level 2 a week later).
tl_at "2026-12-22 10:00:00"
ol_run
ol_run
escalations() { kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$1' and o.kind in ('reminder', 'escalation')"; }
[ "$(escalations "$A")" -ge 2 ] || fx_fail "the open case did not run the ladder: $(escalations "$A") mails"
kl_eq "the void case: nothing" "$(escalations "$V")" 0
kl_eq "the resolved case: nothing" "$(escalations "$R")" 0
kl_eq "ended cases out of the scan" "$(kl_sql "select count(*) from cases where ref in ('$V', '$R') and deadline_next is not null")" 0
echo "PASS: void and informally resolved cases leave the escalation ladder"
