#!/bin/sh
# #omschrijving / #summary (issue 16): the complaint in the
# organisation's words, stored on the case with its event; the letters
# after it name the complaint by it instead of the subject of the
# complainant's mail (read at a real SMTP sink); one too long for a
# letter is refused and changes nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
ol_body "$(ol_find ack "$OL_JAN" "$REF")" > "$FX_DIR/ack.txt"
kl_contains "before: the ack names the subject" "$FX_DIR/ack.txt" '^"Klacht over het ophalen van het afval"\.$'

send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$NOT" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# Too long: refused, nothing stored.
long=$(printf 'lang%.0s ' $(seq 1 60))
send "#omschrijving $long"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$REF")" > "$FX_DIR/err.txt"
kl_contains "too long: refused" "$FX_DIR/err.txt" "de omschrijving heeft 299 tekens; de brieven tonen er hoogstens 200"
kl_eq "too long: nothing stored" "$(ol_case "$REF" "coalesce(summary, '-')")" "-"

send "#omschrijving De groene container in de Dorpsstraat is drie weken
niet geleegd.
#sluit gegrond
Door een fout in de planning is de container overgeslagen."
kl_eq "stored on the case" "$(ol_case "$REF" summary)" \
    "De groene container in de Dorpsstraat is drie weken niet geleegd."
kl_eq "with its event" "$(ol_events "$REF" summary)" \
    "anna|summary|De groene container in de Dorpsstraat is drie weken niet geleegd."
ol_body "$(ol_find confirm "$OL_ANNA" "$REF")" > "$FX_DIR/confirm.txt"
kl_contains "the officer is told" "$FX_DIR/confirm.txt" '^- omschrijving voor de brieven: "De groene container'
ol_body "$(ol_find outcome "$OL_JAN" "$REF")" > "$FX_DIR/outcome.txt"
kl_contains "the outcome letter names the summary" "$FX_DIR/outcome.txt" \
    '^"De groene container in de Dorpsstraat is drie weken niet geleegd\."\.$'
kl_absent "and not the subject" "$FX_DIR/outcome.txt" "ophalen van het afval"
echo "PASS: #omschrijving names the complaint in the letters instead of the subject"
