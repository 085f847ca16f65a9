# Helpers for the tests/e2e/imap-*.sh tests (POSIX sh, sourced after
# tests/lib.sh).  Each test starts one private Dovecot (fixtures) and runs
# the real klachtd against it with IMAP intake.

# im_setup: skip unless Dovecot is installed; temp dir, Dovecot, password
# file, and a config with IMAP intake in $KL_CONF (see im_config).
im_setup() {
	fx_require imap curl
	kl_setup
	fx_dovecot_start
	IM_PWFILE=$FX_DIR/imap.password
	printf '%s\n' "$FX_IMAP_PASS" >"$IM_PWFILE"
	chmod 600 "$IM_PWFILE"
	im_config
}

# im_config [EXTRA]: (re)writes the config: IMAP intake on the fixture's
# plain port with the password file; EXTRA goes inside imap = { }.
# $IM_URL, $IM_AUTH, $IM_STARTTLS, $IM_POLL, $IM_TIMEOUT override the
# defaults; $IM_TOP is added at the top level (e.g. outgoing).
im_config() {
	kl_config "intake = { imap = {
  url = \"${IM_URL:-imap://127.0.0.1:$FX_IMAP_PORT/INBOX}\";
  user = \"$FX_IMAP_USER\";
  ${IM_AUTH:-password_file = \"$IM_PWFILE\";}
  starttls = \"${IM_STARTTLS:-no}\";
  poll_interval = \"${IM_POLL:-1s}\";
  timeout = \"${IM_TIMEOUT:-5s}\";
  ${1:-}
}; };
${IM_TOP:-}"
}

# im_mail N [TAG]: delivers N distinct complaints into the INBOX, each
# with its own sender and Message-ID <TAG-i@test.example>.
im_mail() {
	im__i=1
	while [ "$im__i" -le "$1" ]; do
		printf 'From: Klager %s <klager%s.%s@burger.example>\r\nTo: klachten@testdorp.example\r\nSubject: Klacht %s nummer %s\r\nDate: Tue, 17 Nov 2026 10:00:00 +0100\r\nMessage-ID: <%s-%s@test.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDe stoep voor huisnummer %s ligt al weken open.\r\n' \
		    "$im__i" "$im__i" "${2:-m}" "${2:-m}" "$im__i" "${2:-m}" \
		    "$im__i" "$im__i" | fx_imap_put -
		im__i=$((im__i + 1))
	done
}

# im_once [ARGS...]: one pass (klachtd --once ARGS), its log alone in
# $FX_DIR/once.log (and appended to klachtd.log); sets KL_RC.
im_once() {
	KL_RC=0
	"$KLACHTD" -c "$KL_CONF" --once "$@" >"$FX_DIR/once.log" 2>&1 || KL_RC=$?
	cat "$FX_DIR/once.log" >>"$FX_DIR/klachtd.log"
}

im_cases() { kl_sql 'select count(*) from cases'; }
im_acks_queued() { kl_sql "select count(*) from outbox where kind = 'ack'"; }
# Acknowledgements written to the outgoing Maildir (the default outgoing).
im_acks_out() { ls "$KL_STATE/outgoing/new" 2>/dev/null | wc -l | tr -d ' '; }

# im_count FILE PATTERN: lines matching PATTERN (grep -E) in FILE.
im_count() {
	grep -Ec -- "$2" "$1" || :
}

# im_box_uids MAILBOX [CRITERIA]: UIDs in MAILBOX (URL-encoded name).
im_box_uids() {
	curl -sS --max-time 20 -u "$FX_IMAP_USER:$FX_IMAP_PASS" \
	    "$(fx_imap_url "$1")" -X "UID SEARCH ${2:-ALL}" |
	    tr -d '\r' | sed -n 's/^\* SEARCH *//p'
}

# im_words STRING: number of words.
im_words() {
	# shellcheck disable=SC2086
	set -- $1
	echo $#
}

# im_lock_db SECS: holds the database's write lock for SECS seconds in the
# background (BEGIN IMMEDIATE); waits until it is held.  IM_LOCK_PID.
im_lock_db() {
	rm -f "$FX_DIR/locked"
	# (A script file, not a here-document: with one, `$!` can be a
	# subshell and the python process would outlive the cleanup.)
	cat >"$FX_DIR/lock.py" <<'PY'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("ROLLBACK")
PY
	/usr/bin/python3 "$FX_DIR/lock.py" "$KL_STATE/klachtd.db" "$FX_DIR/locked" "$1" &
	IM_LOCK_PID=$!
	fx_track_pid "$IM_LOCK_PID"
	fx_wait_for test -f "$FX_DIR/locked" || fx_fail "could not lock the database"
}
