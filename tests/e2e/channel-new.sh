#!/bin/sh
# Complaints by phone, at the counter, by letter or web form (issue 14):
# `klachtctl new` registers them.  By phone without email: a case with
# channel telefoon, its acknowledgement made a PDF letter for the post
# room (outgoing.print) through the real SMTP sink, the officers
# notified, the channel in show and list.  With email and a date of
# receipt in the past: the acknowledgement by mail, quoting that date
# and the due date six weeks from it (not from today), with the file
# handed in stored.  Refused, with no case: neither email nor postal
# address, a date in the future, an unknown channel.
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
ol_run		# makes the database

# sink_pdf SINKFILE OUT: the PDF attached to a sink message.
sink_pdf() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
pdfs = [p for p in m.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1, "%d PDF attachments" % len(pdfs)
open(sys.argv[1], "wb").write(pdfs[0].get_content())' "$2" || fx_fail "no PDF attached to $1"
}
# nl_date DAYS_AGO PLUS: the Dutch date ("3 maart 2026") of today minus
# DAYS_AGO plus PLUS days, in local time.
nl_date() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import datetime, sys
months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"]
d = datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])) \
    + datetime.timedelta(days=int(sys.argv[2]))
print("%d %s %d" % (d.day, months[d.month - 1], d.year))
PY
}
iso_ago() {
	/usr/bin/python3 -c 'import datetime, sys; print(datetime.date.today() - datetime.timedelta(days=int(sys.argv[1])))' "$1"
}

# --------------------------------------- by phone, no email: by post
printf 'Meneer belde: de lantaarnpaal voor Kerkstraat 3 brandt al twee weken niet.\n' > "$FX_DIR/phone.txt"
kl_ctl new --channel telefoon --name "Piet Bakker" \
    --address "Kerkstraat 3; 1234 AB Testdorp" --phone 0201234567 \
    --text "$FX_DIR/phone.txt" > "$FX_DIR/new.out" 2> "$FX_DIR/new.err" ||
	fx_fail "klachtctl new (phone): $(cat "$FX_DIR/new.err")"
REF=$(cat "$FX_DIR/new.out")
case $REF in KL-20[0-9][0-9]-[0-9]*) ;; *) fx_fail "klachtctl new printed '$REF'" ;; esac
kl_eq "phone case: channel, no email, address" \
    "$(kl_sql "select channel, complainant_email, complainant_name, replace(complainant_address, char(10), '|'), complainant_phone, status from cases where ref = '$REF'")" \
    "telefoon||Piet Bakker|Kerkstraat 3|1234 AB Testdorp|0201234567|acknowledged"
kl_eq "phone case: the text is its complaint" \
    "$(kl_sql "select m.kind, m.body from messages m join cases c on c.id = m.case_id where c.ref = '$REF'")" \
    "complaint|Meneer belde: de lantaarnpaal voor Kerkstraat 3 brandt al twee weken niet."
ol_events "$REF" registered > "$FX_DIR/events"
kl_contains "event: registered by the admin" "$FX_DIR/events" "^admin:[^|]+\|registered\|complaint by telefoon registered; received "
ol_run
post=$(ol_find ack "$POST" "$REF")
ol_body "$post" > "$FX_DIR/cover.txt"
kl_contains "post room: print and post" "$FX_DIR/cover.txt" "verstuur hem per post aan:"
kl_contains "post room: the address" "$FX_DIR/cover.txt" "^Kerkstraat 3$"
sink_pdf "$post" "$FX_DIR/ack.pdf"
pdftotext -enc UTF-8 "$FX_DIR/ack.pdf" "$FX_DIR/ack.txt" || fx_fail "pdftotext"
kl_contains "PDF: acknowledgement" "$FX_DIR/ack.txt" "Wij hebben uw klacht ontvangen"
kl_contains "PDF: reference" "$FX_DIR/ack.txt" "$REF"
kl_contains "PDF: the name" "$FX_DIR/ack.txt" "^Piet Bakker$"
kl_contains "PDF: postcode and town" "$FX_DIR/ack.txt" "^1234 AB Testdorp$"
kl_eq "post letter row" "$(kl_sql "select o.kind, o.letter, o.status from outbox o join cases c on c.id = o.case_id where c.ref = '$REF' and o.letter is not null")" "ack|post|sent"
# The officers of an uncategorised case got it.
ol_body "$(ol_find notify "$OL_ANNA" "$REF")" > "$FX_DIR/notify.txt"
kl_contains "officer notified with the text" "$FX_DIR/notify.txt" "lantaarnpaal voor Kerkstraat 3"
kl_ctl show "$REF" > "$FX_DIR/show.txt" || fx_fail "klachtctl show"
kl_contains "show: channel" "$FX_DIR/show.txt" "^  Channel:     telefoon$"
kl_contains "show: name without <>" "$FX_DIR/show.txt" "^  Complainant: Piet Bakker$"
kl_ctl list > "$FX_DIR/list.txt" || fx_fail "klachtctl list"
kl_contains "list: channel column" "$FX_DIR/list.txt" "^$REF +acknowledged +[0-9-]+ +telefoon +Piet Bakker"
kl_eq "list --json: channel" "$(kl_ctl --json list | kl_json "[c['channel'] for c in j if c['reference'] == '$REF'][0]")" telefoon
YEAR=$(echo "$REF" | cut -d- -f2)
kl_ctl report --register --year "$YEAR" --format csv > "$FX_DIR/reg.csv" || fx_fail "klachtctl report --register"
kl_contains "register: channel column" "$FX_DIR/reg.csv" "^reference,received,category,judgement,decided,handling_days,channel"
kl_contains "register: the phone complaint" "$FX_DIR/reg.csv" "^$REF,[0-9-]+,\(none\),,,,telefoon"

