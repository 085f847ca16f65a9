#!/bin/sh
# #zoek / #search (issue 13): SQLite FTS5 over reference, complainant
# name and address, subject and the text of every message.  Finds by
# name, by address and by a word of the text (also of a later reply);
# never a confidential case of a category the officer is not named for;
# FTS5 syntax in the words (", *, NEAR(, OR, -) is plain text, never an
# error or a wider search; newest first, 20 listed and the rest counted,
# each with the line to open it with #dossier; the answer has the
# officer's personal Reply-To.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
ol_setup 'escalation = { digest = "none"; unassigned_after = 0; };'

# case N FROM NAME SUBJECT BODY: a complaint; sets REF.
case_from() {
	cat > "$FX_DIR/c-$1.eml" <<EOM
From: $3 <$2>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: $4
Message-ID: <c-$1.$$@example.net>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$5
EOM
	ol_new_case "$FX_DIR/c-$1.eml"
	REF=$OL_REF
}
case_from 1 jan.deboer@example.net "Jan de Boer" "Lamp kapot" \
    "De lantaarnpaal in de Dorpsstraat brandt al weken niet."
A=$REF
case_from 2 piet.pieterse@example.org "Piet Pieterse" "Parkeerboete" \
    "Ik kreeg een boete terwijl ik een vergunning heb."
B=$REF
case_from 3 marie@example.org "Marie Geheim" "Melding" \
    "De lantaarnpaal is niet het punt: een medewerker intimideerde mij."
C=$REF
# Categories: A afval (bob's), B parkeren, C gedrag (confidential).
sql_w() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY' || fx_fail "sql_w $1"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.executescript(sys.argv[2])
c.commit()
PY
}
sql_w "update cases set category = 'afval' where ref = '$A';
    update cases set category = 'parkeren' where ref = '$B';
    update cases set category = 'gedrag' where ref = '$C'"
# The complainant of B writes again: the reply's text is found too.
cat > "$FX_DIR/reply-b.eml" <<EOM
From: Piet Pieterse <piet.pieterse@example.org>
To: klachten@testdorp.example
Subject: Re: [$B] Parkeerboete
Message-ID: <r-b.$$@example.org>
Date: Tue, 03 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Ik stuur ook een foto van de glasbak waar ik stond.
EOM
ol_deliver "$FX_DIR/reply-b.eml"

NOTIF=$(ol_find notify "$OL_BOB" "$A")
# search WHO NAME WORDS: WHO replies "#zoek WORDS" to NOTIF; the answer
# goes to $FX_DIR/answer.txt and its refs, in order, to $FX_DIR/found.
search() {
	tl_send "$NOTIF" "$1" "$2" "#zoek $3"
	S=$(ol_find search "$1")
	kl_eq "search answers the mail ($3)" "$(ol_header "$S" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$S" > "$FX_DIR/answer.txt"
	sed -n 's/^- \(KL-[0-9-]*\), .*/\1/p' "$FX_DIR/answer.txt" | tr '\n' ' ' > "$FX_DIR/found"
}
found() { cat "$FX_DIR/found"; }

search "$OL_BOB" "Bob Jansen" "Boer"
kl_eq "by name" "$(found)" "$A "
kl_contains "the line: ref, received, due, status, complainant, subject" "$FX_DIR/answer.txt" \
    "^- $A, ontvangen [0-9]+ [a-z]+ 20[0-9]{2}, uiterlijk [0-9]+ [a-z]+ 20[0-9]{2}, ontvangen, Jan de Boer: \"Lamp kapot\"$"
kl_contains "how to open it" "$FX_DIR/answer.txt" "^  Antwoord met #dossier $A om het dossier te openen$"
kl_contains "the words said back" "$FX_DIR/answer.txt" "^U zocht op: Boer$"
kl_contains "subject" "$S" "^Subject: Zoekresultaat: Boer"
rt=$(ol_header "$S" Reply-To)
case "$rt" in
klachten+-.bob.*@testdorp.example) ;;
*) fx_fail "personal Reply-To: got '$rt'" ;;
esac
conf=$(ol_find confirm "$OL_BOB" "$A")
ol_body "$conf" > "$FX_DIR/conf.txt"
kl_contains "confirmation" "$FX_DIR/conf.txt" "^- zoeken: 1 gevonden, u apart toegestuurd$"

