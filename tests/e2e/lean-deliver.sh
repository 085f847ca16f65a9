#!/bin/sh
# The lean MTA entry klachtd-deliver (issue 17): it loads no libcurl, TLS
# stack or GMime; with no daemon it becomes `klachtd deliver` (the case
# is filed before it returns); with a daemon listening it spools the
# message in state_dir/spool and wakes the daemon, which files it as
# source "pipe" and sends the acknowledgement at once.  Too big 65, empty
# 66, an unwritable spool 75 with nothing lost, and a spool left behind
# while no daemon ran is taken at the next start.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_require smtp
LEAN="$top_builddir/klachtd-deliver"
[ -x "$LEAN" ] || fx_fail "no $LEAN"

kl_setup
fx_smtp_start

# ldd: at most 15 shared libraries, none of the heavy ones.
ldd "$LEAN" > "$FX_DIR/ldd" 2>&1 || true
n=$(grep -c . "$FX_DIR/ldd")
[ "$n" -le 15 ] || { cat "$FX_DIR/ldd" >&2; fx_fail "klachtd-deliver loads $n shared libraries (at most 15)"; }
kl_absent "no heavy libraries" "$FX_DIR/ldd" "libcurl|gnutls|libssl|libcrypto|gmime|sqlite|glib"
kl_contains "libconfig linked" "$FX_DIR/ldd" "libconfig"

"$LEAN" -V > "$FX_DIR/v" || fx_fail "-V failed"
kl_contains "-V" "$FX_DIR/v" "^klachtd-deliver [0-9]"
"$LEAN" --help > "$FX_DIR/h" || fx_fail "--help failed"
kl_contains "--help" "$FX_DIR/h" "--state-dir"
# Its man page renders cleanly and documents every option.
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$top_srcdir/man/klachtd-deliver.8" > "$FX_DIR/warn" 2>&1 ||
		fx_fail "groff failed on klachtd-deliver.8"
	[ ! -s "$FX_DIR/warn" ] || { cat "$FX_DIR/warn" >&2; fx_fail "groff warnings in klachtd-deliver.8"; }
	groff -man -Tutf8 -P-cbou "$top_srcdir/man/klachtd-deliver.8" 2>/dev/null > "$FX_DIR/man.txt"
	for o in $(grep -o -- '--[a-z][a-z-]*' "$FX_DIR/h" | sort -u); do
		grep -q -- "$o" "$FX_DIR/man.txt" || fx_fail "klachtd-deliver(8) lacks $o"
	done
fi
rc=0; "$LEAN" bogus </dev/null 2>/dev/null || rc=$?
kl_eq "stray argument" "$rc" 64
# A broken configuration: the full klachtd reports it (with its line) and
# answers EX_CONFIG, exactly as `klachtd deliver` does; nothing is taken.
printf 'state_dir = "%s";\norganisation = {\n  name = ;\n};\n' "$KL_STATE" > "$FX_DIR/broken.conf"
rc=0; "$LEAN" -c "$FX_DIR/broken.conf" < "$KL_DATA/samples/01-afval.eml" 2>"$FX_DIR/broken.err" || rc=$?
kl_eq "broken config: exit" "$rc" 78
kl_contains "broken config: says where" "$FX_DIR/broken.err" "broken.conf:3: syntax error"
kl_eq "broken config: nothing spooled" "$(ls "$KL_STATE/spool/new" 2>/dev/null | wc -l)" 0
rc=0; "$LEAN" -c "$FX_DIR/missing.conf" < "$KL_DATA/samples/01-afval.eml" 2>"$FX_DIR/missing.err" || rc=$?
kl_eq "missing config: exit" "$rc" 78
kl_contains "missing config: says which" "$FX_DIR/missing.err" "missing.conf"

