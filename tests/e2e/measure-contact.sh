#!/bin/sh
# Improvement measures owned by a named contact (issue 15,
# measures.owners), with time moved by libfaketime and every mail through
# the real SMTP sink.
#   - "#maatregel facilitair <date> <text>" makes a measure owned by the
#     contact; the contact gets measure-contact (no case content) with
#     the Reply-To klachten+<token over the measure and the contact>;
#   - the contact is reminded once before the date and the coordinator
#     told once after it;
#   - refused, nothing changes, logged: a forged token; the right token
#     from another From (never answered); the contact's token used for
#     #close on the linked case, or for another measure;
#   - the contact's "#gereed <text>" closes the measure as an officer's
#     would (events, the complainant's letter) and is confirmed; a second
#     is refused; the scan sends nothing more;
#   - an owner id that is also an officer's is a configuration error.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp

FAC=facilitair@gemeente.example
tl_setup 'escalation = { digest = "none";
  unassigned = ( { name = "Uma Coordinator"; email = "'"$TL_UMA"'"; } ); };
measures = { remind_before = "7d"; tell_complainants = true;
  owners = ( { id = "facilitair"; name = "Team Facilitair"; email = "'"$FAC"'"; } ); };'

m_sql() { kl_sql "select $2 from measures where ref = '$1'"; }
answers() { ol_count measure-contact-answer "$1"; }
ncases() { kl_sql "select count(*) from cases"; }
# c_send MAIL FROM BODY [NAME=VALUE...]: a reply to MAIL from FROM.
c_send() {
	c__m=$1 c__f=$2 c__b=$3
	shift 3
	printf '%s\n' "$c__b" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$c__m" "$c__f" "Team Facilitair" "BODY=@file:$FX_DIR/body.txt" "$@"
	ol_deliver "$OL_REPLY"
}

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint p p@example.net "Klacht over de balie")"
P=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#categorie parkeren
#toewijzen anna"

tl_at "2026-11-03 10:00:00"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#maatregel facilitair 2026-11-30 Bordjes bij de balie vervangen
#maatregel facilitair 2027-06-30 Wachtruimte opnieuw inrichten"
kl_eq "made: two measures owned by the contact" "$(kl_sql "select group_concat(ref || '|' || owner || '|' || due, ' ') from measures")" \
    "M-2026-0001|facilitair|2026-11-30 M-2026-0002|facilitair|2027-06-30"
ol_body "$(ol_find confirm "$OL_ANNA" "$P")" > "$FX_DIR/made.txt"
kl_contains "made: confirmed" "$FX_DIR/made.txt" "maatregel M-2026-0001 gemaakt: eigenaar Team Facilitair, uiterlijk 30 november 2026"
kl_eq "made: the contact mailed, once a measure" "$(ol_count measure-contact "$FAC")" 2
mm=$(fx_smtp_messages | while read -r f; do grep -q "M-2026-0001\]" "$f" && grep -q "^Message-Id: <[^.]*\.measure-contact\." "$f" && echo "$f"; done | head -1)
[ -n "$mm" ] || fx_fail "no measure-contact mail for M-2026-0001"
kl_contains "mail: subject" "$mm" "^Subject: \[M-2026-0001\] Verbetermaatregel voor u, uiterlijk op 30 november 2026"
rt=$(ol_header "$mm" Reply-To)
echo "$rt" | grep -Eq '^klachten\+m-2026-0001\.facilitair\.[0-9a-f]{20}@testdorp\.example$' || fx_fail "mail: the contact's reply address for the measure: $rt"
ol_body "$mm" > "$FX_DIR/mm.txt"
kl_contains "mail: the text" "$FX_DIR/mm.txt" "Bordjes bij de balie vervangen"
kl_contains "mail: how to answer" "$FX_DIR/mm.txt" "^   #gereed De bordjes"
grep -q "$P" "$mm" "$FX_DIR/mm.txt" && fx_fail "the contact's mail names the case $P"
grep -qi "^X-Klachtd-Case" "$mm" && fx_fail "the contact's mail is about a case"
tok=$(echo "$rt" | sed 's/^klachten+\([^@]*\)@.*/\1/')

