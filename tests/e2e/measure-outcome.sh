#!/bin/sh
# Issue 15: a Wkkgz outcome letter with "Datum maatregelen:" makes its
# improvement measure by itself, through real mail:
#   - owner the case's assignee (bob), due the measures date, the
#     decisions as its text, linked to the case; bob gets the measure
#     mail and the deciding officer's confirmation says so;
#   - no assignee (and no triage officer): the deciding officer owns it;
#   - "Beslissingen: geen" and an awb outcome make none.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = 0; };'

# new_case N CATEGORY: received now, categorised by anna; sets REF, NOT.
new_case() {
	ol_new_case "$(tl_complaint "$1" "$1@example.net" "Klacht $1")"
	REF=$OL_REF
	NOT=$(ol_find notify "$OL_ANNA" "$REF")
	tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "#categorie $2"
}
anna() { # TEXT ANSWER-KIND
	tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "$1"
	ol_body "$(ol_find "$2" "$OL_ANNA" "$REF")" > "$FX_DIR/answer.txt"
}
m_sql() { kl_sql "select $2 from measures where ref = '$1'"; }

# Assigned to bob: bob owns the measure.
tl_at "2026-11-02 10:00:00"
new_case w zorg
W=$REF
anna "#toewijzen bob" confirm
tl_at "2026-11-20 10:00:00"
anna "#sluit gegrond
De verpleging reageerde te laat op de bel.
Beslissingen: extra nachtdienst op de afdeling.
Datum maatregelen: 15-01-2027" confirm
kl_eq "closed" "$(ol_case "$W" status)|$(ol_case "$W" judgement)" "closed|gegrond"
kl_eq "measure made" "$(m_sql M-2026-0001 "owner || '|' || due || '|' || status || '|' || text || '|' || created_by")" \
    "bob|2027-01-15|open|Extra nachtdienst op de afdeling.|anna"
kl_eq "linked to the case" "$(kl_sql "select c.ref from measure_cases mc join measures m on m.id = mc.measure_id join cases c on c.id = mc.case_id where m.ref = 'M-2026-0001'")" "$W"
kl_contains "confirmation says so" "$FX_DIR/answer.txt" "maatregel M-2026-0001 gemaakt uit de datum maatregelen van de afhandeling: eigenaar Bob Jansen, uiterlijk 15 januari 2027"
kl_contains "confirmation: closed too" "$FX_DIR/answer.txt" "gesloten als gegrond"
kl_eq "bob mailed once" "$(ol_count measure "$OL_BOB")" 1
ol_body "$(ol_find measure "$OL_BOB" "$W")" > "$FX_DIR/mm.txt"
kl_contains "bob's mail: the text" "$FX_DIR/mm.txt" "Extra nachtdienst op de afdeling"
kl_contains "bob's mail: how to close" "$FX_DIR/mm.txt" "#gereed M-2026-0001"
kl_eq "event on the case" "$(ol_events "$W" measure)" "anna|measure|M-2026-0001 made: owner bob, due 2027-01-15"

# Nobody assigned: anna, who decides, owns it.
tl_at "2026-11-02 10:00:00"
new_case v zorg
V=$REF
anna "#sluit deels-gegrond
De bel was kapot.
Beslissingen: de bellen worden elke week getest.
Datum maatregelen: 2026-12-01" confirm
kl_eq "unassigned: the decider owns it" "$(m_sql M-2026-0002 "owner || '|' || due || '|' || text")" \
    "anna|2026-12-01|De bellen worden elke week getest."
kl_contains "unassigned: confirmation" "$FX_DIR/answer.txt" "maatregel M-2026-0002 gemaakt uit de datum maatregelen van de afhandeling: eigenaar Anna de Vries, uiterlijk 1 december 2026"

# No measures ("geen"), and an awb outcome: nothing made.
new_case x zorg
anna "#sluit ongegrond
De bel werkte; de wachttijd was normaal.
Beslissingen: geen" confirm
kl_absent "geen: no measure in the confirmation" "$FX_DIR/answer.txt" "maatregel M-"
new_case a afval
anna "#sluit gegrond
De container is niet geleegd.
Conclusies: de route is aangepast.
Datum maatregelen: 2026-12-15" confirm
kl_absent "awb: no measure" "$FX_DIR/answer.txt" "maatregel M-"
kl_eq "two measures in all" "$(kl_sql "select count(*) from measures")" 2
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""
echo "PASS: a Wkkgz outcome with a measures date makes its measure, owned by the assignee or the decider"
