#!/bin/sh
# The yearly register for publication (Awb 9:12a) on the generated year:
# one row per complaint received in the year -- reference, date received,
# category, judgement, date decided, handling time -- in every format, and
# no personal data: none of the generated names, addresses, subjects or
# texts, and nothing that looks like an email address.  The same checks
# do find personal data in `klachtctl show`, so they can fail.  The rows
# equal the generator's own plan (tests/data/gen-year.py), including
# (issue 15) the day a complaint was resolved informally and no request
# forwarded to another desk; and the summary of hearings held and skipped
# per ground (JSON and text) equals the plan's.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
kl_setup
rp_conf
rp_generate 2025

for f in text csv json html; do
	kl_ctl report --register --year 2025 --format $f > "$FX_DIR/reg.$f" ||
		fx_fail "register as $f failed"
done

# no_personal_data FILE: none of the generated people's data in FILE.
no_personal_data() {
	rp_py "$FX_DIR/people.json" "$1" <<'PY'
import json, re, sys
p = json.load(open(sys.argv[1]))
text = open(sys.argv[2], encoding="utf-8").read()
low = text.lower()
found = []
for e in p["emails"] + [p["person"]["email"]]:
    if e.lower() in low:
        found.append("address " + e)
for n in p["names"] + [p["person"]["name"]]:
    if n.lower() in low:
        found.append("name " + n)
for s in p["subjects"]:
    if s.lower() in low:
        found.append("subject " + s)
# Anything shaped like an address, a phone number or a street from the
# generated bodies.
for m in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
    found.append("address-like " + m)
for w in ("dorpsstraat", "06-1234"):
    if w in low:
        found.append("body text " + w)
for f in found[:10]:
    print("personal data: " + f, file=sys.stderr)
sys.exit(1 if found else 0)
PY
}

for f in text csv json html; do
	no_personal_data "$FX_DIR/reg.$f" ||
		fx_fail "register ($f) contains personal data"
done

# The checks can fail: a case's own page does show its complainant.
ref=$(kl_json 'j["person"]["cases"][1]' < "$FX_DIR/people.json")
kl_ctl show "$ref" > "$FX_DIR/show.txt"
if no_personal_data "$FX_DIR/show.txt" 2>/dev/null; then
	fx_fail "the personal-data check found nothing in klachtctl show"
fi

# Every complaint received in 2025, once, in order, with the right
# columns (compared with the database itself and with the generator's
# plan); merged and void cases (issue 14) and requests forwarded to
# another desk (issue 15) are no complaints and are not in it.
rp_py "$FX_DIR/reg.json" "$FX_DIR/reg.csv" "$FX_DIR/expect.json" \
    "$KL_STATE/klachtd.db" <<'PY' || fx_fail "register rows are wrong"
import csv, datetime, json, sqlite3, sys, zoneinfo
tz = zoneinfo.ZoneInfo("Europe/Amsterdam")
j = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
plan = json.load(open(sys.argv[3]))["year"]
exp = plan["report"]
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[4], uri=True)
a = int(datetime.datetime(2025, 1, 1, tzinfo=tz).timestamp())
b = int(datetime.datetime(2026, 1, 1, tzinfo=tz).timestamp())
want = []
admin = [r for (r,) in db.execute(
    "SELECT ref FROM cases WHERE received_at >= ? AND received_at < ?"
    " AND status IN ('merged', 'void', 'forwarded')", (a, b))]
assert len(admin) >= 2 + exp["totals"]["forwarded"], admin
assert exp["totals"]["forwarded"] > 0
for ref, cat, rec, dec, closed, status, judg, chan, dep, cau in db.execute(
        "SELECT ref, category, received_at, decided_at, closed_at, status,"
        " judgement, channel, department, cause FROM cases WHERE received_at >= ? AND"
        " received_at < ? AND status NOT IN ('merged', 'void', 'forwarded')"
        " ORDER BY ref", (a, b)):
    d = dec or (closed if status == "closed" else None)
    day = lambda t: datetime.datetime.fromtimestamp(t, tz).date()
    want.append({
        "reference": ref, "received": str(day(rec)),
        "category": cat or "(none)",
        "judgement": (judg or "none") if d else None,
        "decided": str(day(d)) if d else None,
        "handling_days": (day(d) - day(rec)).days if d else None,
        "channel": chan, "department": dep, "cause": cau,
        # issue 15: the day a complaint was resolved informally
        "resolved_informally": str(day(closed)) if status == "resolved"
        and not dec else None})
