#!/bin/sh
# Text blocks (issue 13): "#tekst <name>" / "#snippet <name>" inside the
# text of #antwoord or #sluit inserts templates/<lang>/blocks/<name>.txt
# of the case's language into the letter; an unknown name (or one that
# tries a path) is an error naming the available blocks, and nothing is
# sent.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")

send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
jan() { kl_sql "select count(*) from outbox where rcpt = '$OL_JAN'"; }

send "#antwoord Wij hebben de container vandaag laten legen.
#tekst excuses
Wij houden u op de hoogte."
ol_body "$(ol_find update "$OL_JAN" "$ref")" > "$FX_DIR/u.txt"
kl_contains "block inserted" "$FX_DIR/u.txt" "^Het spijt ons dat het zo is gegaan\. Wij bieden u daarvoor onze excuses$"
kl_contains "text before it" "$FX_DIR/u.txt" "^Wij hebben de container vandaag laten legen\.$"
kl_contains "text after it" "$FX_DIR/u.txt" "^Wij houden u op de hoogte\.$"
kl_absent "no #tekst line in the letter" "$FX_DIR/u.txt" "#tekst"
ol_events "$ref" reply > "$FX_DIR/ev.txt"
kl_contains "the event keeps what was sent" "$FX_DIR/ev.txt" "Het spijt ons"
sent=$(jan)

# Unknown, and a path: errors with the list; nothing sent.
for name in sorry ../../nl/ack; do
	send "#antwoord Zie hieronder.
#tekst $name"
	ol_body "$(ol_find cmd-error "$OL_ANNA" "$ref")" > "$FX_DIR/e.txt"
	kl_contains "$name: error lists the blocks" "$FX_DIR/e.txt" \
	    "^regel 1: #antwoord: er is geen tekstblok \"$(echo "$name" | sed 's/\./\\./g')\" in het Nederlands \(tekstblokken: excuses, schadeformulier\)$"
	kl_eq "$name: nothing to the complainant" "$(jan)" "$sent"
done

# Outside #antwoord/#sluit: a parse error.
send "#tekst excuses"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$ref")" > "$FX_DIR/e.txt"
kl_contains "alone: error" "$FX_DIR/e.txt" "^regel 1: #tekst staat in de tekst van #antwoord of #sluit"

# The case's language picks the block; #sluit takes one too.
send "#taal en"
send "#sluit gegrond The container was not emptied three times.
#snippet schadeformulier"
ol_body "$(ol_find outcome "$OL_JAN" "$ref")" > "$FX_DIR/o.txt"
kl_contains "outcome: English block" "$FX_DIR/o.txt" "^Do you want us to pay for the damage\? Then fill in the damage form\.$"
kl_absent "outcome: no Dutch block" "$FX_DIR/o.txt" "schadeformulier in"
kl_eq "closed" "$(ol_case "$ref" status)" closed
exit 0
