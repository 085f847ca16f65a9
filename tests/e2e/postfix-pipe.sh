#!/bin/sh
# The Postfix recipe of klachtd(8), with a real, private Postfix on
# loopback: a pipe(8) transport running klachtd-deliver (the lean entry,
# which runs `klachtd deliver` when no daemon is up) as an unprivileged
# user.  A complaint sent by SMTP becomes a case.  While the
# database is locked, klachtd answers 75 and Postfix defers the next one;
# once the lock is gone, a queue flush delivers it -- into exactly one
# case.  Root only (Postfix runs its own users); skipped otherwise.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
[ "$(id -u)" = 0 ] || fx_skip "not root: a private Postfix needs root"
POSTFIX=$(command -v postfix 2>/dev/null || echo /usr/sbin/postfix)
[ -x "$POSTFIX" ] || fx_skip "postfix not installed (apt-get install postfix)"
PFBIN=$(dirname "$POSTFIX")
fx_require curl
id postfix > /dev/null 2>&1 && getent group postdrop > /dev/null ||
	fx_skip "no postfix user or postdrop group"
command -v script > /dev/null 2>&1 || fx_skip "script(1) not found (bsdutils)"
RUN_AS=nobody
kl_setup
P="$FX_DIR/pf"
mkdir -p "$P/etc" "$P/queue" "$P/data"
chown postfix "$P/data"

# klachtd runs as $RUN_AS: give it a copy of the binary and templates it
# can reach, and the state directory.
mkdir -p "$FX_DIR/bin"
cp "$KLACHTD" "$FX_DIR/bin/klachtd"
cp "$top_builddir/klachtd-deliver" "$FX_DIR/bin/klachtd-deliver"
cp -r "$top_srcdir/etc/templates" "$FX_DIR/tpl"
chmod -R a+rX "$FX_DIR/bin" "$FX_DIR/tpl"
chown -R "$RUN_AS" "$KL_STATE"
KL_TEMPLATES="$FX_DIR/tpl" kl_config ""
chmod 0644 "$KL_CONF"
# Under ASan the sanitizer options travel with Postfix (export_environment
# below); a suppressions file must be readable by $RUN_AS too.
case ${LSAN_OPTIONS:-} in
*suppressions=*)
	supp=$(echo "$LSAN_OPTIONS" | tr ':' '\n' | sed -n 's/^suppressions=//p')
	if [ -r "$supp" ]; then
		cp "$supp" "$FX_DIR/lsan.supp"
		chmod 0644 "$FX_DIR/lsan.supp"
		LSAN_OPTIONS=$(echo "$LSAN_OPTIONS" | sed "s|suppressions=[^:]*|suppressions=$FX_DIR/lsan.supp|")
		export LSAN_OPTIONS
	fi ;;
esac

port=$(fx_free_port)
cat > "$P/etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $P/queue
data_directory = $P/data
command_directory = $PFBIN
daemon_directory = $(postconf -dh daemon_directory)
meta_directory = $(postconf -dh meta_directory)
shlib_directory = $(postconf -dh shlib_directory)
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.testdorp.example
mydomain = testdorp.example
myorigin = testdorp.example
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains = testdorp.example
transport_maps = inline:{ testdorp.example=klacht: }
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtputf8_enable = no
maillog_file = $P/maillog
maillog_file_prefixes = $P
klacht_destination_recipient_limit = 1
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
recipient_delimiter = +
import_environment = MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ LANG=C ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
export_environment = TZ MAIL_CONFIG LANG ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
CF
cat > "$P/etc/master.cf" <<CF
127.0.0.1:$port inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
smtp      unix  -       -       n       -       -       smtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
# The recipe of klachtd(8), with the test's binary, config and user:
klacht    unix  -       n       n       -       -       pipe
  flags=DRq user=$RUN_AS argv=$FX_DIR/bin/klachtd-deliver -c $KL_CONF
CF

fx_test_cleanup() {
	"$POSTFIX" -c "$P/etc" stop > /dev/null 2>&1
}
TERM=dumb script -qec "$POSTFIX -c $P/etc start" /dev/null > "$FX_DIR/postfix.start" 2>&1 ||
	{ cat "$FX_DIR/postfix.start" >&2; fx_fail "postfix did not start"; }
fx_wait_for -t 20 test -s "$P/queue/pid/master.pid" || fx_fail "no postfix master pid"
tr -d ' ' < "$P/queue/pid/master.pid" > "$FX_DIR/pids/postfix"
fx__probe "$port" "220 " 20 "" || fx_fail "postfix smtpd does not answer on $port"

