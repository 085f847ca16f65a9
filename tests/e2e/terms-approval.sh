#!/bin/sh
# An outcome letter awaiting approval (issue 16, four-eyes) does not stop
# the term: the case stays open, the reminder to the assignee and the
# escalation to the ladder's contact still come, and both say that a
# letter awaits approval, by whom and since when; `klachtctl show` shows
# it.  Once approved the ladder stops.  Time is moved with libfaketime.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = 0; };'
sed -i 's/{ id = "afval"; name = "Afval";/{ id = "afval"; name = "Afval"; approvers = [ "anna", "bob" ];/' "$KL_CONF"
grep -q 'approvers = \[ "anna", "bob" \]' "$KL_CONF" || fx_fail "could not add the approvers"

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint 1 klager1@example.net "Klacht over de container")"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "#categorie afval
#toewijzen anna"
tl_at "2026-11-20 10:00:00"
tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "#sluit gegrond
De container is drie weken niet geleegd."
kl_eq "a draft, nothing sent" "$(ol_count outcome klager1@example.net)" 0
kl_ctl show "$REF" > "$FX_DIR/show.txt"
kl_contains "klachtctl show: awaiting approval" "$FX_DIR/show.txt" \
    "^  Awaiting: +approval of the outcome letter \(gegrond\) by anna, since 2026-11-20"

# A week before the due date (14 December): the reminder still comes.
tl_step "2026-12-07 10:00:00" 1 "reminder"
ol_body "$(ol_find reminder "$OL_ANNA" "$REF")" > "$FX_DIR/rem.txt"
kl_contains "reminder: awaiting approval" "$FX_DIR/rem.txt" \
    "^Wacht op goedkeuring: de brief met de afhandeling \(gegrond\) van anna, sinds 20 november 2026$"
# On the due date: the team lead is told, with the same line.
tl_step "2026-12-14 10:00:00" 1 "escalation"
ol_body "$(ol_find escalation "$TL_TINEKE" "$REF")" > "$FX_DIR/esc.txt"
kl_contains "escalation: awaiting approval" "$FX_DIR/esc.txt" \
    "^Wacht op goedkeuring: de brief met de afhandeling \(gegrond\) van anna, sinds 20 november 2026$"

# Approved late: the letter goes out with its lateness block; the ladder
# stops.
tl_at "2026-12-15 10:00:00"
tl_send "$(ol_find approval "$OL_BOB" "$REF")" "$OL_BOB" "Bob Jansen" "#akkoord"
kl_eq "approved: sent" "$(ol_count outcome klager1@example.net)" 1
kl_eq "approved: late recorded" "$(ol_events "$REF" late | cut -d'|' -f1,2)" "bob|late"
kl_ctl show "$REF" > "$FX_DIR/show.txt"
kl_absent "approved: no longer awaiting" "$FX_DIR/show.txt" "Awaiting:"
tl_step "2026-12-21 10:00:00" 0 "after the decision"
echo "PASS: the term runs on while a letter awaits approval, and the ladder says so"
