#!/bin/sh
# A generated year of complaints (tests/data/gen-year.py, fixed seed) in a
# database made by the real klachtd: every figure of `klachtctl report
# --format json` -- totals, per category, per month, judgements, median
# and p90 handling time, on time, extended, escalations, reopened, rising
# categories, escalated cases, per department and cause, labels -- equals what the generator computed
# independently, for a year, a category, a range of days and the year
# before.  The comparison is shown to fail on one changed number.
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
# difference; with MUTATE one expected number is changed first.
compare() {
	rp_py "$@" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1]))[sys.argv[2]]["report"]
got = json.load(open(sys.argv[3]))
if len(sys.argv) > 4:
    exp["totals"]["on_time"] += 1
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
if compare "$FX_DIR/expect.json" year "$FX_DIR/year.json" mutate 2>/dev/null; then
	fx_fail "the comparison did not notice a changed figure"
fi

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
}
bad = [k for k, v in checks.items() if not v]
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "PASS: every figure of 4 reports equals the generator's answer"
