#!/bin/sh
# SIGTERM in the middle of a batch loses nothing: the daemon finishes the
# message in hand and exits 0 within seconds; every message is either a
# case (and moved to cur/) or still in new/, never both, never twice, with
# exactly one acknowledgement per case; a second run finishes the rest.
#
# The signal arrives at a fault-injection point (include/fault.h): the
# daemon stops itself (SIGSTOP) right after committing its 50th message,
# before moving it to cur/; the test sends SIGTERM and lets it go on
# (SIGCONT) -- mid-batch, whatever the machine's speed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
. "$top_srcdir/tests/e2e/fault-lib.sh"
N=${SVC_TERM_N:-400}
kl_setup
in="$KL_STATE/inbox"
i=1
while [ $i -le $N ]; do
	svc_drop $i
	i=$((i + 1))
done

AT=50
KLACHTD_FAULT=intake-after-commit:$AT:stop
export KLACHTD_FAULT
svc_start
unset KLACHTD_FAULT
fl_stopped "$SVC_PID" 60 || fx_fail "the daemon did not reach message $AT"
kill -TERM "$SVC_PID"
kill -CONT "$SVC_PID"
svc_stop
cases=$(kl_sql 'select count(*) from cases')
left=$(svc_count "$in/new")
fx_log "SIGTERM after $cases of $N messages; $left left in new/"
# Group commit: the batch in hand (with message $AT; at most 50, so none
# past it when $AT is 50 and batches fill up) is finished, no other begun.
[ "$cases" -ge "$AT" ] && [ "$cases" -lt $((AT + 50)) ] ||
	fx_fail "SIGTERM after $cases cases: not the batch of message $AT"
kl_eq "the batch in hand finished, no other begun" "$(svc_count "$in/cur")" "$cases"
[ "$left" -gt 0 ] || fx_fail "the batch was finished before SIGTERM arrived: raise SVC_TERM_N (now $N)"

# check: every message is in exactly one of new/ and cur/; a message in
# cur/ is exactly one case with one acknowledgement; one in new/ none.
check() { # PHASE
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$in" "$N" "$1" <<'PY' || exit 1
import os, re, sqlite3, sys
db, inbox, n, phase = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
new = {f.split(".")[0] for f in os.listdir(inbox + "/new")}
cur = {f.split(".")[0] for f in os.listdir(inbox + "/cur")}
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
stored = {}
for (mid,) in c.execute("select message_id from messages"):
    k = re.match(r"svc-(\d+)@", mid).group(1)
    stored[k] = stored.get(k, 0) + 1
acks = dict(c.execute("select c.complainant_email, count(o.id) from cases c "
    "left join outbox o on o.case_id = c.id and o.kind = 'ack' group by c.id"))
bad = []
for i in map(str, range(1, n + 1)):
    where = (i in new) + (i in cur)
    if where != 1:
        bad.append("message %s is in %d of new/ and cur/" % (i, where))
    if i in cur and stored.get(i) != 1:
        bad.append("message %s in cur/ is stored %d times" % (i, stored.get(i, 0)))
    if i in new and i in stored:
        bad.append("message %s is still in new/ but was stored" % i)
    if i in stored and acks.get("burger%s@example.net" % i) != 1:
        bad.append("message %s has %s acknowledgements" % (i, acks.get("burger%s@example.net" % i)))
if len(acks) != len(stored):
    bad.append("%d cases for %d stored messages" % (len(acks), len(stored)))
for b in bad[:20]:
    print("%s: %s" % (phase, b), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
check "after SIGTERM" || fx_fail "inconsistent after SIGTERM"

# A second run takes the rest, and nothing twice.
svc_start
fx_wait_for -t 60 svc__files_ge "$in/cur" "$N" || fx_fail "the second run did not finish the batch"
svc_stop
kl_eq "new/ empty" "$(svc_count "$in/new")" 0
check "after the second run" || fx_fail "inconsistent after the second run"
kl_eq "one case per message" "$(kl_sql 'select count(*) from cases')" "$N"
kl_eq "distinct references" "$(kl_sql 'select count(distinct ref) from cases')" "$N"
kl_eq "stopped twice" "$(grep -c 'stopping on signal' "$SVC_LOG")" 2
echo PASS
