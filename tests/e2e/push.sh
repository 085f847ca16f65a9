#!/bin/sh
# Push (issue 17): with every poll set to a day, only a wake-up can
# explain a prompt acknowledgement.  A delivery through the MTA pipe wakes
# the running daemon (a datagram on the socket "wake" in the state
# directory) and the acknowledgement it queued goes out at once; a message
# moved into the intake Maildir's new/ is seen through inotify.  With no
# daemon running a delivery still succeeds, and the mail waits for it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
kl_setup
fx_smtp_start
kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1d";/')
intake = { maildir = { poll_interval = \"1d\"; }; };"
grep -q 'poll_interval = "1d"' "$KL_CONF" || fx_fail "test config: no outgoing poll_interval"
mkdir -p "$KL_STATE/inbox/new" "$KL_STATE/inbox/tmp" "$KL_STATE/inbox/cur"

# A first complaint waits in the Maildir: the first tick takes it and
# sends its ack, so once that ack is at the sink the first tick is over
# and every later send needs a wake-up (the next poll is a day away).
cp "$KL_DATA/samples/02-balie.eml" "$KL_STATE/inbox/new/x.host"
"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon.log" || fx_fail "daemon did not start"
kl_contains "the daemon listens for deliveries" "$FX_DIR/daemon.log" "started: .*woken by deliveries"
kl_contains "the daemon watches the Maildir" "$FX_DIR/daemon.log" "started: .*Maildir watched"
[ -S "$KL_STATE/wake" ] || fx_fail "no wake socket in the state directory"
fx_smtp_wait_count 1 60 || fx_fail "the first tick sent nothing"

# 1. Through the pipe.
kl_deliver "$KL_DATA/samples/01-afval.eml"
kl_eq "deliver exit" "$KL_RC" 0
fx_smtp_wait_count 2 60 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "the delivery did not wake the daemon"; }
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2

# 2. Into the Maildir.
cp "$KL_DATA/samples/03-parkeren.eml" "$KL_STATE/inbox/tmp/y.host"
mv "$KL_STATE/inbox/tmp/y.host" "$KL_STATE/inbox/new/y.host"
fx_smtp_wait_count 3 60 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "new mail in the Maildir did not wake the daemon"; }
kl_eq "three cases" "$(kl_sql 'select count(*) from cases')" 3

rc=0
fx_stop_pid $pid || rc=$?
kl_eq "exit on SIGTERM" "$rc" 0
[ ! -e "$KL_STATE/wake" ] || fx_fail "the wake socket outlived the daemon"

# 3. No daemon: the delivery succeeds and its mail waits in the outbox
#    for the next daemon, which sends it on its first tick.
kl_deliver "$KL_DATA/samples/04-english.eml"
kl_eq "deliver without a daemon exit" "$KL_RC" 0
kl_eq "nothing sent without a daemon" "$(fx_smtp_count)" 3
kl_eq "the ack waits in the outbox" "$(kl_sql "select count(*) from outbox where kind = 'ack' and sent_at is null")" 1
"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon2.log" &
pid=$!
fx_track_pid $pid
fx_smtp_wait_count 4 60 || fx_fail "the waiting ack did not go out"

# 4. A stale socket (a daemon killed with SIGKILL) is taken over.
kill -KILL $pid; wait $pid 2>/dev/null || true
[ -S "$KL_STATE/wake" ] || fx_fail "SIGKILL should leave the socket behind"
"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon3.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:" "$FX_DIR/daemon3.log" || fx_fail "daemon did not start over a stale socket"
kl_contains "the stale socket is taken over" "$FX_DIR/daemon3.log" "started: .*woken by deliveries"
cp "$KL_DATA/samples/03-parkeren.eml" "$FX_DIR/again.eml"
sed -i 's/^Message-I[Dd]: <\(.*\)>/Message-ID: <again.\1>/' "$FX_DIR/again.eml"
kl_deliver "$FX_DIR/again.eml"
fx_smtp_wait_count 5 60 || fx_fail "a delivery did not wake the new daemon"
fx_stop_pid $pid >/dev/null || true
echo "PASS: pipe deliveries and Maildir mail wake the daemon; nothing waits for a poll"
