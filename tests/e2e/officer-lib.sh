# Helpers for the officer tests (tests/e2e/officer-*.sh), sourced after
# tests/lib.sh.  Not a test itself.
#
# The officers reply the way a person does: they take the notification
# that arrived at the SMTP sink, and answer it -- its Reply-To (with the
# reply token) becomes To:, its Message-ID In-Reply-To/References.  The
# reply itself comes from a template in tests/data/officer/ (see its
# README for the placeholders).

# Officer tests close cases without a hearing (tests/lib.sh kl_config);
# tests about hearings unset it.
KL_NO_HEARING=1
OL_DATA="$KL_DATA/officer"
OL_ANNA=anna@gemeente.example	# all categories (no list)
OL_BOB=bob@gemeente.example	# afval only
OL_CARLA=carla@gemeente.example	# gedrag only (confidential)
OL_JAN=jan.deboer@example.net	# complainant of sample 01
OL_SEQ=0

# ol_officers: the categories and officers every officer test uses.
ol_officers() {
	cat <<'CONF'
categories = (
  { id = "afval"; name = "Afval"; },
  { id = "parkeren"; name = "Parkeren"; },
  { id = "gedrag"; name = "Grensoverschrijdend gedrag"; confidential = true; }
);
officers = (
  { id = "anna"; name = "Anna de Vries"; email = "anna@gemeente.example"; },
  { id = "bob"; name = "Bob Jansen"; email = "bob@gemeente.example"; categories = [ "afval" ]; },
  { id = "carla"; name = "Carla Smit"; email = "carla@gemeente.example"; categories = [ "gedrag" ]; }
);
CONF
}

# ol_setup [EXTRA]: state dir, SMTP sink, config with officers (+ EXTRA).
ol_setup() {
	kl_setup
	fx_smtp_start
	OL_EXTRA=${1:-}
	kl_config "$(kl_smtp_conf)
$(ol_officers)
$OL_EXTRA"
}

# ol_run: one pass of the daemon (intake + outbox to the sink); asserts
# it succeeded.
ol_run() {
	kl_once
	kl_eq "klachtd --once exit" "$KL_RC" 0
}

# ol_deliver FILE: `klachtd deliver`, asserting exit 0, then ol_run.
ol_deliver() {
	kl_deliver "$1"
	kl_eq "deliver $(basename "$1") exit" "$KL_RC" 0
	ol_run
}

# ol_find KIND RCPT [REF]: path of the newest sink message of our outbox
# kind KIND (notify, confirm, update, ...: the middle of our Message-ID)
# to RCPT, about case REF if given; fails the test when there is none.
ol_find() {
	ol__f=$(fx_smtp_messages | /usr/bin/python3 -c '
import sys, re
kind, rcpt, ref = sys.argv[1], sys.argv[2].lower(), sys.argv[3]
found = ""
for path in sys.stdin.read().split():
    data = open(path, "rb").read().decode("utf-8", "replace")
    head = data.split("\r\n\r\n", 1)[0]
    if ("X-Sink-Rcpt-To: <%s>" % rcpt) not in head:
        continue
    m = re.search(r"^Message-Id: <([^>]*)>", head, re.M | re.I)
    if not m:
        continue
    parts = m.group(1).split(".")
    if len(parts) < 3 or parts[1] != kind or (ref and parts[0] != ref):
        continue
    found = path
print(found)' "$1" "$2" "${3:-}")
	[ -n "$ol__f" ] || fx_fail "no '$1' mail to $2${3:+ about $3} at the sink"
	echo "$ol__f"
}

# ol_count KIND RCPT: how many sink messages of KIND went to RCPT.
ol_count() {
	fx_smtp_messages | /usr/bin/python3 -c '
import sys, re
kind, rcpt = sys.argv[1], sys.argv[2].lower()
n = 0
for path in sys.stdin.read().split():
    head = open(path, "rb").read().decode("utf-8", "replace").split("\r\n\r\n", 1)[0]
    m = re.search(r"^Message-Id: <[^.>]*\.([^.>]*)\.", head, re.M | re.I)
    if m and m.group(1) == kind and ("X-Sink-Rcpt-To: <%s>" % rcpt) in head:
        n += 1
print(n)' "$1" "$2"
}

# ol_header FILE NAME: a header of a sink message, decoded, unfolded.
ol_header() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
v = m[sys.argv[1]]
print("" if v is None else " ".join(str(v).split()))' "$2"
}

