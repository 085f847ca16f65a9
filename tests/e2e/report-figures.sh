#!/bin/sh
# A generated year of complaints (tests/data/gen-year.py, fixed seed) in a
# database made by the real klachtd: every figure of `klachtctl report
# --format json` -- totals, per category, per month, judgements, median
# and p90 handling time, on time, extended, escalations, reopened, rising
# categories, escalated cases, per department and cause, labels, and
# (issues 13, 14) cases per channel, merged and void cases (in no other
# figure), first contacts; replies after the decision reopen nothing;
# and (issue 15) complaints resolved informally and their share (some
# later handled formally after all), requests forwarded to another desk
# per kind (no complaints), satisfaction asked/answered/response rate/
# mean score in total and per judgement, improvement measures open, done
# and late in total and per department and cause, hearings held and
# skipped per ground (Awb 9:10; a report outranks an earlier skip) in
# total and per category, and the trend signals (the generator applies
# the rule itself to its plan: at least one flagged, several not) --
# equals what the generator computed independently, for a year, a
# category, a range of days and the year before; the issue 15 figures
# also in the CSV.  The comparison is shown to fail on one changed
# number.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
kl_setup
rp_conf
rp_generate 2025

# Every query the generator knows the answers to.
queries=$(rp_py "$FX_DIR/expect.json" <<'PY'
import json, sys
print(" ".join(sorted(json.load(open(sys.argv[1])))))
PY
)
kl_eq "queries" "$queries" "parkeren previous-year range year"

# compare EXPECT-FILE QUERY ACTUAL-FILE [MUTATE]: exit 1 listing every
# difference; with MUTATE (a path like totals.on_time) that expected
# number is changed by one first.
compare() {
	rp_py "$@" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1]))[sys.argv[2]]["report"]
got = json.load(open(sys.argv[3]))
# The trend signals come in the order klachtd met them: compare as a set.
if isinstance(got.get("trends"), list):
    got["trends"].sort(key=lambda t: (t.get("kind"), t.get("id")))
if len(sys.argv) > 4:
    *path, last = sys.argv[4].split(".")
    o = exp
    for k in path:
        o = o[int(k)] if isinstance(o, list) else o[k]
    if not isinstance(o[last], (int, float)):
        print("mutate: %s is no number" % sys.argv[4], file=sys.stderr)
        sys.exit(0)         # the caller then fails the test
    o[last] += 1
diffs = []
def walk(e, g, path):
    if isinstance(e, dict):
        if not isinstance(g, dict):
            diffs.append("%s: want an object, got %r" % (path, g)); return
        for k in e:
            if k not in g:
                diffs.append("%s.%s: missing" % (path, k))
            else:
                walk(e[k], g[k], "%s.%s" % (path, k))
    elif isinstance(e, list):
        if not isinstance(g, list) or len(e) != len(g):
            diffs.append("%s: want %d entries, got %s" % (path, len(e),
                         len(g) if isinstance(g, list) else repr(g)))
            return
        for i, (a, b) in enumerate(zip(e, g)):
            walk(a, b, "%s[%d]" % (path, i))
    elif e != g or type(e) is bool and type(g) is not bool:
        diffs.append("%s: want %r, got %r" % (path, e, g))
walk(exp, got, "report")
for d in diffs[:40]:
    print(d, file=sys.stderr)
sys.exit(1 if diffs else 0)
PY
}

for q in $queries; do
	args=$(rp_py "$FX_DIR/expect.json" "$q" <<'PY'
import json, sys
print(" ".join(json.load(open(sys.argv[1]))[sys.argv[2]]["args"]))
PY
)
	# shellcheck disable=SC2086
	kl_ctl report $args --format json > "$FX_DIR/$q.json" ||
		fx_fail "report $args failed"
	compare "$FX_DIR/expect.json" "$q" "$FX_DIR/$q.json" ||
		fx_fail "report $args: figures differ from the generator's"
	echo "ok: report $args" >&2