# ------------------------- by letter, with email, received 10 days ago
printf 'Geachte heer/mevrouw,\n\nIk klaag over de stoep in de Molenweg.\n' > "$FX_DIR/letter.txt"
printf '%%PDF-1.4 scan of the letter\n' > "$FX_DIR/brief-scan.pdf"
ago=$(iso_ago 10)
kl_ctl new --channel letter --name "Els Visser" --email els@example.net \
    --received "$ago" --attach "$FX_DIR/brief-scan.pdf" < "$FX_DIR/letter.txt" \
    > "$FX_DIR/new.out" 2> "$FX_DIR/new.err" ||
	fx_fail "klachtctl new (letter): $(cat "$FX_DIR/new.err")"
REF2=$(cat "$FX_DIR/new.out")
kl_eq "letter case: channel brief, email" "$(ol_case "$REF2" "channel || '|' || complainant_email")" "brief|els@example.net"
kl_eq "letter case: received on the given day" "$(ol_case "$REF2" "date(received_at, 'unixepoch', 'localtime')")" "$ago"
kl_eq "letter case: due six weeks after receipt" "$(ol_case "$REF2" "date(due_at, 'unixepoch', 'localtime')")" "$(iso_ago -32)"
kl_eq "the scan is stored" "$(kl_sql "select a.filename, a.content_type, a.size from attachments a join cases c on c.id = a.case_id where c.ref = '$REF2'")" \
    "brief-scan.pdf|application/pdf|$(wc -c < "$FX_DIR/brief-scan.pdf" | tr -d ' ')"
ol_run
ack=$(ol_find ack els@example.net "$REF2")
ol_body "$ack" > "$FX_DIR/ack2.txt"
kl_contains "ack by mail: date of receipt" "$FX_DIR/ack2.txt" "Wij kregen uw klacht op $(nl_date 10 0)\."
kl_contains "ack by mail: due date from it" "$FX_DIR/ack2.txt" "uiterlijk op $(nl_date 10 42) een brief"
kl_eq "nothing for the post room about it" "$(kl_sql "select count(*) from outbox o join cases c on c.id = o.case_id where c.ref = '$REF2' and o.rcpt = '$POST'")" 0
kl_contains "the officer sees the attachment" "$(ol_find notify "$OL_ANNA" "$REF2")" "brief-scan.pdf"
# The report counts the complaints per channel.
kl_ctl report --from "$(iso_ago 11)" --to "$(iso_ago 0)" --format json > "$FX_DIR/rep.json" || fx_fail "klachtctl report"
kl_eq "report: received by channel" "$(kl_json "j['totals']['received_by_channel']" < "$FX_DIR/rep.json")" \
    "{'email': 0, 'telefoon': 1, 'balie': 0, 'brief': 1, 'webformulier': 0}"

# ------------------------------------------------------------ refused
n=$(kl_sql "select count(*) from cases")
rc=0; echo "tekst" | kl_ctl new --channel balie --name "Zonder Adres" > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "no address: exit 65" "$rc" 65
kl_contains "no address: says why" "$FX_DIR/err" "neither an email address nor a postal address"
rc=0; echo "tekst" | kl_ctl new --channel balie --email a@example.net --received "$(iso_ago -2)" > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "future date: exit 65" "$rc" 65
kl_contains "future date: says why" "$FX_DIR/err" "date of receipt lies in the future"
rc=0; echo "tekst" | kl_ctl new --channel duif --email a@example.net > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "unknown channel: exit 65" "$rc" 65
rc=0; echo "tekst" | kl_ctl new --channel email --email a@example.net > /dev/null 2> "$FX_DIR/err" || rc=$?
kl_eq "email is no channel to register: exit 65" "$rc" 65
kl_eq "no case for any refusal" "$(kl_sql "select count(*) from cases")" "$n"

echo "PASS: klachtctl new by phone (post) and by letter (mail, date of receipt)"
