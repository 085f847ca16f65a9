#!/bin/sh
# The report's other forms agree with its JSON: CSV is one tidy table
# (metric,category,month,key,value) with the same figures, text shows
# them readably, --json is --format json, the default period is this
# year; bad options are usage errors (64); an empty database gives zeros
# and nulls, not a crash.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
kl_setup
rp_conf

# An empty database first: created by one (then removed) case.
rp_generate 2025
kl_ctl report --year 2019 --format json > "$FX_DIR/empty.json" ||
	fx_fail "report on a year without cases failed"
kl_eq "empty: received" "$(kl_json 'j["totals"]["received"]' < "$FX_DIR/empty.json")" 0
kl_eq "empty: on time pct" "$(kl_json 'j["totals"]["on_time_pct"]' < "$FX_DIR/empty.json")" None
kl_eq "empty: median" "$(kl_json 'j["totals"]["handling_days"]["median"]' < "$FX_DIR/empty.json")" None
kl_eq "empty: rising" "$(kl_json 'len(j["rising"])' < "$FX_DIR/empty.json")" 0
for f in text csv html; do
	kl_ctl report --year 2019 --format $f > "$FX_DIR/empty.$f" ||
		fx_fail "empty report as $f failed"
done
kl_contains "empty text" "$FX_DIR/empty.text" "ontvangen 0, afgehandeld 0, open aan het eind 0"

kl_ctl report --year 2025 --format json > "$FX_DIR/r.json" || fx_fail "json"
kl_ctl report --year 2025 --json > "$FX_DIR/r2.json" || fx_fail "--json"
kl_ctl report --year 2025 --format csv > "$FX_DIR/r.csv" || fx_fail "csv"
kl_ctl report --year 2025 > "$FX_DIR/r.txt" || fx_fail "text"

# --json is --format json (apart from the time it was made).
rp_py "$FX_DIR/r.json" "$FX_DIR/r2.json" <<'PY' || fx_fail "--json differs from --format json"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
a.pop("generated"); b.pop("generated")
sys.exit(a != b)
PY

# CSV: one table, same figures as the JSON.
rp_py "$FX_DIR/r.csv" "$FX_DIR/r.json" <<'PY' || fx_fail "CSV does not match the JSON"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
j = json.load(open(sys.argv[2]))
assert rows[0] == ["metric", "category", "month", "key", "value"], rows[0]
assert all(len(r) == 5 for r in rows), "ragged rows"
v = {(r[0], r[1], r[2], r[3]): r[4] for r in rows[1:]}
def num(x):
    return None if x == "" else float(x)
bad = []
def same(key, want):
    got = num(v.get(key, "MISSING")) if v.get(key, "MISSING") != "MISSING" else "MISSING"
    if got != (None if want is None else float(want)):
        bad.append("%s: csv %r json %r" % (key, v.get(key), want))
for c in [None] + j["categories"]:
    s = j["totals"] if c is None else c
    cat = "" if c is None else c["id"]
    for m in ("received", "decided", "open", "on_time", "on_time_pct",
              "extended", "extended_pct", "escalations", "cases_escalated",
              "reopened", "cases_reopened", "previous_received"):
        same((m, cat, "", ""), s[m])
    same(("handling_days_median", cat, "", ""), s["handling_days"]["median"])
    same(("handling_days_p90", cat, "", ""), s["handling_days"]["p90"])
    for k, n in s["judgements"].items():
        same(("judgement", cat, "", k), n)
for m in j["months"]:
    same(("received", "", m["month"], ""), m["received"])
    same(("decided", "", m["month"], ""), m["decided"])
    for k, n in m["by_category"].items():
        same(("received", k, m["month"], ""), n)
for r in j["rising"]:
    same(("rising_change", r["category"], "", ""), r["change"])
    same(("rising_change_pct", r["category"], "", ""), r["change_pct"])
for e in j["escalated_cases"]:
    same(("case_escalations", e["category"], "", e["reference"]), e["escalations"])
