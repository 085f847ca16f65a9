#!/bin/sh
# A backlog in the outbox: 2,500 acknowledgements are due at once (the
# mail server was away for a weekend).  One outbox pass sends at most
# 1,000; a pass that stopped at its limit says "more due" and the daemon
# runs the next pass on its next tick instead of waiting out the poll
# interval.  The daemon's clock is frozen (libfaketime), so the poll
# interval never passes: only that rescheduling can send the rest.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
N=2500
[ -n "$TL_FAKETIME" ] || fx_skip "libfaketime is not installed"
kl_setup
svc_msg 1 > "$FX_DIR/one.eml"
kl_deliver "$FX_DIR/one.eml"
kl_eq "deliver" "$KL_RC" 0
# N-1 more acknowledgements, each to its own complainant, all due now.
kl_sql_write "with recursive n(i) as (select 2 union all select i + 1 from n where i < $N)
  insert into outbox (case_id, kind, mail_from, rcpt, message_id, subject, raw,
      next_attempt_at, created_at)
  select o.case_id, o.kind, o.mail_from, 'burger' || n.i || '@example.net',
      n.i || '.' || o.message_id, o.subject, o.raw, o.next_attempt_at, o.created_at
  from outbox o, n where o.id = 1"
kl_eq "acknowledgements due" "$(kl_sql "select count(*) from outbox where status = 'queued'")" "$N"

# Frozen an hour ahead: everything queued is due, nothing comes due by
# waiting (no reminder falls in the hour).
frozen=$(date -d '+1 hour' '+%Y-%m-%d %H:%M:%S')
SVC_LOG=$FX_DIR/daemon.log
FAKETIME="$frozen" FAKETIME_DONT_FAKE_MONOTONIC=1 \
LD_PRELOAD="$TL_FAKETIME${LD_PRELOAD:+:$LD_PRELOAD}" \
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    "$KLACHTD" -c "$KL_CONF" 2>>"$SVC_LOG" &
SVC_PID=$!
fx_track_pid "$SVC_PID"
fx_wait_for -t 120 eval "[ \"\$(kl_sql \"select count(*) from outbox where status = 'sent'\")\" -ge $N ]" ||
	{ tail -5 "$SVC_LOG" >&2; fx_fail "not every acknowledgement was sent: $(kl_sql "select count(*) from outbox where status = 'sent'") of $N"; }
svc_stop 20

kl_eq "every acknowledgement written once" "$(ls "$KL_STATE/outgoing/new" | wc -l | tr -d ' ')" "$N"
kl_eq "passes that left mail due" "$(grep -c 'outbox: 1000 sent, 0 deferred, 0 failed, more due' "$SVC_LOG")" 2
kl_contains "the last pass sent the rest" "$SVC_LOG" "outbox: 500 sent, 0 deferred, 0 failed$"
echo "PASS: a backlog of $N due mails goes out in passes of 1,000, back to back"
