#!/bin/sh
# SMTP server down: --once exits cleanly, the mail stays queued with its
# error, and a later pass delivers it -- once.  4xx is retried, 5xx marks
# the mail failed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
# An hour's backoff for the first mail, so that "not yet retried" below
# holds however slow the machine is; the hour is then passed in the
# database.  The later mails use 3 s, really waited for.
kl_config "$(kl_smtp_conf | sed 's/"3s"/"1h"/g')"
fx_smtp_stop

kl_deliver "$KL_DATA/samples/01-afval.eml"; kl_eq deliver "$KL_RC" 0
t_before=$(date +%s)
kl_once
t_after=$(date +%s)
kl_eq "--once with server down" "$KL_RC" 0
kl_eq "still queued" "$(kl_sql 'select status from outbox')" queued
kl_eq "attempt counted" "$(kl_sql 'select attempts from outbox')" 1
err=$(kl_sql 'select last_error from outbox')
case "$err" in *onnect*) ;; *) fx_fail "error not recorded: '$err'" ;; esac
kl_ctl outbox > "$FX_DIR/outbox.txt"
kl_contains "outbox shows error" "$FX_DIR/outbox.txt" "last error: .*onnect"

due=$(kl_sql 'select next_attempt_at from outbox')
[ "$due" -ge $((t_before + 3600)) ] && [ "$due" -le $((t_after + 3600)) ] ||
	fx_fail "next attempt at $due, not an hour after the failure ($t_before..$t_after)"

fx_smtp_restart
# Before the backoff ran out, nothing is tried.
kl_once
kl_eq "not yet retried" "$(fx_smtp_count)" 0
kl_eq "still one attempt" "$(kl_sql 'select attempts from outbox')" 1
# The hour passes.
kl_sql_write 'update outbox set next_attempt_at = next_attempt_at - 3600'
kl_config "$(kl_smtp_conf)"
kl_once
fx_smtp_wait_count 1 30 || fx_fail "not delivered after restart"
kl_eq "sent" "$(kl_sql 'select status from outbox')" sent
kl_once
kl_eq "exactly once" "$(fx_smtp_count)" 1
kl_eq "no dupes" "$(fx_smtp_dupes)" ""

# 451: deferred and retried; then delivered.
fx_smtp_mode tempfail-once
kl_deliver "$KL_DATA/samples/02-balie.eml"; kl_eq deliver2 "$KL_RC" 0
kl_once
kl_eq "deferred on 451" "$(kl_sql "select status from outbox where id=2")" queued
kl_contains "451 logged" "$FX_DIR/klachtd.log" "deferred .*451"
sleep 3
kl_once
kl_eq "sent after 451" "$(kl_sql "select status from outbox where id=2")" sent

# 550: failed for good, never retried.
fx_smtp_mode reject
kl_deliver "$KL_DATA/samples/03-parkeren.eml"; kl_eq deliver3 "$KL_RC" 0
kl_once
kl_eq "failed on 550" "$(kl_sql "select status from outbox where id=3")" failed
fx_smtp_mode ok
sleep 3
kl_once
kl_eq "failed stays failed" "$(kl_sql "select status || attempts from outbox where id=3")" failed1
kl_eq "total delivered" "$(fx_smtp_count)" 2
kl_eq "no dupes at the end" "$(fx_smtp_dupes)" ""
echo PASS
