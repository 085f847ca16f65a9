#!/bin/sh
# Anything temporary -- a locked database, a full disk, an unwritable
# state directory -- makes `klachtd deliver` exit 75 (EX_TEMPFAIL) so the
# MTA retries, with nothing half-stored; the retry then succeeds once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
kl_deliver "$KL_DATA/samples/01-afval.eml"; kl_eq "setup" "$KL_RC" 0

# 1. Database locked by another process for longer than busy_timeout.
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$FX_DIR/locked" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(4)
c.execute("ROLLBACK")
PY
locker=$!
fx_wait_for test -e "$FX_DIR/locked" || fx_fail "locker did not start"
kl_deliver "$KL_DATA/samples/02-balie.eml"
kl_eq "locked: EX_TEMPFAIL" "$KL_RC" 75
kl_contains "locked explained" "$FX_DIR/klachtd.log" "database .*locked"
wait $locker
kl_deliver "$KL_DATA/samples/02-balie.eml"
kl_eq "after unlock" "$KL_RC" 0
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2

# 2. Disk full (a file size limit makes every write past it fail).
{ cat "$KL_DATA/samples/03-parkeren.eml"; head -c 600000 /dev/zero | tr '\0' 'y' | fold -w 76; } > "$FX_DIR/big.eml"
dbsize=$(( ($(wc -c < "$KL_STATE/klachtd.db") + $(wc -c < "$KL_STATE/klachtd.db-wal" 2>/dev/null || echo 0)) / 1024 + 64 ))
KL_RC=0
( ulimit -f "$dbsize"; exec "$KLACHTD" -c "$KL_CONF" deliver < "$FX_DIR/big.eml" ) 2>>"$FX_DIR/klachtd.log" || KL_RC=$?
kl_eq "disk full: EX_TEMPFAIL" "$KL_RC" 75
kl_contains "disk full explained" "$FX_DIR/klachtd.log" "(full|too large|disk I/O|File too large)"
kl_eq "nothing half-stored" "$(kl_sql 'select count(*) from cases')" 2
kl_deliver "$FX_DIR/big.eml"
kl_eq "after space freed" "$KL_RC" 0
kl_eq "three cases" "$(kl_sql 'select count(*) from cases')" 3

# 3. State directory not writable (only meaningful when not root).
if [ "$(id -u)" != 0 ]; then
	KL_STATE_DIR=/proc/klachtd-nowhere kl_config ""
	kl_deliver "$KL_DATA/samples/04-english.eml"
	kl_eq "unwritable: EX_TEMPFAIL" "$KL_RC" 75
fi
echo PASS
