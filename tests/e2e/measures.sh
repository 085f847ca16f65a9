#!/bin/sh
# Improvement measures (issue 15), with time moved by libfaketime and
# every mail through the real SMTP sink.
#   - "#maatregel bob 2026-11-30 <text>" on case P makes M-2026-0001,
#     linked to P; bob is mailed (template measure) with his reply
#     address for P; mistakes (unknown owner, a past date, no text, an
#     unknown measure) change nothing;
#   - "#maatregel M-2026-0001" on case Q links Q to it;
#   - bob is reminded once, from measures.remind_before (7 days) before
#     the date; the coordinator (escalation.unassigned) is told once, on
#     the day after the date; running the scan again sends nothing;
#   - bob answers the measure mail with "#gereed M-2026-0001 <text>":
#     the measure is done, and with measures.tell_complainants the
#     complainants of P and Q get the letter measure-done with the text;
#     a second #gereed is refused; the scan sends nothing more.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp

tl_setup 'escalation = { digest = "none";
  unassigned = ( { name = "Uma Coordinator"; email = "'"$TL_UMA"'"; } ); };
measures = { remind_before = "7d"; tell_complainants = true; };'

reminders() { ol_count measure-reminder "$OL_BOB"; }
late() { ol_count measure-late "$TL_UMA"; }
m_sql() { kl_sql "select $1 from measures where ref = 'M-2026-0001'"; }

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint p p@example.net "Klacht over de parkeervergunning")"
P=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#categorie parkeren
#toewijzen anna"
kl_eq "P: anna's" "$(ol_case "$P" assignee)" anna

# Mistakes: nothing is made, anna hears why.
for bad in "#maatregel zoe 2026-11-30 Sneller versturen|eigenaar \"zoe\" is geen functionaris" \
    "#maatregel bob 2026-11-01 Sneller versturen|de datum 2026-11-01 is al voorbij" \
    "#maatregel bob 2026-11-30|#maatregel vraagt de maatregel" \
    "#maatregel bob morgen Sneller|#maatregel verwacht een eigenaar" \
    "#maatregel M-2026-0042|maatregel M-2026-0042 bestaat niet" \
    "#gereed M-2026-0042 Klaar|maatregel M-2026-0042 bestaat niet"; do
	tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "${bad%%|*}"
	ol_body "$(ol_find cmd-error "$OL_ANNA" "$P")" > "$FX_DIR/err.txt"
	grep -qF -- "${bad#*|}" "$FX_DIR/err.txt" || fx_fail "error for ${bad%%|*}: no \"${bad#*|}\" in $(cat "$FX_DIR/err.txt")"
done
kl_eq "mistakes: no measure" "$(kl_sql "select count(*) from measures")" 0
kl_eq "mistakes: bob got nothing" "$(ol_count measure "$OL_BOB")" 0

# The measure, owned by bob.
tl_at "2026-11-03 10:00:00"
tl_send "$(ol_find confirm "$OL_ANNA" "$P")" "$OL_ANNA" "Anna de Vries" "#maatregel bob 2026-11-30 Parkeervergunningen binnen een week versturen"
kl_eq "measure: recorded" "$(m_sql "owner || '|' || due || '|' || status || '|' || text || '|' || created_by")" \
    "bob|2026-11-30|open|Parkeervergunningen binnen een week versturen|anna"
kl_eq "measure: linked to P" "$(kl_sql "select c.ref from measure_cases mc join cases c on c.id = mc.case_id")" "$P"
ol_body "$(ol_find confirm "$OL_ANNA" "$P")" > "$FX_DIR/made.txt"
kl_contains "measure: confirmed" "$FX_DIR/made.txt" "maatregel M-2026-0001 gemaakt: eigenaar Bob Jansen, uiterlijk 30 november 2026"
kl_eq "measure: bob mailed once" "$(ol_count measure "$OL_BOB")" 1
mm=$(ol_find measure "$OL_BOB" "$P")
lc=$(echo "$P" | tr 'A-Z' 'a-z')
kl_contains "measure mail: subject" "$mm" "^Subject: Verbetermaatregel M-2026-0001 voor u, uiterlijk op 30 november 2026"
kl_contains "measure mail: bob's reply address for P" "$mm" "^Reply-To: klachten\+$lc\.bob\.[0-9a-f]"
ol_body "$mm" > "$FX_DIR/mm.txt"
kl_contains "measure mail: the text" "$FX_DIR/mm.txt" "Parkeervergunningen binnen een week versturen"
kl_contains "measure mail: how to close" "$FX_DIR/mm.txt" "#gereed M-2026-0001"
kl_eq "measure: event on P" "$(ol_events "$P" measure)" "anna|measure|M-2026-0001 made: owner bob, due 2026-11-30"

# A second case is linked to it.
tl_at "2026-11-04 10:00:00"
ol_new_case "$(tl_complaint q q@example.net "Weer te laat een vergunning")"
Q=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$Q")" "$OL_ANNA" "Anna de Vries" "#maatregel M-2026-0001"
kl_eq "Q linked" "$(kl_sql "select count(*) from measure_cases")" 2
ol_body "$(ol_find confirm "$OL_ANNA" "$Q")" > "$FX_DIR/link.txt"
kl_contains "Q: confirmed" "$FX_DIR/link.txt" "gekoppeld aan maatregel M-2026-0001"
kl_eq "Q: no second measure mail" "$(ol_count measure "$OL_BOB")" 1

