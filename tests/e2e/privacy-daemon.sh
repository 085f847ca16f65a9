#!/bin/sh
# The daemon runs the retention purge itself (at start, then daily): the
# case past its term is anonymised and logged with its reference, the
# case within its term is left alone, and the daemon goes on running.
# Bad retention settings are configuration errors with file and line.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
kl_setup
RP_CATS_EXTRA=', { id = "kort"; retention = "400d"; }'
rp_conf
rp_generate "$(( $(date +%Y) - 1 ))"
rp_old_cases
expired=$(kl_json 'j["expired"]["ref"]' < "$FX_DIR/old.json")
short=$(kl_json 'j["short"]["ref"]' < "$FX_DIR/old.json")
within=$(kl_json 'j["within"]["ref"]' < "$FX_DIR/old.json")

"$KLACHTD" -c "$KL_CONF" 2> "$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for -t 20 grep -q "retention: case=$short anonymised" "$FX_DIR/daemon.log" ||
	{ cat "$FX_DIR/daemon.log" >&2; fx_fail "the daemon did not purge"; }
kl_contains "log names the case" "$FX_DIR/daemon.log" "retention: case=$expired anonymised \(category afval, closed [0-9-]+, term 5y\)"
kill -0 $pid 2>/dev/null || fx_fail "the daemon stopped"
kl_eq "expired purged" "$(kl_sql "select purged_at > 0, complainant_email from cases where ref = '$expired'")" "1|"
kl_eq "within kept" "$(kl_sql "select purged_at is null from cases where ref = '$within'")" 1
kill -TERM $pid
rc=0; wait $pid || rc=$?
kl_eq "daemon exit" "$rc" 0
! grep -q "retention:.*failed\|database.*error" "$FX_DIR/daemon.log" ||
	fx_fail "errors in the daemon log"

# Retention settings are checked like every other: file and line.
rp_conf 'retention = { default = "5 jr"; notes_about_colleagues = "maybe"; };'
rc=0; "$KLACHTD" -c "$KL_CONF" -n > /dev/null 2> "$FX_DIR/n.err" || rc=$?
kl_eq "bad retention: exit" "$rc" 78
kl_contains "bad default" "$FX_DIR/n.err" "klachtd.conf:[0-9]+: retention.default: invalid duration \"5 jr\""
kl_contains "bad notes" "$FX_DIR/n.err" "klachtd.conf:[0-9]+: retention.notes_about_colleagues must be"
RP_CATS_EXTRA=', { id = "kort"; retention = "2h"; }'
rp_conf
rc=0; "$KLACHTD" -c "$KL_CONF" -n > /dev/null 2> "$FX_DIR/n.err" || rc=$?
kl_eq "short category retention: exit" "$rc" 78
kl_contains "short category retention" "$FX_DIR/n.err" "klachtd.conf:[0-9]+: categories: retention must be at least one day"
echo "PASS: the daemon's retention job purged $expired and $short"
