#!/bin/sh
# #close and the outcome letter the law asks for:
#   awb (9:12)     findings, judgement, any conclusions, the ombudsman
#                  and the term to turn to them (English case: in English);
#   wkkgz (art. 18) judgement, the decisions taken, the date by which the
#                  measures will be carried out, the geschilleninstantie:
#                  a missing or past part is refused with an explanation
#                  and nothing is sent or changed;
#   9:8            niet-ontvankelijk within 4 weeks is fine; later it is
#                  still done but flagged (confirmation, event "late");
#   ingetrokken    its own letter.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = 0; };'

# new_case N CATEGORY [FILE]: received now, filed by anna; sets REF, NOT.
new_case() {
	ol_new_case "${3:-$(tl_complaint "$1" "$1@example.net" "Klacht $1")}"
	REF=$OL_REF
	NOT=$(ol_find notify "$OL_ANNA" "$REF")
	tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "#categorie $2"
}
anna() { # TEXT ANSWER-KIND
	tl_send "$NOT" "$OL_ANNA" "Anna de Vries" "$1"
	ol_body "$(ol_find "$2" "$OL_ANNA" "$REF")" > "$FX_DIR/answer.txt"
}
letter() { ol_body "$(ol_find outcome "$1" "$REF")" > "$FX_DIR/letter.txt"; }

# ------------------------------------------------------ awb, gegrond
tl_at "2026-11-02 10:00:00"
new_case a afval
tl_at "2026-11-20 10:00:00"
anna "#sluit gegrond
De container is drie weken niet geleegd.
Conclusies: de route is aangepast en u krijgt de heffing over november terug." confirm
letter a@example.net
kl_contains "awb: findings" "$FX_DIR/letter.txt" "^De container is drie weken niet geleegd\.$"
kl_contains "awb: judgement" "$FX_DIR/letter.txt" "^Wij vinden uw klacht gegrond\.$"
kl_contains "awb: conclusions heading" "$FX_DIR/letter.txt" "^Wat wij hiervan leren$"
kl_contains "awb: conclusions" "$FX_DIR/letter.txt" "^De route is aangepast en u krijgt de heffing"
kl_absent "awb: the label is not in the letter" "$FX_DIR/letter.txt" "Conclusies:"
kl_contains "awb: ombudsman" "$FX_DIR/letter.txt" "^Dan kunt u naar de Nationale ombudsman \(www\.nationaleombudsman\.nl\)\.$"
kl_contains "awb: the term" "$FX_DIR/letter.txt" "^Dat moet binnen een jaar na de datum van deze brief\."
kl_contains "awb: Awb 9:12" "$FX_DIR/letter.txt" "artikel 9:12 van de Algemene wet bestuursrecht"
kl_eq "awb: in time, nothing late" "$(ol_events "$REF" late)" ""

# ------------------------- awb, an English-speaking organisation
tl_config 'escalation = { digest = "none"; unassigned_after = 0; };
language = "en";'
tl_at "2026-11-02 10:00:00"
new_case en afval "$KL_DATA/samples/04-english.eml"
anna "#close ongegrond
The library was open as announced." confirm
kl_contains "en: confirmation" "$FX_DIR/answer.txt" "closed as not upheld"
kl_eq "English letter to the complainant" "$(ol_count outcome sarah.jones@example.co.uk)" 1
letter sarah.jones@example.co.uk
kl_contains "en: judgement" "$FX_DIR/letter.txt" "^We find your complaint not upheld\.$"
kl_contains "en: ombudsman in English" "$FX_DIR/letter.txt" "^Then you can go to the National Ombudsman \(www\.nationaleombudsman\.nl\)\."
kl_absent "en: no Dutch organisation name" "$FX_DIR/letter.txt" "de Nationale"
kl_contains "en: year" "$FX_DIR/letter.txt" "^You must do this within one year of the date of this letter\."
kl_absent "en: no conclusions section" "$FX_DIR/letter.txt" "What we learn from it"
tl_config 'escalation = { digest = "none"; unassigned_after = 0; };'

