#!/bin/sh
# Informal resolution (issue 15, Awb 9:5), through real mail, the SMTP
# sink and libfaketime (terms-lib.sh):
#   #opgelost  bob solved two complaints by phone: each complainant gets
#              the letter "resolved" with what was agreed (his greeting
#              and sign-off cut) and the last day to ask for formal
#              handling (terms.formal_request_window, 2 weeks); the cases
#              end as resolved, without judgement or decision date;
#   within     A's complainant replies on that last day: formal handling
#              (in progress, event formal-requested, the original date of
#              receipt and due date), bob is told;
#   after      B's complainant replies the day after: nothing reopens (a
#              reply after the end);
#   counted    the register and the report count the resolved case
#              apart, never as decided.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup 'escalation = { digest = "none"; unassigned_after = "0"; };'

# reply_as FROM REF FILE TEXT: the complainant answers the letter
# "resolved" of case REF.
reply_as() {
	rs__l=$(ol_find resolved "$1" "$2")
	cat > "$FX_DIR/$3.eml" <<EOM
From: Klager <$1>
To: Gemeente Testdorp <klachten@testdorp.example>
Subject: Re: $(ol_header "$rs__l" Subject)
Message-ID: <$3.$$@example.net>
In-Reply-To: $(ol_header "$rs__l" Message-ID)
References: $(ol_header "$rs__l" Message-ID)
Date: Wed, 16 Dec 2026 16:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

$4
EOM
	ol_deliver "$FX_DIR/$3.eml"
}

# Monday 30 November 10:00: three complaints about waste collection.
tl_at "2026-11-30 10:00:00"
ol_new_case "$(tl_complaint a a@example.net "Container niet geleegd")"
A=$OL_REF
ol_new_case "$(tl_complaint b b@example.net "Glasbak vol")"
B=$OL_REF
ol_new_case "$(tl_complaint c c@example.net "Vuilniswagen te vroeg")"
C=$OL_REF
year=$(ol_case "$A" "strftime('%Y', received_at, 'unixepoch', 'localtime')")
for r in "$A" "$B" "$C"; do
	tl_send "$(ol_find notify "$OL_ANNA" "$r")" "$OL_ANNA" "Anna de Vries" "#toewijzen bob
#categorie afval"
done
dates_a=$(kl_sql "select received_at, due_at from cases where ref = '$A'")

# Wednesday 2 December: bob phoned A and B and solved them; C he decides.
tl_at "2026-12-02 11:00:00"
tl_send "$(ol_find assigned "$OL_BOB" "$A")" "$OL_BOB" "Bob Jansen" "#opgelost Beste collega's,

Telefonisch besproken: de container wordt vrijdag 4 december
alsnog geleegd en de chauffeur krijgt een instructie.

Groet,
Bob"
kl_eq "A resolved" "$(ol_case "$A" status)" resolved
kl_eq "A: no judgement, no decision date" \
    "$(ol_case "$A" "coalesce(judgement, '') || '|' || coalesce(decided_at, 0)")" "|0"
kl_eq "A: ended then" "$(ol_case "$A" "datetime(closed_at, 'unixepoch', 'localtime')")" "2026-12-02 11:00:00"
kl_eq "A: event" "$(ol_events "$A" resolved | cut -d'|' -f1,2)" "bob|resolved"
kl_eq "one letter to A's complainant" "$(ol_count resolved a@example.net)" 1
kl_eq "no outcome letter" "$(kl_sql "select count(*) from outbox where kind = 'outcome'")" 0
letter=$(ol_find resolved a@example.net "$A")
kl_contains "letter: subject" "$letter" "^Subject: Uw klacht is opgelost \[$A\]"
ol_body "$letter" > "$FX_DIR/letter.txt"
kl_contains "letter: what was agreed" "$FX_DIR/letter.txt" "^Telefonisch besproken: de container wordt vrijdag 4 december$"
kl_contains "letter: all of it" "$FX_DIR/letter.txt" "^alsnog geleegd en de chauffeur krijgt een instructie\.$"
kl_absent "letter: bob's greeting cut" "$FX_DIR/letter.txt" "collega"
kl_absent "letter: bob's sign-off cut" "$FX_DIR/letter.txt" "^(Groet,|Bob)$"
kl_contains "letter: no judgement" "$FX_DIR/letter.txt" "^geen oordeel over uw klacht\.$"
kl_contains "letter: the last day" "$FX_DIR/letter.txt" "^Doe dat uiterlijk op 16 december 2026\. "
kl_contains "letter: receipt stays" "$FX_DIR/letter.txt" "De datum waarop wij uw klacht kregen blijft hetzelfde\.$"
ol_body "$(ol_find confirm "$OL_BOB" "$A")" > "$FX_DIR/conf.txt"
kl_contains "bob: confirmed" "$FX_DIR/conf.txt" "informeel opgelost, zonder oordeel; .* tot en met 16 december 2026"

tl_send "$(ol_find assigned "$OL_BOB" "$B")" "$OL_BOB" "Bob Jansen" "#opgelost De glasbak wordt voortaan twee keer per week geleegd."
kl_eq "B resolved" "$(ol_case "$B" status)" resolved
tl_send "$(ol_find assigned "$OL_BOB" "$C")" "$OL_BOB" "Bob Jansen" "#sluit ongegrond
De wagen reed volgens het rooster."
kl_eq "C closed" "$(ol_case "$C" status)" closed