# Reminded once, from 7 days before the date; escalated once after it.
tl_at "2026-11-22 23:59:59"; ol_run
kl_eq "no reminder yet" "$(ol_count measure-contact-reminder "$FAC")" 0
tl_at "2026-11-23 00:00:00"; ol_run
kl_eq "reminder: sent" "$(ol_count measure-contact-reminder "$FAC")" 1
rm_=$(ol_find measure-contact-reminder "$FAC")
kl_contains "reminder: the measure" "$rm_" "^Subject: \[M-2026-0001\] Herinnering"
ol_header "$rm_" Reply-To | grep -q '^klachten+m-2026-0001\.facilitair\.' || fx_fail "reminder: the reply address"
tl_at "2026-11-30 23:59:59"; ol_run
kl_eq "due day: reminder once, nobody told" "$(ol_count measure-contact-reminder "$FAC")|$(ol_count measure-late "$TL_UMA")" "1|0"
tl_at "2026-12-01 00:00:00"; ol_run
kl_eq "late: the coordinator told" "$(ol_count measure-late "$TL_UMA")" 1
ol_body "$(ol_find measure-late "$TL_UMA")" > "$FX_DIR/late.txt"
kl_contains "late: the owner" "$FX_DIR/late.txt" "^Eigenaar: +Team Facilitair"
tl_at "2026-12-01 10:00:00"; ol_run
kl_eq "late: once" "$(ol_count measure-late "$TL_UMA")" 1

# Refused: a forged token (the MAC of another measure's pair).
tl_at "2026-12-02 10:00:00"
before=$(ncases)
forged=$(echo "$tok" | sed 's/^m-2026-0001\./m-2026-0002./')
c_send "$mm" "$FAC" "#gereed Klaar" "TO=klachten+$forged@testdorp.example"
kl_eq "forged: still open" "$(m_sql M-2026-0001 status)|$(m_sql M-2026-0002 status)" "open|open"
kl_eq "forged: no case opened" "$(ncases)" "$before"
kl_contains "forged: logged" "$FX_DIR/klachtd.log" "measure reply from $FAC refused: token does not match"
ol_body "$(ol_find measure-contact-answer "$FAC")" > "$FX_DIR/a1.txt"
kl_contains "forged: the contact told" "$FX_DIR/a1.txt" "het antwoordnummer is niet echt"

# Refused: the right token from another From -- and never answered.
c_send "$mm" mallory@example.net "#gereed Klaar"
kl_eq "other From: still open" "$(m_sql M-2026-0001 status)" open
kl_eq "other From: no case opened" "$(ncases)" "$before"
kl_eq "other From: not answered" "$(answers mallory@example.net)|$(fx_smtp_messages | xargs grep -l "X-Sink-Rcpt-To: <mallory@example.net>" | wc -l)" "0|0"
kl_contains "other From: logged" "$FX_DIR/klachtd.log" "measure=M-2026-0001 reply from mallory@example.net for owner facilitair refused"

# Refused: the contact's token for a command on the linked case.
status=$(ol_case "$P" status)
c_send "$mm" "$FAC" "#sluit gegrond Het klopt." "REF=$P"
kl_eq "case command: the case unchanged" "$(ol_case "$P" status)|$(m_sql M-2026-0001 status)" "$status|open"
ol_body "$(ol_find measure-contact-answer "$FAC")" > "$FX_DIR/a2.txt"
kl_contains "case command: told" "$FX_DIR/a2.txt" "Er is niets gedaan: met het adres van maatregel M-2026-0001 kunt u alleen die maatregel gereed melden"
kl_contains "case command: logged" "$FX_DIR/klachtd.log" "measure=M-2026-0001 reply from owner facilitair ran nothing"

# Refused: the contact's token for another measure (its own, even).
c_send "$mm" "$FAC" "#gereed M-2026-0002 Ook klaar"
kl_eq "other measure: both open" "$(m_sql M-2026-0001 status)|$(m_sql M-2026-0002 status)" "open|open"
ol_body "$(ol_find measure-contact-answer "$FAC")" > "$FX_DIR/a3.txt"
kl_contains "other measure: told" "$FX_DIR/a3.txt" "dit adres is voor maatregel M-2026-0001, niet voor M-2026-0002"
kl_eq "refusals: no complainant letter" "$(ol_count measure-done p@example.net)" 0