search "$OL_BOB" "Bob Jansen" "piet.pieterse@example.org"
kl_eq "by address" "$(found)" "$B "
search "$OL_BOB" "Bob Jansen" "glasbak"
kl_eq "by a word of a later reply" "$(found)" "$B "
search "$OL_BOB" "Bob Jansen" "vergunning"
kl_eq "by a word of the complaint" "$(found)" "$B "
search "$OL_BOB" "Bob Jansen" "$A"
kl_eq "by reference" "$(found)" "$A "
# The confidential gedrag case holds "lantaarnpaal" too: not for bob.
search "$OL_BOB" "Bob Jansen" "lantaarnpaal"
kl_eq "bob: never gedrag's confidential case" "$(found)" "$A "
kl_absent "bob: not even its number" "$FX_DIR/answer.txt" "$C"
search "$OL_BOB" "Bob Jansen" "intimideerde"
kl_eq "bob: its own words find nothing" "$(found)" ""
kl_contains "bob: zero said" "$FX_DIR/answer.txt" "^Gevonden: 0, de nieuwste eerst\.$"
# Carla is named for gedrag.
NOTIF=$(ol_find notify "$OL_CARLA" "$A")
search "$OL_CARLA" "Carla Smit" "lantaarnpaal"
kl_eq "carla: both, newest first" "$(found)" "$C $A "
NOTIF=$(ol_find notify "$OL_BOB" "$A")

# FTS5 syntax is text: no error, nothing wider than the words.
search "$OL_BOB" "Bob Jansen" 'Boer" OR "Pieterse'
kl_eq "quote and OR: both words must occur" "$(found)" ""
search "$OL_BOB" "Bob Jansen" "Boer OR Pieterse"
kl_eq "OR is a word" "$(found)" ""
search "$OL_BOB" "Bob Jansen" "lantaarn*"
kl_eq "* is no prefix search" "$(found)" ""
search "$OL_BOB" "Bob Jansen" "NEAR(Boer"
kl_eq "NEAR( is text" "$(found)" ""
search "$OL_BOB" "Bob Jansen" "-Boer"
kl_eq "- is no NOT" "$(found)" "$A "
search "$OL_BOB" "Bob Jansen" "name:Boer"
kl_eq "no column filter" "$(found)" ""
search "$OL_BOB" "Bob Jansen" "{Boer} : (Jan)"
kl_eq "braces and colon" "$(found)" "$A "
kl_eq "no search failed" "$(kl_sql "select count(*) from outbox where kind = 'cmd-error'")" 0
# Only punctuation: an error naming the line, nothing searched.
tl_send "$NOTIF" "$OL_BOB" "Bob Jansen" '#zoek * " -'
ol_body "$(ol_find cmd-error "$OL_BOB" "$A")" > "$FX_DIR/err.txt"
kl_contains "nothing to search for" "$FX_DIR/err.txt" "^regel 1: #zoek: geef minstens één woord met een letter of cijfer om op te zoeken$"

# Many matches: newest first, 20 listed, the rest counted.
for i in $(seq 1 22); do
	cat > "$FX_DIR/m-$i.eml" <<EOM
From: Buurman $i <buur$i@example.net>
To: klachten@testdorp.example
Subject: Stoeptegel $i
Message-ID: <m-$i.$$@example.net>
Date: Mon, 02 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Een losse stoeptegel, nummer $i.
EOM
	kl_deliver "$FX_DIR/m-$i.eml"
	kl_eq "deliver m-$i" "$KL_RC" 0
done
ol_run
sql_w "update cases set received_at = received_at + id where subject like 'Stoeptegel%'"
search "$OL_BOB" "Bob Jansen" "stoeptegel"
want=$(kl_sql "select ref from cases where subject like 'Stoeptegel%' order by received_at desc, id desc limit 20" | tr '\n' ' ')
kl_eq "20 listed, newest first" "$(found)" "$want"
kl_contains "counted" "$FX_DIR/answer.txt" "^Gevonden: 22, de nieuwste eerst\.$"
kl_contains "the rest said" "$FX_DIR/answer.txt" "^Er zijn nog 2 klachten gevonden die hier niet staan\. Zoek$"
echo "PASS: #zoek finds by name, address, reference and text; confidential and FTS5 syntax safe; capped"