done

# The comparison can fail: one expected number changed is caught.
for m in totals.on_time totals.merged totals.void \
    totals.received_by_channel.telefoon categories.0.received_by_channel.brief \
    totals.first_contact.count totals.first_contact.median_days \
    categories.1.first_contact.median_days categories.0.void \
    totals.resolved_informally totals.resolved_informally_pct \
    categories.0.resolved_informally totals.open \
    totals.forwarded totals.forwarded_by_kind.woo \
    categories.2.forwarded_by_kind.bezwaar \
    totals.satisfaction.asked totals.satisfaction.answered \
    totals.satisfaction.response_pct totals.satisfaction.score_avg \
    totals.satisfaction.by_judgement.ongegrond.score_avg \
    categories.0.satisfaction.answered \
    measures.open measures.done measures.late \
    totals.hearings_held totals.hearings_skipped.a \
    totals.hearings_skipped.b totals.hearings_skipped.c \
    categories.0.hearings_held categories.2.hearings_skipped.a \
    departments.0.measures.open departments.1.measures.done \
    departments.0.measures.late causes.0.measures.open \
    causes.2.measures.done causes.1.measures.late \
    trends.0.count trends.0.mean trends.0.limit trend_method.minimum; do
	if compare "$FX_DIR/expect.json" year "$FX_DIR/year.json" $m 2>/dev/null; then
		fx_fail "the comparison did not notice a changed $m"
	fi
done

# The data exercises every figure (no vacuous zeros).
rp_py "$FX_DIR/year.json" <<'PY' || fx_fail "generated data does not exercise every figure"
import json, sys
j = json.load(open(sys.argv[1]))
t = j["totals"]
checks = {
    "received > 400": t["received"] > 400,
    "open > 0": t["open"] > 0,
    "some late": 0 < t["on_time"] < t["decided"],
    "extended": t["extended"] > 0,
    "median has a value": t["handling_days"]["median"] is not None,
    "every judgement": all(v > 0 for v in t["judgements"].values()),
    "escalations > cases escalated": t["escalations"] > t["cases_escalated"] > 0,
    "reopened": t["reopened"] > 0,
    "rising": len(j["rising"]) >= 2,
    "12 months": len(j["months"]) == 12,
    "unconfigured category": any(not c["configured"] for c in j["categories"]),
    "no category": any(c["id"] == "(none)" for c in j["categories"]),
    # Issue 15: every configured department and cause has decided
    # cases, an unconfigured department and cases without either.
    "departments": all(d["decided"] > 0 for d in j["departments"]) and
        [d["id"] for d in j["departments"]][-2:] == ["archief", "(none)"],
    "causes": all(c["decided"] > 0 for c in j["causes"]) and
        j["causes"][-1]["id"] == "(none)",
    "labels": len(j["labels"]) == 5,
    "every channel": all(v > 0 for v in t["received_by_channel"].values()),
    "channels add up": sum(t["received_by_channel"].values()) == t["received"],
    "merged": t["merged"] > 0,
    "void": t["void"] > 0,
    "first contacts": 0 < t["first_contact"]["count"] < t["received"],
    "first contact median": t["first_contact"]["median_days"] is not None,
    "first contact per category": sum(c["first_contact"]["count"]
        for c in j["categories"]) == t["first_contact"]["count"],
    # Issue 15.
    "resolved informally": 0 < t["resolved_informally"] < t["decided"],
    "every kind forwarded": all(v > 0 for v in
                                t["forwarded_by_kind"].values()),
    "forwarded adds up": sum(t["forwarded_by_kind"].values()) ==
        t["forwarded"],
    "some not answered": 0 < t["satisfaction"]["answered"] <
        t["satisfaction"]["asked"] < t["decided"],
    "score": t["satisfaction"]["score_avg"] is not None,
    "score per judgement": all(v["answered"] > 0 for k, v in
        t["satisfaction"]["by_judgement"].items() if k != "none"),
    "measures": all(v > 0 for v in j["measures"].values()) and
        j["measures"]["late"] < j["measures"]["open"],
    # Hearings held and skipped on every ground, in several categories;
    # measures per department and cause, some linked to several groups
    # (the groups add up to more than the total).
    "hearings held": t["hearings_held"] > 0 and
        sum(c["hearings_held"] > 0 for c in j["categories"]) >= 3,
    "hearings skipped on every ground": all(
        v > 0 for v in t["hearings_skipped"].values()),
    "measures per department": all(
        sum(d["measures"][k] for d in j["departments"]) > j["measures"][k]
        for k in ("open", "done")) and any(
        d["measures"]["late"] > 0 for d in j["departments"]),
    "measures per cause": all(
        sum(c["measures"][k] for c in j["causes"]) > j["measures"][k]
        for k in ("open", "done")),
}
bad = [k for k, v in checks.items() if not v]
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# The trend signals are exercised: in the year and the range at least one
# series flagged and several looked at but not flagged (the generator's
# own count of the series, not klachtd's).
rp_py "$FX_DIR/expect.json" <<'PY' || fx_fail "trend signals not exercised"
import json, sys
e = json.load(open(sys.argv[1]))
bad = []
for q in ("year", "range"):
    n, f = e[q]["trend_series"], len(e[q]["report"]["trends"])
    if not (f >= 1 and n - f >= 3):
        bad.append("%s: %d flagged of %d series" % (q, f, n))
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# The issue 15 figures in the CSV too: totals and every category.
kl_ctl report --year 2025 --format csv > "$FX_DIR/year.csv" ||
	fx_fail "report --format csv failed"