# Nothing but a note, a link, a contact or help runs on a resolved case.
tl_send "$(ol_find confirm "$OL_BOB" "$B")" "$OL_BOB" "Bob Jansen" "#antwoord Nog iets."
ol_body "$(ol_find cmd-error "$OL_BOB" "$B")" > "$FX_DIR/err.txt"
kl_contains "refused on a resolved case" "$FX_DIR/err.txt" "de klacht is opgelost: die gaat alleen verder als de klager om formele behandeling vraagt"
kl_eq "B stays resolved" "$(ol_case "$B" status)" resolved

# The register and the report while both are resolved.
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg1.csv" || fx_fail "register failed"
kl_contains "register: A, resolved on 2 December" "$FX_DIR/reg1.csv" "^$A,2026-11-30,afval,,,,email,,,2026-12-02"
kl_contains "register: C decided" "$FX_DIR/reg1.csv" "^$C,2026-11-30,afval,ongegrond,2026-12-02,2,email,"
kl_ctl report --year "$year" --format json > "$FX_DIR/rep1.json" || fx_fail "report failed"
kl_eq "report: resolved apart, not decided" \
    "$(kl_json "(j['totals']['received'], j['totals']['decided'], j['totals']['open'], j['totals']['resolved_informally'], j['totals']['resolved_informally_pct'])" < "$FX_DIR/rep1.json")" \
    "(3, 1, 0, 2, 66.7)"

# Wednesday 16 December, the last day: A's complainant asks for formal
# handling.
tl_at "2026-12-16 16:00:00"
notif=$(ol_count notify-reply "$OL_BOB")
reply_as a@example.net "$A" formal-a "Ik ben het toch niet eens met de oplossing. Ik wil dat u mijn klacht formeel behandelt."
kl_eq "A in progress again" "$(ol_case "$A" status)" in_progress
kl_eq "A: the original receipt and due date" "$(kl_sql "select received_at, due_at from cases where ref = '$A'")" "$dates_a"
kl_eq "A: no longer ended" "$(ol_case "$A" "coalesce(closed_at, 0)")" 0
ol_events "$A" formal-requested > "$FX_DIR/ev.txt"
kl_contains "A: event" "$FX_DIR/ev.txt" "^system\|formal-requested\|the complainant asks for formal handling \(resolved informally on 2026-12-02\); received 2026-11-30, due 2027-01-11 stand$"
kl_eq "A: the reply is kept as a reply" "$(kl_sql "select kind, role from messages where message_id = 'formal-a.$$@example.net'")" "reply|complainant"
kl_eq "bob is told" "$(( $(ol_count notify-reply "$OL_BOB") - notif ))" 1
told=$(ol_find notify-reply "$OL_BOB" "$A")
kl_contains "bob: subject" "$told" "^Subject: .*vraagt formele behandeling \[$A\]"
ol_body "$told" > "$FX_DIR/told.txt"
kl_contains "bob: what it means" "$FX_DIR/told.txt" "^Let op: deze klacht was informeel opgelost\. De klager vraagt nu om een$"
# Bob may act on it again.
tl_send "$told" "$OL_BOB" "Bob Jansen" "#notitie formele behandeling gestart"
kl_eq "A: commands run again" "$(ol_events "$A" note | cut -d'|' -f1,2)" "bob|note"

# Thursday 17 December: B's complainant writes a day too late.
tl_at "2026-12-17 09:00:00"
reply_as b@example.net "$B" late-b "Toch nog een vraag over de glasbak."
kl_eq "B stays resolved" "$(ol_case "$B" status)" resolved
kl_eq "B: no formal request" "$(ol_events "$B" formal-requested)" ""
kl_eq "B: a reply after the end" "$(kl_sql "select kind from messages where message_id = 'late-b.$$@example.net'")" after-decision
kl_eq "B: still ended on 2 December" "$(ol_case "$B" "datetime(closed_at, 'unixepoch', 'localtime')")" "2026-12-02 11:00:00"

# The register and the report now: A open, B resolved, C decided.
kl_ctl report --register --year "$year" --format csv > "$FX_DIR/reg2.csv" || fx_fail "register failed"
kl_contains "register: A open again" "$FX_DIR/reg2.csv" "^$A,2026-11-30,afval,,,,email,,,.$"
kl_contains "register: B resolved" "$FX_DIR/reg2.csv" "^$B,2026-11-30,afval,,,,email,,,2026-12-02"
kl_ctl report --year "$year" --format json > "$FX_DIR/rep2.json" || fx_fail "report failed"
kl_eq "report: A open, B resolved, C decided" \
    "$(kl_json "(j['totals']['received'], j['totals']['decided'], j['totals']['open'], j['totals']['resolved_informally'], j['totals']['resolved_informally_pct'])" < "$FX_DIR/rep2.json")" \
    "(3, 1, 1, 1, 50.0)"
kl_ctl report --year "$year" --format csv > "$FX_DIR/rep2.csv" || fx_fail "report failed"
kl_contains "report csv" "$FX_DIR/rep2.csv" "^resolved_informally,,,,1"
kl_ctl report --year "$year" > "$FX_DIR/rep2.txt" || fx_fail "report failed"
kl_contains "report text" "$FX_DIR/rep2.txt" "informeel opgelost \(zonder oordeel, niet als afgehandeld geteld\): 1; deel van de beëindigde klachten: 50,0%"
kl_ctl report --register --year "$year" > "$FX_DIR/reg2.txt" || fx_fail "register failed"
kl_contains "register text" "$FX_DIR/reg2.txt" "^3 klachten, waarvan 1 informeel opgelost \(zonder oordeel\)$"
exit 0
