#!/bin/sh
# #nieuw (issue 14): an officer registers a complaint made by phone from
# the mailbox, as desk mail with her personal reply address.  Without an
# email the acknowledgement is a PDF letter for the post room; with one it
# goes by mail, the term from the date of receipt given; the photo she
# attached goes with the complaint.  A registration without any address
# is an error and opens nothing; #nieuw in a reply about a case is refused
# (it concerns no case).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
command -v pdftotext >/dev/null || fx_skip "no pdftotext (poppler-utils)"
kl_setup
fx_smtp_start
POST=postkamer@testdorp.example
cat > "$KL_CONF" <<CONF
organisation = { name = "Gemeente Testdorp"; address = "klachten@testdorp.example";
  postal_address = [ "Postbus 7", "9999 ZZ Testdorp" ]; };
state_dir = "$KL_STATE";
templates = "$top_srcdir/etc/templates";
limits = { busy_timeout = "1s"; };
outgoing = { smtp = { url = "smtp://127.0.0.1:$FX_SMTP_PORT"; starttls = "no"; timeout = "5s"; };
  retry = { min = "3s"; max = "3s"; }; print = "$POST"; };
$(ol_officers)
CONF
ol_run
seq=0
cases() { kl_sql "select count(*) from cases"; }

# desk TO BODYFILE [ATTACH]: anna's fresh mail to TO; with ATTACH, a PNG
# attached (multipart).
desk() {
	seq=$((seq + 1))
	DESK="$FX_DIR/desk-$seq.eml"
	/usr/bin/python3 - "$1" "$2" "${3:-}" "$DESK" "d$seq$$" <<'PY' || fx_fail "building desk mail"
import sys
from email.message import EmailMessage
to, bodyf, att, out, uniq = sys.argv[1:6]
m = EmailMessage()
m["From"] = "Anna de Vries <anna@gemeente.example>"
m["To"] = to
m["Subject"] = "Telefonische klacht"
m["Date"] = "Mon, 07 Dec 2026 09:30:00 +0100"
m["Message-ID"] = "<desk.%s@werkplek.gemeente.example>" % uniq
m.set_content(open(bodyf, encoding="utf-8").read())
if att:
    m.add_attachment(open(att, "rb").read(), maintype="image", subtype="png", filename="lantaarnpaal.png")
open(out, "wb").write(bytes(m))
PY
	ol_deliver "$DESK"
}

# The personal reply address: the notice to a first, unproven desk mail.
printf '#help\n' > "$FX_DIR/b0.txt"
desk klachten@testdorp.example "$FX_DIR/b0.txt"
personal=$(ol_header "$(ol_find desk-refused "$OL_ANNA")" Reply-To)
case $personal in klachten+-.anna.*@testdorp.example) ;; *) fx_fail "no personal address: $personal" ;; esac
n0=$(cases)

# 1. By phone, no email: a case, its acknowledgement on paper.
printf '\211PNG\r\n\032\n-lantaarnpaal-foto-' > "$FX_DIR/foto.png"
today=$(date +%Y-%m-%d)
cat > "$FX_DIR/b1.txt" <<EOT
#nieuw telefoon
naam: Piet Puk
adres: Kerkstraat 1; 1234 AB Testdorp
telefoon: 06 1234 5678
ontvangen: $today

