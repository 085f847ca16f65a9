#!/bin/sh
# #overzicht / #overview (issue 13): an officer's workload, mailed to them
# apart from the confirmation, with their personal Reply-To.  A generated
# set of cases with known answers -- assigned to the officer, to another,
# unassigned in their category, in another category, confidential of
# another category, confidential of their own, due in 3 days, overdue,
# extended, closed, decided, assigned to the officer but confidential of
# a category they are not named for -- and the overview lists exactly the right
# ones in each section (compared as sets of references, through the real
# SMTP sink).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
ol_setup 'escalation = { digest = "none"; unassigned_after = 0; };'

# sql_w SQL: a write to the database between runs (test setup only).
sql_w() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY' || fx_fail "sql_w $1"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.executescript(sys.argv[2])
c.commit()
PY
}

# new N CATEGORY ASSIGNEE STATUS DUE_DAYS CONFIDENTIAL EXTENDED: a case
# from a complaint by "Klager N", then set up as said; prints its ref.
new() {
	ol_new_case "$(tl_complaint "$1" "klager$1@example.net" "Klacht $1 over de buurt")" >/dev/null
	sql_w "update cases set category = $( [ "$2" = - ] && echo null || echo "'$2'"),
	    assignee = $( [ "$3" = - ] && echo null || echo "'$3'"),
	    status = '$4', due_at = cast(strftime('%s','now') as integer) + $5 * 86400,
	    confidential = $6, extended = $7 where ref = '$OL_REF'"
	echo "$OL_REF"
}
# The set: name category assignee status due-in-days confidential extended.
while read -r n cat who st due conf ext; do
	[ -n "$n" ] || continue
	ref=$(new "$n" "$cat" "$who" "$st" "$due" "$conf" "$ext")
	eval "R_$n=$ref"
	echo "$n $ref" >> "$FX_DIR/refs"
done <<'SET'
mine1 afval bob in_progress 20 0 0
mine_due afval bob in_progress 3 0 0
mine_over afval bob waiting -2 0 0
mine_ext afval bob in_progress 25 0 1
mine_closed afval bob closed -5 0 0
mine_decided afval bob decided 10 0 0
other afval anna in_progress 3 0 0
other_over afval anna in_progress -1 0 0
una_afval afval - acknowledged 3 0 0
una_over afval - acknowledged -4 0 1
una_nocat - - new 12 0 0
una_park parkeren - acknowledged 3 0 0
una_gedrag gedrag - acknowledged 2 0 0
conf_afval afval - acknowledged 30 1 0
conf_park parkeren - acknowledged -1 1 1
una_closed afval - closed 3 0 0
mine_gedrag gedrag bob in_progress 3 0 0
mine_conf_park parkeren bob in_progress -1 1 0
SET

# Bob (afval only) asks, replying to the notification of one of his
# cases.
notif=$(ol_find notify "$OL_BOB" "$R_mine1")
tl_send "$notif" "$OL_BOB" "Bob Jansen" "#overzicht"
ov=$(ol_find overview "$OL_BOB")
ol_body "$ov" > "$FX_DIR/ov.txt"
kl_contains "subject" "$ov" "^Subject: Uw overzicht van klachten"
kl_eq "threaded under bob's mail" "$(ol_header "$ov" In-Reply-To)" "<$OL_REPLY_ID>"
kl_eq "only one overview, only to bob" "$(kl_sql "select group_concat(rcpt) from outbox where kind = 'overview'")" "$OL_BOB"
kl_eq "about no case" "$(kl_sql "select count(*) from outbox where kind = 'overview' and case_id is not null")" 0

# The personal Reply-To: bob's, naming no case -- unlike the
# confirmation's, which names the case.
rt=$(ol_header "$ov" Reply-To)
conf=$(ol_find confirm "$OL_BOB" "$R_mine1")
crt=$(ol_header "$conf" Reply-To)
case "$rt" in
klachten+*.bob.*@testdorp.example) ;;
*) fx_fail "personal Reply-To: got '$rt'" ;;
esac
ol_body "$conf" > "$FX_DIR/conf.txt"
kl_contains "confirmation line" "$FX_DIR/conf.txt" "^- uw overzicht \(8 klachten\) is u apart toegestuurd$"
[ "$rt" != "$crt" ] || fx_fail "the overview's Reply-To is the case token"
lower_ref=$(echo "$R_mine1" | tr 'A-Z' 'a-z')
case "$rt" in *"$lower_ref"*) fx_fail "personal Reply-To names a case: $rt" ;; esac
case "$crt" in *"$lower_ref"*) ;; *) fx_fail "case Reply-To: got '$crt'" ;; esac