rp_py "$FX_DIR/expect.json" "$FX_DIR/year.csv" <<'PY' || fx_fail "CSV figures differ from the generator's"
import csv, json, sys
exp = json.load(open(sys.argv[1]))["year"]["report"]
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
got = {(r["metric"], r["category"], r["key"]): r["value"]
       for r in rows if r["month"] == ""}
# The trend rows carry the trend month.
got.update({(r["metric"], r["category"], r["month"]): r["value"]
            for r in rows if r["metric"].startswith("trend_")})
num = lambda v: "" if v is None else ("%.1f" % v if isinstance(v, float)
                                      else str(v))
want = {}
def sat(cat, key, s):
    for m in ("asked", "answered", "response_pct", "score_avg"):
        want[("satisfaction_" + m, cat, key)] = num(s[m])
for cat, s in [("", exp["totals"])] + [(c["id"], c) for c in
                                      exp["categories"]]:
    want[("forwarded", cat, "")] = num(s["forwarded"])
    for k, v in s["forwarded_by_kind"].items():
        want[("forwarded_by_kind", cat, k)] = num(v)
    want[("resolved_informally", cat, "")] = num(s["resolved_informally"])
    want[("resolved_informally_pct", cat, "")] = \
        num(s["resolved_informally_pct"])
    sat(cat, "", s["satisfaction"])
    want[("hearings_held", cat, "")] = num(s["hearings_held"])
    for k, v in s["hearings_skipped"].items():
        want[("hearings_skipped", cat, k)] = num(v)
    for k, v in s["satisfaction"]["by_judgement"].items():
        sat(cat, k, v)
for k, v in exp["measures"].items():
    want[("measures_" + k, "", "")] = num(v)
for what, key in (("department", "departments"), ("cause", "causes")):
    for g in exp[key]:
        want[("received_by_" + what, "", g["id"])] = num(g["received"])
        want[("decided_by_" + what, "", g["id"])] = num(g["decided"])
        m = g["measures"]
        # Rows only for a group with measures.
        for k in ("open", "done", "late"):
            want[("measures_%s_by_%s" % (k, what), "", g["id"])] = \
                num(m[k]) if m["open"] + m["done"] else None
