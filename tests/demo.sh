#!/bin/sh
# klachtd demo: the whole loop on one machine, nothing leaves it.
#
# The daemon runs on local Maildirs (in: DEMO_DIR/state/inbox, out:
# DEMO_DIR/state/outgoing) with one officer, Anna, configured.  The demo
#   1. feeds it the sample complaints and runs one pass: each complainant
#      gets an acknowledgement, Anna a notification per case;
#   2. answers Anna's notification of the first case the way she would
#      in her mail client: to its Reply-To (which carries her reply
#      token), with #toewijzen, #antwoord, #verslag (the hearing report
#      a judgement on the merits waits for, Awb 9:10) and #sluit (a judgement and
#      findings) above the quote;
#   3. runs one more pass and shows the letters that result: Anna's
#      confirmation, the update and the outcome letter to the complainant,
#      and the case as klachtctl shows it.
# Every mail is printed with the path of its file.
#
# Usage: tests/demo.sh [DEMO_DIR]   (make demo; default: BUILDDIR/demo)
# Run from the build directory, or with top_builddir set (make does).
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${top_builddir:-$(pwd)}
dir=${1:-$builddir/demo}
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
[ -x "$builddir/klachtd" ] || { echo "demo: build first (make), or run from the build directory" >&2; exit 1; }
command -v python3 >/dev/null || { echo "demo: needs python3 (to play the officer)" >&2; exit 1; }
KLACHTD="$builddir/klachtd"
KLACHTCTL="$builddir/klachtctl"
ANNA=anna@gemeente.example
rm -rf "$dir"
mkdir -p "$dir/state/inbox/new" "$dir/state/inbox/cur" "$dir/state/inbox/tmp"
# What the demo needs beyond the built-in defaults: where state and the
# (not yet installed) templates are, who we are, and an officer.
cat > "$dir/klachtd.conf" <<CONF
organisation = { name = "Gemeente Voorbeeld"; address = "klachten@gemeente.example"; };
state_dir = "$dir/state";
templates = "$srcdir/etc/templates";
officers = (
  { id = "anna"; name = "Anna de Vries"; email = "$ANNA"; }
);
CONF
OUT=$dir/state/outgoing/new

