#!/bin/sh
# Hearings (issue 15, Awb 9:10) through the real SMTP sink.
# "#hoorzitting <date> <time> <place>" invites the complainant and the
# person complained about, each with a calendar file of their own
# (parsed back here: METHOD, UID, SEQUENCE, DTSTART, SUMMARY, LOCATION,
# ATTENDEE); a second one is a change (same UID, SEQUENCE + 1), "afgelast"
# cancels (METHOD:CANCEL).  Under the awb profile #sluit gegrond is
# refused until #verslag (which goes to both parties with
# terms.send_hearing_report and stands in the case file) or
# "#afzien-horen a"; niet-ontvankelijk and ingetrokken are not held back;
# terms.hearing_required = false lifts the rule.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
# This test is about hearings: the awb default (a hearing is required).
KL_NO_HEARING=
ol_setup "terms = { send_hearing_report = true; };"
PIET=piet.pieters@example.org

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

# send TEXT [NOTIF]: anna replies to a notification with TEXT.
send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "${2:-$notif}" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# fresh_case SAMPLE WORD: sample SAMPLE again under a new Message-ID (with
# WORD in it) as a new case; sets ref and notif.
fresh_case() {
	sed "s/^Message-ID: <[^>]*>/Message-ID: <$2-$1@example.org>/" \
	    "$KL_DATA/samples/$1.eml" > "$FX_DIR/$2.eml"
	ol_new_case "$FX_DIR/$2.eml"
	ref=$OL_REF
	notif=$(ol_find notify "$OL_ANNA" "$ref")
}
# answer KIND [REF]: the answer to the last mail into $FX_DIR/answer.txt.
answer() {
	ol__a=$(ol_find "$1" "$OL_ANNA" "${2:-$ref}")
	kl_eq "the $1 answers the last mail" "$(ol_header "$ol__a" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$ol__a" > "$FX_DIR/answer.txt"
}
# ics MAIL OUT: the calendar part of a sink message, unfolded, into OUT
# ("NAME;PARAMS:value" lines as RFC 5545 writes them); and its
# Content-Type into OUT.type.
ics() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
parts = [p for p in m.walk() if p.get_content_type() == "text/calendar"]
if len(parts) != 1:
    sys.exit("%d calendar parts" % len(parts))
p = parts[0]
raw = p.get_payload(decode=True).decode("utf-8")
if "\r\n" not in raw:
    sys.exit("calendar lines do not end in CRLF")
open(sys.argv[1] + ".raw", "w", newline="").write(raw)
text = raw.replace("\r\n ", "").replace("\r\n\t", "")   # unfold
open(sys.argv[1], "w").write(text.replace("\r\n", "\n"))
open(sys.argv[1] + ".type", "w").write(p["Content-Type"] + "\n" +
    str(p.get_filename()) + "\n")' "$2" || fx_fail "no calendar file in $1"
	# The same file parsed back by libical (RFC 5545 and the iTIP rules
	# of its METHOD); its view of the event into OUT.lib.
	"$top_builddir/tests/fixtures/icscheck" "$2.raw" > "$2.lib" 2> "$2.liberr" ||
		{ cat "$2.liberr" >&2; fx_fail "libical rejects the calendar file in $1"; }
}
# libfield FILE NAME: a property as libical parsed it (unescaped, DTSTART
# in UTC; several ATTENDEE lines joined by spaces).
libfield() {
	sed -n "s/^$2=//p" "$1.lib" | paste -sd' ' -
}
# field FILE NAME: the value of the VEVENT's (or VCALENDAR's) property.
field() {
	sed -n "s/^$2[;:]\(.*\)$/\1/p" "$1" | sed 's/^[^:]*:\(mailto:\)/\1/' | head -1
}
# utc DAY HH:MM: the local time as iCalendar UTC, computed apart.
utc() {
	/usr/bin/python3 -c '
import sys, time
y, m, d = map(int, sys.argv[1].split("-")); hh, mm = map(int, sys.argv[2].split(":"))
t = time.mktime((y, m, d, hh, mm, 0, 0, 0, -1))
print(time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t)))' "$1" "$2"
}

