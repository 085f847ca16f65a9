#!/bin/sh
# Issue 15, what klachtctl report tells management, through the real
# daemon and klachtctl:
# - hearings (Awb 9:10): one complaint with a hearing report (#verslag),
#   one where the hearing is skipped under lid 2 b (#afzien-horen b), one
#   with neither: held 1, skipped b 1 in the text, CSV, JSON and HTML
#   report and in the register (text, JSON, HTML);
# - trend signals: complaints put in the database for 2025 (afval: one a
#   month from December 2024 to November 2025, then 4 in December, all of
#   cause proces; parkeren: 3 every month): with report.trend_minimum = 4
#   afval and proces are flagged and parkeren is not, in every format,
#   with the method stated in the text and the HTML; with the default
#   minimum (5) nothing is;
# - measures per cause: a 2025 measure linked to two proces cases counts
#   once there (open, late), a done one on a case without cause under
#   "(none)".
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
KL_NO_HEARING=
ol_setup "report = { trend_minimum = 4; };"

# send REF TEXT: anna answers the notification of case REF with TEXT.
send() {
	printf '%s\n' "$2" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$(ol_find notify "$OL_ANNA" "$1")" \
	    "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

ol_new_case "$KL_DATA/samples/01-afval.eml"
held=$OL_REF
ol_new_case "$KL_DATA/samples/03-parkeren.eml"
skipped=$OL_REF
ol_new_case "$KL_DATA/samples/02-balie.eml"
send "$held" "#verslag
De klager en de beklaagde zijn op 3 maart gehoord."
send "$skipped" "#afzien-horen b
De klager liet weten niet gehoord te willen worden."
kl_eq "hearing report recorded" "$(kl_sql "select count(*) from events e join cases c on c.id = e.case_id where c.ref = '$held' and e.kind = 'hearing-report'")" 1
kl_eq "hearing skip recorded" "$(kl_sql "select count(*) from events e join cases c on c.id = e.case_id where c.ref = '$skipped' and e.kind = 'hearing-skipped'")" 1
# The year the events were recorded in (local time, as the report).
year=$(kl_sql "select strftime('%Y', max(at), 'unixepoch', 'localtime') from events where kind like 'hearing-%'")
cat_held=$(kl_sql "select coalesce(nullif(category, ''), '(none)') from cases where ref = '$held'")

kl_ctl report --year "$year" --format json > "$FX_DIR/rep.json" || fx_fail "report json"
kl_eq "json: hearings" "$(kl_json '(j["totals"]["hearings_held"], j["totals"]["hearings_skipped"])' < "$FX_DIR/rep.json")" \
    "(1, {'a': 0, 'b': 1, 'c': 0})"
kl_eq "json: the held one in its category" \
    "$(kl_json "[c['hearings_held'] for c in j['categories'] if c['id'] == '$cat_held']" < "$FX_DIR/rep.json")" "[1]"
kl_eq "json: categories add up" \
    "$(kl_json '(sum(c["hearings_held"] for c in j["categories"]), sum(c["hearings_skipped"]["b"] for c in j["categories"]))' < "$FX_DIR/rep.json")" "(1, 1)"
kl_ctl report --year "$year" > "$FX_DIR/rep.txt" || fx_fail "report text"
kl_contains "text: hearings" "$FX_DIR/rep.txt" "^  hoorzittingen \(Awb 9:10\): gehouden 1; afgezien 1 \(lid 2 a 0, b 1, c 0\)$"
kl_ctl report --year "$year" --format csv | tr -d '\r' > "$FX_DIR/rep.csv" || fx_fail "report csv"
kl_contains "csv: held" "$FX_DIR/rep.csv" "^hearings_held,,,,1$"
kl_contains "csv: skipped b" "$FX_DIR/rep.csv" "^hearings_skipped,,,b,1$"
kl_contains "csv: skipped a" "$FX_DIR/rep.csv" "^hearings_skipped,,,a,0$"
kl_ctl report --year "$year" --format html > "$FX_DIR/rep.html" || fx_fail "report html"
/usr/bin/python3 - "$FX_DIR/rep.html" <<'PY' || fx_fail "html: hearings block"
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<section id="hearings">.*?</section>', s, re.S)
assert m, "no hearings section"
assert "<tr><th>Totaal</th><td>1</td><td>0</td><td>1</td><td>0</td></tr>" \
    in m.group(0), m.group(0)
for sid in ("trends", "satisfaction", "measures", "first-contact"):
    assert '<section id="%s">' % sid in s, sid
PY
kl_ctl report --register --year "$year" > "$FX_DIR/reg.txt" || fx_fail "register text"
kl_contains "register text" "$FX_DIR/reg.txt" "^Hoorzittingen \(Awb 9:10\): gehouden 1; afgezien onder lid 2 a 0, b 1, c 0$"
kl_ctl report --register --year "$year" --format json > "$FX_DIR/reg.json" || fx_fail "register json"
kl_eq "register json" "$(kl_json 'j["hearings"]' < "$FX_DIR/reg.json")" "{'held': 1, 'skipped': {'a': 0, 'b': 1, 'c': 0}}"
kl_ctl report --register --year "$year" --format html > "$FX_DIR/reg.html" || fx_fail "register html"
kl_contains "register html" "$FX_DIR/reg.html" '<p id="hearings">Hoorzittingen \(Awb 9:10\): gehouden 1; afgezien onder lid 2 a 0, b 1, c 0\.</p>'

# --- Trend signals on a constructed 2025.
/usr/bin/python3 - "$KL_STATE/klachtd.db" <<'PY' || fx_fail "could not add the 2025 cases"
import datetime, sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
seq = 90000
def add(y, m, n, cat, cause):
    global seq
    for i in range(n):
        seq += 1
        t = int(datetime.datetime(y, m, 2 + i, 10, 0).timestamp())
        db.execute(
            "INSERT INTO cases (ref, year, seq, status, category, assignee,"
            " complainant_email, complainant_name, subject, language,"
            " received_at, due_at, created_at, updated_at, cause) VALUES"
            " (?,?,?,'in_progress',?,'anna','x%d@example.com','X','Klacht',"
            "'nl',?,?,?,?,?)" % seq,
            ("KL-%d-%05d" % (y, seq), y, seq, cat, t, t + 42 * 86400, t, t,
             cause))
for k in range(12):
    y, m = (2024, 12) if k == 0 else (2025, k)
    add(y, m, 1, "afval", "proces")
    add(y, m, 3, "parkeren", None)
add(2025, 12, 4, "afval", "proces")
add(2025, 12, 3, "parkeren", None)
# Measures made in 2025: one linked to two afval/proces cases (open and
# late at the end of the year: counted once), one done on a parkeren
# case (no cause).
ts = lambda *a: int(datetime.datetime(*a).timestamp())
ids = lambda cat: [r[0] for r in db.execute(
    "SELECT id FROM cases WHERE category = ? AND year = 2025 ORDER BY id"
    " LIMIT 2", (cat,))]
for ref, due, done, cases in (("M-2025-0001", (2025, 11, 1), None, ids("afval")),
                              ("M-2025-0002", (2025, 10, 1), (2025, 9, 20), ids("parkeren")[:1])):
    cur = db.execute(
        "INSERT INTO measures (ref, owner, due, due_at, text, status, created,"
        " created_by, done_at) VALUES (?, 'anna', ?, ?, 'Betere planning',"
        " ?, ?, 'anna', ?)", (ref, "%d-%02d-%02d" % due, ts(*due),
        "done" if done else "open", ts(2025, 6, 1), ts(*done) if done else None))
    for cid in cases:
        db.execute("INSERT INTO measure_cases (measure_id, case_id, linked_at,"
                   " linked_by) VALUES (?, ?, ?, 'anna')",
                   (cur.lastrowid, cid, ts(2025, 6, 1)))
db.commit()
PY
kl_ctl report --year 2025 --format json > "$FX_DIR/t.json" || fx_fail "trend json"
kl_eq "json: trends" "$(kl_json '[(t["kind"], t["id"], t["month"], t["count"], t["mean"], t["limit"]) for t in j["trends"]]' < "$FX_DIR/t.json")" \
    "[('category', 'afval', '2025-12', 4, 1.0, 1.0), ('cause', 'proces', '2025-12', 4, 1.0, 1.0)]"
kl_eq "json: method" "$(kl_json '(j["trend_method"]["month"], j["trend_method"]["months_before"], j["trend_method"]["minimum"])' < "$FX_DIR/t.json")" \
    "('2025-12', 12, 4)"
# The measures per cause: once per measure, by its linked cases.
kl_eq "json: measures per cause" "$(kl_json '[(c["id"], c["measures"]) for c in j["causes"] if c["measures"]["open"] + c["measures"]["done"]]' < "$FX_DIR/t.json")" \
    "[('proces', {'open': 1, 'done': 0, 'late': 1}), ('(none)', {'open': 0, 'done': 1, 'late': 0})]"
kl_eq "json: measures in all" "$(kl_json '(j["measures"]["open"], j["measures"]["done"], j["measures"]["late"])' < "$FX_DIR/t.json")" "(1, 1, 1)"
kl_ctl report --year 2025 > "$FX_DIR/t.txt" || fx_fail "trend text"
kl_contains "text: method" "$FX_DIR/t.txt" "^  Een categorie of oorzaak wordt gemeld als zij in 2025-12 ten minste 4 klachten kreeg en meer dan het gemiddelde plus tweemaal de standaardafwijking van haar aantallen per maand in de 12 maanden daarvoor\.$"
kl_contains "text: afval" "$FX_DIR/t.txt" "^  categorie afval: 4 \(gemiddeld 1,0, grens 1,0\)$"
kl_contains "text: proces" "$FX_DIR/t.txt" "^  oorzaak proces: 4 "
kl_absent "text: parkeren steady" "$FX_DIR/t.txt" "^  categorie parkeren:"
kl_ctl report --year 2025 --format csv | tr -d '\r' > "$FX_DIR/t.csv" || fx_fail "trend csv"
kl_contains "csv: afval" "$FX_DIR/t.csv" "^trend_category_count,afval,2025-12,,4$"
kl_contains "csv: proces" "$FX_DIR/t.csv" "^trend_cause_count,proces,2025-12,,4$"
kl_absent "csv: parkeren" "$FX_DIR/t.csv" "^trend_category_count,parkeren"
kl_ctl report --year 2025 --format html > "$FX_DIR/t.html" || fx_fail "trend html"
kl_contains "html: method" "$FX_DIR/t.html" '<p class="method">Een categorie of oorzaak wordt gemeld als zij in 2025-12 ten minste 4 klachten kreeg'
kl_contains "html: afval" "$FX_DIR/t.html" '<tr><td>Afval en reiniging \(categorie\)</td><td>4</td>|<tr><td>[^<]* \(categorie\)</td><td>4</td>'

# The default minimum (5): a rise to 4 is no signal.
sed 's/trend_minimum = 4;/trend_minimum = 5;/' "$KL_CONF" > "$FX_DIR/min5.conf"
grep -q 'trend_minimum = 5;' "$FX_DIR/min5.conf" || fx_fail "could not change the minimum"
"$KLACHTCTL" -c "$FX_DIR/min5.conf" report --year 2025 --format json > "$FX_DIR/t5.json" || fx_fail "trend json, minimum 5"
kl_eq "minimum 5: no trends" "$(kl_json '(j["trends"], j["trend_method"]["minimum"])' < "$FX_DIR/t5.json")" "([], 5)"

# The HTML report renders in a real browser with the new blocks.
if command -v chromium >/dev/null 2>&1; then
	. "$top_srcdir/tests/e2e/chromium-lib.sh"
	render "$FX_DIR/t.html" "$FX_DIR/t.png" "$FX_DIR/t.log"
	console_clean "$FX_DIR/t.log" || fx_fail "console messages while rendering"
fi
echo "PASS: hearings (held, skipped b) and trend signals in every format"
