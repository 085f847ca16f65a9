# Helpers for the end-to-end story (tests/e2e/story.sh) and the fault
# tests (tests/e2e/fault-*.sh), sourced after tests/lib.sh,
# tests/e2e/officer-lib.sh and tests/e2e/terms-lib.sh.  Not a test.
#
# The daemon runs for real, in its loop (not --once), in the background:
# sl_start starts it, under libfaketime when given a date ("the clock
# starts at DATE and runs"), and under valgrind when SL_VALGRIND=1;
# sl_stop sends SIGTERM and asserts exit 0 (and valgrind's verdict).
# Mail is checked at the receiving end: the SMTP sink's Maildir.

SL_LOG=
SL_PID=
SL_VALGRIND=${SL_VALGRIND:-0}
SL_VG_N=0

# sl_valgrind_usable: valgrind installed and this is not an ASan build.
sl_valgrind_usable() {
	command -v valgrind >/dev/null 2>&1 &&
	    ! nm "$KLACHTD" 2>/dev/null | grep -q __asan_init
}

# sl_start [DATE] [ARGS...]: start the daemon in its loop on $KL_CONF,
# stderr appended to $SL_LOG ($FX_DIR/daemon.log); with DATE ("" for
# real time) its clock starts at DATE ("YYYY-MM-DD HH:MM:SS") and runs.
# Waits for its "started:" line (60 s under valgrind, else 15 s).
sl_start() {
	sl__date=${1:-}
	[ $# -gt 0 ] && shift
	SL_LOG=${SL_LOG:-$FX_DIR/daemon.log}
	: >>"$SL_LOG"
	sl__before=$(grep -c "started:" "$SL_LOG")
	sl__vg=
	sl__t=15
	if [ "$SL_VALGRIND" = 1 ]; then
		SL_VG_N=$((SL_VG_N + 1))
		SL_VG_LOG=$FX_DIR/valgrind.$SL_VG_N.log
		sl__vg="valgrind -q --error-exitcode=99 --leak-check=full
		    --errors-for-leak-kinds=definite --show-leak-kinds=definite
		    --suppressions=$top_srcdir/tests/valgrind.supp
		    --log-file=$SL_VG_LOG"
		sl__t=60
	fi
	if [ -n "$sl__date" ]; then
		[ -n "$TL_FAKETIME" ] || fx_fail "sl_start: no libfaketime"
		# shellcheck disable=SC2086
		FAKETIME="@$sl__date" FAKETIME_DONT_FAKE_MONOTONIC=1 \
		LD_PRELOAD="$TL_FAKETIME${LD_PRELOAD:+:$LD_PRELOAD}" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		    $sl__vg "$KLACHTD" -c "$KL_CONF" "$@" 2>>"$SL_LOG" &
	else
		# shellcheck disable=SC2086
		$sl__vg "$KLACHTD" -c "$KL_CONF" "$@" 2>>"$SL_LOG" &
	fi
	SL_PID=$!
	fx_track_pid "$SL_PID"
	fx_wait_for -t "$sl__t" sl__started "$sl__before" ||
		{ tail -20 "$SL_LOG" >&2; fx_fail "the daemon did not start"; }
}
sl__started() {
	[ "$(grep -c "started:" "$SL_LOG")" -gt "$1" ] && return 0
	fx__alive "$SL_PID" || { tail -20 "$SL_LOG" >&2; fx_fail "the daemon exited"; }
	return 1
}

# sl_stop: SIGTERM; the daemon must exit 0 within 20 s (valgrind: its
# error summary must be clean: exit 99 otherwise, log shown).
sl_stop() {
	sl__rc=0
	fx_stop_pid "$SL_PID" 30 || sl__rc=$?
	if [ "$SL_VALGRIND" = 1 ]; then
		[ -f "$SL_VG_LOG" ] || fx_fail "valgrind wrote no log: did it run?"
	fi
	if [ "$SL_VALGRIND" = 1 ] && [ "$sl__rc" != 0 ]; then
		cat "$SL_VG_LOG" >&2
		fx_fail "valgrind: daemon exit $sl__rc (99 = memory errors or a definite leak)"
	fi
	kl_eq "daemon exit status on SIGTERM" "$sl__rc" 0
	SL_PID=
}

# sl_kill: SIGKILL the daemon and reap it.
sl_kill() {
	kill -KILL "$SL_PID" 2>/dev/null || :
	wait "$SL_PID" 2>/dev/null || :
	rm -f "$FX_DIR/pids/track.$SL_PID"
	SL_PID=
}

# sl_alive: the daemon still runs.
sl_alive() {
	[ -n "$SL_PID" ] && fx__alive "$SL_PID"
}

# sl_wait_log PATTERN [SECS]: wait until the daemon's log matches.
sl_wait_log() {
	fx_wait_for -t "${2:-$FX_WAIT_TIMEOUT}" grep -Eq -- "$1" "$SL_LOG" ||
		{ tail -20 "$SL_LOG" >&2; fx_fail "no /$1/ in the daemon's log"; }
}

# sl_sql_n SQL: like kl_sql, but a number, 0 when the database is not
# there (yet) or busy.  Uses the sqlite3 shell when there is one (a few
# ms, where starting Python takes tens: progress polls stay fine-grained).
sl_sql_n() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sl__v=$(sqlite3 -readonly -cmd '.timeout 2000' \
		    "$KL_STATE/klachtd.db" "$1" 2>/dev/null) || sl__v=
	else
		sl__v=$(kl_sql "$1" 2>/dev/null) || sl__v=
	fi
	case $sl__v in '' | *[!0-9]*) echo 0 ;; *) echo "$sl__v" ;; esac
}