send "#beklaagde $PIET Piet Pieters"
answer confirm

# --- No hearing yet: a judgement on the merits is refused.
send "#sluit gegrond
De container is drie weken niet geleegd."
answer cmd-error
kl_contains "refused: Awb 9:10" "$FX_DIR/answer.txt" "kan pas als de klager is gehoord \(Awb 9:10\)"
kl_contains "refused: says what to do" "$FX_DIR/answer.txt" "#afzien-horen a\|b\|c <reden>"
kl_eq "still open" "$(ol_case "$ref" status)" acknowledged
kl_eq "no outcome letter" "$(ol_count outcome "$OL_JAN")" 0

# --- The invitation: date, time, place; to both, each with a calendar.
day=$(date -d '+10 days' +%Y-%m-%d)
send "#hoorzitting $day 14:00 Stadhuis, kamer 2
Neem uw foto's van de container mee."
answer confirm
kl_contains "confirmation" "$FX_DIR/answer.txt" "hoorzitting aangekondigd: .* 14:00, Stadhuis, kamer 2; de klager en 1 beklaagde\(n\) zijn uitgenodigd"
inv=$(ol_find hearing-invitation "$OL_JAN" "$ref")
ol_body "$inv" > "$FX_DIR/inv.txt"
kl_contains "invitation: time" "$FX_DIR/inv.txt" "^Tijd: +14:00 uur$"
kl_contains "invitation: place" "$FX_DIR/inv.txt" "^Plaats: +Stadhuis, kamer 2$"
kl_contains "invitation: the officer's line" "$FX_DIR/inv.txt" "^Neem uw foto's van de container mee.$"
kl_absent "invitation: not a change" "$FX_DIR/inv.txt" "veranderd"
kl_contains "invitation: the calendar file named" "$FX_DIR/inv.txt" "^In de bijlage staat de afspraak voor uw agenda.$"
ics "$inv" "$FX_DIR/c0.ics"
kl_contains "ics: type" "$FX_DIR/c0.ics.type" "^text/calendar; charset=\"?utf-8\"?; method=\"?REQUEST\"?(;|$)"
kl_contains "ics: file name" "$FX_DIR/c0.ics.type" "^hoorzitting.ics$"
kl_eq "ics: METHOD" "$(field "$FX_DIR/c0.ics" METHOD)" REQUEST
uid=$(field "$FX_DIR/c0.ics" UID)
kl_eq "ics: UID" "$uid" "hearing-$ref@testdorp.example"
kl_eq "ics: SEQUENCE" "$(field "$FX_DIR/c0.ics" SEQUENCE)" 0
kl_eq "ics: DTSTART" "$(field "$FX_DIR/c0.ics" DTSTART)" "$(utc "$day" 14:00)"
kl_eq "ics: SUMMARY" "$(field "$FX_DIR/c0.ics" SUMMARY)" "Hoorzitting klacht $ref"
kl_eq "ics: LOCATION" "$(field "$FX_DIR/c0.ics" LOCATION)" 'Stadhuis\, kamer 2'
kl_eq "ics: STATUS" "$(field "$FX_DIR/c0.ics" STATUS)" CONFIRMED
kl_eq "ics: ORGANIZER" "$(field "$FX_DIR/c0.ics" ORGANIZER)" "mailto:klachten@testdorp.example"
kl_eq "ics: ATTENDEE" "$(field "$FX_DIR/c0.ics" ATTENDEE)" "mailto:$OL_JAN"
kl_eq "libical: METHOD" "$(libfield "$FX_DIR/c0.ics" METHOD)" REQUEST
kl_eq "libical: UID" "$(libfield "$FX_DIR/c0.ics" UID)" "$uid"
kl_eq "libical: SEQUENCE" "$(libfield "$FX_DIR/c0.ics" SEQUENCE)" 0
kl_eq "libical: DTSTART" "$(libfield "$FX_DIR/c0.ics" DTSTART)" "$(utc "$day" 14:00)"
kl_eq "libical: LOCATION" "$(libfield "$FX_DIR/c0.ics" LOCATION)" 'Stadhuis, kamer 2'
kl_eq "libical: ORGANIZER" "$(libfield "$FX_DIR/c0.ics" ORGANIZER)" "mailto:klachten@testdorp.example"
kl_eq "libical: ATTENDEE" "$(libfield "$FX_DIR/c0.ics" ATTENDEE)" "mailto:$OL_JAN"
rinv=$(ol_find hearing-invitation-respondent "$PIET" "$ref")
ol_body "$rinv" > "$FX_DIR/rinv.txt"
kl_contains "respondent: greeted by name" "$FX_DIR/rinv.txt" "^Geachte Piet Pieters,$"
ics "$rinv" "$FX_DIR/r0.ics"
kl_eq "respondent ics: the same UID" "$(field "$FX_DIR/r0.ics" UID)" "$uid"
kl_eq "respondent ics: ATTENDEE" "$(field "$FX_DIR/r0.ics" ATTENDEE)" "mailto:$PIET"
kl_eq "respondent, libical: ATTENDEE" "$(libfield "$FX_DIR/r0.ics" ATTENDEE)" "mailto:$PIET"
kl_eq "respondent, libical: UID" "$(libfield "$FX_DIR/r0.ics" UID)" "$uid"
kl_absent "respondent ics: not the complainant's address" "$FX_DIR/r0.ics" "$OL_JAN"
kl_eq "event" "$(ol_events "$ref" hearing-invited | cut -d'|' -f1,3)" "anna|seq=0 $day 14:00 Stadhuis, kamer 2"

