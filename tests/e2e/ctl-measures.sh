#!/bin/sh
# Issue 15: klachtctl measures [--open|--late|--done] [--json] and
# klachtctl measure M-YYYY-NNNN, over measures made, linked, escalated
# and closed through real mail (time moved by libfaketime):
#   - the list gives ref, owner, due, status (late: open past its day),
#     the linked cases and their departments and causes, in text and
#     JSON, and each filter selects the right ones;
#   - one measure shows its text, what was done and its history (made,
#     linked, escalated, done) with the cases each step was recorded on;
#   - an unknown or malformed reference is refused (exit 66 / 64).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp

tl_setup 'escalation = { digest = "none";
  unassigned = ( { name = "Uma Coordinator"; email = "'"$TL_UMA"'"; } ); };
departments = ( { id = "burgerzaken"; name = "Burgerzaken"; },
  { id = "wonen"; name = "Wonen en bouwen"; } );'
ctl_at() { FAKETIME="$(cat "$FX_DIR/now")" LD_PRELOAD="$TL_FAKETIME" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" kl_ctl "$@"; }

tl_at "2026-11-02 10:00:00"
ol_new_case "$(tl_complaint p p@example.net "Klacht over de parkeervergunning")"
P=$OL_REF
NP=$(ol_find notify "$OL_ANNA" "$P")
tl_send "$NP" "$OL_ANNA" "Anna de Vries" "#categorie parkeren
#afdeling burgerzaken
#oorzaak proces
#maatregel bob 2026-11-30 Parkeervergunningen binnen een week versturen"
ol_new_case "$(tl_complaint q q@example.net "Weer te laat")"
Q=$OL_REF
tl_send "$(ol_find notify "$OL_ANNA" "$Q")" "$OL_ANNA" "Anna de Vries" "#afdeling wonen
#oorzaak communicatie
#maatregel M-2026-0001
#maatregel carla 2027-03-01 Brieven in B1 herschrijven"
kl_eq "two measures" "$(kl_sql "select count(*) from measures")" 2

# 3 December: M-2026-0001 is late (escalated), M-2026-0002 open.
tl_at "2026-12-03 10:00:00"; ol_run
kl_eq "escalated" "$(ol_count measure-late "$TL_UMA")" 1
ctl_at measures > "$FX_DIR/all.txt" || fx_fail "measures"
kl_contains "text: header" "$FX_DIR/all.txt" "^REF +OWNER +DUE +STATUS +DEPARTMENTS +CAUSES +CASES"
kl_contains "text: the late one" "$FX_DIR/all.txt" "^M-2026-0001 +bob +2026-11-30 +late +burgerzaken wonen +communicatie proces +$P $Q\$"
kl_contains "text: the open one" "$FX_DIR/all.txt" "^M-2026-0002 +carla +2027-03-01 +open +wonen +communicatie +$Q\$"
ctl_at --json measures > "$FX_DIR/all.json" || fx_fail "measures --json"
kl_eq "json: the late one" "$(kl_json 'j[0]' < "$FX_DIR/all.json")" \
    "{'ref': 'M-2026-0001', 'owner': 'bob', 'due': '2026-11-30', 'status': 'late', 'text': 'Parkeervergunningen binnen een week versturen', 'cases': ['$P', '$Q'], 'departments': ['burgerzaken', 'wonen'], 'causes': ['communicatie', 'proces']}"
kl_eq "json: two" "$(kl_json 'len(j)' < "$FX_DIR/all.json")" 2
kl_eq "--late" "$(ctl_at --json measures --late | kl_json '[m["ref"] for m in j]')" "['M-2026-0001']"
kl_eq "--open: late ones are open too" "$(ctl_at --json measures --open | kl_json '[m["ref"] for m in j]')" "['M-2026-0001', 'M-2026-0002']"
kl_eq "--done: none yet" "$(ctl_at --json measures --done)" "[]"

# bob closes it.
tl_at "2026-12-04 10:00:00"
tl_send "$(ol_find measure "$OL_BOB" "$P")" "$OL_BOB" "Bob Jansen" "#gereed M-2026-0001 Vergunningen gaan nu binnen vijf werkdagen de deur uit."
kl_eq "--done" "$(ctl_at --json measures --done | kl_json '[(m["ref"], m["status"]) for m in j]')" "[('M-2026-0001', 'done')]"
kl_eq "--late: none now" "$(ctl_at --json measures --late)" "[]"

ctl_at measure m-2026-0001 > "$FX_DIR/one.txt" || fx_fail "measure"
kl_contains "show: status" "$FX_DIR/one.txt" "^Status: +done\$"
kl_contains "show: owner" "$FX_DIR/one.txt" "^Owner: +bob\$"
kl_contains "show: text" "$FX_DIR/one.txt" "^Text: +Parkeervergunningen binnen een week versturen\$"
kl_contains "show: done" "$FX_DIR/one.txt" "^Done: +2026-12-04T10:00:00.* by bob: Vergunningen gaan nu binnen vijf werkdagen"
kl_contains "history: made" "$FX_DIR/one.txt" "^  2026-11-02T10:00:00.* anna +M-2026-0001 made: owner bob, due 2026-11-30  \[$P\]\$"
kl_contains "history: linked" "$FX_DIR/one.txt" "^  2026-11-02T10:00:00.* anna +M-2026-0001 linked  \[$Q\]\$"
kl_contains "history: escalated" "$FX_DIR/one.txt" "^  2026-12-03T10:00:00.* system +M-2026-0001 late: escalated  \[$P $Q\]\$"
kl_contains "history: done" "$FX_DIR/one.txt" "^  2026-12-04T10:00:00.* bob +M-2026-0001 done: Vergunningen"
kl_eq "json: history steps" "$(ctl_at --json measure M-2026-0001 | kl_json '[(h["actor"], h["what"].split(":")[0], h["cases"]) for h in j["history"]]')" \
    "[('anna', 'M-2026-0001 made', ['$P']), ('anna', 'M-2026-0001 linked', ['$Q']), ('system', 'M-2026-0001 late', ['$P', '$Q']), ('bob', 'M-2026-0001 done', ['$P', '$Q'])]"
kl_eq "json: done fields" "$(ctl_at --json measure M-2026-0001 | kl_json '(j["status"], j["done_by"], j["created_by"])')" "('done', 'bob', 'anna')"

ctl_at measure M-2026-0042 > /dev/null 2>&1; rc=$?
kl_eq "unknown: 66" "$rc" 66
ctl_at measure 'M-2026-%' > /dev/null 2>&1; rc=$?
kl_eq "malformed: 64" "$rc" 64
echo "PASS: klachtctl measures lists and filters measures with their cases, departments and causes; measure shows one with its history"