send() { # FILE
	curl -sS --max-time 20 "smtp://127.0.0.1:$port" --mail-from citizen@example.net \
	    --mail-rcpt klachten@testdorp.example --upload-file "$1" ||
		fx_fail "curl could not hand the message to postfix"
}
svc__delivered() { # N: maillog shows N deliveries through klacht
	[ "$(grep -c 'relay=klacht.*status=sent' "$P/maillog" 2>/dev/null)" -ge "$1" ]
}

# 1. A complaint through Postfix becomes a case.
svc_msg 1 > "$FX_DIR/m1.eml"
send "$FX_DIR/m1.eml"
fx_wait_for -t 30 svc__delivered 1 || { tail -20 "$P/maillog" >&2; fx_fail "no delivery through the pipe"; }
kl_eq "case from postfix" "$(kl_sql 'select complainant_email from cases')" burger1@example.net
kl_eq "Return-Path from flags=R" "$(kl_sql "select instr(raw, 'Return-Path: <citizen@example.net>') > 0 from messages")" 1
kl_eq "Delivered-To from flags=D" "$(kl_sql "select instr(raw, 'Delivered-To: klachten@testdorp.example') > 0 from messages")" 1

# 2. The database is locked: Postfix defers, klachtd commits nothing.
lockdone="$FX_DIR/lock.release"
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$FX_DIR/lock.held" "$lockdone" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
end = time.monotonic() + 60
while not os.path.exists(sys.argv[3]) and time.monotonic() < end:
    time.sleep(0.05)
c.execute("ROLLBACK")
PY
lockpid=$!
fx_track_pid $lockpid
fx_wait_for test -e "$FX_DIR/lock.held" || fx_fail "could not lock the database"
svc_msg 2 > "$FX_DIR/m2.eml"
send "$FX_DIR/m2.eml"
fx_wait_for -t 30 grep -q 'relay=klacht.*status=deferred' "$P/maillog" ||
	{ tail -20 "$P/maillog" >&2; fx_fail "postfix did not defer while the database was locked"; }
kl_contains "deferred as a temporary failure" "$P/maillog" 'relay=klacht.*status=deferred \(temporary failure'
"$PFBIN/postqueue" -c "$P/etc" -p > "$FX_DIR/queue.txt" 2>&1
kl_contains "still in the queue" "$FX_DIR/queue.txt" "klachten@testdorp.example"
kl_contains "queue says why" "$FX_DIR/queue.txt" "temporary failure"

# 3. Lock gone, queue flushed: delivered, into one case.
touch "$lockdone"
wait $lockpid 2>/dev/null
"$PFBIN/postqueue" -c "$P/etc" -f
fx_wait_for -t 30 svc__delivered 2 || { tail -20 "$P/maillog" >&2; fx_fail "not delivered after the lock"; }
kl_eq "two cases" "$(kl_sql 'select count(*) from cases')" 2
kl_eq "the second one once" "$(kl_sql "select count(*) from messages where message_id = 'svc-2@example.net'")" 1
kl_eq "two acknowledgements" "$(kl_sql "select count(*) from outbox where kind = 'ack'")" 2
"$PFBIN/postqueue" -c "$P/etc" -p > "$FX_DIR/queue.txt" 2>&1
kl_contains "queue empty" "$FX_DIR/queue.txt" "Mail queue is empty"

# 4. The daemon runs (started as root, it becomes the state's owner):
#    klachtd-deliver spools the message and wakes it; it files it.
"$FX_DIR/bin/klachtd" -c "$KL_CONF" 2>"$FX_DIR/daemon.log" &
dpid=$!
fx_track_pid $dpid
fx_wait_for grep -q "started:.*woken by deliveries" "$FX_DIR/daemon.log" ||
	{ cat "$FX_DIR/daemon.log" >&2; fx_fail "daemon did not start"; }
svc_msg 3 > "$FX_DIR/m3.eml"
send "$FX_DIR/m3.eml"
fx_wait_for -t 30 svc__delivered 3 || { tail -20 "$P/maillog" >&2; fx_fail "no delivery with the daemon running"; }
case3() { [ "$(kl_sql "select count(*) from messages where message_id = 'svc-3@example.net'")" = 1 ]; }
fx_wait_for -t 30 case3 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "the daemon did not file the spooled message"; }
kl_eq "spooled, then filed by the daemon" "$(ls "$KL_STATE/spool/cur" | wc -l)" 1
kl_eq "three cases" "$(kl_sql 'select count(*) from cases')" 3
fx_stop_pid $dpid >/dev/null || true
echo PASS