# --- A change: same UID, SEQUENCE 1, the new time; by phone.
send "#hoorzitting $day 15.30 telefonisch"
answer confirm
kl_contains "change confirmed" "$FX_DIR/answer.txt" "hoorzitting gewijzigd: .* 15:30, telefonisch"
kl_eq "two invitations to jan" "$(ol_count hearing-invitation "$OL_JAN")" 2
inv=$(ol_find hearing-invitation "$OL_JAN" "$ref")
ol_body "$inv" > "$FX_DIR/inv.txt"
kl_contains "change: said so" "$FX_DIR/inv.txt" "de afspraak voor het gesprek over uw klacht is veranderd"
kl_contains "change: by phone" "$FX_DIR/inv.txt" "^Wij bellen u op die tijd.$"
ics "$inv" "$FX_DIR/c1.ics"
kl_eq "change ics: METHOD" "$(field "$FX_DIR/c1.ics" METHOD)" REQUEST
kl_eq "change ics: same UID" "$(field "$FX_DIR/c1.ics" UID)" "$uid"
kl_eq "change ics: SEQUENCE" "$(field "$FX_DIR/c1.ics" SEQUENCE)" 1
kl_eq "change ics: DTSTART" "$(field "$FX_DIR/c1.ics" DTSTART)" "$(utc "$day" 15:30)"
kl_eq "change ics: LOCATION" "$(field "$FX_DIR/c1.ics" LOCATION)" telefonisch
kl_eq "change, libical: SEQUENCE and DTSTART" "$(libfield "$FX_DIR/c1.ics" SEQUENCE) $(libfield "$FX_DIR/c1.ics" DTSTART)" "1 $(utc "$day" 15:30)"
ics "$(ol_find hearing-invitation-respondent "$PIET" "$ref")" "$FX_DIR/r1.ics"
kl_eq "change, respondent: SEQUENCE" "$(field "$FX_DIR/r1.ics" SEQUENCE)" 1

