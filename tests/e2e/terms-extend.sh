#!/bin/sh
# #extend under the term rules (Awb 9:11, Wkkgz art. 17), with time
# moved by libfaketime:
#   awb    the person complained about is recorded (#beklaagde, Awb 9:9)
#          and gets a copy of the complaint; one extension of at most 4
#          weeks, told to the complainant AND the beklaagde; a second one
#          is refused until the complainant's consent is recorded, and the
#          consent allows one further extension of any length, once;
#   wkkgz  an extension after the sixth week is refused; in consultation
#          (consent) it can still be recorded; before the end it is fine;
#   committee  a category with an advisory committee has 10 weeks
#          (Awb 9:11 lid 1): filing a case under it moves its due date,
#          unless the term was extended.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = 0; };'
PIET=p.pieters@gemeente.example

# new_case N FROM CATEGORY: a case received now, filed by anna under
# CATEGORY for bob; sets REF and ASG (bob's "assigned" mail).
new_case() {
	ol_new_case "$(tl_complaint "$1" "$2" "Klacht $1")"
	REF=$OL_REF
	tl_send "$(ol_find notify "$OL_ANNA" "$REF")" "$OL_ANNA" "Anna de Vries" "#categorie $3
#toewijzen bob"
	ASG=$(ol_find assigned "$OL_BOB" "$REF")
}
# bob TEXT: bob answers his "assigned" mail; ANS gets the answer's text.
bob() {
	tl_send "$ASG" "$OL_BOB" "Bob Jansen" "$1"
	ANS=$FX_DIR/answer.txt
	ol_body "$(ol_find "$2" "$OL_BOB" "$REF")" > "$ANS"
}
due() { kl_sql "select datetime(due_at, 'unixepoch', 'localtime') from cases where ref = '$1'"; }
mails_to() { kl_sql "select count(*) from outbox where rcpt = '$1'"; }

# ---------------------------------------------------------------- awb
tl_at "2026-11-02 10:00:00"
new_case d d@example.net afval
D=$REF
kl_eq "D due" "$(due "$D")" "2026-12-14 10:00:00"

bob "#beklaagde $PIET Piet Pieters
Hij was die dag chauffeur." confirm
kl_contains "respondent recorded" "$ANS" "beklaagde vastgelegd: $PIET; die heeft een afschrift van de klacht gekregen \(Awb 9:9\)"
kl_contains "free text kept as a note" "$ANS" "als interne notitie bewaard"
copy=$(ol_find respondent-copy "$PIET" "$D")
ol_body "$copy" > "$FX_DIR/copy.txt"
kl_contains "copy: addressed to Piet" "$FX_DIR/copy.txt" "^Geachte Piet Pieters,"
kl_contains "copy: the complaint text" "$FX_DIR/copy.txt" "^Dit is klacht nummer d\."
kl_contains "copy: Awb 9:9" "$FX_DIR/copy.txt" "artikel 9:9 van de Algemene wet bestuursrecht"
kl_contains "copy: To Piet" "$copy" "^To: Piet Pieters <$PIET>"
kl_eq "respondent event" "$(ol_events "$D" respondent)" "bob|respondent|$PIET (Piet Pieters)"

bob "#beklaagde $PIET" cmd-error
kl_contains "recorded once" "$ANS" "$PIET is al als beklaagde vastgelegd"
bob "#beklaagde d@example.net" cmd-error
kl_contains "not the complainant" "$ANS" "d@example.net is het adres van de klager"
kl_eq "one copy to Piet" "$(mails_to "$PIET")" 1

tl_at "2026-11-20 10:00:00"
bob "#verleng 5w de buitendienst is met vakantie" cmd-error
kl_contains "5 weeks refused" "$ANS" "^regel 1: #verleng: 35 dagen is meer dan de 4 weken \(28 dagen\) die Awb 9:11 toestaat zonder instemming van de klager"
kl_eq "5w: due unchanged" "$(due "$D")" "2026-12-14 10:00:00"
kl_eq "5w: nothing to the complainant" "$(ol_count extension d@example.net)" 0
kl_eq "5w: nothing to Piet" "$(mails_to "$PIET")" 1

