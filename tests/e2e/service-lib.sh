# Helpers for the service tests (tests/e2e/service-*.sh): the daemon
# started in the background on the test's config, complaints made to
# order and dropped into its intake Maildir.  POSIX sh, sourced after
# tests/lib.sh.

. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# svc_msg N: a complaint with its own sender and Message-ID, on stdout.
svc_msg() {
	cat <<MSG
From: Burger $1 <burger$1@example.net>
To: klachten@testdorp.example
Subject: Klacht nummer $1 over de stoep
Date: Mon, 16 Nov 2026 09:12:00 +0100
Message-ID: <svc-$1@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Geachte heer, mevrouw,

De stoep voor huisnummer $1 ligt al maanden open.  Graag een reactie.

Met vriendelijke groet,
Burger $1
MSG
}

# svc_drop N...: deliver complaints N... into the intake Maildir as an MDA
# does (write in tmp/, rename into new/).
svc_drop() {
	mkdir -p "$KL_STATE/inbox/tmp" "$KL_STATE/inbox/new" "$KL_STATE/inbox/cur"
	for svc__n in "$@"; do
		svc_msg "$svc__n" > "$KL_STATE/inbox/tmp/$svc__n.svc"
		mv "$KL_STATE/inbox/tmp/$svc__n.svc" "$KL_STATE/inbox/new/$svc__n.svc"
	done
}

# svc_start [ARGS...]: start the daemon in the background on $KL_CONF with
# stderr appended to $SVC_LOG; sets SVC_PID; waits (10 s) for "started:".
SVC_LOG=
svc_start() {
	SVC_LOG=${SVC_LOG:-$FX_DIR/daemon.log}
	: >> "$SVC_LOG"
	svc__before=$(grep -c "started:" "$SVC_LOG")
	"$KLACHTD" -c "$KL_CONF" "$@" 2>>"$SVC_LOG" &
	SVC_PID=$!
	fx_track_pid "$SVC_PID"
	fx_wait_for svc__started "$svc__before" ||
		{ cat "$SVC_LOG" >&2; fx_fail "daemon did not start"; }
}
svc__started() {
	[ "$(grep -c "started:" "$SVC_LOG")" -gt "$1" ] ||
		{ fx__alive "$SVC_PID" || fx_fail "daemon exited: $(tail -5 "$SVC_LOG")"; return 1; }
}

# svc_stop [MAXSECS]: SIGTERM, expect exit 0 within MAXSECS (default 15:
# a hung daemon is what this catches, not a slow machine).
svc_stop() {
	svc__t0=$(date +%s)
	svc__rc=0
	fx_stop_pid "$SVC_PID" 20 || svc__rc=$?
	kl_eq "exit status on SIGTERM" "$svc__rc" 0
	[ $(( $(date +%s) - svc__t0 )) -le "${1:-15}" ] ||
		fx_fail "shutdown took longer than ${1:-15}s"
}

# svc_count DIR: number of files in DIR.
svc_count() {
	ls "$1" 2>/dev/null | wc -l | tr -d ' '
}

# svc_wait_files DIR N [SECS]: wait until DIR holds at least N files.
svc_wait_files() {
	fx_wait_for -t "${3:-$FX_WAIT_TIMEOUT}" svc__files_ge "$1" "$2"
}
svc__files_ge() {
	[ "$(svc_count "$1")" -ge "$2" ]
}

# svc_wait_log PATTERN [SECS]: wait until the daemon's log matches.
svc_wait_log() {
	fx_wait_for -t "${2:-$FX_WAIT_TIMEOUT}" grep -Eq -- "$1" "$SVC_LOG" ||
		{ tail -20 "$SVC_LOG" >&2; fx_fail "no /$1/ in the daemon's log"; }
}

# svc_sql_file DB SQL: query another database file (read-only).
svc_sql_file() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10)
for row in c.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# svc__cases_ge N: the database holds at least N cases.
svc__cases_ge() {
	[ "$(kl_sql 'select count(*) from cases' 2>/dev/null || echo 0)" -ge "$1" ]
}