# --- Cancelled: METHOD:CANCEL, SEQUENCE 2, to both.
send "#hoorzitting afgelast"
answer confirm
kl_contains "cancel confirmed" "$FX_DIR/answer.txt" "hoorzitting van .* 15:30 afgelast; de klager en 1 beklaagde\(n\)"
can=$(ol_find hearing-cancelled "$OL_JAN" "$ref")
ol_body "$can" > "$FX_DIR/can.txt"
kl_contains "cancel: says so" "$FX_DIR/can.txt" "Dit gesprek gaat niet door"
# It was by phone: nobody was to come.
kl_contains "cancel: by phone, no call" "$FX_DIR/can.txt" "^Wij bellen u dus niet op die tijd\.$"
kl_absent "cancel: by phone, nobody to come" "$FX_DIR/can.txt" "niet te komen"
ics "$can" "$FX_DIR/c2.ics"
kl_contains "cancel ics: type" "$FX_DIR/c2.ics.type" "method=\"?CANCEL\"?(;|$)"
kl_eq "cancel ics: METHOD" "$(field "$FX_DIR/c2.ics" METHOD)" CANCEL
kl_eq "cancel ics: same UID" "$(field "$FX_DIR/c2.ics" UID)" "$uid"
kl_eq "cancel ics: SEQUENCE" "$(field "$FX_DIR/c2.ics" SEQUENCE)" 2
kl_eq "cancel ics: STATUS" "$(field "$FX_DIR/c2.ics" STATUS)" CANCELLED
kl_eq "cancel, libical: METHOD and SEQUENCE" "$(libfield "$FX_DIR/c2.ics" METHOD) $(libfield "$FX_DIR/c2.ics" SEQUENCE)" "CANCEL 2"
ics "$(ol_find hearing-cancelled-respondent "$PIET" "$ref")" "$FX_DIR/r2.ics"
kl_eq "cancel, respondent: METHOD" "$(field "$FX_DIR/r2.ics" METHOD)" CANCEL
# Nothing left to cancel.
send "#hoorzitting afgelast"
answer cmd-error
kl_contains "cancel twice" "$FX_DIR/answer.txt" "er is geen hoorzitting om af te zeggen"
kl_eq "no third cancellation" "$(ol_count hearing-cancelled "$OL_JAN")" 1
# A hearing in the past is not invited to.
send "#hoorzitting 2001-01-01 10:00 Stadhuis"
answer cmd-error
kl_contains "past: refused" "$FX_DIR/answer.txt" "2001-01-01 10:00 is voorbij"

# --- The report: in the case file, to both (send_hearing_report).
send "#verslag Klager en beklaagde zijn telefonisch gehoord.
De container stond niet in de route."
answer confirm
kl_contains "report confirmed" "$FX_DIR/answer.txt" "verslag van de hoorzitting vastgelegd in het dossier en gestuurd naar de klager en 1 beklaagde\(n\)"
ol_body "$(ol_find hearing-report "$OL_JAN" "$ref")" > "$FX_DIR/rep.txt"
kl_contains "report to jan" "$FX_DIR/rep.txt" "^De container stond niet in de route.$"
ol_body "$(ol_find hearing-report-respondent "$PIET" "$ref")" > "$FX_DIR/rrep.txt"
kl_contains "report to piet" "$FX_DIR/rrep.txt" "^Klager en beklaagde zijn telefonisch gehoord.$"
send "#dossier"
ol_body "$(ol_find dossier "$OL_ANNA" "$ref")" > "$FX_DIR/dossier.txt"
kl_contains "dossier: the report event" "$FX_DIR/dossier.txt" "hearing-report, door anna"
kl_contains "dossier: its text" "$FX_DIR/dossier.txt" "De container stond niet in de route."
kl_contains "dossier: the invitation event" "$FX_DIR/dossier.txt" "hearing-invited, door anna"