# sl_imap_config [EXTRA-IMAP]: the intake = { imap = { ... } } block for
# the fixture Dovecot (password file written once); EXTRA-IMAP goes
# inside imap = { }.
sl_imap_config() {
	if [ -z "${SL_IMAP_PWFILE:-}" ]; then
		SL_IMAP_PWFILE=$FX_DIR/imap.password
		printf '%s\n' "$FX_IMAP_PASS" >"$SL_IMAP_PWFILE"
		chmod 600 "$SL_IMAP_PWFILE"
	fi
	cat <<CONF
intake = { imap = {
  url = "imap://127.0.0.1:$FX_IMAP_PORT/INBOX";
  user = "$FX_IMAP_USER";
  password_file = "$SL_IMAP_PWFILE";
  starttls = "no";
  poll_interval = "1s";
  timeout = "5s";
  ${1:-}
}; };
CONF
}

# sl_mails [FROM]: "kind rcpt" of every message at the sink from the
# FROM-th on (1-based, default 1), in delivery order; kind is the middle
# of our Message-ID (ack, notify, confirm, ...), "?" for foreign mail.
sl_mails() {
	fx_smtp_messages | tail -n "+${1:-1}" | /usr/bin/python3 -c '
import re, sys
for path in sys.stdin.read().split():
    head = open(path, "rb").read().decode("utf-8", "replace").split("\r\n\r\n", 1)[0]
    m = re.search(r"^Message-Id: <[^.>]*\.([^.>]*)\.", head, re.M | re.I)
    r = re.search(r"^X-Sink-Rcpt-To: <([^>]*)>", head, re.M)
    print("%s %s" % (m.group(1) if m else "?", r.group(1) if r else "?"))'
}

