#!/bin/sh
# Due-date changes are told to the complainant (issue 14), through real
# mail and the SMTP sink.  #categorie into a category with an advisory
# committee (10 weeks) moves the due date: the complainant gets the
# letter due-changed with the old and the new date; a category with the
# same term sends nothing.  #ontvangen corrects the date of receipt: the
# term runs from that day, the complainant gets the new date; the same
# day again changes nothing and sends nothing; a day in the future is
# refused.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf)
categories = (
  { id = \"afval\"; name = \"Afval\"; },
  { id = \"parkeren\"; name = \"Parkeren\"; },
  { id = \"bezwaar\"; name = \"Bezwaarcommissie\"; terms = { committee = true; }; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; }
);"

# nl_date DAYS: the Dutch date ("3 maart 2026") DAYS from today.
nl_date() {
	/usr/bin/python3 - "$1" <<'PY'
import datetime, sys
months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"]
d = datetime.date.today() + datetime.timedelta(days=int(sys.argv[1]))
print("%d %s %d" % (d.day, months[d.month - 1], d.year))
PY
}
iso_date() {
	/usr/bin/python3 -c 'import datetime, sys; print(datetime.date.today() + datetime.timedelta(days=int(sys.argv[1])))' "$1"
}
# send NOTIFICATION TEXT: anna answers NOTIFICATION with TEXT.
send() {
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# ------------------------------------ #categorie into a committee category
ol_new_case "$KL_DATA/samples/01-afval.eml"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
send "$NOT" "#categorie bezwaar"
ol_body "$(ol_find confirm "$OL_ANNA" "$REF")" > "$FX_DIR/confirm.txt"
kl_contains "confirm: the complainant got the new date" "$FX_DIR/confirm.txt" "de klager heeft de nieuwe datum gekregen"
kl_eq "one due-changed letter" "$(ol_count due-changed "$OL_JAN")" 1
letter=$(ol_find due-changed "$OL_JAN" "$REF")
ol_header "$letter" Subject > "$FX_DIR/subj"
kl_contains "letter: subject" "$FX_DIR/subj" "^Nieuwe datum voor uw klacht \[$REF\]$"
ol_body "$letter" > "$FX_DIR/letter.txt"
kl_contains "letter: the old date" "$FX_DIR/letter.txt" "uiterlijk op $(nl_date 42) ons oordeel"
kl_contains "letter: the new date" "$FX_DIR/letter.txt" "U krijgt ons oordeel nu uiterlijk op $(nl_date 70)\."
kl_contains "letter: why" "$FX_DIR/letter.txt" "onderwerp \"Bezwaarcommissie\"\. Voor dit onderwerp hebben wij 10 weken de tijd\."
kl_absent "letter: no officer token" "$FX_DIR/letter.txt" "klachten\+"
kl_eq "due date ten weeks on" "$(ol_case "$REF" "date(due_at, 'unixepoch', 'localtime')")" "$(iso_date 70)"

# -------------------------------- same term: no letter
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
REF2=$OL_REF
C2=$(ol_case "$REF2" complainant_email)
NOT2=$(ol_find notify "$OL_ANNA" "$REF2")
send "$NOT2" "#categorie parkeren"
ol_find confirm "$OL_ANNA" "$REF2" > /dev/null
kl_eq "same term: no due-changed letter" "$(ol_count due-changed "$C2")" 0

# ----------------------- #ontvangen: the date of receipt corrected
send "$NOT2" "#ontvangen $(iso_date -3) de brief lag bij de buren"
ol_body "$(ol_find confirm "$OL_ANNA" "$REF2")" > "$FX_DIR/confirm.txt"
kl_contains "confirm: new date of receipt" "$FX_DIR/confirm.txt" "ontvangstdatum: $(nl_date -3) \(was $(nl_date 0)\); uiterlijk $(nl_date 39)"
kl_eq "received and due moved" "$(ol_case "$REF2" "date(received_at, 'unixepoch', 'localtime') || '|' || date(due_at, 'unixepoch', 'localtime')")" \
    "$(iso_date -3)|$(iso_date 39)"
ol_events "$REF2" received-date > "$FX_DIR/ev"
kl_contains "event" "$FX_DIR/ev" "^anna\|received-date\|received $(nl_date 0) -> $(nl_date -3); due $(nl_date 42) -> $(nl_date 39)$"
kl_eq "one due-changed letter to the second complainant" "$(ol_count due-changed "$C2")" 1
ol_body "$(ol_find due-changed "$C2" "$REF2")" > "$FX_DIR/letter2.txt"
kl_contains "letter: new date" "$FX_DIR/letter2.txt" "nu uiterlijk op $(nl_date 39)\."
kl_contains "letter: why" "$FX_DIR/letter2.txt" "Wij kregen uw klacht op $(nl_date -3)\."
# The same day again: nothing moves, no letter.
send "$NOT2" "#ontvangen $(iso_date -3)"
ol_body "$(ol_find confirm "$OL_ANNA" "$REF2")" > "$FX_DIR/confirm.txt"
kl_contains "same day: unchanged" "$FX_DIR/confirm.txt" "ontvangstdatum ongewijzigd"
kl_eq "same day: still one letter" "$(ol_count due-changed "$C2")" 1
# The future: refused, nothing changes.
send "$NOT2" "#ontvangen $(iso_date 2)"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$REF2")" > "$FX_DIR/err.txt"
kl_contains "future: refused" "$FX_DIR/err.txt" "ligt in de toekomst"
kl_eq "future: date of receipt kept" "$(ol_case "$REF2" "date(received_at, 'unixepoch', 'localtime')")" "$(iso_date -3)"
kl_eq "future: no letter" "$(ol_count due-changed "$C2")" 1

echo "PASS: due-date changes by #categorie and #ontvangen are told to the complainant"
