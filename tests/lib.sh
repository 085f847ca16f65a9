# Shared helpers for klachtd's end-to-end tests (POSIX sh, sourced).
#
# Each test runs the real binaries from $top_builddir on a private state
# directory under $FX_DIR with a config written by kl_config; servers come
# from tests/fixtures/servers.sh.  Assertions print what they expected and
# what they got, then exit 1.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export top_srcdir top_builddir
. "$top_srcdir/tests/fixtures/servers.sh"

KLACHTD="$top_builddir/klachtd"
KLACHTCTL="$top_builddir/klachtctl"
KL_DATA="$top_srcdir/tests/data"
TZ=Europe/Amsterdam
export TZ

# kl_setup: temp dir, state dir, and a base config in $KL_CONF.
# Extra config text can be given as $1 (appended verbatim).
kl_setup() {
	fx_tmpdir
	KL_STATE="$FX_DIR/state"
	KL_CONF="$FX_DIR/klachtd.conf"
	mkdir -p "$KL_STATE"
	kl_config "${1:-}"
}

# kl_config EXTRA: (re)writes $KL_CONF with the base settings plus EXTRA.
# $KL_STATE_DIR and $KL_TEMPLATES override the state and template dirs;
# $KL_LIMITS adds settings inside limits = { }.
kl_config() {
	cat > "$KL_CONF" <<CONF
organisation = { name = "Gemeente Testdorp"; address = "klachten@testdorp.example"; };
state_dir = "${KL_STATE_DIR:-$KL_STATE}";
templates = "${KL_TEMPLATES:-$top_srcdir/etc/templates}";
limits = { busy_timeout = "1s"; ${KL_LIMITS:-} };
$1
CONF
	# Issue 15: under the awb profile a judgement on the merits waits
	# for a hearing (Awb 9:10).  Tests that are not about hearings set
	# KL_NO_HEARING=1 (officer-lib.sh, terms-lib.sh, ...) and close
	# without one: terms.hearing_required = false, in their own terms
	# block when they have one.
	if [ -n "${KL_NO_HEARING:-}" ]; then
		if grep -q '^terms = {' "$KL_CONF"; then
			sed -i 's/^terms = {/terms = { hearing_required = false;/' "$KL_CONF"
		else
			echo 'terms = { hearing_required = false; };' >> "$KL_CONF"
		fi
	fi
}

# kl_smtp_config: config for delivery to the fixture SMTP sink.
kl_smtp_conf() {
	echo "outgoing = { smtp = { url = \"smtp://127.0.0.1:$FX_SMTP_PORT\"; starttls = \"no\"; timeout = \"5s\"; }; retry = { min = \"3s\"; max = \"3s\"; }; };"
}

# kl_deliver FILE: pipe FILE into `klachtd deliver`; sets KL_RC.
kl_deliver() {
	KL_RC=0
	"$KLACHTD" -c "$KL_CONF" deliver < "$1" 2>>"$FX_DIR/klachtd.log" || KL_RC=$?
}

# kl_once: one pass of every job; sets KL_RC.
kl_once() {
	KL_RC=0
	"$KLACHTD" -c "$KL_CONF" --once 2>>"$FX_DIR/klachtd.log" || KL_RC=$?
}

# kl_ctl ARGS...: run klachtctl with our config.
kl_ctl() {
	"$KLACHTCTL" -c "$KL_CONF" "$@"
}

# kl_json EXPR: evaluate a Python expression over the JSON on stdin,
# bound to `j`; prints the result.
kl_json() {
	/usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# kl_sql SQL: query the database (read-only).
kl_sql() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10)
for row in c.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# kl_sql_write SQL: change the database (as an officer's command or the
# passing of time would).
kl_sql_write() {
	/usr/bin/python3 - "$KL_STATE/klachtd.db" "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
c.execute(sys.argv[2])
c.commit()
PY
}

# kl_eq WHAT GOT WANT: assert equality.
kl_eq() {
	[ "$2" = "$3" ] || fx_fail "$1: got '$2', want '$3'"
}

# kl_contains WHAT FILE PATTERN: assert grep -E matches in FILE.
kl_contains() {
	grep -Eq -- "$3" "$2" || { echo "--- $2:" >&2; head -c 4000 "$2" >&2; fx_fail "$1: no match for /$3/ in $2"; }
}

# kl_absent WHAT FILE PATTERN: assert no match.
kl_absent() {
	! grep -Eq -- "$3" "$2" || fx_fail "$1: unexpected /$3/ in $2"
}

# kl_decoded FILE: the message's body decoded (quoted-printable, UTF-8).
kl_decoded() {
	/usr/bin/python3 - "$1" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print("Subject:", m["Subject"])
print(m.get_body(("plain",)).get_content())
PY
}