# --- Now the judgement on the merits goes.
send "#sluit gegrond
De container is drie weken niet geleegd."
answer confirm
kl_eq "closed after #verslag" "$(ol_case "$ref" status)|$(ol_case "$ref" judgement)" "closed|gegrond"
kl_eq "outcome letter" "$(ol_count outcome "$OL_JAN")" 1
# The confirmation of a closed case shows no term any more.
kl_absent "closed: no term in the confirmation" "$FX_DIR/answer.txt" "afhandelen uiterlijk"
kl_contains "closed: the state" "$FX_DIR/answer.txt" "^De klacht is nu: [a-z]+\.$"
# The outcome letter says she was heard (Awb 9:10).
ol_body "$(ol_find outcome "$OL_JAN" "$ref")" > "$FX_DIR/outcome1.txt"
kl_contains "outcome: heard" "$FX_DIR/outcome1.txt" "^Wij hebben met u over uw klacht gesproken\.$"
kl_absent "outcome: no skip ground" "$FX_DIR/outcome1.txt" "geen gesprek met u"

# --- #afzien-horen a: ongegrond goes (second case).
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
send "#sluit ongegrond
De borden stonden er."
answer cmd-error
kl_contains "second case refused too" "$FX_DIR/answer.txt" "kan pas als de klager is gehoord"
send "#afzien-horen d geen idee"
answer cmd-error
kl_contains "unknown ground" "$FX_DIR/answer.txt" "verwacht een grond uit Awb 9:10 lid 2"
send "#afzien-horen a
De borden staan er sinds 2019; dat blijkt uit de foto's."
answer confirm
kl_contains "skip confirmed" "$FX_DIR/answer.txt" "geen hoorzitting, Awb 9:10 lid 2 onder a: de klacht is kennelijk ongegrond \(vastgelegd\)"
kl_eq "skip event" "$(ol_events "$ref" hearing-skipped | cut -d'|' -f1,3)" "anna|a: De borden staan er sinds 2019; dat blijkt uit de foto's."
send "#sluit ongegrond
De borden stonden er."
answer confirm
kl_eq "closed after #afzien-horen a" "$(ol_case "$ref" status)|$(ol_case "$ref" judgement)" "closed|ongegrond"
ol_body "$(ol_find outcome "$(ol_case "$ref" complainant_email)" "$ref")" > "$FX_DIR/outcome2.txt"
kl_contains "outcome: not heard, ground a, said plainly" "$FX_DIR/outcome2.txt" "^Wij hebben geen gesprek met u over uw klacht gehouden\. Dat hoeft niet$"
kl_absent "outcome: not claimed heard" "$FX_DIR/outcome2.txt" "Wij hebben met u over uw klacht gesproken"

# --- Not on the merits: never held back.
ol_new_case "$KL_DATA/samples/02-balie.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
send "#sluit ingetrokken
De klager heeft de klacht ingetrokken."
answer confirm
kl_eq "ingetrokken without hearing" "$(ol_case "$ref" judgement)" ingetrokken
ol_new_case "$KL_DATA/samples/04-english.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
send "#sluit niet-ontvankelijk
Over deze zaak is al eerder een klacht behandeld."
answer confirm
kl_eq "niet-ontvankelijk without hearing" "$(ol_case "$ref" judgement)" niet-ontvankelijk

# --- terms.hearing_required = false: the rule is off.
kl_config "$(kl_smtp_conf)
$(ol_officers)
terms = { hearing_required = false; };"
fresh_case 01-afval again
kl_eq "a fresh case" "$(ol_case "$ref" status)" acknowledged
send "#sluit gegrond
De container is drie weken niet geleegd."
answer confirm
kl_eq "hearing_required = false: closed" "$(ol_case "$ref" judgement)" gegrond
# No one complained about is known: the confirmation names the
# complainant alone, not "and 0 persons".
fresh_case 03-parkeren alone
send "#hoorzitting $day 10:00 telefonisch"
answer confirm
kl_contains "complainant alone: invited" "$FX_DIR/answer.txt" "hoorzitting aangekondigd: .* 10:00, telefonisch; de klager is uitgenodigd, met een agendabestand"
kl_absent "complainant alone: no zero count" "$FX_DIR/answer.txt" "0 beklaagde"
send "#hoorzitting afgelast"
answer confirm
kl_contains "complainant alone: cancelled" "$FX_DIR/answer.txt" "afgelast; de klager heeft bericht gekregen"

