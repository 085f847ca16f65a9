#!/bin/sh
# SIGKILL during the deadline scan, under libfaketime: 4,000 open cases
# (received 1 June 2026, due 13 July) follow the organisation's ladder --
# a reminder to the assignee a week before the due date, level 1 to the
# team lead on it, level 2 to the director a week after.  The daemon is
# started at a moment where levels are due for every case and kills
# itself in the middle of its scan, round after round, then finishes;
# first on 6 July (4,000 reminders), then on 20 July (8,000 escalations,
# two levels per case at once).  The kills are fault-injection points
# (include/fault.h), so they land where aimed whatever the machine's
# speed: odd rounds inside a batch's transaction (deadline-case, at the
# Nth case of the run), even rounds right after a batch's commit
# (deadline-after-batch, at the Nth batch).
#
# The promise: no level lost, none twice -- every case has exactly its
# three levels claimed (deadline_fired), exactly three mails queued for
# them (one per level and recipient), three "escalation" events, and no
# reminder after the due date.  Outgoing mail goes to a closed port: the
# outbox is not under test here (tests/e2e/fault-kill-outbox.sh).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
tl_require
N=${FAULT_DEADLINE_N:-4000}
ROUNDS=${FAULT_DEADLINE_ROUNDS:-6}
kl_setup
dead=$(fx_free_port)
TINEKE=tineke@gemeente.example
DIRK=dirk@gemeente.example
kl_config "outgoing = { smtp = { url = \"smtp://127.0.0.1:$dead\"; starttls = \"no\"; timeout = \"2s\"; }; retry = { min = \"1h\"; max = \"1h\"; }; };
officers = ( { id = \"anna\"; name = \"Anna de Vries\"; email = \"$OL_ANNA\"; } );
escalation = { digest = \"none\"; unassigned_after = 0;
  ladder = (
    { at = \"-1w\"; to = \"assignee\"; },
    { at = \"0d\"; contacts = ( { name = \"Tineke Teamleider\"; email = \"$TINEKE\"; } ); },
    { at = \"+1w\"; contacts = ( { name = \"Dirk Directeur\"; email = \"$DIRK\"; } ); }
  ); };"
seed=$(sl_seed FAULT_KILL_SEED)

# The schema, then N open cases assigned to anna, armed for the scan.
sl_start "2026-06-01 10:00:00"
sl_stop
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$N" <<'PY' || fx_fail "could not make the cases"
import sqlite3, sys, time, os
os.environ["TZ"] = "Europe/Amsterdam"; time.tzset()
db, n = sys.argv[1], int(sys.argv[2])
recv = int(time.mktime((2026, 6, 1, 10, 0, 0, 0, 0, -1)))
due = recv + 42 * 86400
c = sqlite3.connect(db)
c.executemany("INSERT INTO cases (ref, year, seq, status, assignee, "
    "complainant_email, complainant_name, subject, language, received_at, "
    "due_at, created_at, updated_at, deadline_next) VALUES "
    "(?, 2026, ?, 'in_progress', 'anna', ?, ?, ?, 'nl', ?, ?, ?, ?, 0)",
    [("KL-2026-%05d" % i, i, "klager%d@example.net" % i, "Klager %d" % i,
      "Klacht %d over de stoep" % i, recv, due, recv, recv)
     for i in range(1, n + 1)])
c.execute("INSERT OR REPLACE INTO refseq (year, last) VALUES (2026, ?)", (n,))
c.commit()
PY
kl_eq "cases made" "$(kl_sql "select count(*), min(date(due_at, 'unixepoch', 'localtime')) from cases")" "$N|2026-07-13"

fired() { sl_sql_n 'select count(*) from deadline_fired'; }
scans=0

# phase DATE WANT PER: kill rounds at DATE until WANT levels are claimed
# (PER per case), then a run to the end.
phase() {
	ph__fracs=$(sl_rand_list "$seed" "$ROUNDS" 0 0.5)
	seed=$((seed + 2))
	ph__r=0 ph__mid=0
	SL_LOG=$FX_DIR/daemon.log
	for ph__f in $ph__fracs; do
		ph__r=$((ph__r + 1))
		ph__before=$(fired)
		[ "$ph__before" -lt "$2" ] || break
		# The cases the scan still has to do; the kill falls at
		# case or batch number 1 + (that many) * f.
		ph__left=$(( ($2 - ph__before) / $3 ))
		ph__k=$(awk -v l="$ph__left" -v f="$ph__f" 'BEGIN { print 1 + int(l * f) }')
		# What is committed at the kill: the batches of 500 before
		# the Nth case, or the first N batches.
		if [ $((ph__r % 2)) = 1 ]; then
			ph__spec=deadline-case:$ph__k
			ph__done=$(( (ph__k - 1) / 500 * 500 ))
		else
			ph__b=$(( (ph__k + 499) / 500 ))
			ph__spec=deadline-after-batch:$ph__b
			ph__done=$((ph__b * 500))
			[ "$ph__done" -le "$ph__left" ] || ph__done=$ph__left
		fi
		fl_killed "$ph__spec" "$1"
		ph__after=$(fired)
		kl_eq "$1 round $ph__r: claimed when killed at $ph__spec" \
		    "$ph__after" $((ph__before + ph__done * $3))
		fx_log "$1 round $ph__r: killed at $ph__spec: $ph__after claimed ($ph__before before)"
		[ "$ph__after" -ge "$2" ] || ph__mid=$((ph__mid + 1))
		consistent "$1 round $ph__r"
	done
	[ "$ph__mid" -ge 2 ] || fx_fail "$1: only $ph__mid kill(s) landed before the scan was done"
	ph__left=$(( $2 - $(fired) ))
	sl_start "$1"
	fx_wait_for -t 60 eval "[ \"\$(fired)\" -ge $2 ]" ||
		fx_fail "$1: the scan did not finish: $(fired) of $2"
	# The daemon logs a deadlines line only when it sent something: when
	# the last kill landed after the last batch, nothing is left to send.
	[ "$ph__left" -le 0 ] || sl_wait_log "deadlines: " 60
	sl_stop
	consistent "$1 done"
}
# consistent WHAT: every claim has its mail and its event, none twice.
consistent() {
	cs__n=$(kl_sql 'select count(*) from deadline_fired')
	kl_eq "$1: claims, mails and events agree" "$(kl_sql "select
	    (select count(*) from outbox where kind in ('reminder', 'escalation')) || '|' ||
	    (select count(*) from events where kind = 'escalation')")" "$cs__n|$cs__n"
	kl_eq "$1: no mail twice for a case, kind and recipient" "$(kl_sql "select count(*) from (
	    select case_id, kind, rcpt from outbox where kind in ('reminder', 'escalation')
	    group by case_id, kind, rcpt having count(*) > 1)")" 0
}

phase "2026-07-06 11:00:00" "$N" 1
kl_eq "6 July: a reminder per case, to anna" \
    "$(kl_sql "select count(*), count(distinct case_id), group_concat(distinct rcpt) from outbox where kind = 'reminder'")" "$N|$N|$OL_ANNA"
phase "2026-07-20 11:00:00" $((3 * N)) 2
kl_eq "20 July: both levels per case" \
    "$(kl_sql "select rcpt, count(*), count(distinct case_id) from outbox where kind = 'escalation' group by rcpt order by rcpt" | tr '\n' ' ')" \
    "$DIRK|$N|$N $TINEKE|$N|$N "
kl_eq "no reminder after the due date" "$(kl_sql "select count(*) from outbox where kind = 'reminder'")" "$N"
kl_eq "every case: its three levels" "$(kl_sql "select count(*) from (select case_id from deadline_fired
    group by case_id having count(*) = 3 and count(distinct level) = 3)")" "$N"
kl_eq "every case: three mails" "$(kl_sql "select count(*) from (select case_id from outbox
    where kind in ('reminder', 'escalation') group by case_id having count(*) = 3)")" "$N"
echo "PASS: deadline scan killed at random points: every level once, none lost"
