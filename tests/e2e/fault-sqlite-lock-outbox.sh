#!/bin/sh
# The database is locked by another process (longer than busy_timeout)
# at the moment the outbox has sent a message and wants to record it:
# the promise is still "nothing sent twice" -- the daemon must remember
# what it sent and record it once the lock is gone, not send it again.
#
# Regression test: outbox_run() used to log "sent but not recorded (may
# be sent again)" and go on, so every pass while the lock lasted sent
# every due message again (a 16 s lock turned 3 acknowledgements into 10
# deliveries).  It now keeps sent-but-unrecorded ids and records them
# before sending anything else.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(sl_smtp_conf)"
for i in 1 2 3; do
	sl_complaint "$i" obx > "$FX_DIR/c$i.eml"
	kl_deliver "$FX_DIR/c$i.eml"
	kl_eq "deliver $i" "$KL_RC" 0
done
# The relay refuses for now: the acknowledgements wait in the outbox.
fx_smtp_mode tempfail
sl_start
sl_wait_log "outbox id=1 .*deferred" 20
# The lock is taken, the relay is fine again: the next pass sends.
sl_lock_db 60
fx_smtp_mode ok
sl_wait_log "sent but not recorded" 20
# One more outbox pass while the lock lasts: it sends nothing else.
sl_wait_log "outbox: [0-9]+ sent message\(s\) still not recorded; nothing else is sent until they are" 30
sl_unlock_db
fx_wait_for -t 20 eval "[ \"\$(sl_sql_n \"select count(*) from outbox where status = 'sent'\")\" -ge 3 ]" ||
	fx_fail "the outbox did not catch up after the lock"
sleep 6		# and one pass after it
sl_stop
sl_ledger "outbox under a lock"
echo "PASS: a lock while sending: every mail delivered once"
