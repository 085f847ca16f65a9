#!/bin/sh
# Push's failure path (issue 17): a state directory whose path is too long
# for a Unix socket address (108 bytes) cannot hold the wake socket.  The
# daemon must say so, start anyway, and fall back to polling the outbox;
# a delivery must still succeed, and its acknowledgement still go out (at
# the next poll, here every second).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
long="$FX_DIR/state-with-a-path-too-long-for-a-unix-socket-address"
long="$long/0123456789abcdefghijklmnopqrstuvwxyz-0123456789abcdefghijklmnopqrstuvwxyz"
mkdir -p "$long"
KL_STATE="$long"
KL_STATE_DIR="$long"
fx_smtp_start
kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1s";/')"
grep -q 'poll_interval = "1s"' "$KL_CONF" || fx_fail "test config: no outgoing poll_interval"
[ ${#long} -gt 108 ] || fx_fail "test setup: state path only ${#long} bytes"

"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon.log" || { cat "$FX_DIR/daemon.log" >&2; fx_fail "daemon did not start"; }
kl_contains "the daemon says why it cannot be woken" "$FX_DIR/daemon.log" "path too long for a socket"
kl_contains "the daemon says it falls back to the poll" "$FX_DIR/daemon.log" "goes out at the next poll, every 1s"
if grep -q "started: .*woken by deliveries" "$FX_DIR/daemon.log"; then
	fx_fail "the daemon claims to be woken by deliveries without a socket"
fi

kl_deliver "$KL_DATA/samples/01-afval.eml"
kl_eq "deliver exit" "$KL_RC" 0
kl_eq "one case" "$(kl_sql 'select count(*) from cases')" 1
fx_smtp_wait_count 1 60 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "the poll did not send the acknowledgement"; }
rc=0
fx_stop_pid $pid || rc=$?
kl_eq "exit on SIGTERM" "$rc" 0
echo "PASS: a state path too long for the wake socket: the daemon polls, nothing is lost"
