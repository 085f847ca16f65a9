#!/bin/sh
# Another process holds the database's write lock (an admin's sqlite3
# shell, a backup) for longer than limits.busy_timeout (1 s here) while
# the daemon runs with Maildir intake and mail arrives -- by Maildir and
# by the MTA pipe:
#   - the daemon keeps running and logs why it cannot take the mail in;
#   - the Maildir messages stay in new/ (deferred, nothing half-stored);
#   - `klachtd deliver` answers 75 (EX_TEMPFAIL) so the MTA retries;
#   - once the lock is gone the daemon catches up by itself: every
#     message exactly one case, one acknowledgement, delivered once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(sl_smtp_conf)"
IN=$KL_STATE/inbox
cases() { sl_sql_n 'select count(*) from cases'; }
for i in 1 2 3; do sl_complaint "$i" lock | sl_drop "$IN" "m$i"; done
sl_start
fx_smtp_wait_count 3 20 || fx_fail "the first three were not acknowledged"

# The lock is taken; mail keeps coming.
sl_lock_db 60
for i in 4 5 6; do sl_complaint "$i" lock | sl_drop "$IN" "m$i"; done
sl_complaint 7 lock > "$FX_DIR/pipe.eml"
kl_deliver "$FX_DIR/pipe.eml"
kl_eq "pipe while locked: EX_TEMPFAIL" "$KL_RC" 75
kl_contains "pipe: why" "$FX_DIR/klachtd.log" "locked"
sl_wait_log "maildir .*/new/m[456]: temporary failure, will retry: .*locked" 20
sleep 1
sl_alive || fx_fail "the daemon died on a locked database"
kl_eq "nothing taken while locked" "$(cases)" 3
kl_eq "the three wait in new/" "$(ls "$IN/new" | sort | tr '\n' ' ')" "m4 m5 m6 "
kl_eq "no half-stored message" "$(kl_sql 'select count(*) from messages')" 3

# The lock goes; the MTA retries its message; the daemon catches up.
sl_unlock_db
kl_deliver "$FX_DIR/pipe.eml"
kl_eq "pipe after the lock: done" "$KL_RC" 0
fx_wait_for -t 20 eval "[ \"\$(cases)\" -ge 7 ]" ||
	fx_fail "the daemon did not catch up: $(cases) of 7 cases"
fx_smtp_wait_count 7 20 || fx_fail "not every acknowledgement arrived"
sl_stop
kl_eq "every message one case" "$(kl_sql 'select count(*), count(distinct complainant_email) from cases')" "7|7"
kl_eq "new/ empty" "$(ls "$IN/new" | wc -l | tr -d ' ')" 0
sl_ledger "after the lock"
kl_eq "seven acks, each once" "$(fx_smtp_count)|$(fx_smtp_dupes)" "7|"
echo "PASS: a locked database defers intake without loss; the daemon runs on and catches up"