# --- An English case at a Dutch desk: "telefonisch" is "by phone" in the
# English letters and calendar file; the officer's confirmation keeps
# Dutch dates; the person complained about gets Dutch letters.
fresh_case 04-english en
kl_eq "English case" "$(ol_case "$ref" language)" en
# The person complained about is someone of the organisation: their
# letters go in its language (Dutch), the complaint's text as written.
KEES=kees.bibliotheek@testdorp.example
send "#beklaagde $KEES Kees Boekhouder"
answer confirm
ol_body "$(ol_find respondent-copy "$KEES" "$ref")" > "$FX_DIR/rc-en.txt"
kl_contains "en case: the respondent's copy in Dutch" "$FX_DIR/rc-en.txt" "^Geachte Kees Boekhouder,$"
kl_contains "en case: the complaint as written" "$FX_DIR/rc-en.txt" "The library was closed on Saturday"
kl_absent "en case: no English around it" "$FX_DIR/rc-en.txt" "^Dear |complaint about you"
send "#hoorzitting $day 10:00 telefonisch"
answer confirm
month_nl=$(LC_ALL=C date -d "$day" +%m)
month_nl=$(echo "januari februari maart april mei juni juli augustus september oktober november december" | cut -d' ' -f"${month_nl#0}")
kl_contains "en: the officer's confirmation in Dutch dates" "$FX_DIR/answer.txt" "hoorzitting aangekondigd: [0-9]+ $month_nl [0-9]{4} 10:00, telefonisch"
inv=$(ol_find hearing-invitation sarah.jones@example.co.uk "$ref")
ol_body "$inv" > "$FX_DIR/inv-en.txt"
kl_contains "en invitation: the place in English" "$FX_DIR/inv-en.txt" "^Place: +by phone$"
kl_absent "en invitation: no Dutch word" "$FX_DIR/inv-en.txt" "telefonisch"
ics "$inv" "$FX_DIR/en.ics"
kl_eq "en ics: LOCATION" "$(field "$FX_DIR/en.ics" LOCATION)" "by phone"
rinv=$(ol_find hearing-invitation-respondent "$KEES" "$ref")
ol_body "$rinv" > "$FX_DIR/rinv-en.txt"
kl_contains "en case: the respondent's invitation in Dutch" "$FX_DIR/rinv-en.txt" "^Plaats: +telefonisch$"
kl_contains "en case: with a Dutch date" "$FX_DIR/rinv-en.txt" "[0-9]+ $month_nl [0-9]{4}"
ics "$rinv" "$FX_DIR/ren.ics"
kl_eq "en case, respondent ics: LOCATION" "$(field "$FX_DIR/ren.ics" LOCATION)" telefonisch
kl_eq "en case, respondent ics: SUMMARY" "$(field "$FX_DIR/ren.ics" SUMMARY)" "Hoorzitting klacht $ref"
kl_eq "en case, complainant ics: SUMMARY" "$(field "$FX_DIR/en.ics" SUMMARY)" "Hearing on complaint $ref"
send "#hoorzitting afgelast"
answer confirm
kl_contains "en: the cancellation confirmed in Dutch dates" "$FX_DIR/answer.txt" "hoorzitting van [0-9]+ $month_nl [0-9]{4} 10:00 afgelast"
ol_body "$(ol_find hearing-cancelled sarah.jones@example.co.uk "$ref")" > "$FX_DIR/can-en.txt"
kl_contains "en cancellation: the place in English" "$FX_DIR/can-en.txt" "^Place: +by phone$"
ol_body "$(ol_find hearing-cancelled-respondent "$KEES" "$ref")" > "$FX_DIR/rcan-en.txt"
kl_contains "en case: the respondent's cancellation in Dutch" "$FX_DIR/rcan-en.txt" "^Plaats: +telefonisch$"
echo "PASS: hearings: invitation, change, cancellation, report, skip, the gate"