assert v[("period_from", "", "", "")] == "2025-01-01"
assert v[("period_to", "", "", "")] == "2025-12-31"
print("\n".join(bad[:20]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# Text: the same headline figures, readable, in the configured language
# (issue 16): Dutch words and Dutch numbers ("1.234", "83,3%").
t=$(kl_json '(lambda n, p: "ontvangen %s, afgehandeld %s, open aan het eind %s" % (n(j["totals"]["received"]), n(j["totals"]["decided"]), n(j["totals"]["open"])))(lambda v: format(v, ",").replace(",", "."), None)' < "$FX_DIR/r.json")
kl_contains "text totals" "$FX_DIR/r.txt" "^  $t$"
t=$(kl_json '(lambda n, p: "binnen de termijn afgehandeld: %s van %s .%s%%." % (n(j["totals"]["on_time"]), n(j["totals"]["decided"]), p(j["totals"]["on_time_pct"])))(lambda v: format(v, ",").replace(",", "."), lambda v: ("%.1f" % v).replace(".", ","))' < "$FX_DIR/r.json")
kl_contains "text on time" "$FX_DIR/r.txt" "$t"
kl_contains "text judgements" "$FX_DIR/r.txt" "^  niet-ontvankelijk +[0-9.]+$"
kl_contains "text months" "$FX_DIR/r.txt" "^  2025-12 "
kl_contains "text rising" "$FX_DIR/r.txt" "^  parkeren +[0-9.]+ -> [0-9.]+ \(\+[0-9.]+, \+[0-9.]*[0-9],[0-9]%\)$"
kl_absent "text: no English" "$FX_DIR/r.txt" "received|decided within"
# In English: English words and English numbers.
RP_LANG=en rp_conf
kl_ctl report --year 2025 > "$FX_DIR/r-en.txt" || fx_fail "text (en)"
t=$(kl_json '"received %s, decided %s, open at the end %s" % (format(j["totals"]["received"], ","), format(j["totals"]["decided"], ","), format(j["totals"]["open"], ","))' < "$FX_DIR/r.json")
kl_contains "en text totals" "$FX_DIR/r-en.txt" "^  $t$"
t=$(kl_json '"decided within the term: %s of %s .%.1f%%." % (format(j["totals"]["on_time"], ","), format(j["totals"]["decided"], ","), j["totals"]["on_time_pct"])' < "$FX_DIR/r.json")
kl_contains "en text on time" "$FX_DIR/r-en.txt" "$t"
rp_conf

# No period given: this calendar year.
kl_ctl report --format json > "$FX_DIR/now.json" || fx_fail "default period"
kl_eq "default period" "$(kl_json 'j["period"]["from"]' < "$FX_DIR/now.json")" "$(date +%Y)-01-01"

# Usage errors are 64 with a reason, and print no report.
usage() { # WHAT ARGS...
	what=$1; shift
	rc=0
	kl_ctl "$@" > "$FX_DIR/u.out" 2> "$FX_DIR/u.err" || rc=$?
	kl_eq "$what: exit" "$rc" 64
	[ -s "$FX_DIR/u.err" ] || fx_fail "$what: no reason given"
	[ ! -s "$FX_DIR/u.out" ] || fx_fail "$what: printed output"
}
usage "bad format" report --format pdf
usage "year and range" report --year 2025 --from 2025-01-01 --to 2025-02-01
usage "from alone" report --from 2025-01-01
usage "no such day" report --from 2025-02-30 --to 2025-03-01
usage "to before from" report --from 2025-03-01 --to 2025-02-01
usage "bad year" report --year 20x5
usage "purge option" report --dry-run
kl_ctl report --year 2025 --category nope --format json > "$FX_DIR/nope.json" 2> "$FX_DIR/nope.err" ||
	fx_fail "unknown category failed"
kl_contains "unknown category noted" "$FX_DIR/nope.err" "not in the configuration"
kl_eq "unknown category: nothing" "$(kl_json 'j["totals"]["received"]' < "$FX_DIR/nope.json")" 0
echo "PASS: csv, text and json agree; usage errors are 64"