# Done by the contact's reply.
tl_at "2026-12-03 10:00:00"
c_send "$mm" "$FAC" "#gereed De bordjes zijn vervangen."
kl_eq "done: recorded" "$(m_sql M-2026-0001 "status || '|' || done_by || '|' || done_text")" \
    "done|facilitair|De bordjes zijn vervangen."
kl_eq "done: the other measure still open" "$(m_sql M-2026-0002 status)" open
ol_body "$(ol_find measure-contact-answer "$FAC")" > "$FX_DIR/a4.txt"
kl_contains "done: confirmed" "$FX_DIR/a4.txt" "Dank u: maatregel M-2026-0001 staat nu als gereed geregistreerd"
kl_eq "done: event on P" "$(ol_events "$P" measure | tail -1)" "facilitair|measure|M-2026-0001 done: De bordjes zijn vervangen."
kl_eq "done: the complainant told" "$(ol_count measure-done p@example.net)" 1
ol_body "$(ol_find measure-done p@example.net)" > "$FX_DIR/letter.txt"
kl_contains "done: the letter" "$FX_DIR/letter.txt" "De bordjes zijn vervangen\."

# Twice: refused.
c_send "$mm" "$FAC" "#gereed Nog eens"
ol_body "$(ol_find measure-contact-answer "$FAC")" > "$FX_DIR/a5.txt"
kl_contains "again: refused" "$FX_DIR/a5.txt" "Maatregel M-2026-0001 was al gereed, op 3 december 2026"
kl_eq "again: no second letter" "$(ol_count measure-done p@example.net)" 1
tl_at "2027-01-10 10:00:00"; ol_run
kl_eq "after done: the scan sends nothing more" "$(ol_count measure-contact-reminder "$FAC")|$(ol_count measure-late "$TL_UMA")" "1|1"
kl_eq "no case was opened by the contact" "$(ncases)" "$before"
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""

# An expired token (auth.token_days, 180) is refused; the answer to the
# contact's own address carries a fresh one, which works.
tl_at "2027-06-01 10:00:00"
m2=$(fx_smtp_messages | while read -r f; do grep -q "M-2026-0002\]" "$f" && grep -q "^Message-Id: <[^.]*\.measure-contact\." "$f" && echo "$f"; done | head -1)
[ -n "$m2" ] || fx_fail "no measure-contact mail for M-2026-0002"
c_send "$m2" "$FAC" "#gereed Ingericht."
kl_eq "expired: still open" "$(m_sql M-2026-0002 status)" open
a6=$(ol_find measure-contact-answer "$FAC")
ol_body "$a6" > "$FX_DIR/a6.txt"
kl_contains "expired: told" "$FX_DIR/a6.txt" "the reply token has expired"
ol_header "$a6" Reply-To | grep -q '^klachten+m-2026-0002\.facilitair\.' || fx_fail "expired: no fresh reply address"
c_send "$a6" "$FAC" "#gereed Ingericht."
kl_eq "expired: done with the fresh token" "$(m_sql M-2026-0002 "status || '|' || done_by")" "done|facilitair"

# An owner id that is an officer's is a configuration error.
sed 's/id = "facilitair"/id = "bob"/' "$KL_CONF" > "$FX_DIR/clash.conf"
rc=0; "$TL_REAL_KLACHTD" -c "$FX_DIR/clash.conf" -n > "$FX_DIR/clash.txt" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fx_fail "clash: accepted"
kl_contains "clash: explained" "$FX_DIR/clash.txt" "clash.conf:[0-9]+: measures.owners: \"bob\" is also an officer id"
# So is the case prefix "M" beside named owners: a case token would look
# like a measure token.
sed 's/address = "klachten@testdorp.example";/address = "klachten@testdorp.example"; reference_prefix = "M";/' "$KL_CONF" > "$FX_DIR/prefix.conf"
grep -q 'reference_prefix = "M"' "$FX_DIR/prefix.conf" || fx_fail "test setup: no prefix in prefix.conf"
rc=0; "$TL_REAL_KLACHTD" -c "$FX_DIR/prefix.conf" -n > "$FX_DIR/prefix.txt" 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fx_fail "prefix M beside owners: accepted"
kl_contains "prefix M: explained" "$FX_DIR/prefix.txt" 'reference_prefix "M" cannot be told from a measure'
echo "PASS: a measure owned by a named contact: mailed with its token, reminded, escalated, forged and out-of-scope replies refused, closed by the contact's #gereed"
