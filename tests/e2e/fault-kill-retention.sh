#!/bin/sh
# SIGKILL during the retention purge (AVG art. 5, 17): 600 cases closed
# in 2019 are past the 5-year term, 50 closed last month are not.  The
# daemon purges at start (200 cases a run, one transaction per case) and
# kills itself at its Nth case of the run (N random in 1..120), before or
# after that case's commit -- fault-injection points (include/fault.h),
# so the kill lands there whatever the machine's speed -- round after
# round, then runs until all are done.
#
# The promise, checked after every kill: a case is purged whole or not at
# all -- never a case with its name gone but its mail kept, or the other
# way round -- and at the end every expired case is anonymised (no
# address, name, subject, raw mail, sender or event detail left) while
# the 50 within their term keep everything.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
OLD=${FAULT_RETENTION_N:-600}
NEW=50
T=$((OLD + NEW))
ROUNDS=${FAULT_RETENTION_ROUNDS:-8}
kl_setup
seed=$(sl_seed FAULT_KILL_SEED)

# The cases: taken in through the Maildir (a message, an acknowledgement
# and events each), then closed -- long ago, or last month.
i=1
while [ $i -le $T ]; do
	sl_complaint "$i" ret | sl_drop "$KL_STATE/inbox" "r$i"
	i=$((i + 1))
done
pass=0
while [ "$(sl_sql_n 'select count(*) from cases')" -lt $T ]; do
	pass=$((pass + 1))
	[ $pass -le 6 ] || fx_fail "could not take in $T complaints"
	kl_once
done
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$OLD" <<'PY' || fx_fail "could not close the cases"
import sqlite3, sys, time
db, old = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
long_ago = int(time.mktime((2019, 3, 1, 12, 0, 0, 0, 0, -1)))
recent = int(time.time()) - 30 * 86400
c.execute("UPDATE cases SET status = 'closed', judgement = 'ongegrond', "
          "decided_at = ?1, closed_at = ?1 WHERE id <= ?2", (long_ago, old))
c.execute("UPDATE cases SET status = 'closed', judgement = 'gegrond', "
          "decided_at = ?1, closed_at = ?1 WHERE id > ?2", (recent, old))
c.commit()
PY

purged() { sl_sql_n 'select count(*) from cases where purged_at is not null'; }
# whole WHAT: every case purged whole or not at all.
whole() {
	kl_eq "$1: half-purged cases" "$(kl_sql "select count(*) from cases c where
	  case when c.purged_at is null then
	    c.complainant_email = '' or c.subject is null or
	    exists (select 1 from messages m where m.case_id = c.id and
	            (m.from_addr is null or length(m.raw) = 0)) or
	    exists (select 1 from outbox o where o.case_id = c.id and o.rcpt = '') or
	    exists (select 1 from events e where e.case_id = c.id and (e.detail is null or e.kind = 'purged'))
	  else
	    c.complainant_email != '' or c.complainant_name is not null or
	    c.subject is not null or
	    exists (select 1 from messages m where m.case_id = c.id and
	            (m.from_addr is not null or length(m.raw) > 0 or m.body is not null)) or
	    exists (select 1 from outbox o where o.case_id = c.id and
	            (o.rcpt != '' or length(o.raw) > 0)) or
	    exists (select 1 from events e where e.case_id = c.id and e.kind != 'purged' and e.detail is not null) or
	    (select count(*) from events e where e.case_id = c.id and e.kind = 'purged') != 1
	  end")" 0
}
whole "before"
kl_eq "nothing purged yet" "$(purged)" 0

steps=$(fl_rand_int "$seed" "$ROUNDS" 1 120)
points=$(fl_rand_int "$((seed + 1))" "$ROUNDS" 0 1)
round=0
mid=0
SL_LOG=$FX_DIR/daemon.log
for t in $steps; do
	round=$((round + 1))
	before=$(purged)
	[ $((OLD - before)) -gt "$t" ] || break
	point=purge-after-commit
	[ "$(echo "$points" | cut -d' ' -f"$round")" = 1 ] || point=purge-before-commit
	fl_killed "$point:$t" ""
	after=$(purged)
	fx_log "round $round: killed at $point:$t: $after purged ($before before)"
	want=$((before + t))
	[ "$point" = purge-after-commit ] || want=$((want - 1))
	kl_eq "round $round: purged when killed" "$after" "$want"
	# A run purges at most 200: a kill before that is mid-batch.
	if [ "$after" -lt "$OLD" ] && [ $((after - before)) -lt 200 ]; then
		mid=$((mid + 1))
	fi
	whole "round $round"
done
[ "$mid" -ge 3 ] || fx_fail "only $mid kill(s) landed in the middle of a purge"
# The rest: each start purges a batch of 200.
while [ "$(purged)" -lt "$OLD" ]; do
	before=$(purged)
	sl_start
	fx_wait_for -t 30 eval "[ \"\$(purged)\" -ge $(( before + 200 < OLD ? before + 200 : OLD )) ]" ||
		fx_fail "the purge did not go on: $(purged) of $OLD"
	sl_stop
done
whole "done"
kl_eq "every expired case purged, none within its term" \
    "$(kl_sql "select count(*) from cases where purged_at is not null and id <= $OLD")|$(kl_sql "select count(*) from cases where purged_at is not null and id > $OLD")" "$OLD|0"
kl_eq "the recent cases keep their mail" \
    "$(kl_sql "select count(*) from messages m join cases c on c.id = m.case_id where c.id > $OLD and length(m.raw) > 0")" "$NEW"
kl_eq "the register keeps every reference" "$(kl_sql "select count(distinct ref) from cases")" "$T"
echo "PASS: retention purge killed at random points: every case purged whole or not at all"