for t in exp["trends"]:
    for k in ("count", "mean", "limit"):
        want[("trend_%s_%s" % (t["kind"], k), t["id"], t["month"])] = \
            num(t[k])
# No trend rows beyond the expected ones.
for k in got:
    if k[0].startswith("trend_") and k not in want:
        want[k] = None
bad = ["%s: want %r, got %r" % (k, v, got.get(k)) for k, v in
       sorted(want.items()) if got.get(k) != v]
print("\n".join(bad[:20]), file=sys.stderr)
sys.exit(1 if bad or len(want) < 100 else 0)
PY

# What must not count is there to be left out: in the year, merged and
# void cases, a void case with an escalation and a contact before it was
# made void, and replies after the decision (messages and events of
# kind after-decision) on cases that were not reopened.
rp_py "$KL_STATE/klachtd.db" <<'PY' || fx_fail "generated data lacks what must not count"
import datetime, sqlite3, sys, zoneinfo
tz = zoneinfo.ZoneInfo("Europe/Amsterdam")
a = int(datetime.datetime(2025, 1, 1, tzinfo=tz).timestamp())
b = int(datetime.datetime(2026, 1, 1, tzinfo=tz).timestamp())
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
one = lambda q: db.execute(q, (a, b)).fetchone()[0]
checks = {
    "void case escalated in the year": one(
        "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE c.status = 'void' AND e.kind = 'escalation'"
        " AND e.at >= ? AND e.at < ?"),
    "void case with a contact": one(
        "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE c.status = 'void' AND e.kind = 'contact'"
        " AND c.received_at >= ? AND c.received_at < ?"),
    "after-decision replies kept": one(
        "SELECT count(*) FROM messages m JOIN events e ON"
        " e.case_id = m.case_id AND e.at = m.received_at AND"
        " e.kind = 'after-decision' WHERE m.kind = 'after-decision'"
        " AND m.received_at >= ? AND m.received_at < ?"),
    "after-decision on a case never reopened": one(
        "SELECT count(*) FROM events e WHERE e.kind = 'after-decision'"
        " AND e.at >= ? AND e.at < ? AND NOT EXISTS (SELECT 1 FROM events"
        " r WHERE r.case_id = e.case_id AND r.kind IN ('reopen',"
        " 'reopened'))"),
    # Issue 15: informal resolutions later handled formally (no longer
    # resolved: normal complaints again), hearings held and skipped on
    # every ground, satisfaction answers and questions left unanswered,
    # measures linked to cases.
    "formal handling after an informal end": one(
        "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE e.kind = 'formal-requested' AND c.status != 'resolved'"
        " AND e.at >= ? AND e.at < ?"),
    "hearing reports": one(
        "SELECT count(*) FROM events WHERE kind = 'hearing-report'"
        " AND at >= ? AND at < ?"),
    "hearings skipped on every ground": one(
        "SELECT count(DISTINCT substr(detail, 1, 1)) = 3 FROM events"
        " WHERE kind = 'hearing-skipped' AND at >= ? AND at < ?"),
    "a hearing report after a skip": one(
        "SELECT count(*) FROM events s JOIN events r ON r.case_id ="
        " s.case_id AND r.kind = 'hearing-report' AND r.at > s.at"
        " WHERE s.kind = 'hearing-skipped' AND s.at >= ? AND s.at < ?"),
    "satisfaction unanswered": one(
        "SELECT count(*) FROM satisfaction WHERE score IS NULL"
        " AND asked_at >= ? AND asked_at < ?"),
    "measures linked": one(
        "SELECT count(*) FROM measure_cases WHERE linked_at >= ?"
        " AND linked_at < ?"),
}
bad = [k for k, v in checks.items() if not v]
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "PASS: every figure of 4 reports equals the generator's answer"
