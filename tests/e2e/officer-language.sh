#!/bin/sh
# #taal / #language (issue 16; the first command added through the
# command table of issue 12: a row, a handler, a man-page entry, tests):
# an officer switches the language of the letters to the complainant;
# the next update letter is in that language, the switch is an event on
# the case, and a word that is no language is an error that runs nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
kl_eq "a Dutch case to begin with" "$(ol_case "$ref" language)" nl

# send TEXT: anna replies to her notification with TEXT.
send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

send "#taal Engels
#antwoord We will call you this week."
kl_eq "case language" "$(ol_case "$ref" language)" en
kl_eq "the switch is an event" "$(ol_events "$ref" language)" "anna|language|nl -> en"
upd=$(ol_find update "$OL_JAN" "$ref")
kl_eq "English update: subject" "$(ol_header "$upd" Subject)" "News about your complaint [$ref]"
ol_body "$upd" > "$FX_DIR/update.txt"
kl_contains "English update: body" "$FX_DIR/update.txt" "We have news about your complaint $ref"
kl_absent "no Dutch in it" "$FX_DIR/update.txt" "Wij hebben nieuws"
conf=$(ol_find confirm "$OL_ANNA" "$ref")
ol_body "$conf" > "$FX_DIR/confirm.txt"
kl_contains "the officer is told" "$FX_DIR/confirm.txt" "brieven aan de klager vanaf nu in het Engels"

send "#language fr"
kl_eq "fr: still English" "$(ol_case "$ref" language)" en
err=$(ol_find cmd-error "$OL_ANNA" "$ref")
ol_body "$err" > "$FX_DIR/error.txt"
kl_contains "fr: the error says what is expected" "$FX_DIR/error.txt" "#taal verwacht nl of en, niet \"fr\""

send "#taal nl
#antwoord Wij bellen u deze week."
kl_eq "back to Dutch" "$(ol_case "$ref" language)" nl
kl_eq "updates in each language" "$(ol_count update "$OL_JAN")" 2
upd=$(ol_find update "$OL_JAN" "$ref")
kl_eq "Dutch update: subject" "$(ol_header "$upd" Subject)" "Nieuws over uw klacht [$ref]"
echo "PASS: #taal / #language switches the language of the letters, with its event"