# The reminder: from 23 November 00:00 (7 days before the date), once.
tl_at "2026-11-22 23:59:59"; ol_run
kl_eq "no reminder yet" "$(reminders)" 0
tl_at "2026-11-23 00:00:00"; ol_run
kl_eq "reminder: sent" "$(reminders)" 1
rm_=$(ol_find measure-reminder "$OL_BOB" "$P")
kl_contains "reminder: subject" "$rm_" "^Subject: Herinnering: verbetermaatregel M-2026-0001 moet uiterlijk op 30"
kl_contains "reminder: bob's reply address" "$rm_" "^Reply-To: klachten\+$lc\.bob\."
kl_eq "reminder: recorded" "$(m_sql "datetime(reminded_at, 'unixepoch', 'localtime')")" "2026-11-23 00:00:00"
tl_at "2026-11-25 10:00:00"; ol_run
kl_eq "reminder: once" "$(reminders)" 1
kl_eq "nobody told yet" "$(late)" 0

# The escalation: the day after the date, once.
tl_at "2026-11-30 23:59:59"; ol_run
kl_eq "the due day itself: not late" "$(late)" 0
tl_at "2026-12-01 00:00:00"; ol_run
kl_eq "late: coordinator told" "$(late)" 1
ol_body "$(ol_find measure-late "$TL_UMA")" > "$FX_DIR/late.txt"
kl_contains "late: what" "$FX_DIR/late.txt" "^Eigenaar: +Bob Jansen"
kl_contains "late: the measure" "$FX_DIR/late.txt" "Parkeervergunningen binnen een week versturen"
tl_at "2026-12-02 10:00:00"; ol_run
kl_eq "late: once" "$(late)|$(reminders)" "1|1"
kl_eq "late: events on both cases" "$(kl_sql "select count(*) from events where kind = 'measure' and detail = 'M-2026-0001 late: escalated'")" 2

# The year's report: made in 2026, open and late at its end.
kl_ctl report --year 2026 --format json > "$FX_DIR/r1.json" || fx_fail "report json"
kl_eq "report: open and late" "$(kl_json 'j["measures"]' < "$FX_DIR/r1.json")" "{'open': 1, 'done': 0, 'late': 1}"

# bob answers the measure mail: done, and the complainants hear it.
tl_at "2026-12-03 10:00:00"
tl_send "$mm" "$OL_BOB" "Bob Jansen" "#gereed M-2026-0001 Vergunningen gaan nu binnen vijf werkdagen de deur uit."
kl_eq "done: recorded" "$(m_sql "status || '|' || done_by || '|' || done_text")" \
    "done|bob|Vergunningen gaan nu binnen vijf werkdagen de deur uit."
ol_body "$(ol_find confirm "$OL_BOB" "$P")" > "$FX_DIR/done.txt"
kl_contains "done: confirmed" "$FX_DIR/done.txt" "maatregel M-2026-0001 is gereed \(2 klacht\(en\) gekoppeld\)"
kl_contains "done: complainants told" "$FX_DIR/done.txt" "2 klager\(s\) hebben gehoord wat er is verbeterd"
for who in p@example.net q@example.net; do
	kl_eq "letter to $who" "$(ol_count measure-done "$who")" 1
	ol_body "$(ol_find measure-done "$who")" > "$FX_DIR/letter.txt"
	kl_contains "letter to $who: the text" "$FX_DIR/letter.txt" "Vergunningen gaan nu binnen vijf werkdagen de deur uit\."
	kl_contains "letter to $who: plain words" "$FX_DIR/letter.txt" "Van uw klacht hebben wij geleerd"
done
kl_eq "done: events on both cases" "$(kl_sql "select count(*) from events where kind = 'measure' and actor = 'bob' and detail like 'M-2026-0001 done: %'")" 2

kl_ctl report --year 2026 --format json > "$FX_DIR/r2.json" || fx_fail "report json"
kl_eq "report: done" "$(kl_json 'j["measures"]' < "$FX_DIR/r2.json")" "{'open': 0, 'done': 1, 'late': 0}"
kl_ctl report --year 2026 --format csv > "$FX_DIR/r2.csv" || fx_fail "report csv"
kl_contains "report csv: done" "$FX_DIR/r2.csv" "^measures_done,,,,1"
kl_ctl report --year 2026 > "$FX_DIR/r2.txt" || fx_fail "report text"
kl_contains "report text: done" "$FX_DIR/r2.txt" "verbetermaatregelen: gereed 1, open 0 \(te laat 0\)"
kl_ctl report --year 2025 --format json > "$FX_DIR/r0.json" || fx_fail "report json"
kl_eq "report: none in 2025" "$(kl_json 'j["measures"]' < "$FX_DIR/r0.json")" "{'open': 0, 'done': 0, 'late': 0}"

# Twice: refused, nothing sent again.
tl_send "$mm" "$OL_BOB" "Bob Jansen" "#done M-2026-0001 Again"
ol_body "$(ol_find cmd-error "$OL_BOB" "$P")" > "$FX_DIR/again.txt"
kl_contains "again: refused" "$FX_DIR/again.txt" "maatregel M-2026-0001 was al gereed, op 3 december 2026"
kl_eq "again: no second letter" "$(ol_count measure-done p@example.net)" 1
tl_at "2027-01-10 10:00:00"; ol_run
kl_eq "after done: the scan sends nothing" "$(late)|$(reminders)" "1|1"
kl_eq "no duplicate deliveries" "$(fx_smtp_dupes)" ""
echo "PASS: measures made, linked, reminded and escalated once each, closed by the owner with letters to the complainants"