De lantaarnpaal voor Kerkstraat 1 is al drie weken kapot.
EOT
desk "$personal" "$FX_DIR/b1.txt" "$FX_DIR/foto.png"
kl_eq "one case more" "$(cases)" "$((n0 + 1))"
ref=$(kl_sql "select ref from cases order by id desc limit 1")
kl_eq "channel" "$(ol_case "$ref" channel)" telefoon
kl_eq "complainant" "$(ol_case "$ref" complainant_name)" "Piet Puk"
kl_eq "no email" "$(ol_case "$ref" "coalesce(complainant_email, '')")" ""
kl_eq "the photo went with it" "$(kl_sql "select count(*) from attachments a join cases c on c.id = a.case_id where c.ref = '$ref' and a.filename = 'lantaarnpaal.png'")" 1
conf=$(ol_find desk-confirm "$OL_ANNA")
ol_body "$conf" > "$FX_DIR/conf1.txt"
kl_contains "the answer names the reference" "$FX_DIR/conf1.txt" "klacht $ref geregistreerd \\(telefoon\\)"
kl_contains "the answer says: by post" "$FX_DIR/conf1.txt" "per post"
post=$(ol_find ack "$POST" "$ref")
fx_smtp_content "$post" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
pdfs = [p for p in m.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1
open(sys.argv[1], "wb").write(pdfs[0].get_content())' "$FX_DIR/ack.pdf" || fx_fail "no PDF at the post room"
pdftotext "$FX_DIR/ack.pdf" "$FX_DIR/ack.txt"
kl_contains "the letter is addressed" "$FX_DIR/ack.txt" "Kerkstraat 1"
kl_contains "the letter names the reference" "$FX_DIR/ack.txt" "$ref"
# The officers' notification: who to call back, and where she lives.
ol_body "$(ol_find notify "$OL_ANNA" "$ref")" > "$FX_DIR/notify1.txt"
kl_contains "notify: the name alone" "$FX_DIR/notify1.txt" "^Van: +Piet Puk$"
kl_contains "notify: the phone" "$FX_DIR/notify1.txt" "^Telefoon: +06 1234 5678$"
kl_contains "notify: the address" "$FX_DIR/notify1.txt" "^Adres: +Kerkstraat 1; 1234 AB Testdorp$"
/usr/bin/python3 -c 'import sys; sys.exit("De klacht:\n\nDe lantaarnpaal" not in open(sys.argv[1]).read())' "$FX_DIR/notify1.txt" ||
	fx_fail "notify: the text starts after one blank line, not two"

# 2. By letter, with email, received ten days ago: ack by mail.
ago=$(/usr/bin/python3 -c 'import datetime; print(datetime.date.today() - datetime.timedelta(days=10))')
cat > "$FX_DIR/b2.txt" <<EOT
#new letter
name: Mary Smith
email: mary@example.net
received: $ago

The bins in our street were not emptied.
EOT
desk "$personal" "$FX_DIR/b2.txt"
ref2=$(kl_sql "select ref from cases order by id desc limit 1")
kl_eq "channel brief" "$(ol_case "$ref2" channel)" brief
kl_eq "received ten days ago" "$(kl_sql "select date(received_at, 'unixepoch', 'localtime') from cases where ref = '$ref2'")" "$ago"
ol_find ack mary@example.net "$ref2" >/dev/null

# 3. Neither email nor address: an error, nothing registered.
printf '#nieuw balie\nnaam: Zonder Adres\n\nKlacht zonder adres.\n' > "$FX_DIR/b3.txt"
n=$(cases)
desk "$personal" "$FX_DIR/b3.txt"
kl_eq "nothing registered" "$(cases)" "$n"
ol_body "$(ol_find desk-error "$OL_ANNA")" > "$FX_DIR/err3.txt"
kl_contains "the error says what is missing" "$FX_DIR/err3.txt" "adres|address"

# 4. #nieuw in a reply about a case: refused, nothing registered.
notif=$(ol_find notify "$OL_ANNA" "$ref")
printf '#nieuw telefoon\nnaam: X\nadres: Y 1; 1234 AB Z\n\nTekst.\n' > "$FX_DIR/b4.txt"
ol_reply "$OL_DATA/plain.eml" "$notif" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/b4.txt"
ol_deliver "$OL_REPLY"
kl_eq "no case from a case reply" "$(cases)" "$n"
kl_contains "refused as a desk command" "$FX_DIR/klachtd.log" "case=$ref officer anna: commands not run: .*niet bij één"
# 5. klachtctl show: how to reach a complainant by phone.
kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "klachtctl show failed"
kl_contains "show: the phone" "$FX_DIR/show.txt" "^  Phone: +06 1234 5678$"
kl_contains "show: the address" "$FX_DIR/show.txt" "^  Address: +Kerkstraat 1$"
kl_contains "show: its second line" "$FX_DIR/show.txt" "^ +1234 AB Testdorp$"
kl_contains "show: registered, by phone" "$FX_DIR/show.txt" "complaint registered, by telefoon \(complainant;"
kl_ctl --json show "$ref" > "$FX_DIR/show.json" || fx_fail "klachtctl show --json failed"
kl_eq "show --json: contact" "$(kl_json "(j['contact']['phone'], j['contact']['postal_address'])" < "$FX_DIR/show.json")" \
    "('06 1234 5678', 'Kerkstraat 1\\n1234 AB Testdorp')"

# 6. Without a post room (outgoing.print): the officer is told that the
# acknowledgement is not sent, and how it gets out.
sed '/print = /s/; print = "[^"]*"//' "$KL_CONF" > "$FX_DIR/noprint.conf"
cp "$FX_DIR/noprint.conf" "$KL_CONF"
grep -q 'print =' "$KL_CONF" && fx_fail "outgoing.print still set"
printf '#nieuw telefoon\nnaam: Kees Post\ntelefoon: 010 123 4567\nadres: Laan 2; 1234 AB Testdorp\n\nDe stoep is kapot.\n' > "$FX_DIR/b6.txt"
desk "$personal" "$FX_DIR/b6.txt"
ref6=$(kl_sql "select ref from cases order by id desc limit 1")
ol_body "$(ol_find desk-confirm "$OL_ANNA")" > "$FX_DIR/conf6.txt"
kl_contains "no post room: said so" "$FX_DIR/conf6.txt" "ontvangstbevestiging moet per post, maar er is geen postkamer ingesteld \(outgoing.print\): de beheerder drukt hem af met .klachtctl letter $ref6."
kl_absent "no post room: not 'goes by post'" "$FX_DIR/conf6.txt" "gaat per post"
echo "PASS: #nieuw registers phone and letter complaints from the mailbox"
