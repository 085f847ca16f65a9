#!/bin/sh
# The daemon loop: picks up mail dropped into the Maildir while running,
# delivers the acknowledgement, and exits 0 promptly on SIGTERM.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
# Polls of a minute (new mail and deliveries wake the daemon at once):
# a daemon that noticed SIGTERM only at its next poll would fail the
# shutdown bound below.
kl_config "$(kl_smtp_conf | sed 's/retry = {/poll_interval = "60s"; retry = {/')
intake = { maildir = { poll_interval = \"60s\"; }; };"
mkdir -p "$KL_STATE/inbox/new" "$KL_STATE/inbox/tmp" "$KL_STATE/inbox/cur"

"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon.log" || fx_fail "daemon did not start"
cp "$KL_DATA/samples/01-afval.eml" "$KL_STATE/inbox/tmp/x.host"
mv "$KL_STATE/inbox/tmp/x.host" "$KL_STATE/inbox/new/x.host"
fx_smtp_wait_count 1 20 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "no ack from the running daemon"; }
kl_eq "one case" "$(kl_sql 'select count(*) from cases')" 1

start=$(date +%s)
kill -TERM $pid
rc=0; wait $pid || rc=$?
kl_eq "exit on SIGTERM" "$rc" 0
# Within 20 s, whatever the load: far below the minute's poll.
t=$(( $(date +%s) - start ))
[ "$t" -le 20 ] || fx_fail "shutdown took $t s"
kl_contains "stop logged" "$FX_DIR/daemon.log" "stopping on signal"
echo PASS