assert len({w["channel"] for w in want}) == 5, {w["channel"] for w in want}
got = j["complaints"]
assert not {g["reference"] for g in got} & set(admin), "merged/void listed"
assert len(got) == exp["totals"]["received"] == len(want), \
    (len(got), exp["totals"]["received"], len(want))
assert got == want, [(g, w) for g, w in zip(got, want) if g != w][:3]
# The generator's plan, computed without the database.
assert got == plan["register"], \
    [(g, w) for g, w in zip(got, plan["register"]) if g != w][:3]
# Issue 15: the hearings summary, from the plan; every figure non-zero.
assert j["hearings"] == plan["register_hearings"], \
    (j["hearings"], plan["register_hearings"])
h = plan["register_hearings"]
assert h["held"] > 0 and all(v > 0 for v in h["skipped"].values()), h
res = [w["reference"] for w in plan["register"] if w["resolved_informally"]]
assert 0 < len(res) < len(want), "informal ends not exercised"
assert [r["reference"] for r in rows if r["resolved_informally"]] == res
assert [r["reference"] for r in rows] == [w["reference"] for w in want]
assert list(rows[0].keys()) == ["reference", "received", "category",
                                "judgement", "decided", "handling_days",
                                "channel", "department", "cause",
                                "resolved_informally"]
for r, w in zip(rows, want):
    assert r["handling_days"] == ("" if w["handling_days"] is None
                                  else str(w["handling_days"])), (r, w)
    assert r["judgement"] == (w["judgement"] or ""), (r, w)
    assert (r["department"], r["cause"]) == (w["department"] or "",
                                             w["cause"] or ""), (r, w)
# Issue 15: the generated data has both columns filled and empty.
assert any(w["department"] for w in want) and \
    any(not w["department"] for w in want), "departments not exercised"
assert any(w["cause"] for w in want) and \
    any(not w["cause"] for w in want), "causes not exercised"
PY
n=$(kl_json 'j["year"]["report"]["totals"]["received"]' < "$FX_DIR/expect.json")
# In the configured language (Dutch), numbers the Dutch way (issue 16).
nn=$(kl_json 'format(j["year"]["report"]["totals"]["received"], ",").replace(",", ".")' < "$FX_DIR/expect.json")
# Issue 15: and how many of them were resolved informally (the plan's
# rows, received in the year, whenever resolved).
nr=$(kl_json 'sum(1 for r in j["year"]["register"] if r["resolved_informally"])' < "$FX_DIR/expect.json")
kl_contains "text count" "$FX_DIR/reg.text" "^$nn klachten, waarvan $nr informeel opgelost \(zonder oordeel\)$"
kl_eq "text rows resolved" "$(grep -c '^KL-2025-[0-9]* .*(opgelost)' "$FX_DIR/reg.text")" "$nr"
# Issue 15: the hearings line, the plan's figures.
hl=$(kl_json '"gehouden %d; afgezien onder lid 2 a %d, b %d, c %d" % ((j["year"]["register_hearings"]["held"],) + tuple(j["year"]["register_hearings"]["skipped"][k] for k in "abc"))' < "$FX_DIR/expect.json")
kl_contains "text hearings" "$FX_DIR/reg.text" "^Hoorzittingen \(Awb 9:10\): $hl$"
kl_contains "text heading" "$FX_DIR/reg.text" "^Register van klachten 2025-01-01 tot en met 2025-12-31 \(Awb 9:12a\)$"
kl_contains "text columns" "$FX_DIR/reg.text" "^KENMERK +ONTVANGEN +CATEGORIE +OORDEEL +AFGEHANDELD +DAGEN +KANAAL +AFDELING +OORZAAK$"
kl_contains "html is a page" "$FX_DIR/reg.html" '<meta charset="utf-8">'
kl_eq "html rows" "$(grep -c '^<tr><td>KL-2025-' "$FX_DIR/reg.html")" "$n"
echo "PASS: register of $n complaints, no personal data"
