#!/bin/sh
# SIGKILL at random points of intake, round after round:
#
#  Maildir  the daemon (in its loop) takes in 400 complaints from its
#           Maildir and kills itself at the Nth message of a round (N
#           random in 5..40), before or after that message's commit
#           (10 rounds; messages are committed in batches, so a round
#           stores what its committed batches held), then runs to the end;
#  pipe     60 complaints through `klachtd deliver`, the first attempt of
#           each (after five quiet ones) killed before or after its
#           commit; like an MTA, anything that did not exit 0 is
#           delivered again until it does.
#
# The kills are fault-injection points (include/fault.h), so each lands
# exactly where it is aimed whatever the machine's speed or load.
# (IMAP intake has the same test: tests/e2e/imap-crash.sh.)  Afterwards
# every complaint is exactly one case with exactly one acknowledgement
# queued, every Maildir file is in cur/ once, and each acknowledgement is
# delivered once.  Outgoing mail goes to a closed port while the kills go
# on, so only intake is under test; the sink gets it at the end.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
fx_require smtp
N=${FAULT_KILL_N:-400}
P=${FAULT_KILL_PIPE_N:-60}
ROUNDS=${FAULT_KILL_ROUNDS:-10}
kl_setup
fx_smtp_start
IN=$KL_STATE/inbox
dead=$(fx_free_port)
kl_config "outgoing = { smtp = { url = \"smtp://127.0.0.1:$dead\"; starttls = \"no\"; timeout = \"2s\"; }; retry = { min = \"1s\"; max = \"1s\"; }; };"
seed=$(sl_seed FAULT_KILL_SEED)

i=1
while [ $i -le "$N" ]; do
	sl_complaint "$i" md | sl_drop "$IN" "md$i"
	i=$((i + 1))
done
taken() { ls "$IN/cur" | wc -l; }
stored() { sl_sql_n "select count(*) from messages where source = 'maildir'"; }

# --------------------------------------------------------------- Maildir
# Each round: killed at its Nth message (N drawn at random), after the
# commit in odd rounds and before it in even ones.  (Drawn at random too,
# the points failed the check for 3 kills mid-batch below in about 1 run
# in 17: a kill before the first commit of a batch stores nothing.
# FAULT_KILL_SEED=1044 was one.)
steps=$(fl_rand_int "$seed" "$ROUNDS" 5 40)
round=0
mid=0
SL_LOG=$FX_DIR/daemon.log
for t in $steps; do
	round=$((round + 1))
	before=$(stored)
	[ "$before" -lt "$N" ] || break
	point=intake-after-commit
	[ $((round % 2)) = 1 ] || point=intake-before-commit
	mark=$(fl_lines "$SL_LOG")
	fl_killed "$point:$t" ""
	after=$(stored)
	got=$(fl_committed "$SL_LOG" "$mark")
	fx_log "maildir round $round: killed at $point:$t: $after stored ($before before, $got committed in batches)"
	# Group commit (include/intake.h): what the round's batches
	# committed is stored; after the Nth message's commit its batch is
	# in, before it the batch in hand is lost with the process.
	kl_eq "maildir round $round: stored when killed" "$after" "$((before + got))"
	if [ "$point" = intake-after-commit ]; then
		[ "$got" -ge "$t" ] || fx_fail "maildir round $round: message $t not committed ($got)"
	else
		[ "$got" -lt "$t" ] || fx_fail "maildir round $round: message $t committed ($got)"
	fi
	if [ "$after" -gt "$before" ] && [ "$after" -lt "$N" ]; then
		mid=$((mid + 1))
	fi
done
[ "$mid" -ge 3 ] || fx_fail "only $mid kill(s) landed in the middle of a batch"
# The rest, without kills (a pass takes at most 200 messages).
sl_start
fx_wait_for -t 60 eval "[ \"\$(stored)\" -ge $N ] && [ -z \"\$(ls '$IN/new')\" ]" ||
	fx_fail "maildir: not finished: $(stored) of $N stored, $(ls "$IN/new" | wc -l) in new/"
sl_stop

kl_eq "maildir: every file in cur/ once" "$(taken)|$(ls "$IN/new" | wc -l | tr -d ' ')" "$N|0"
kl_eq "maildir: every message one case" \
    "$(kl_sql "select count(*), count(distinct message_id), count(distinct case_id) from messages where source = 'maildir'")" "$N|$N|$N"
redone=$(grep -c "duplicate of a stored message" "$SL_LOG" || :)
fx_log "maildir: $mid of $round rounds killed mid-batch; $redone message(s) committed but not yet moved when killed, deduplicated on restart"

# ------------------------------------------------------------------ pipe
# Five deliveries in peace, then each first attempt killed at a point.
W=5
i=0
while [ $i -lt $W ]; do
	i=$((i + 1))
	sl_complaint "$i" pipe > "$FX_DIR/p.eml"
	"$KLACHTD" -c "$KL_CONF" deliver < "$FX_DIR/p.eml" 2>>"$FX_DIR/pipe.log" ||
		fx_fail "pipe $i: exit $?"
done
points=$(fl_rand_int "$((seed + 2))" $((P - W)) 0 1)
killed=0
for pt in $points; do
	i=$((i + 1))
	point=intake-after-commit
	[ "$pt" = 1 ] || point=intake-before-commit
	sl_complaint "$i" pipe > "$FX_DIR/p.eml"
	try=0
	while :; do
		try=$((try + 1))
		# The first attempt dies at the point; a retry runs in peace.
		spec=
		[ "$try" = 1 ] && spec=$point:1
		rc=0
		KLACHTD_FAULT=$spec "$KLACHTD" -c "$KL_CONF" deliver < "$FX_DIR/p.eml" \
		    2>>"$FX_DIR/pipe.log" || rc=$?
		[ "$rc" = 0 ] && [ "$try" -gt 1 ] && break
		[ "$rc" = 137 ] && [ "$try" = 1 ] && { killed=$((killed + 1)); continue; }
		[ "$rc" = 75 ] && [ "$try" -lt 5 ] && { sleep 0.2; continue; }
		tail "$FX_DIR/pipe.log" >&2
		fx_fail "pipe $i: exit $rc on attempt $try (armed: $point:1)"
	done
done
kl_eq "pipe: every armed delivery killed at its point" "$killed" $((P - W))
pdup=$(grep -c "duplicate of a stored message" "$FX_DIR/pipe.log" || :)
fx_log "pipe: $killed of $P deliveries killed; $pdup retried after the commit (deduplicated)"
kl_eq "pipe: every message one case" \
    "$(kl_sql "select count(*), count(distinct message_id), count(distinct case_id) from messages where source = 'pipe'")" "$P|$P|$P"

# ---------------------------------------------------- and then the mail
T=$((N + P))
kl_eq "one case per complainant" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "$T|$T"
kl_eq "one ack per case" "$(kl_sql "select count(*), count(distinct case_id) from outbox where kind = 'ack'")" "$T|$T"
kl_eq "nothing quarantined" "$(kl_sql 'select count(*) from quarantine')" 0
kl_config "$(sl_smtp_conf)"
sleep 1.1
sl_start
fx_smtp_wait_count "$T" 60 || fx_fail "not every ack arrived: $(fx_smtp_count) of $T"
sl_stop
sl_ledger "acks after the kills"
echo "PASS: intake killed at random points: every complaint one case, one ack, delivered once"