# Each section, as a set of references.
/usr/bin/python3 - "$FX_DIR/ov.txt" "$FX_DIR/refs" <<'PY' || fx_fail "overview sections"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
refs = dict(l.split() for l in open(sys.argv[2]))
def section(head):
    m = re.search(r"^%s:\n((?:- .*\n)+)" % re.escape(head), text, re.M)
    if not m:
        sys.exit("no section %r in:\n%s" % (head, text))
    lines = [l for l in m.group(1).splitlines() if l != "- geen"]
    return set(re.match(r"- (\S+),", l).group(1) for l in lines)
want = {
    "Uw open klachten": {"mine1", "mine_due", "mine_over", "mine_ext"},
    "Niet toegewezen, in uw categorieën": {"una_afval", "una_over", "una_nocat", "conf_afval"},
    "Binnen 7 dagen af te handelen": {"mine_due", "una_afval"},
    "Over de termijn": {"mine_over", "una_over"},
    "Verlengd": {"mine_ext", "una_over"},
}
bad = 0
for head, names in want.items():
    got = section(head)
    exp = set(refs[n] for n in names)
    if got != exp:
        inv = dict((v, k) for k, v in refs.items())
        print("%s: got %s, want %s" % (head, sorted(inv.get(r, r) for r in got),
              sorted(names)), file=sys.stderr)
        bad = 1
for label, n in (("Uw open klachten", 4), ("Niet toegewezen, uw categorieën", 4),
                 ("Binnen 7 dagen af te handelen", 2), ("Over de termijn", 2), ("Verlengd", 2)):
    if not re.search(r"^%s: +%d$" % (re.escape(label), n), text, re.M):
        print("count %s != %d" % (label, n), file=sys.stderr)
        bad = 1
sys.exit(bad)
PY
# Nothing of another category's confidential case, not even its number.
# (A case moved by #categorie into a confidential category keeps its
# assignee; bob is not named for it, so it is not his to see.)
for n in una_gedrag conf_park una_park other other_over mine_closed mine_decided una_closed \
    mine_gedrag mine_conf_park; do
	eval "r=\$R_$n"
	kl_absent "bob's overview: not $n" "$FX_DIR/ov.txt" "$r"
done
# A line: reference, due date, status, complainant, subject.
kl_contains "line format" "$FX_DIR/ov.txt" "^- $R_mine1, uiterlijk [0-9]+ [a-z]+ 20[0-9]{2}, in behandeling, Klager mine1: \"Klacht mine1 over de buurt\"$"
kl_contains "unassigned marked in the date sections" "$FX_DIR/ov.txt" "^- $R_una_afval, uiterlijk .*, ontvangen, Klager una_afval: \"Klacht una_afval over de buurt\" \(niet toegewezen\)$"

# Carla (gedrag only) sees the gedrag case and the one without a
# category, not bob's confidential afval case; English keyword.
sql_w "update cases set assignee = 'carla' where ref = '$R_una_gedrag'"
notif=$(ol_find notify "$OL_CARLA" "$R_una_gedrag")
tl_send "$notif" "$OL_CARLA" "Carla Smit" "#overview"
ol_body "$(ol_find overview "$OL_CARLA")" > "$FX_DIR/carla.txt"
kl_contains "carla: her gedrag case" "$FX_DIR/carla.txt" "^- $R_una_gedrag, "
kl_contains "carla: the one without category" "$FX_DIR/carla.txt" "^- $R_una_nocat, "
for n in conf_afval conf_park una_afval mine1; do
	eval "r=\$R_$n"
	kl_absent "carla's overview: not $n" "$FX_DIR/carla.txt" "$r"
done
echo "PASS: #overzicht lists exactly the officer's cases per section, with a personal Reply-To"
