#!/bin/sh
# SIGKILL while the outbox sends a batch: 400 acknowledgements wait in
# the outbox; the daemon (in its loop) sends them over one SMTP
# connection and kills itself after the relay accepted its Nth message of
# the round (N random in 5..40) and before it recorded it as sent -- the
# fault-injection point outbox-after-send (include/fault.h), so the kill
# lands there whatever the machine's speed -- round after round (10
# rounds); then it runs to the end.
#
# The promise, checked against the sink's journal of what it accepted
# (sl_ledger): nothing is lost -- every acknowledgement is delivered at
# least once and every outbox row ends up "sent" -- and a message can be
# delivered twice only when it was in flight at a kill: the server had
# taken it (250) and the daemon died before it recorded that.  So the
# duplicates are at most the number of kills; the test counts them.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
fx_require smtp
N=${FAULT_OUTBOX_N:-400}
ROUNDS=${FAULT_OUTBOX_ROUNDS:-10}
kl_setup
fx_smtp_start
IN=$KL_STATE/inbox
dead=$(fx_free_port)
kl_config "outgoing = { smtp = { url = \"smtp://127.0.0.1:$dead\"; starttls = \"no\"; timeout = \"2s\"; }; retry = { min = \"1s\"; max = \"1s\"; }; };"
seed=$(sl_seed FAULT_KILL_SEED)

# N complaints in, N acknowledgements queued (the relay is away).
i=1
while [ $i -le "$N" ]; do
	sl_complaint "$i" obx | sl_drop "$IN" "o$i"
	i=$((i + 1))
done
pass=0
while [ "$(sl_sql_n "select count(*) from outbox where kind = 'ack'")" -lt "$N" ]; do
	pass=$((pass + 1))
	[ $pass -le 5 ] || fx_fail "could not queue $N acknowledgements"
	kl_once
done
kl_eq "all queued, none sent" "$(kl_sql "select count(*) from outbox where status = 'queued'")" "$N"

# The relay is back; the daemon sends and is killed, round after round.
kl_config "$(sl_smtp_conf)"
sleep 1.1	# the backoff of the failed first attempt
steps=$(fl_rand_int "$seed" "$ROUNDS" 5 40)
sent() { sl_sql_n "select count(*) from outbox where status = 'sent'"; }
kills=0
round=0
SL_LOG=$FX_DIR/daemon.log
for t in $steps; do
	round=$((round + 1))
	before=$(fx_smtp_count)
	[ "$(sent)" -lt "$N" ] || break
	[ $((N - $(sent))) -gt "$t" ] || break
	fl_killed "outbox-after-send:$t" ""
	kills=$((kills + 1))
	# The message in flight at the kill is the last one the server
	# took: the only one that may come twice.
	kl_eq "round $round: the relay took $t before the kill" \
	    "$(fx_smtp_count)" $((before + t))
	last=$(fx_smtp_messages | tail -1)
	[ -z "$last" ] || grep -i -m1 '^Message-Id:' "$last" |
	    tr -d '\r' | sed 's/^[^<]*//' >> "$FX_DIR/in-flight"
	fx_log "round $round: killed after $(fx_smtp_count) deliveries ($before before, point outbox-after-send:$t); $(sent) recorded sent"
done
[ "$kills" -ge 3 ] || fx_fail "only $kills kill(s) landed while sending"
sl_start
fx_wait_for -t 60 eval "[ \"\$(sent)\" -ge $N ]" ||
	fx_fail "the outbox did not finish: $(sent) of $N sent"
sl_stop

# Every acknowledgement delivered; duplicates only from kills.
sl_ledger "after $kills kills" "$kills"
kl_eq "every row sent" "$(sent)" "$N"
touch "$FX_DIR/in-flight"
for m in $(fx_smtp_dupes); do
	grep -qxF "$m" "$FX_DIR/in-flight" ||
		fx_fail "$m was delivered twice but was not in flight at a kill"
done
kl_eq "every complainant has an ack" \
    "$(fx_smtp_messages | xargs grep -h '^X-Sink-Rcpt-To:' | sort -u | wc -l | tr -d ' ')" "$N"
fx_log "$kills kills while sending, $SL_DUPES message(s) delivered twice (the one in flight)"
echo "PASS: outbox killed while sending: nothing lost, at most one duplicate per kill ($SL_DUPES in $kills)"
