#!/bin/sh
# The weekly digest: each contact person named in a ladder gets, once a
# week at escalation.digest (here Monday 08:00), the open cases whose
# ladder names them -- counts, and the cases due this week, overdue and
# extended.  Closed cases and other categories' cases are not in it.  A
# week whose moment passed while nothing was sent is caught up; a
# second run in the same week sends nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
NODIGEST='escalation = { digest = "none"; unassigned_after = 0;
  ladder = ( { at = "+2w"; contacts = ( { name = "Lea Leiding"; email = "lea@gemeente.example"; } ); } ); };'
tl_setup "$NODIGEST"

# new_case N WHEN CATEGORY [MORE COMMANDS]: received at WHEN, filed by
# anna under CATEGORY (plus MORE); sets REF.
new_case() {
	tl_at "$2"
	ol_new_case "$(tl_complaint "$1" "$1@example.net" "Klacht $1 over het afval")"
	REF=$OL_REF
	tl_send "$(ol_find notify "$OL_ANNA" "$REF")" "$OL_ANNA" "Anna de Vries" "#categorie $3
#toewijzen bob${4:+
$4}"
}
new_case p1 "2026-10-26 10:00:00" afval;	P1=$REF	# due 7 Dec: this week
new_case p2 "2026-10-19 10:00:00" afval;	P2=$REF	# due 30 Nov: overdue
new_case p3 "2026-11-02 10:00:00" afval "#verleng 2w wachten op de aannemer"
P3=$REF						# due 28 Dec, extended
new_case p4 "2026-11-23 10:00:00" afval;	P4=$REF	# due 4 Jan: open
new_case p5 "2026-11-02 10:00:00" afval "#sluit ongegrond
Alles is in orde."
P5=$REF						# closed
new_case p6 "2026-11-09 10:00:00" parkeren;	P6=$REF	# Lea's ladder
kl_eq "P3 extended" "$(kl_sql "select extended from cases where ref = '$P3'")" 1
kl_eq "P5 closed" "$(ol_case "$P5" status)" closed
kl_eq "no digest while switched off" "$(kl_sql "select count(*) from outbox where kind = 'digest'")" 0

# Switched on on Friday 4 December: last Monday's digest is caught up.
tl_config "$(echo "$NODIGEST" | sed 's/digest = "none"/digest = "monday 08:00"/')"
digests() { kl_sql "select count(*) from outbox where kind = 'digest'"; }
tl_at "2026-12-04 12:00:00"
ol_run
kl_eq "caught up: tineke, dirk, lea" "$(digests)" 3
kl_contains "the week of 30 November" "$(ol_find digest "$TL_TINEKE")" "^Subject: Weekoverzicht klachten, week van 30 november 2026"
tl_at "2026-12-06 23:00:00"
ol_run
kl_eq "nothing more that week" "$(digests)" 3
tl_at "2026-12-07 07:59:59"
ol_run
kl_eq "not before Monday 08:00" "$(digests)" 3
tl_at "2026-12-07 08:00:00"
ol_run
kl_eq "Monday 08:00: three digests" "$(digests)" 6
tl_at "2026-12-07 08:00:00"
ol_run
tl_at "2026-12-09 12:00:00"
ol_run
kl_eq "once a week" "$(digests)" 6
kl_eq "one per contact and week" "$(kl_sql "select rcpt, count(*) from digest_sent group by rcpt order by rcpt" | tr '\n' ' ')" \
    "dirk@gemeente.example|2 lea@gemeente.example|2 tineke@gemeente.example|2 vera@gemeente.example|2 "

for who in "$TL_TINEKE" "$TL_DIRK"; do
	ol_body "$(ol_find digest "$who")" > "$FX_DIR/dg.txt"
	kl_contains "$who: week" "$FX_DIR/dg.txt" "week van 7 december 2026\.$"
	kl_contains "$who: open" "$FX_DIR/dg.txt" "^Open klachten: +4$"
	kl_contains "$who: due this week" "$FX_DIR/dg.txt" "^Deze week af te handelen: +1$"
	kl_contains "$who: overdue" "$FX_DIR/dg.txt" "^Over de termijn: +1$"
	kl_contains "$who: extended" "$FX_DIR/dg.txt" "^Verlengd: +1$"
	# The lists, each under its heading.
	/usr/bin/python3 - "$FX_DIR/dg.txt" "$P1" "$P2" "$P3" <<'PY' || fx_fail "$who: digest lists"
import sys, re
text = open(sys.argv[1], encoding="utf-8").read()
p1, p2, p3 = sys.argv[2:5]
def section(head):
    m = re.search(r"^%s:\n((?:- .*\n)+)" % re.escape(head), text, re.M)
    return m.group(1) if m else ""
over, due, ext = section("Over de termijn"), section("Deze week af te handelen"), section("Verlengd")
want = {
    "overdue": (over, ["- %s, uiterlijk 30 november 2026, in behandeling, behandelaar Bob Jansen (bob): \"Klacht p2 over het afval\"" % p2]),
    "due": (due, ["- %s, uiterlijk 7 december 2026, in behandeling, behandelaar Bob Jansen (bob): \"Klacht p1 over het afval\"" % p1]),
    "extended": (ext, ["- %s, uiterlijk 28 december 2026, in behandeling, behandelaar Bob Jansen (bob): \"Klacht p3 over het afval\"" % p3]),
}
for name, (got, lines) in want.items():
    if got.splitlines() != lines:
        sys.exit("%s: got %r, want %r" % (name, got, lines))
PY
	kl_absent "$who: not the closed case" "$FX_DIR/dg.txt" "$P5"
	kl_absent "$who: not parkeren" "$FX_DIR/dg.txt" "$P6"
	kl_contains "$who: P4 counted, not listed" "$FX_DIR/dg.txt" "^Open klachten: +4$"
	kl_absent "$who: P4 not listed" "$FX_DIR/dg.txt" "$P4"
done
ol_body "$(ol_find digest lea@gemeente.example)" > "$FX_DIR/lea.txt"
kl_contains "lea: her one case" "$FX_DIR/lea.txt" "^Open klachten: +1$"
kl_absent "lea: no afval" "$FX_DIR/lea.txt" "$P1"
kl_eq "a digest is not about one case" "$(kl_sql "select count(*) from outbox where kind = 'digest' and case_id is not null")" 0
echo "PASS: weekly digest per contact: open, due this week, overdue, extended; once a week"