# Every poll a day away: only a wake-up explains a prompt ack.
kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1d";/')
intake = { maildir = { poll_interval = \"1d\"; }; };"

lean() {	# lean FILE [ARGS]: sets KL_RC
	f=$1; shift
	KL_RC=0
	"$LEAN" -c "$KL_CONF" "$@" < "$f" 2>>"$FX_DIR/lean.log" || KL_RC=$?
}
newmsg() {	# newmsg SAMPLE TAG: a copy with its own Message-ID
	sed "s/^Message-I[Dd]: <\(.*\)>/Message-ID: <$2.\1>/" \
	    "$KL_DATA/samples/$1" > "$FX_DIR/$2.eml"
	echo "$FX_DIR/$2.eml"
}

# 1. No daemon: the exec path files the case before it returns.
lean "$KL_DATA/samples/01-afval.eml"
kl_eq "no daemon: exit" "$KL_RC" 0
kl_eq "no daemon: case visible at once" "$(kl_ctl list --json | kl_json 'len(j)')" 1
kl_eq "no daemon: source pipe" "$(kl_sql "select source from messages")" pipe
kl_eq "no daemon: nothing spooled" "$(ls "$KL_STATE/spool/new" 2>/dev/null | wc -l)" 0
# -s is passed on to klachtd too.
rc=0
"$LEAN" -c "$KL_CONF" -s "$FX_DIR/other" < "$(newmsg 02-balie.eml s)" 2>>"$FX_DIR/lean.log" || rc=$?
kl_eq "-s: exit" "$rc" 0
[ -f "$FX_DIR/other/klachtd.db" ] || fx_fail "-s did not reach klachtd deliver"

# 2. A daemon runs: spool, wake, filed, acknowledged.
"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon.log" &
pid=$!
fx_track_pid $pid
fx_wait_for grep -q "started:.*woken by deliveries" "$FX_DIR/daemon.log" || fx_fail "daemon did not start"
fx_smtp_wait_count 1 60 || fx_fail "the first tick sent nothing"
lean "$(newmsg 03-parkeren.eml d1)"
kl_eq "daemon: exit" "$KL_RC" 0
fx_smtp_wait_count 2 60 || { cat "$FX_DIR/daemon.log" >&2; fx_fail "the spooled message was not acknowledged"; }
kl_eq "daemon: two cases" "$(kl_sql 'select count(*) from cases')" 2
kl_eq "daemon: source pipe" "$(kl_sql "select source from messages where message_id like '%d1.%'")" pipe
kl_eq "daemon: spool emptied" "$(ls "$KL_STATE/spool/new" | wc -l)" 0
kl_eq "daemon: spool kept in cur" "$(ls "$KL_STATE/spool/cur" | wc -l)" 1
# The same message twice: one case (the Message-ID dedupes).
lean "$FX_DIR/d1.eml"
kl_eq "dupe: exit" "$KL_RC" 0
fx_wait_for -t 60 sh -c "[ \$(ls '$KL_STATE/spool/cur' | wc -l) -eq 2 ]" || fx_fail "the duplicate was not taken"
kl_eq "dupe: still two cases" "$(kl_sql 'select count(*) from cases')" 2

# 3. Too big, empty, an unwritable spool.
printf 'Subject: x\n\n' > "$FX_DIR/big.eml"
head -c 3000 /dev/zero | tr '\0' 'a' >> "$FX_DIR/big.eml"
KL_LIMITS='max_message_size = "2K";'
kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1d";/')
intake = { maildir = { poll_interval = \"1d\"; }; };"
lean "$FX_DIR/big.eml"
kl_eq "too big" "$KL_RC" 65
lean /dev/null
kl_eq "empty" "$KL_RC" 66
KL_LIMITS=
kl_eq "too big, empty: nothing spooled" "$(ls "$KL_STATE/spool/new" "$KL_STATE/spool/tmp" | grep -c '^[0-9]')" 0
kl_config "$(kl_smtp_conf | sed 's/^outgoing = {/outgoing = { poll_interval = "1d";/')
intake = { maildir = { poll_interval = \"1d\"; }; };"
# tmp/ a file: no write can succeed there, even as root.
rmdir "$KL_STATE/spool/tmp"
: > "$KL_STATE/spool/tmp"
lean "$(newmsg 04-english.eml u1)"
kl_eq "unwritable spool" "$KL_RC" 75
kl_contains "unwritable spool: says why" "$FX_DIR/lean.log" "not spooled; the MTA should retry"
kl_eq "unwritable spool: nothing in new/" "$(ls "$KL_STATE/spool/new" | wc -l)" 0
rm "$KL_STATE/spool/tmp"
mkdir "$KL_STATE/spool/tmp"
lean "$FX_DIR/u1.eml"	# the MTA's retry
kl_eq "retry: exit" "$KL_RC" 0
fx_smtp_wait_count 3 60 || fx_fail "the retried message was not acknowledged"
kl_eq "retry: three cases" "$(kl_sql 'select count(*) from cases')" 3

rc=0
fx_stop_pid $pid || rc=$?
kl_eq "daemon exit" "$rc" 0

# 4. A spool left behind: a listener that is no daemon (as one that
#    stopped right after the check) makes it spool; the next daemon
#    takes it at start.
/usr/bin/python3 -c '
import signal, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2], "w").close()
signal.pause()
' "$KL_STATE/wake" "$FX_DIR/listening" &
fake=$!
fx_track_pid $fake
fx_wait_for test -f "$FX_DIR/listening" || fx_fail "fake listener did not start"
lean "$(newmsg 01-afval.eml left)"
kl_eq "left: exit" "$KL_RC" 0
kl_eq "left: in the spool" "$(ls "$KL_STATE/spool/new" | wc -l)" 1
kl_eq "left: not filed yet" "$(kl_sql 'select count(*) from cases')" 3
kill $fake; wait $fake 2>/dev/null || true
"$KLACHTD" -c "$KL_CONF" 2>"$FX_DIR/daemon2.log" &
pid=$!
fx_track_pid $pid
fx_smtp_wait_count 4 60 || { cat "$FX_DIR/daemon2.log" >&2; fx_fail "the spool left behind was not taken at start"; }
kl_eq "left: four cases" "$(kl_sql 'select count(*) from cases')" 4
kl_eq "left: spool emptied" "$(ls "$KL_STATE/spool/new" | wc -l)" 0
fx_stop_pid $pid >/dev/null || true
echo "PASS: klachtd-deliver is lean, spools for a running daemon, execs klachtd deliver without one"