# ---------------------------------------------------- wkkgz, refused
tl_at "2026-11-02 10:00:00"
new_case w zorg
W=$REF
snap() { kl_sql "select status, judgement, closed_at from cases where ref = '$W'"; }
s0=$(snap)
anna "#sluit gegrond
De verpleging reageerde te laat op de bel." cmd-error
kl_contains "wkkgz: decisions needed" "$FX_DIR/answer.txt" "^regel 1: #sluit: Wkkgz art. 18: de brief moet de beslissingen over de klacht noemen: voeg een regel \"Beslissingen: ...\" toe"
anna "#sluit gegrond
De verpleging reageerde te laat op de bel.
Beslissingen: extra nachtdienst op de afdeling." cmd-error
kl_contains "wkkgz: measures date needed" "$FX_DIR/answer.txt" "Wkkgz art. 18: de brief moet noemen wanneer de maatregelen zijn uitgevoerd: voeg een regel \"Datum maatregelen: JJJJ-MM-DD\" toe"
anna "#sluit gegrond
De verpleging reageerde te laat op de bel.
Beslissingen: extra nachtdienst op de afdeling.
Datum maatregelen: 2026-10-01" cmd-error
kl_contains "wkkgz: not in the past" "$FX_DIR/answer.txt" "de datum van de maatregelen 2026-10-01 ligt in het verleden \(vandaag is 2026-11-02\)"
kl_eq "wkkgz: refused three times, nothing changed" "$(snap)" "$s0"
kl_eq "wkkgz: no letter" "$(ol_count outcome w@example.net)" 0
anna "#sluit gegrond
De verpleging reageerde te laat op de bel.
Beslissingen: extra nachtdienst op de afdeling.
Datum maatregelen: 15-01-2027" confirm
letter w@example.net
kl_contains "wkkgz: art. 18" "$FX_DIR/letter.txt" "artikel 18 van de Wet kwaliteit"
kl_contains "wkkgz: findings" "$FX_DIR/letter.txt" "^De verpleging reageerde te laat op de bel\.$"
kl_contains "wkkgz: judgement" "$FX_DIR/letter.txt" "^Wij vinden uw klacht gegrond\.$"
kl_contains "wkkgz: decisions" "$FX_DIR/letter.txt" "^Extra nachtdienst op de afdeling\.$"
kl_contains "wkkgz: measures date, still to come" "$FX_DIR/letter.txt" "^Wij voeren deze maatregelen uit\. Ze zijn uiterlijk op 15 januari 2027$"
kl_contains "wkkgz: geschilleninstantie" "$FX_DIR/letter.txt" "^Dan kunt u uw klacht voorleggen aan De Geschillencommissie Zorg"
kl_contains "wkkgz: the term for the geschilleninstantie" "$FX_DIR/letter.txt" "^Dat moet binnen een jaar na de dag waarop u uw klacht bij ons indiende\.$"
kl_absent "wkkgz: no ombudsman" "$FX_DIR/letter.txt" "ombudsman"
kl_eq "wkkgz: closed" "$(ol_case "$W" status)|$(ol_case "$W" judgement)" "closed|gegrond"

# wkkgz without measures: "Beslissingen: geen" and no date.
tl_at "2026-11-02 10:00:00"
new_case w2 zorg
anna "#sluit ongegrond
De bel werkte; de wachttijd was normaal.
Beslissingen: geen" confirm
letter w2@example.net
kl_absent "wkkgz, none: no measures date" "$FX_DIR/letter.txt" "maatregelen uit"

# -------------------------------------------- 9:8, in time and late
tl_at "2026-11-02 10:00:00"
new_case n1 afval
tl_at "2026-11-30 10:00:00"
anna "#sluit niet-ontvankelijk
Over dezelfde gedraging is al eerder een klacht behandeld." confirm
kl_absent "9:8 in time: no note" "$FX_DIR/answer.txt" "te laat"
kl_eq "9:8 in time: no event" "$(ol_events "$REF" late)" ""
letter n1@example.net
kl_contains "9:8 letter: subject" "$(ol_find outcome n1@example.net "$REF")" "^Subject: Wij behandelen uw klacht niet"
kl_contains "9:8 letter: reason" "$FX_DIR/letter.txt" "^Over dezelfde gedraging is al eerder een klacht behandeld\.$"
kl_contains "9:8 letter: article" "$FX_DIR/letter.txt" "artikel 9:8 van de Algemene wet"
kl_contains "9:8 letter: ombudsman" "$FX_DIR/letter.txt" "^Dan kunt u naar de Nationale ombudsman"
kl_absent "9:8 letter: a 9:8 notice is no besluit" "$FX_DIR/letter.txt" "besluit"

tl_at "2026-11-02 10:00:00"
new_case n2 afval
tl_at "2026-11-30 10:00:01"
anna "#sluit niet-ontvankelijk
De klacht gaat over een besluit waartegen bezwaar openstaat." confirm
kl_contains "9:8 late: allowed but flagged" "$FX_DIR/answer.txt" "let op: Awb 9:8 vraagt dit besluit binnen 4 weken na ontvangst; het is te laat \(vastgelegd\)"
kl_contains "9:8 late: closed" "$FX_DIR/answer.txt" "gesloten als niet-ontvankelijk"
kl_eq "9:8 late: event" "$(ol_events "$REF" late)" "anna|late|niet-ontvankelijk decided more than 4 weken after receipt (Awb 9:8)"
kl_eq "9:8 late: letter sent" "$(ol_count outcome n2@example.net)" 1

# ---------------------------------------------------------- withdrawn
tl_at "2026-11-02 10:00:00"
new_case x afval
anna "#sluit ingetrokken
U belde op 5 november dat het probleem is opgelost." confirm
letter x@example.net
kl_contains "withdrawn: subject" "$(ol_find outcome x@example.net "$REF")" "^Subject: U hebt uw klacht ingetrokken"
kl_contains "withdrawn: text" "$FX_DIR/letter.txt" "^U belde op 5 november dat het probleem is opgelost\.$"
echo "PASS: outcome letters carry what Awb 9:12 / Wkkgz art. 18 ask; missing parts refused; late 9:8 flagged"
