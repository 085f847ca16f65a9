#!/bin/sh
# Restart mid-batch: klachtd is killed with SIGKILL at random points while
# it takes in 300 mails over IMAP, round after round, then runs to the end.
# Every mail must be exactly one case with exactly one acknowledgement
# queued, and every acknowledgement delivered exactly once.
#
# The kills are fault-injection points (include/fault.h), not guessed
# delays: each round arms "after the Nth message's commit, before its
# IMAP flag" or "before the Nth message's commit" for a random N, so every
# round dies in the middle of its pass however fast the machine is.
# Messages are committed in batches (group commit): a round stores what
# its committed batches held, as their log lines say.
#
# While the kills go on, outgoing mail points at a closed SMTP port so the
# outbox (whose own crash window is not under test here) only queues; the
# final clean run delivers into the outgoing Maildir.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/imap-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
N=300
ROUNDS=${IMAP_CRASH_ROUNDS:-12}
im_setup
dead_port=$(fx_free_port)
IM_TOP="outgoing = { smtp = { url = \"smtp://127.0.0.1:$dead_port\"; starttls = \"no\"; timeout = \"2s\"; }; retry = { min = \"1s\"; max = \"1s\"; }; };"
im_config
im_mail "$N" crash

# Each round: killed at message 1..40 of its pass (awk's rand, seeded per
# run; the seed is printed so a failure can be replayed with
# IMAP_CRASH_SEED), after the commit in odd rounds and before it in even
# ones.  (Drawn at random too, the points left fewer than the two kills
# mid-batch that the check at the end asks for in about 1 run of 300:
# a kill before the commit of a batch of up to 50 stores nothing.)
seed=${IMAP_CRASH_SEED:-$(( $(date +%s) % 100000 + $$ ))}
echo "crash test: seed $seed, $ROUNDS rounds" >&2
counts=$(fl_rand_int "$seed" "$ROUNDS" 1 40)

# Messages stored so far (0 while a run killed early left no database).
stored() {
	kl_sql 'select count(*) from messages' 2>/dev/null | grep -E '^[0-9]+$' || echo 0
}

round=0
interrupted=0
SL_LOG=$FX_DIR/klachtd.log
for k in $counts; do
	round=$((round + 1))
	before=$(stored)
	[ "$before" -lt "$N" ] || break
	point=intake-after-commit
	[ $((round % 2)) = 1 ] || point=intake-before-commit
	mark=$(fl_lines "$SL_LOG")
	fl_run "$point:$k" "" --once
	after=$(stored)
	if [ "$FL_RC" = 137 ]; then
		got=$(fl_committed "$SL_LOG" "$mark")
		echo "round $round: killed at $point:$k: $before -> $after messages ($got committed in batches)" >&2
		# Group commit (include/intake.h): exactly what the round's
		# batches committed is stored.  Killed after the Nth
		# message's commit, its batch is in; before it, the batch
		# in hand (with the Nth message) is lost with the process.
		# Re-offered messages are deduplicated and counted apart.
		kl_eq "round $round: stored when killed at $point:$k" "$after" "$((before + got))"
		if [ "$point" = intake-after-commit ]; then
			[ "$got" -ge "$k" ] || fx_fail "round $round: message $k was not committed ($got)"
		else
			[ "$got" -lt "$k" ] || fx_fail "round $round: message $k was committed ($got)"
		fi
		if [ "$after" -gt "$before" ] && [ "$after" -lt "$N" ]; then
			interrupted=$((interrupted + 1))
		fi
	else
		kl_eq "round $round: a pass that was not killed ends well" "$FL_RC" 0
		echo "round $round: fewer than $k messages left, finished" >&2
	fi
done
# The test only proves something if kills landed in the middle of a batch.
[ "$interrupted" -ge 2 ] ||
	fx_fail "only $interrupted kill(s) landed mid-batch"

# Finish: outgoing to the Maildir, clean passes (the outbox sends 200 per
# pass, and retries fall due 1 s after the last failed attempt).
IM_TOP=
im_config
sleep 1.1
im_once
kl_eq "final pass exit" "$KL_RC" 0
pass=1
while [ "$(kl_sql "select count(*) from outbox where status = 'sent'")" -lt "$N" ] &&
    [ "$pass" -lt 5 ]; do
	sleep 0.5
	im_once
	pass=$((pass + 1))
done
kl_eq "every mail one case" "$(im_cases)" "$N"
kl_eq "every mail stored once" \
    "$(kl_sql "select count(*), count(distinct message_id) from messages where source = 'imap'")" "$N|$N"
kl_eq "one case per complainant" \
    "$(kl_sql 'select count(distinct complainant_email) from cases')" "$N"
kl_eq "one ack queued per case" \
    "$(kl_sql "select count(*), count(distinct case_id) from outbox where kind = 'ack'")" "$N|$N"
kl_eq "every ack sent" "$(kl_sql "select count(*) from outbox where status = 'sent'")" "$N"
kl_eq "every ack delivered once" "$(im_acks_out)" "$N"
kl_eq "no ack twice to one person" \
    "$(grep -h '^To:' "$KL_STATE"/outgoing/new/* | sort | uniq -d | wc -l | tr -d ' ')" 0
kl_eq "nothing quarantined" "$(kl_sql 'select count(*) from quarantine')" 0
kl_eq "state at the last UID" "$(kl_sql 'select last_uid from imap_state')" "$N"
kl_eq "every mail fetched (\\Seen)" "$(fx_imap_uids UNSEEN)" ""
echo "crash test: $interrupted of $round rounds interrupted a batch;" \
    "$(im_count "$FX_DIR/klachtd.log" 'duplicate of a stored message') re-offer(s) deduplicated" >&2
echo PASS
