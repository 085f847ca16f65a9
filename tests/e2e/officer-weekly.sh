#!/bin/sh
# The weekly personal digest (issue 13): at digest.weekly (here Monday
# 08:00; caught up later in the week) every officer gets their own
# overview -- the same as #overzicht -- with their personal Reply-To;
# once per week per officer, also across restarts (digest_sent holds
# "officer:<id>"); not to an officer with digest = false, not to one with
# nothing open, and not while digest.weekly is "none" (the default).
# Time is moved with libfaketime (terms-lib.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
fx_require smtp
tl_setup
OL_DAVE=dave@gemeente.example
# conf WEEKLY: categories, officers (bob switched off, dave with nothing
# to do), the contacts' digest off, digest.weekly = WEEKLY (none: left out).
conf() {
	kl_config "$(kl_smtp_conf)
categories = (
  { id = \"afval\"; name = \"Afval\"; },
  { id = \"parkeren\"; name = \"Parkeren\"; },
  { id = \"gedrag\"; name = \"Grensoverschrijdend gedrag\"; confidential = true; }
);
officers = (
  { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; },
  { id = \"bob\"; name = \"Bob Jansen\"; email = \"$OL_BOB\"; categories = [ \"afval\" ]; digest = false; },
  { id = \"carla\"; name = \"Carla Smit\"; email = \"$OL_CARLA\"; categories = [ \"gedrag\" ]; },
  { id = \"dave\"; name = \"Dave Dijk\"; email = \"$OL_DAVE\"; categories = [ \"parkeren\" ]; }
);
escalation = { digest = \"none\"; unassigned_after = 0; };
$( [ "$1" = none ] || echo "digest = { weekly = \"$1\"; };")"
}
conf none
sql_w() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY' || fx_fail "sql_w $1"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.executescript(sys.argv[2])
c.commit()
PY
}
weekly() { kl_sql "select count(*) from outbox where kind = 'weekly'${1:+ and rcpt = '$1'}"; }

tl_at "2026-11-23 10:00:00"
ol_new_case "$(tl_complaint a a@example.net "Container niet geleegd")"; A=$OL_REF
ol_new_case "$(tl_complaint b b@example.net "Een melding")"; B=$OL_REF
sql_w "update cases set category = 'afval', assignee = 'bob' where ref = '$A';
    update cases set category = 'gedrag' where ref = '$B'"
tl_at "2026-11-30 09:00:00"
ol_run
kl_eq "off by default: no weekly digest" "$(weekly)" 0

# Switched on on Friday 4 December: this week's (30 November) is caught up.
conf "monday 08:00"
tl_at "2026-12-04 12:00:00"
ol_run
kl_eq "caught up: anna and carla" "$(weekly)" 2
kl_eq "anna one" "$(weekly "$OL_ANNA")" 1
kl_eq "carla one" "$(weekly "$OL_CARLA")" 1
kl_eq "bob switched it off" "$(weekly "$OL_BOB")" 0
kl_eq "dave has nothing open" "$(weekly "$OL_DAVE")" 0
W=$(ol_find weekly "$OL_ANNA")
kl_contains "the week" "$W" "^Subject: Uw weekoverzicht klachten, week van 30 november 2026"
rt=$(ol_header "$W" Reply-To)
case "$rt" in
klachten+-.anna.*@testdorp.example) ;;
*) fx_fail "personal Reply-To: got '$rt'" ;;
esac
kl_contains "auto-generated" "$W" "^Auto-Submitted: auto-generated"
kl_eq "about no case" "$(kl_sql "select count(*) from outbox where kind = 'weekly' and case_id is not null")" 0

tl_at "2026-12-06 23:00:00"
ol_run
kl_eq "nothing more that week" "$(weekly)" 2
tl_at "2026-12-07 07:59:59"
ol_run
kl_eq "not before Monday 08:00" "$(weekly)" 2
tl_at "2026-12-07 08:00:00"
ol_run
kl_eq "Monday 08:00: anna and carla again" "$(weekly)" 4
# Every run is a new process: a restart sends nothing twice.
ol_run
tl_at "2026-12-09 12:00:00"
ol_run
kl_eq "once a week" "$(weekly)" 4
kl_eq "claimed per officer and week" "$(kl_sql "select rcpt, count(*) from digest_sent group by rcpt order by rcpt" | tr '\n' ' ')" \
    "officer:anna|2 officer:carla|2 officer:dave|2 "

ol_body "$(ol_find weekly "$OL_ANNA")" > "$FX_DIR/anna.txt"
kl_contains "anna: week of 7 December" "$FX_DIR/anna.txt" "^Dit is uw weekoverzicht van de open klachten, week van 7 december 2026\.$"
kl_contains "anna: B unassigned (she serves all)" "$FX_DIR/anna.txt" "^- $B, uiterlijk .*: \"Een melding\"$"
kl_absent "anna: A is bob's" "$FX_DIR/anna.txt" "$A"
ol_body "$(ol_find weekly "$OL_CARLA")" > "$FX_DIR/carla.txt"
kl_contains "carla: B" "$FX_DIR/carla.txt" "^- $B, "
kl_absent "carla: not A" "$FX_DIR/carla.txt" "$A"
kl_contains "carla: counts" "$FX_DIR/carla.txt" "^Niet toegewezen, uw categorieën: +1$"
echo "PASS: weekly personal digest: once a week per officer, not when switched off"
