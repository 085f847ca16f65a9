#!/bin/sh
# The citizen's language at intake (issue 16), read at a real SMTP sink:
#   - an English complaint (English text, no Content-Language) opens an
#     English case and gets English letters throughout: acknowledgement,
#     update (#antwoord), extension (#verleng) and outcome (#sluit);
#     the Dutch officer's notification says so (write in English, or
#     #taal nl); a Dutch case's does not; the person complained about
#     (an employee) gets Dutch letters;
#   - a Dutch complaint gets Dutch letters;
#   - Content-Language: en on a Dutch-looking text wins: English letters;
#   - a text too short to tell keeps the configured default.
# #taal switching afterwards is tests/e2e/officer-language.sh.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

# complaint FILE FROM SUBJECT [HEADER]: writes a complaint with the body
# from stdin.
N=0
complaint() {
	N=$((N + 1))
	{
		printf 'From: %s\nTo: klachten@gemeente.example\n' "$2"
		printf 'Subject: %s\nMessage-ID: <lang-%s.%s@example.org>\n' \
		    "$3" "$N" "$$"
		printf 'Date: Mon, 16 Nov 2026 09:00:00 +0100\n'
		[ -n "${4:-}" ] && printf '%s\n' "$4"
		printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n'
		cat
	} > "$1"
}
# send NOTIFICATION TEXT: anna answers the notification with TEXT.
send() {
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# letter KIND RCPT REF: the letter's subject, then its body, in letter.txt.
letter() {
	ol__l=$(ol_find "$1" "$2" "$3")
	{ ol_header "$ol__l" Subject; ol_body "$ol__l"; } > "$FX_DIR/letter.txt"
}

# ----------------------------------------- English text, no header
EN=sarah.jones@example.co.uk
ol_new_case "$KL_DATA/samples/04-english.eml"
REF=$OL_REF
kl_eq "English text: English case" "$(ol_case "$REF" language)" en
letter ack "$EN" "$REF"
kl_contains "en ack: subject" "$FX_DIR/letter.txt" "^We have received your complaint \[$REF\]$"
kl_contains "en ack: body" "$FX_DIR/letter.txt" "^Thank you for your complaint\."
kl_absent "en ack: no Dutch" "$FX_DIR/letter.txt" "Geachte|Wij hebben"
NOT=$(ol_find notify "$OL_ANNA" "$REF")
# The Dutch desk is told to write its text in English, and how to change it.
ol_body "$NOT" > "$FX_DIR/notify.txt"
kl_contains "en case: the notification says the letters go in English" "$FX_DIR/notify.txt" "^De klacht is in het Engels geschreven, dus de brieven aan de klager$"
kl_contains "en case: and how to change it" "$FX_DIR/notify.txt" "Nederlands met \"#taal nl\"\.$"
send "$NOT" "#antwoord We have asked the library to check its website."
letter update "$EN" "$REF"
kl_contains "en update: subject" "$FX_DIR/letter.txt" "^News about your complaint \[$REF\]$"
kl_contains "en update: the officer's text" "$FX_DIR/letter.txt" "^We have asked the library to check its website\.$"
kl_absent "en update: no Dutch" "$FX_DIR/letter.txt" "Geachte|Nieuws over"
send "$NOT" "#beklaagde kees@testdorp.example Kees Boekhouder"
send "$NOT" "#verleng 2w We are waiting for the library's answer."
letter extension "$EN" "$REF"
kl_contains "en extension: subject" "$FX_DIR/letter.txt" "^Your complaint will take longer \[$REF\]$"
kl_contains "en extension: the reason" "$FX_DIR/letter.txt" "We are waiting for the library's answer\."
kl_absent "en extension: no Dutch" "$FX_DIR/letter.txt" "Geachte|duurt langer"
# The person complained about reads the desk's language.
letter extension-respondent kees@testdorp.example "$REF"
kl_contains "en case: the respondent's extension letter in Dutch" "$FX_DIR/letter.txt" "^Geachte Kees Boekhouder,$"
kl_contains "en case: its duration in Dutch" "$FX_DIR/letter.txt" "2 weken"
kl_absent "en case: no English words around the reason" "$FX_DIR/letter.txt" "^Dear |2 weeks"
send "$NOT" "#sluit gegrond
The website showed the wrong opening hours."
letter outcome "$EN" "$REF"
kl_contains "en outcome: subject" "$FX_DIR/letter.txt" "^Our view on your complaint \[$REF\]$"
kl_contains "en outcome: judgement" "$FX_DIR/letter.txt" "^We find your complaint upheld\.$"
kl_absent "en outcome: no Dutch" "$FX_DIR/letter.txt" "Geachte|Wij vinden|gegrond"
# The officer is still answered in the organisation's language.
ol_body "$(ol_find confirm "$OL_ANNA" "$REF")" > "$FX_DIR/confirm.txt"
kl_contains "the officer's confirmation stays Dutch" "$FX_DIR/confirm.txt" "gesloten als gegrond"

# ------------------------------------------------------- Dutch text
ol_new_case "$KL_DATA/samples/01-afval.eml"
REF=$OL_REF
kl_eq "Dutch text: Dutch case" "$(ol_case "$REF" language)" nl
letter ack "$OL_JAN" "$REF"
kl_contains "nl ack: subject" "$FX_DIR/letter.txt" "^Wij hebben uw klacht ontvangen \[$REF\]$"
NOT=$(ol_find notify "$OL_ANNA" "$REF")
ol_body "$NOT" > "$FX_DIR/notify.txt"
kl_absent "nl case: no word on the language" "$FX_DIR/notify.txt" "Engels|#taal"
send "$NOT" "#antwoord Wij bellen u deze week."
letter update "$OL_JAN" "$REF"
kl_contains "nl update: subject" "$FX_DIR/letter.txt" "^Nieuws over uw klacht \[$REF\]$"
send "$NOT" "#sluit ongegrond
De container is elke woensdag geleegd."
letter outcome "$OL_JAN" "$REF"
kl_contains "nl outcome: subject" "$FX_DIR/letter.txt" "^Ons oordeel over uw klacht \[$REF\]$"
kl_absent "nl outcome: no English" "$FX_DIR/letter.txt" "Dear|We find"

# ------------------------- Content-Language: en over a Dutch-looking text
complaint "$FX_DIR/hdr.eml" piet@example.org "Klacht over de stoep" \
    "Content-Language: en" <<'TXT'
Geachte heer, mevrouw,

De stoep voor mijn huis is al maanden kapot en ik ben er twee keer over
gevallen. Ik wil graag dat u dit snel oplost.

Met vriendelijke groet,
Piet
TXT
ol_new_case "$FX_DIR/hdr.eml"
kl_eq "Content-Language en: English case" "$(ol_case "$OL_REF" language)" en
letter ack piet@example.org "$OL_REF"
kl_contains "Content-Language en: English ack" "$FX_DIR/letter.txt" "^We have received your complaint"

# ------------------------------------------ too short to tell: default
complaint "$FX_DIR/short.eml" kees@example.org "Lamp" <<'TXT'
Lantaarnpaal kapot.
TXT
ol_new_case "$FX_DIR/short.eml"
kl_eq "short text: the configured default" "$(ol_case "$OL_REF" language)" nl
echo "PASS: the complainant's language is taken at intake and every letter follows it"
