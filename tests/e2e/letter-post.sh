#!/bin/sh
# Letters on paper (issue 16).  `klachtctl letter REF [N]` writes a letter
# to the complainant as a PDF (and refuses a terminal).  A complainant
# without email but with a postal address gets every letter as a PDF
# mailed to the post room (outgoing.print) through the real SMTP sink:
# the PDF names the reference, the name, the address and the officer's
# text, and renders a page with ink on it; the case records it as sent by
# post; the outcome letter goes the same way with all its legal parts.
# Without outgoing.print the letter is kept as failed mail, nothing lost.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null ||
	fx_skip "no pdftotext/pdftoppm (poppler-utils)"
kl_setup
fx_smtp_start
POST=postkamer@testdorp.example

# conf PRINT: the officer tests' configuration, with a postal address
# for the organisation and, when PRINT is not empty, outgoing.print.
conf() {
	cat > "$KL_CONF" <<CONF
organisation = { name = "Gemeente Testdorp"; address = "klachten@testdorp.example";
  postal_address = [ "Postbus 7", "9999 ZZ Testdorp" ]; };
state_dir = "$KL_STATE";
templates = "$top_srcdir/etc/templates";
limits = { busy_timeout = "1s"; };
outgoing = { smtp = { url = "smtp://127.0.0.1:$FX_SMTP_PORT"; starttls = "no"; timeout = "5s"; };
  retry = { min = "3s"; max = "3s"; }; ${1:+print = \"$1\";} };
$(ol_officers)
# Not about hearings (issue 15): #sluit gegrond without one.
terms = { hearing_required = false; };
CONF
}
conf "$POST"
"$KLACHTD" -c "$KL_CONF" -n > "$FX_DIR/n.out" 2>&1 || fx_fail "klachtd -n: $(cat "$FX_DIR/n.out")"
kl_absent "-n: no warning with outgoing.print" "$FX_DIR/n.out" "outgoing.print"

# pdf_text FILE: the PDF's text, into $FX_DIR/text.
pdf_text() {
	pdftotext -enc UTF-8 "$1" "$FX_DIR/text" || fx_fail "pdftotext $1"
}
# ink FILE: non-white pixels of the first page at 50 dpi (PGM parsed by
# hand: no PIL).
ink() {
	pdftoppm -r 50 -gray -f 1 -l 1 "$1" > "$FX_DIR/page.pgm" || fx_fail "pdftoppm $1"
	/usr/bin/python3 - "$FX_DIR/page.pgm" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
fields, pos = [], 0
while len(fields) < 4:            # P5 width height maxval, then one blank
    while data[pos:pos + 1].isspace():
        pos += 1
    start = pos
    while not data[pos:pos + 1].isspace():
        pos += 1
    fields.append(data[start:pos])
assert fields[0] == b"P5", fields
w, h = int(fields[1]), int(fields[2])
pixels = data[pos + 1:pos + 1 + w * h]
assert len(pixels) == w * h
print(sum(1 for p in pixels if p < 200))
PY
}
# sink_pdf SINKFILE OUT: the PDF attached to a sink message.
sink_pdf() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
pdfs = [p for p in m.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1, "%d PDF attachments" % len(pdfs)
open(sys.argv[1], "wb").write(pdfs[0].get_content())
print(pdfs[0].get_filename())' "$2" || fx_fail "no PDF attached to $1"
}
# send TEXT: anna answers her notification of $REF with TEXT.
send() {
	printf '%s\n' "$1" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$NOT" "$OL_ANNA" "Anna de Vries" \
	    "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}

# ------------------------------------- klachtctl letter, a mailed letter
ol_new_case "$KL_DATA/samples/01-afval.eml"
REF=$OL_REF
NOT=$(ol_find notify "$OL_ANNA" "$REF")
kl_eq "the acknowledgement is a letter by mail" \
    "$(kl_sql "select kind, letter from outbox where letter is not null")" "ack|mail"
kl_ctl letter "$REF" > "$FX_DIR/ack.pdf" 2> "$FX_DIR/err" ||
	fx_fail "klachtctl letter: $(cat "$FX_DIR/err")"
kl_eq "letter output is a PDF" "$(head -c 5 "$FX_DIR/ack.pdf")" "%PDF-"
pdf_text "$FX_DIR/ack.pdf"
kl_contains "letter: reference" "$FX_DIR/text" "$REF"
kl_contains "letter: the name" "$FX_DIR/text" "Jan de Boer"
kl_contains "letter: no postal address, so the email address" "$FX_DIR/text" "^$OL_JAN$"
kl_contains "letter: the acknowledgement's text" "$FX_DIR/text" "ontvangen"
kl_contains "letter: return address" "$FX_DIR/text" "Postbus 7"
n=$(ink "$FX_DIR/ack.pdf")
[ "$n" -gt 2000 ] || fx_fail "letter: page 1 has $n dark pixels: blank?"

# A terminal on standard output is refused; a letter that is not there too.
rc=0; script -qec "'$KLACHTCTL' -c '$KL_CONF' letter $REF" /dev/null > "$FX_DIR/tty.out" 2>&1 || rc=$?
kl_eq "terminal refused: exit 64" "$rc" 64
kl_contains "terminal refused: says why" "$FX_DIR/tty.out" "redirect standard output to a file"
rc=0; kl_ctl letter "$REF" 7 > "$FX_DIR/none.pdf" 2> "$FX_DIR/err" || rc=$?
kl_eq "no letter 7: exit 66" "$rc" 66
kl_contains "no letter 7: says how many" "$FX_DIR/err" "the case has 1 letter"
rc=0; kl_ctl letter KL-1999-99999 > "$FX_DIR/none.pdf" 2> "$FX_DIR/err" || rc=$?
kl_eq "no such case: exit 66" "$rc" 66

# ------------------------------- a complainant without email, by post
# The postal address is recorded with klachtctl; the email is cleared in
# the database (issue 14 will register such complaints by phone).
kl_ctl address "$REF" "Dorpsstraat 12; 1234 CD Testdorp" 0612345678 > "$FX_DIR/out" ||
	fx_fail "klachtctl address"
kl_eq "address recorded" "$(kl_sql "select replace(complainant_address, char(10), '|'), complainant_phone from cases where ref = '$REF'")" \
    "Dorpsstraat 12|1234 CD Testdorp|0612345678"
ol_events "$REF" address > "$FX_DIR/events"
kl_contains "address: audit event" "$FX_DIR/events" "^admin:[^|]+\|address\|postal address recorded; phone recorded$"
kl_ctl letter "$REF" > "$FX_DIR/ack2.pdf" || fx_fail "klachtctl letter after address"
pdf_text "$FX_DIR/ack2.pdf"
kl_contains "the emailed letter now shows the postal address" "$FX_DIR/text" "^1234 CD Testdorp$"
/usr/bin/python3 - "$KL_STATE/klachtd.db" "$REF" <<'PY' || fx_fail "could not clear the email"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("update cases set complainant_email = '' where ref = ?", (sys.argv[2],))
db.commit()
PY
sent_before=$(fx_smtp_count)
send "#antwoord Wij hebben de groene container vandaag laten legen."
ol_body "$(ol_find confirm "$OL_ANNA" "$REF")" > "$FX_DIR/confirm.txt"
kl_contains "the officer reads it goes by post" "$FX_DIR/confirm.txt" "uw antwoord is naar de klager gestuurd \(per post\)"
post=$(ol_find update "$POST" "$REF")
ol_body "$post" > "$FX_DIR/cover.txt"
kl_contains "cover: print and post" "$FX_DIR/cover.txt" "^Print de bijgevoegde brief \(1 blz\.\) en verstuur hem per post aan:$"
kl_contains "cover: the address" "$FX_DIR/cover.txt" "^Dorpsstraat 12$"
kl_contains "cover: the name" "$FX_DIR/cover.txt" "^Jan de Boer$"
ol_header "$post" Subject > "$FX_DIR/subj"
kl_contains "cover: subject names the case" "$FX_DIR/subj" "^Per post versturen: .*\[$REF\]$"
fname=$(sink_pdf "$post" "$FX_DIR/post.pdf")
kl_eq "attachment name" "$fname" "$REF-update.pdf"
pdf_text "$FX_DIR/post.pdf"
kl_contains "post PDF: the officer's text" "$FX_DIR/text" "Wij hebben de groene container vandaag laten legen\."
kl_contains "post PDF: street" "$FX_DIR/text" "^Dorpsstraat 12$"
kl_contains "post PDF: postcode and town" "$FX_DIR/text" "^1234 CD Testdorp$"
kl_contains "post PDF: the name" "$FX_DIR/text" "^Jan de Boer$"
kl_contains "post PDF: reference" "$FX_DIR/text" "$REF"
n=$(ink "$FX_DIR/post.pdf")
[ "$n" -gt 2000 ] || fx_fail "post PDF: page 1 has $n dark pixels: blank?"
kl_eq "nothing to the complainant's old address" "$(ol_count update "$OL_JAN")" 0
kl_eq "post letter: row" "$(kl_sql "select kind, letter, status, rcpt from outbox where id = (select max(id) from outbox where letter = 'post')")" "update|post|sent|$POST"
ol_events "$REF" post > "$FX_DIR/events"
kl_contains "event: sent by post" "$FX_DIR/events" "^system\|post\|letter update sent by post: PDF \(1 page\) to the post room $POST"
# klachtctl letter gives the very PDF the post room got.
kl_ctl letter "$REF" > "$FX_DIR/latest.pdf" || fx_fail "klachtctl letter (latest)"
cmp -s "$FX_DIR/latest.pdf" "$FX_DIR/post.pdf" || fx_fail "klachtctl letter: not the PDF sent by post"
kl_ctl letter "$REF" 1 > "$FX_DIR/first.pdf" || fx_fail "klachtctl letter 1"
pdf_text "$FX_DIR/first.pdf"
kl_contains "letter 1 is still the acknowledgement" "$FX_DIR/text" "ontvangen"

# --------------------------- without outgoing.print: kept, failed, shown
conf ""
"$KLACHTD" -c "$KL_CONF" -n > "$FX_DIR/n.out" 2>&1 || fx_fail "klachtd -n: $(cat "$FX_DIR/n.out")"
kl_contains "-n warns without outgoing.print" "$FX_DIR/n.out" "^warning: outgoing.print is not set"
send "#antwoord Een tweede bericht, dat op papier moet."
sent=$(fx_smtp_count)
ol_run
kl_eq "failed letter: nothing more at the sink" "$(fx_smtp_count)" "$sent"
kl_eq "failed letter: row" "$(kl_sql "select kind, letter, status from outbox where id = (select max(id) from outbox where letter = 'post')")" "update|post|failed"
kl_ctl outbox --status failed > "$FX_DIR/outbox.txt" || fx_fail "klachtctl outbox"
kl_contains "klachtctl outbox shows it" "$FX_DIR/outbox.txt" "outgoing.print"
ol_events "$REF" post > "$FX_DIR/events"
kl_contains "event: not sent by post" "$FX_DIR/events" "letter update not sent by post: the complainant has no email address and outgoing.print"
kl_ctl letter "$REF" > "$FX_DIR/kept.pdf" || fx_fail "klachtctl letter of the failed letter"
pdf_text "$FX_DIR/kept.pdf"
kl_contains "nothing lost: the text is in the kept letter" "$FX_DIR/text" "Een tweede bericht, dat op papier moet\."
kl_contains "nothing lost: the address too" "$FX_DIR/text" "^Dorpsstraat 12$"
[ "$(fx_smtp_count)" -gt "$sent_before" ] || fx_fail "the sink got nothing at all"

conf "$POST"
# The outcome letter by post: every part Awb 9:12 asks for.
send "#sluit gegrond
De container in de Dorpsstraat is drie weken niet geleegd.
Conclusies: de route is aangepast en wij controleren haar elke maand."
ol_find confirm "$OL_ANNA" "$REF" > /dev/null
sink_pdf "$(ol_find outcome "$POST" "$REF")" "$FX_DIR/outcome.pdf" > /dev/null
pdf_text "$FX_DIR/outcome.pdf"
kl_contains "outcome: findings" "$FX_DIR/text" "drie weken niet geleegd"
kl_contains "outcome: judgement" "$FX_DIR/text" "Wij vinden uw klacht gegrond"
kl_contains "outcome: conclusions" "$FX_DIR/text" "^Wat wij hiervan leren$"
kl_contains "outcome: conclusion text" "$FX_DIR/text" "controleren haar elke maand"
kl_contains "outcome: ombudsman" "$FX_DIR/text" "Nationale ombudsman"
kl_contains "outcome: address" "$FX_DIR/text" "^1234 CD Testdorp$"
kl_contains "outcome: reference" "$FX_DIR/text" "$REF"

echo "PASS: letters by post through the SMTP sink, klachtctl letter, no print address"