# With a #reply before it in the same mail: the update names no date,
# the extension letter sent with it names the new one.
bob "#antwoord Wij hebben de buitendienst gevraagd wat er is gebeurd.
#verleng 4w de buitendienst is met vakantie" confirm
kl_eq "4w: due" "$(due "$D")" "2027-01-11 10:00:00"
ol_body "$(ol_find update d@example.net "$D")" > "$FX_DIR/upd.txt"
kl_contains "4w: the update sent" "$FX_DIR/upd.txt" "^Wij hebben de buitendienst gevraagd wat er is gebeurd\.$"
kl_absent "4w: the update names no date" "$FX_DIR/upd.txt" "uiterlijk op|14 december 2026|11 januari 2027"
ol_body "$(ol_find extension d@example.net "$D")" > "$FX_DIR/extc.txt"
kl_contains "4w: the extension letter names the new date" "$FX_DIR/extc.txt" "11 januari 2027"
kl_contains "4w: confirmed" "$ANS" "termijn met 28 dagen verlengd: uiterlijk 11 januari 2027 \(was 14 december 2026\)"
kl_contains "4w: beklaagde told" "$ANS" "ook de beklaagde\(n\) hebben bericht gekregen \(1\)"
kl_eq "4w: letter to the complainant" "$(ol_count extension d@example.net)" 1
ext=$(ol_find extension-respondent "$PIET" "$D")
ol_body "$ext" > "$FX_DIR/ext.txt"
kl_contains "4w: Piet's notice, new date" "$FX_DIR/ext.txt" "^De klacht is nu uiterlijk op 11 januari 2027 afgehandeld\.$"
kl_contains "4w: Piet's notice, Awb 9:11" "$FX_DIR/ext.txt" "artikel 9:11,$"
kl_contains "4w: Piet's notice, reason" "$FX_DIR/ext.txt" "^de buitendienst is met vakantie"
kl_contains "4w: Piet's notice, old date" "$FX_DIR/ext.txt" "uiterlijk op 14 december 2026 afhandelen"

bob "#verleng 1w nog een week" cmd-error
kl_contains "second: consent needed" "$ANS" "de termijn is al eens verlengd \(tot 11 januari 2027\); verder uitstel mag volgens Awb 9:11 alleen als de klager daar schriftelijk mee instemt"
kl_eq "second: due unchanged" "$(due "$D")" "2027-01-11 10:00:00"

bob "#instemming De klager stemde per brief in met zes weken extra.
#verleng 6w het onderzoek is nog niet klaar" confirm
kl_eq "with consent: 6 weeks more" "$(due "$D")" "2027-02-22 10:00:00"
kl_contains "with consent: said so" "$ANS" "met de vastgelegde instemming van de klager"
kl_eq "with consent: letters" "$(ol_count extension d@example.net)|$(ol_count extension-respondent "$PIET")" "2|2"
ol_events "$D" extend | tail -1 > "$FX_DIR/ev"
kl_contains "event: with consent" "$FX_DIR/ev" "^bob\|extend\|due .*\(\+42 days, with consent\): het onderzoek"

bob "#verleng 1w nog een week" cmd-error
kl_contains "the consent is used up" "$ANS" "de termijn is al eens verlengd \(tot 22 februari 2027\)"
kl_eq "three extension attempts refused, two done" "$(ol_events "$D" extend | wc -l)" 2

# -------------------------------------------------------------- wkkgz
tl_at "2026-11-02 10:00:00"
new_case e e@example.net zorg
E=$REF
kl_eq "E due" "$(due "$E")" "2026-12-14 10:00:00"
tl_at "2026-12-14 10:00:01"
bob "#verleng 2w de specialist is ziek" cmd-error
kl_contains "wkkgz: too late" "$ANS" "^regel 1: #verleng: de termijn is op 14 december 2026 verstreken; Wkkgz art. 17 staat verlenging alleen toe als de klager dat hoort voordat de termijn eindigt"
kl_eq "wkkgz: due unchanged" "$(due "$E")" "2026-12-14 10:00:00"
kl_eq "wkkgz: nothing to the complainant" "$(ol_count extension e@example.net)" 0
bob "#instemming Telefonisch overlegd; de klager gaat akkoord.
#verleng 2w de specialist is ziek" confirm
kl_eq "wkkgz: in consultation" "$(due "$E")" "2026-12-28 10:00:00"
kl_eq "wkkgz: letter" "$(ol_count extension e@example.net)" 1
kl_absent "wkkgz: no beklaagde talk" "$ANS" "beklaagde"

tl_at "2026-11-03 10:00:00"
new_case f f@example.net zorg
F=$REF
tl_at "2026-12-15 09:59:59"
bob "#verleng 4w de specialist is ziek" confirm
kl_eq "wkkgz: before the end" "$(due "$F")" "2027-01-12 10:00:00"

# ---------------------------------------------------------- committee
tl_at "2026-11-02 10:00:00"
new_case g g@example.net bezwaar
G=$REF
kl_eq "committee: 10 weeks" "$(due "$G")" "2027-01-11 10:00:00"
kl_eq "committee: term event" "$(ol_events "$G" term | cut -d'|' -f1,2)" "anna|term"
ol_body "$(ol_find confirm "$OL_ANNA" "$G")" > "$FX_DIR/conf.txt"
kl_contains "committee: confirmed" "$FX_DIR/conf.txt" "de termijn van deze categorie is 10 weken: uiterlijk 11 januari 2027 \(was 14 december 2026\)"
bob "#verleng 2w wachten op de commissie" confirm
bob "#categorie afval" confirm
kl_eq "an extended term stays" "$(due "$G")" "2027-01-25 10:00:00"
echo "PASS: extensions limited by profile, consent allows one more, beklaagde informed"