# sl_expect WHAT FROM "kind rcpt"...: the mails from the FROM-th on are
# exactly these (in any order); waits up to $SL_MAIL_WAIT s (default 30)
# for them to arrive first.
sl_expect() {
	sl__what=$1 sl__from=$2
	shift 2
	sl__want=$(printf '%s\n' "$@" | sort)
	fx_smtp_wait_count $((sl__from - 1 + $#)) "${SL_MAIL_WAIT:-30}" || {
		sl_mails "$sl__from" >&2
		tail -20 "$SL_LOG" >&2
		fx_fail "$sl__what: expected $# mail(s), got $(( $(fx_smtp_count) - sl__from + 1 ))"
	}
	kl_eq "$sl__what: the mails at the sink" \
	    "$(sl_mails "$sl__from" | sort | tr '\n' ';')" \
	    "$(printf '%s\n' "$sl__want" | tr '\n' ';')"
}

# sl_queue_empty WHAT: every outbox row was sent (none queued, none
# failed), and the sink holds exactly as many messages as were sent.
sl_queue_empty() {
	kl_eq "$1: outbox" "$(kl_sql "select count(*) from outbox where status != 'sent'")" 0
	kl_eq "$1: sent = delivered" "$(kl_sql "select count(*) from outbox")" "$(fx_smtp_count)"
}

# sl_put FILE: an MTA delivers FILE into the IMAP INBOX the daemon reads.
sl_put() {
	fx_imap_put "$1"
}

# sl_smtp_conf [TIMEOUT]: outgoing to the fixture sink, retries after 1 s.
sl_smtp_conf() {
	echo "outgoing = { smtp = { url = \"smtp://127.0.0.1:$FX_SMTP_PORT\"; starttls = \"no\"; timeout = \"${1:-5s}\"; }; retry = { min = \"1s\"; max = \"1s\"; }; };"
}

# sl_ledger WHAT [MAXDUP [QUEUED]]: the outbox against what the sink
# accepted (its journal of 250s): every row marked sent was delivered,
# no failed row was ever delivered, nothing arrived that is not in the
# outbox, at most MAXDUP (default 0) deliveries beyond one per message,
# and exactly QUEUED (default 0) rows still waiting.  Prints one line
# "rows R sent S failed F queued Q delivered D duplicates X" on stdout
# and sets SL_DUPES to X.
sl_ledger() {
	sl__l=$(/usr/bin/python3 - "$KL_STATE/klachtd.db" "$FX_SMTP_JOURNAL" \
	    "${2:-0}" "${3:-0}" <<'PY'
import collections, sqlite3, sys
db, journal, maxdup, want_q = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
rows = {mid.strip("<>"): (i, st) for i, mid, st in
        c.execute("select id, message_id, status from outbox")}
got = collections.Counter()
for line in open(journal, encoding="utf-8", errors="replace"):
    f = line.rstrip("\n").split("\t")
    if len(f) >= 7 and f[3] == "250":
        got[f[6].strip("<>")] += 1
bad = []
for mid, (i, st) in sorted(rows.items(), key=lambda kv: kv[1][0]):
    n = got.get(mid, 0)
    if st == "sent" and n == 0:
        bad.append("outbox id=%d marked sent, never delivered (lost)" % i)
    if st == "failed" and n > 0:
        bad.append("outbox id=%d failed, but delivered %d time(s)" % (i, n))
for mid in got:
    if mid not in rows:
        bad.append("delivered, not in the outbox: <%s>" % mid)
st = collections.Counter(s for _, s in rows.values())
dup = sum(n - 1 for n in got.values() if n > 1)
print("rows %d sent %d failed %d queued %d delivered %d duplicates %d" % (
    len(rows), st["sent"], st["failed"], st["queued"], sum(got.values()), dup))
if dup > maxdup:
    bad.append("%d duplicate deliveries, at most %d allowed: %s" % (dup, maxdup,
        ", ".join("<%s> x%d" % (m, n) for m, n in got.items() if n > 1)))
if st["queued"] != want_q:
    bad.append("%d row(s) still queued, want %d" % (st["queued"], want_q))
for b in bad:
    print("LEDGER: " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
	) || fx_fail "$1: the outbox and the mail received disagree ($sl__l)"
	SL_DUPES=${sl__l##* }
	fx_log "$1: $sl__l"
}

# sl_lock_db [MAXSECS]: another process takes the database's write lock
# (BEGIN IMMEDIATE) and holds it until sl_unlock_db, at most MAXSECS
# (default 60); returns once the lock is held.  SL_LOCK_PID.
sl_lock_db() {
	rm -f "$FX_DIR/locked" "$FX_DIR/unlock"
	cat >"$FX_DIR/lock.py" <<'PY'
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
end = time.monotonic() + float(sys.argv[4])
while not os.path.exists(sys.argv[3]) and time.monotonic() < end:
    time.sleep(0.02)
c.execute("ROLLBACK")
PY
	/usr/bin/python3 "$FX_DIR/lock.py" "$KL_STATE/klachtd.db" \
	    "$FX_DIR/locked" "$FX_DIR/unlock" "${1:-60}" &
	SL_LOCK_PID=$!
	fx_track_pid "$SL_LOCK_PID"
	fx_wait_for test -f "$FX_DIR/locked" || fx_fail "could not lock the database"
}

# sl_unlock_db: the other process lets go of the lock.
sl_unlock_db() {
	: >"$FX_DIR/unlock"
	fx_stop_pid "$SL_LOCK_PID" 10 || :
}

# sl_drop DIR NAME [FILE]: deliver FILE (default stdin) into the Maildir
# DIR the way an MDA does (tmp/, then rename into new/).
sl_drop() {
	mkdir -p "$1/tmp" "$1/new" "$1/cur"
	if [ -n "${3:-}" ]; then cat "$3"; else cat; fi >"$1/tmp/$2"
	mv "$1/tmp/$2" "$1/new/$2"
}

# sl_complaint N [TAG]: a complaint with its own sender and Message-ID
# <TAG-N@example.net>, on stdout.
sl_complaint() {
	printf 'From: Inwoner %s <inwoner%s.%s@example.net>\nTo: klachten@testdorp.example\nSubject: Klacht %s over de stoep\nDate: Mon, 16 Nov 2026 09:12:00 +0100\nMessage-ID: <%s-%s@example.net>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nDe stoep voor huisnummer %s ligt al maanden open.\n' \
	    "$1" "$1" "${2:-c}" "$1" "${2:-c}" "$1" "$1"
}

# sl_rand_list SEED COUNT LO HI: COUNT random numbers in [LO, HI) (awk's
# rand, seeded), space separated, three decimals.
sl_rand_list() {
	awk -v s="$1" -v n="$2" -v lo="$3" -v hi="$4" \
	    'BEGIN { srand(s); for (i = 0; i < n; i++) printf "%.3f ", lo + rand() * (hi - lo) }'
}

# sl_seed NAME: the random seed of this run ($NAME if set, for replaying
# a failure), printed.
sl_seed() {
	eval "sl__s=\${$1:-}"
	[ -n "$sl__s" ] || sl__s=$(( $(date +%s) % 100000 + $$ ))
	fx_log "random seed $sl__s (replay: $1=$sl__s)"
	echo "$sl__s"
}

# sl_kill_when CMD TARGET EXTRA [SECS]: wait until CMD prints a number
# >= TARGET (or the daemon exits, or SECS pass, default 30), sleep EXTRA
# seconds, then SIGKILL the daemon.  Returns 1 when the daemon had
# already exited by itself.
sl_kill_when() {
	sl__dl=$(( $(date +%s) + ${4:-30} ))
	while [ "$($1)" -lt "$2" ]; do
		sl_alive || break
		[ "$(date +%s)" -lt "$sl__dl" ] || break
		sleep 0.01
	done
	sleep "$3"
	if sl_alive; then
		sl_kill
		return 0
	fi
	wait "$SL_PID" 2>/dev/null || :
	SL_PID=
	return 1
}

# sl_imap_bulk N TAG: N distinct complaints straight into the fixture
# Dovecot's INBOX Maildir the way an MDA does (tmp/, owner, rename into
# new/), in one process: much faster than fx_imap_put per message.
# Message-IDs <TAG-i@example.net>, senders inwoner-i.TAG@example.net.
sl_imap_bulk() {
	/usr/bin/python3 - "$FX_IMAP_MAILDIR" "$1" "$2" "$FX_IMAP_UID" "$FX_IMAP_GID" <<'PY' ||
import os, sys
d, n, tag, uid, gid = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
root = os.getuid() == 0
for i in range(1, n + 1):
    name = "%s.%d.P%d.klfx" % (tag, i, os.getpid())
    tmp = os.path.join(d, "tmp", name)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("From: Inwoner %d <inwoner-%d.%s@example.net>\r\n"
                "To: klachten@testdorp.example\r\n"
                "Subject: Klacht %d over de stoep\r\n"
                "Date: Mon, 16 Nov 2026 09:12:00 +0100\r\n"
                "Message-ID: <%s-%d@example.net>\r\n"
                "MIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                "De stoep voor huisnummer %d ligt al maanden open.\r\n"
                % (i, i, tag, i, tag, i, i))
    os.chmod(tmp, 0o644)
    if root:
        os.chown(tmp, uid, gid)
    os.rename(tmp, os.path.join(d, "new", name))
PY
	fx_fail "sl_imap_bulk: could not write the mail"
}