# mails KIND [RCPT]: the outgoing mails of our kind KIND (ack, notify,
# confirm, update, outcome: the middle of our Message-ID), optionally
# to RCPT, oldest first: one path per line.
mails() {
	python3 - "$OUT" "$1" "${2:-}" <<'PY'
import email, email.policy, os, re, sys
d, kind, rcpt = sys.argv[1:4]
found = []
for f in os.listdir(d):
    p = os.path.join(d, f)
    m = email.message_from_binary_file(open(p, "rb"), policy=email.policy.default)
    mid = re.match(r"<[^.>]*\.([^.>]*)\.", str(m["Message-ID"] or ""))
    if mid and mid.group(1) == kind and (not rcpt or rcpt in str(m["To"])):
        found.append((os.stat(p).st_mtime_ns, f, p))
for _, _, p in sorted(found):
    print(p)
PY
}
# show TITLE FILE: where a mail is, its main headers and its text.
show() {
	echo "==> $1"
	echo "    file: $2"
	python3 - "$2" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
for h in ("From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "Auto-Submitted"):
    if m[h] is not None:
        print("    %s: %s" % (h, " ".join(str(m[h]).split())))
print()
for line in m.get_body(("plain",)).get_content().rstrip("\n").split("\n"):
    print("    | " + line)
print()
PY
}

# ------------------------------------------------ 1. complaints come in
for f in "$srcdir"/tests/data/samples/*.eml; do
	cp "$f" "$dir/state/inbox/new/$(basename "$f" .eml).demo"
done
echo "==> $(ls "$dir/state/inbox/new" | wc -l) sample complaints in $dir/state/inbox/new"
echo "==> klachtd --once: intake from the Maildir; acknowledgements and"
echo "    notifications to Anna go to $OUT"
"$KLACHTD" -c "$dir/klachtd.conf" --once
echo
echo "==> klachtctl list"
"$KLACHTCTL" -c "$dir/klachtd.conf" list
echo
REF=$("$KLACHTCTL" -c "$dir/klachtd.conf" --json list |
    python3 -c 'import json, sys; print(sorted(c["reference"] for c in json.load(sys.stdin))[0])')
WHO=$("$KLACHTCTL" -c "$dir/klachtd.conf" --json show "$REF" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["case"]["complainant_email"])')
ACK=$(mails ack "$WHO" | head -1)
NOTIFY=$(mails notify "$ANNA" | xargs grep -l "$REF" | head -1)
[ -n "$ACK" ] && [ -n "$NOTIFY" ] || { echo "demo: no acknowledgement or notification for $REF" >&2; exit 1; }
show "the acknowledgement of $REF, to the complainant" "$ACK"
show "the notification of $REF, to Anna (the officer)" "$NOTIFY"

# --------------------------------------------- 2. Anna answers by mail
REPLY=$dir/anna-reply.eml
python3 - "$NOTIFY" "$REPLY" "$ANNA" <<'PY'
import email, email.policy, sys
from email.message import EmailMessage
n = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
r = EmailMessage()
r["From"] = "Anna de Vries <%s>" % sys.argv[3]
r["To"] = str(n["Reply-To"])            # klachten+<token>@...: her proof
r["Subject"] = "Re: " + str(n["Subject"])
r["Message-ID"] = "<demo-reply-anna@gemeente.example>"
r["In-Reply-To"] = str(n["Message-ID"])
r["References"] = str(n["Message-ID"])
r["Date"] = email.utils.formatdate(localtime=True)
quote = "\n".join("> " + l for l in n.get_body(("plain",)).get_content().split("\n"))
r.set_content("""#toewijzen anna
#antwoord Wij hebben uw klacht in behandeling genomen en zoeken uit wat er
is misgegaan. U hoort binnen een week van ons.
#verslag Telefonisch gesproken met de klager; de container bleek drie
weken niet geleegd.
#sluit gegrond
De container in uw straat is drie weken niet geleegd doordat hij niet in
de route van de inzamelaar stond.
Conclusies: de container staat nu in de route; de inzamelaar leegt hem
deze week extra.

-- 
Anna de Vries, klachtenfunctionaris

Op %s schreef %s:
%s
""" % (n["Date"], n["From"], quote))
open(sys.argv[2], "wb").write(bytes(r))
PY
echo "==> Anna replies to the notification's Reply-To (her reply token):"
echo "    file: $REPLY"
sed -n '/^To:/p; /^Subject:/p' "$REPLY" | sed 's/^/    /'
sed -n '/^$/,$p' "$REPLY" | sed -n '2,11p' | sed 's/^/    | /'
echo
echo "==> her mail client sends it to klachten+...: the MTA pipes it in:"
echo "    klachtd deliver < $REPLY"
"$KLACHTD" -c "$dir/klachtd.conf" deliver < "$REPLY"
echo "==> klachtd --once: the letters go out"
"$KLACHTD" -c "$dir/klachtd.conf" --once
echo

# ------------------------------------------------ 3. what resulted
CONFIRM=$(mails confirm "$ANNA" | tail -1)
UPDATE=$(mails update "$WHO" | tail -1)
OUTCOME=$(mails outcome "$WHO" | tail -1)
[ -n "$CONFIRM" ] && show "Anna's confirmation" "$CONFIRM"
[ -n "$UPDATE" ] && show "the update (#antwoord) to the complainant" "$UPDATE"
[ -n "$OUTCOME" ] && show "the outcome letter (#sluit) to the complainant" "$OUTCOME"
echo "==> klachtctl show $REF (the case and its history; the whole command also prints the messages and the mail)"
"$KLACHTCTL" -c "$dir/klachtd.conf" show "$REF" | sed '/^Messages:/,$d'

echo "==> every mail klachtd wrote is a file in $OUT:"
for k in ack notify confirm update outcome; do
	echo "    $k: $(mails "$k" | wc -l)"
done
[ -n "$CONFIRM" ] && [ -n "$UPDATE" ] && [ -n "$OUTCOME" ] ||
	{ echo "demo: a letter is missing (confirm '$CONFIRM', update '$UPDATE', outcome '$OUTCOME')" >&2; exit 1; }
echo
echo "==> to keep the daemon running: $KLACHTD -c $dir/klachtd.conf"
echo "    and drop .eml files into $dir/state/inbox/new, or pipe one in:"
echo "    $KLACHTD -c $dir/klachtd.conf deliver < message.eml"
