#!/bin/sh
# The daemon starts while another process holds the database's write
# lock for longer than limits.busy_timeout (1 s here):
#   - a database that is up to date needs no write lock to open: the
#     daemon starts at once and says so;
#   - a database that still needs its schema (a fresh install, an
#     upgrade) cannot be opened yet: the daemon logs why, keeps trying
#     (it does not exit 75 and leave the retrying to systemd), takes
#     nothing in meanwhile, and once the lock goes it opens the database,
#     starts, and takes in the complaint that waited in its Maildir;
#   - SIGTERM while it waits ends it cleanly (exit 0);
#   - `klachtd --once`, run by cron or by hand, answers 75 instead of
#     waiting.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/terms-lib.sh"
. "$top_srcdir/tests/e2e/story-lib.sh"
kl_setup
IN=$KL_STATE/inbox
started() { grep -c "started:" "$SL_LOG"; }

# 1. Up to date and locked: starts anyway.
kl_once
kl_eq "the database made" "$KL_RC" 0
sl_lock_db 60
sl_start
kl_absent "no waiting for an up-to-date database" "$SL_LOG" "waiting for the database"
sl_stop
sl_unlock_db

# 2. A fresh database, locked before the daemon could make its schema.
rm -f "$KL_STATE"/klachtd.db*
sl_lock_db 60
"$KLACHTD" -c "$KL_CONF" 2>>"$SL_LOG" &
SL_PID=$!
fx_track_pid "$SL_PID"
sl_wait_log "database .*locked; waiting for the database \(next attempt in 1s\)" 20
sl_complaint 1 lockstart | sl_drop "$IN" m1
sleep 2
sl_alive || fx_fail "the daemon exited on a locked database: $(tail -3 "$SL_LOG")"
kl_eq "not started while it cannot open the database" "$(started)" 1
kl_eq "the complaint waits in new/" "$(ls "$IN/new")" m1
kl_eq "--once while locked: EX_TEMPFAIL" "$("$KLACHTD" -c "$KL_CONF" --once 2>/dev/null; echo $?)" 75
sl_unlock_db
sl_wait_log "database .* open after waiting about [0-9]+s" 60
fx_wait_for -t 20 eval "[ \"\$(started)\" -ge 2 ]" || fx_fail "the daemon did not start after the lock went"
fx_wait_for -t 20 eval "[ \"\$(sl_sql_n 'select count(*) from cases')\" -ge 1 ]" ||
	fx_fail "the waiting complaint was not taken in"
fx_wait_for -t 20 eval "[ \"\$(ls \"\$KL_STATE/outgoing/new\" 2>/dev/null | wc -l)\" -ge 1 ]" ||
	fx_fail "no acknowledgement written"
sl_stop
kl_eq "one case" "$(kl_sql 'select count(*) from cases')" 1
kl_eq "new/ empty" "$(ls "$IN/new" | wc -l | tr -d ' ')" 0

# 3. SIGTERM while waiting: a clean exit.
rm -f "$KL_STATE"/klachtd.db*
sl_lock_db 60
n=$(grep -c "waiting for the database" "$SL_LOG")
"$KLACHTD" -c "$KL_CONF" 2>>"$SL_LOG" &
SL_PID=$!
fx_track_pid "$SL_PID"
fx_wait_for -t 20 eval "[ \"\$(grep -c 'waiting for the database' \"\$SL_LOG\")\" -gt $n ]" ||
	fx_fail "the daemon did not wait for the database"
rc=0
fx_stop_pid "$SL_PID" 20 || rc=$?
SL_PID=
kl_eq "SIGTERM while waiting: exit 0" "$rc" 0
kl_contains "why it stopped" "$SL_LOG" "stopping on signal, the database never opened"
sl_unlock_db
echo "PASS: a locked database at start-up: waited for, then every complaint taken in"
