#!/bin/sh
# Classification for learning (issue 15) through real mail: an officer's
# #afdeling, #oorzaak and #label set the case's department, cause and
# labels (with events); an unknown department or cause is refused naming
# the configured ones and changes nothing; a label twice is stored once.
# klachtctl show (text and --json) and the #dossier list them; the
# report (text, CSV, JSON) counts the case per department, cause and
# label, and the register has the department and cause columns.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup 'departments = (
  { id = "burgerzaken"; name = "Burgerzaken"; },
  { id = "wonen"; name = "Wonen en bouwen"; }
);'

ol_new_case "$KL_DATA/samples/01-afval.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
year=$(kl_sql "select strftime('%Y', received_at, 'unixepoch', 'localtime') from cases where ref = '$ref'")

# send TEXT: anna replies to her notification with TEXT above the quote;
# the answer (KIND confirm or cmd-error) goes to $FX_DIR/answer.txt.
send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
	ol__a=$(ol_find "$2" "$OL_ANNA" "$ref")
	kl_eq "the $2 answers the last mail" "$(ol_header "$ol__a" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$ol__a" > "$FX_DIR/answer.txt"
}
class() {
	kl_sql "select coalesce(department, '-') || ' ' || coalesce(cause, '-') || ' ' || coalesce((select group_concat(label, ',') from (select label from case_labels l where l.case_id = c.id order by label)), '-') from cases c where ref = '$ref'"
}

kl_eq "nothing classified yet" "$(class)" "- - -"

# Unknown ids: an error naming the configured ones; nothing changes.
send "#afdeling snoeien" cmd-error
kl_contains "unknown department: the known ones" "$FX_DIR/answer.txt" \
    "er is geen afdeling \"snoeien\" \\(afdelingen: burgerzaken, wonen\\)"
send "#oorzaak weer" cmd-error
kl_contains "unknown cause: the default list" "$FX_DIR/answer.txt" \
    "er is geen oorzaak \"weer\" \\(oorzaken: proces, gedrag, communicatie, beleid, ketenpartner\\)"
send "#label wachttijd
#department nergens" cmd-error
kl_eq "all or nothing: no label either" "$(class)" "- - -"
kl_eq "no classification events" "$(ol_events "$ref" | grep -c '|department|\||cause|\||label|')" 0

# The commands, Dutch and English.
send "#afdeling Burgerzaken
#oorzaak communicatie
#label wachttijd
#tag Lange Lijn" confirm
kl_eq "stored" "$(class)" "burgerzaken communicatie lange-lijn,wachttijd"
kl_contains "confirmed: department" "$FX_DIR/answer.txt" "afdeling: Burgerzaken"
kl_contains "confirmed: cause" "$FX_DIR/answer.txt" "oorzaak: communicatie"
kl_contains "confirmed: label" "$FX_DIR/answer.txt" "label toegevoegd: lange-lijn"
kl_eq "events" "$(ol_events "$ref" | grep '|department|\||cause|\||label|')" "anna|department|- -> burgerzaken
anna|cause|- -> communicatie
anna|label|wachttijd
anna|label|lange-lijn"

# A later department replaces; a label twice is stored once.
send "#department wonen
#label wachttijd" confirm
kl_eq "replaced, label once" "$(class)" "wonen communicatie lange-lijn,wachttijd"
kl_contains "label already there" "$FX_DIR/answer.txt" "label wachttijd: de klacht had het al"
kl_eq "department event" "$(ol_events "$ref" department | tail -1)" "anna|department|burgerzaken -> wonen"
kl_eq "no second label event" "$(ol_events "$ref" label | grep -c wachttijd)" 1

# klachtctl show, text and JSON.
kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "show failed"
kl_contains "show: department" "$FX_DIR/show.txt" "^  Department:  wonen$"
kl_contains "show: cause" "$FX_DIR/show.txt" "^  Cause:       communicatie$"
kl_contains "show: labels" "$FX_DIR/show.txt" "^  Labels:      lange-lijn, wachttijd$"
kl_eq "show --json" "$(kl_ctl --json show "$ref" | kl_json 'j["classification"]')" \
    "{'department': 'wonen', 'cause': 'communicatie', 'labels': ['lange-lijn', 'wachttijd']}"

# The case file.
send "#dossier" confirm
ol_body "$(ol_find dossier "$OL_ANNA" "$ref")" > "$FX_DIR/file.txt"
kl_contains "dossier: department by name" "$FX_DIR/file.txt" "^Afdeling  *Wonen en bouwen$"
kl_contains "dossier: cause" "$FX_DIR/file.txt" "^Oorzaak  *communicatie$"
kl_contains "dossier: labels" "$FX_DIR/file.txt" "^Labels  *lange-lijn, wachttijd$"

# A second case, not classified: "(none)" in the report.
ol_new_case "$KL_DATA/samples/03-parkeren.eml"

kl_ctl report --year "$year" --format json > "$FX_DIR/r.json" || fx_fail "report json"
kl_eq "report: departments" "$(kl_json '[(d["id"], d["received"]) for d in j["departments"]]' < "$FX_DIR/r.json")" \
    "[('burgerzaken', 0), ('wonen', 1), ('(none)', 1)]"
kl_eq "report: causes" "$(kl_json '[(d["id"], d["received"]) for d in j["causes"] if d["received"]]' < "$FX_DIR/r.json")" \
    "[('communicatie', 1), ('(none)', 1)]"
kl_eq "report: labels" "$(kl_json 'j["labels"]' < "$FX_DIR/r.json")" \
    "[{'label': 'lange-lijn', 'received': 1}, {'label': 'wachttijd', 'received': 1}]"
kl_ctl report --year "$year" --format csv | tr -d '\r' > "$FX_DIR/r.csv" || fx_fail "report csv"
kl_contains "csv: department" "$FX_DIR/r.csv" "^received_by_department,,,wonen,1$"
kl_contains "csv: cause" "$FX_DIR/r.csv" "^received_by_cause,,,communicatie,1$"
kl_contains "csv: label" "$FX_DIR/r.csv" "^received_by_label,,,wachttijd,1$"
kl_ctl report --year "$year" > "$FX_DIR/r.txt" || fx_fail "report text"
kl_contains "text: per department" "$FX_DIR/r.txt" "^Per afdeling$"
kl_contains "text: wonen" "$FX_DIR/r.txt" "^  wonen  *1  *0  -$"

kl_ctl report --register --year "$year" --format csv | tr -d '\r' > "$FX_DIR/reg.csv" || fx_fail "register csv"
kl_contains "register: columns at the end" "$FX_DIR/reg.csv" "^reference,received,category,judgement,decided,handling_days,channel,department,cause,resolved_informally$"
kl_contains "register: the case" "$FX_DIR/reg.csv" "^$ref,.*,email,wonen,communicatie,$"
kl_ctl report --register --year "$year" --format json > "$FX_DIR/reg.json" || fx_fail "register json"
kl_eq "register json" "$(kl_json '[(c["department"], c["cause"]) for c in j["complaints"] if c["reference"] == "'"$ref"'"]' < "$FX_DIR/reg.json")" \
    "[('wonen', 'communicatie')]"
echo "PASS: #afdeling, #oorzaak, #label set, shown and counted"