# ol_body FILE: the decoded text of a sink message.
ol_body() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
sys.stdout.write(m.get_body(("plain",)).get_content())'
}

# ol_fill TEMPLATE OUT NAME=VALUE...: the template with @NAME@ replaced
# (the last VALUE given for a NAME wins); a VALUE of @file:PATH is the
# contents of PATH.
ol_fill() {
	/usr/bin/python3 - "$@" <<'PY'
import sys
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
values = {}
for kv in sys.argv[3:]:      # a later NAME=VALUE overrides an earlier one
    k, v = kv.split("=", 1)
    if v.startswith("@file:"):
        v = open(v[6:], encoding="utf-8").read().rstrip("\n")
    values[k] = v
for k, v in values.items():
    text = text.replace("@%s@" % k, v)
if "@" in text and any("@%s@" % k in text for k in
        ("TO", "FROM", "FROMNAME", "MSGID", "REF", "UNIQ", "BODY")):
    sys.exit("ol_fill: placeholder left in " + src)
open(out, "w", encoding="utf-8").write(text)
PY
	[ $? = 0 ] || fx_fail "ol_fill $1 failed"
}

# ol_reply TEMPLATE NOTIFICATION FROM FROMNAME [NAME=VALUE...]: writes an
# officer's reply to NOTIFICATION (a sink message) from TEMPLATE into
# $FX_DIR/reply-N.eml and sets OL_REPLY to its path and OL_REPLY_ID to
# its Message-ID.  Extra NAME=VALUE pairs override (e.g. TO=...).
ol_reply() {
	ol__tmpl=$1 ol__notif=$2 ol__from=$3 ol__name=$4
	shift 4
	OL_SEQ=$((OL_SEQ + 1))
	ol__to=$(ol_header "$ol__notif" Reply-To)
	ol__mid=$(ol_header "$ol__notif" Message-ID | tr -d '<>')
	ol__ref=$(ol_header "$ol__notif" X-Klachtd-Case)
	OL_REPLY="$FX_DIR/reply-$OL_SEQ.eml"
	ol_fill "$ol__tmpl" "$OL_REPLY" "TO=$ol__to" "MSGID=$ol__mid" \
	    "REF=$ol__ref" "FROM=$ol__from" "FROMNAME=$ol__name" \
	    "UNIQ=u$OL_SEQ$$" "$@"
	OL_REPLY_ID=$(/usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(str(m["Message-ID"]).strip().strip("<>"))' "$OL_REPLY")
}

# ol_events REF [KIND]: "actor|kind|detail" lines of the case's events.
ol_events() {
	kl_sql "select e.actor, e.kind, replace(e.detail, char(10), ' ') from events e join cases c on c.id = e.case_id where c.ref = '$1' ${2:+and e.kind = '$2'} order by e.id"
}

# ol_case REF COLUMN: one column of a case.
ol_case() {
	kl_sql "select $2 from cases where ref = '$1'"
}

# ol_new_case SAMPLE: delivers a complaint, runs the daemon once; sets
# OL_REF to the new case's reference.
ol_new_case() {
	ol__before=0
	if [ -f "$KL_STATE/klachtd.db" ]; then
		ol__before=$(kl_sql "select coalesce(max(id), 0) from cases")
	fi
	ol_deliver "$1"
	OL_REF=$(kl_sql "select ref from cases where id > $ol__before order by id desc limit 1")
	[ -n "$OL_REF" ] || fx_fail "no case opened for $1"
}
