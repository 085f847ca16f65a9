#!/bin/sh
# #dossier / #file (issue 13): the whole case file goes to the asking
# officer only, through the real SMTP sink.  A complaint with two
# attachments (a PDF-like binary and a PNG), a reply of the complainant
# with a third, an officer's note and #reply: the file mail holds every
# message text (without the quotes of our own mail that replies end in),
# the events and the letters, in time order, and carries
# the HTML page and every attachment byte-identical (SHA-256 compared
# with the originals) -- and nothing of another case.  An officer of
# another category asking for a confidential case's file gets a refusal
# without its content, while its own officer gets it.  Over
# limits.dossier_attachments_total a file is listed with its SHA-256
# instead; `klachtctl attachment REF N` writes it out byte-identical and
# refuses a bad N.  "#dossier" in the complainant's own mail runs
# nothing: it is filed as an ordinary reply.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

# mkmail OUT FROM SUBJECT BODY [IN-REPLY-TO [FILE TYPE]...]: a MIME
# message as a mail client writes it, with the files attached (base64).
mkmail() {
	/usr/bin/python3 - "$@" <<'PY' || fx_fail "mkmail $1"
import sys, email.message, email.utils, mimetypes, os
out, frm, subj, body, irt = (sys.argv[1:6] + [""])[:5]
files = sys.argv[6:]
m = email.message.EmailMessage()
m["From"] = frm
m["To"] = "Gemeente Testdorp <klachten@testdorp.example>"
m["Subject"] = subj
m["Date"] = email.utils.formatdate(localtime=True)
m["Message-ID"] = "<%s@client.example>" % os.path.basename(out)
if irt:
    m["In-Reply-To"] = "<%s>" % irt
    m["References"] = "<%s>" % irt
m.set_content(body)
for i in range(0, len(files), 2):
    data = open(files[i], "rb").read()
    maintype, subtype = files[i + 1].split("/")
    m.add_attachment(data, maintype=maintype, subtype=subtype,
                     filename=os.path.basename(files[i]))
open(out, "wb").write(bytes(m))
PY
}

# The originals: binary, with NUL, CR, LF and 8-bit bytes throughout.
/usr/bin/python3 - "$FX_DIR" <<'PY' || fx_fail "cannot make the files"
import os, random, struct, sys, zlib
d = sys.argv[1]
r = random.Random(13)
pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\r\n" + bytes(r.randrange(256) for _ in range(30000)) + b"\n%%EOF\r\n"
open(os.path.join(d, "schadeformulier.pdf"), "wb").write(pdf)
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xffffffff)
w = h = 32
raw = b"".join(b"\0" + bytes(r.randrange(256) for _ in range(w * 3)) for _ in range(h))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + \
      chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(os.path.join(d, "gat-in-de-weg.png"), "wb").write(png)
open(os.path.join(d, "nog-een-foto.bin"), "wb").write(bytes(r.randrange(256) for _ in range(5000)))
open(os.path.join(d, "geheim-verslag.pdf"), "wb").write(b"%PDF-1.4\n" + bytes(r.randrange(256) for _ in range(4000)))
PY
pdf="$FX_DIR/schadeformulier.pdf"
png="$FX_DIR/gat-in-de-weg.png"
bin="$FX_DIR/nog-een-foto.bin"
secret="$FX_DIR/geheim-verslag.pdf"

# Case 1: the complaint with two attachments.
mkmail "$FX_DIR/c1.eml" "Jan de Boer <$OL_JAN>" "Gat in de weg" \
    "Er zit een diep gat in de Dorpsstraat: LANTAARNZEBRA.
Zie de foto en het schadeformulier." "" "$pdf" application/pdf "$png" image/png
ol_new_case "$FX_DIR/c1.eml"
ref=$OL_REF
notif=$(ol_find notify "$OL_ANNA" "$ref")
ack=$(kl_sql "select message_id from outbox where kind = 'ack' and case_id = (select id from cases where ref = '$ref')")

# The complainant writes again, with a third file.
mkmail "$FX_DIR/c1-reply.eml" "Jan de Boer <$OL_JAN>" "Re: Gat in de weg [$ref]" \
    "Nog een foto erbij: REACTIEKAMEEL." "$ack" "$bin" application/octet-stream
ol_deliver "$FX_DIR/c1-reply.eml"

# send NOTIF FROM NAME TEXT: an officer answers NOTIF with TEXT on top.
send() {
	printf '%s\n' "$4" > "$FX_DIR/body.txt"
	ol_reply "$OL_DATA/plain.eml" "$1" "$2" "$3" "BODY=@file:$FX_DIR/body.txt"
	ol_deliver "$OL_REPLY"
}
# (The note quotes anna's own reply address: a key to act as her, which
# the file must not pass on.)
token=$(ol_header "$notif" Reply-To)
case $token in klachten+?*@testdorp.example) ;; *) fx_fail "no reply token: $token" ;; esac
send "$notif" "$OL_ANNA" "Anna de Vries" "#note NOTITIEWALVIS: gebeld met de wegbeheerder, zie $token"
send "$notif" "$OL_ANNA" "Anna de Vries" "#reply Wij repareren het gat: ANTWOORDPINGUIN."
# A reply that quotes the notification, complaint and all, as mail
# clients do.
send "$notif" "$OL_ANNA" "Anna de Vries" "#notitie Aannemer gebeld.

Op 10 mrt 2026 om 09:00 schreef Gemeente Testdorp <klachten@testdorp.example>:
$(ol_body "$notif" | sed 's/^/> /')"

# Case 2, confidential (gedrag), with a distinctive word and file.
mkmail "$FX_DIR/c2.eml" "Els Geheim <els@example.org>" "Melding over een collega" \
    "Dit is vertrouwelijk: GEHEIMOTTER." "" "$secret" application/pdf
ol_new_case "$FX_DIR/c2.eml"
ref2=$OL_REF
send "$(ol_find notify "$OL_ANNA" "$ref2")" "$OL_ANNA" "Anna de Vries" "#category gedrag"
kl_eq "case 2 is confidential" "$(ol_case "$ref2" category)" gedrag

# ---- anna asks for the file of case 1
send "$notif" "$OL_ANNA" "Anna de Vries" "#dossier"
file=$(ol_find dossier "$OL_ANNA" "$ref")
kl_eq "one file mail, to anna only" "$(kl_sql "select count(*) || ' ' || group_concat(rcpt) from outbox where kind = 'dossier'")" "1 $OL_ANNA"
kl_eq "the file answers anna's mail" "$(ol_header "$file" In-Reply-To)" "<$OL_REPLY_ID>"
kl_eq "auto-replied" "$(ol_header "$file" Auto-Submitted)" "auto-replied"
ol_body "$(ol_find confirm "$OL_ANNA" "$ref")" > "$FX_DIR/confirm.txt"
kl_contains "confirmation names it" "$FX_DIR/confirm.txt" "het dossier van klacht $ref is u in een aparte mail gestuurd"
ol_events "$ref" dossier > "$FX_DIR/ev.txt"
kl_contains "who got it is recorded" "$FX_DIR/ev.txt" "^anna\|dossier\|case file sent to anna: 6 messages, .* 3 of 3 attachments attached"

# check FILE WANT...: the file mail's parts; WANT are "name=path" for
# each file that must be attached byte-identical (and nothing else but the
# HTML page); writes the text to $FX_DIR/file.txt, the page to file.html.
check() {
	fx_smtp_content "$1" > "$FX_DIR/file.eml"
	shift
	/usr/bin/python3 - "$FX_DIR" "$@" <<'PY' || fx_fail "the file mail is not as it should be"
import email, email.policy, hashlib, os, sys
d = sys.argv[1]
want = dict(a.split("=", 1) for a in sys.argv[2:])
m = email.message_from_binary_file(open(os.path.join(d, "file.eml"), "rb"), policy=email.policy.default)
bad = []
open(os.path.join(d, "file.txt"), "w", encoding="utf-8").write(m.get_body(("plain",)).get_content())
got = {}
html = 0
for p in m.iter_attachments():
    data = p.get_payload(decode=True)
    if p.get_filename().endswith(".html"):
        html += 1
        if p.get_content_type() != "text/html":
            bad.append("page type " + p.get_content_type())
        open(os.path.join(d, "file.html"), "wb").write(data)
        continue
    got[p.get_filename()] = hashlib.sha256(data).hexdigest()
if html != 1:
    bad.append("%d HTML pages" % html)
for name, path in want.items():
    h = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if got.get(name) != h:
        bad.append("%s: sha256 %s, want %s" % (name, got.get(name), h))
for name in set(got) - set(want):
    bad.append("unexpected attachment " + name)
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
check "$file" "schadeformulier.pdf=$pdf" "gat-in-de-weg.png=$png" "nog-een-foto.bin=$bin"
for w in LANTAARNZEBRA REACTIEKAMEEL NOTITIEWALVIS ANTWOORDPINGUIN; do
	kl_contains "text has $w" "$FX_DIR/file.txt" "$w"
	kl_contains "page has $w" "$FX_DIR/file.html" "$w"
done
kl_contains "the acknowledgement is in it" "$FX_DIR/file.txt" "Verstuurde mail \(ack\) aan $OL_JAN"
kl_contains "the officer's mail is in it" "$FX_DIR/file.txt" "Bericht \(functionaris\) van $OL_ANNA"
kl_contains "the events are in it" "$FX_DIR/file.txt" "Gebeurtenis: note, door anna"
# The officers' replies quote our notification, which holds the complaint:
# the file shows each reply without that quote, and says so.
kl_eq "the complaint's text once, not again in each quote" "$(grep -c LANTAARNZEBRA "$FX_DIR/file.txt")" 1
kl_contains "a left-out quote is said" "$FX_DIR/file.txt" "^\[Hieronder stond onze eerdere mail over deze klacht, geciteerd$"
kl_contains "mail to officers is named" "$FX_DIR/file.txt" "Verstuurde mail \(notify\) aan $OL_BOB: sent"
kl_absent "... not repeated" "$FX_DIR/file.txt" "Beste Bob Jansen"
kl_contains "a reply token is blanked" "$FX_DIR/file.txt" "zie klachten\+\.\.\.@testdorp\.example"
for f in "$FX_DIR/file.txt" "$FX_DIR/file.html"; do
	grep -qF "$token" "$f" && fx_fail "anna's reply token is in $(basename "$f")"
done
kl_contains "the attachments are listed with SHA-256" "$FX_DIR/file.txt" \
    "SHA-256 $(sha256sum "$pdf" | cut -d' ' -f1)"
# In time order: complaint, reply, note, the letter.
/usr/bin/python3 - "$FX_DIR/file.txt" <<'PY' || fx_fail "the file is not in time order"
import sys
t = open(sys.argv[1], encoding="utf-8").read()
pos = [t.find(w) for w in ("LANTAARNZEBRA", "REACTIEKAMEEL", "NOTITIEWALVIS", "ANTWOORDPINGUIN")]
sys.exit(0 if -1 not in pos and pos == sorted(pos) else 1)
PY
for f in "$FX_DIR/file.txt" "$FX_DIR/file.html" "$FX_DIR/file.eml"; do
	kl_absent "nothing of case 2 in $(basename "$f")" "$f" "GEHEIMOTTER|geheim-verslag|$ref2"
done

# ---- confidential: bob (afval) asks for case 2 from his own case 1
# mail; carla (gedrag) asks for it the same way.
# (Case 2 came in without a category, so every officer was told of it
# then: what counts is what bob's request brings him.)
bobnotif=$(ol_find notify "$OL_BOB" "$ref")
fx_smtp_messages > "$FX_DIR/seen"
send "$bobnotif" "$OL_BOB" "Bob Jansen" "#dossier $ref2"
kl_eq "no file to bob" "$(ol_count dossier "$OL_BOB")" 0
ol_body "$(ol_find cmd-error "$OL_BOB" "$ref")" > "$FX_DIR/bob.txt"
kl_contains "bob is refused" "$FX_DIR/bob.txt" "klacht $ref2 is vertrouwelijk: alleen de functionarissen die ervoor zijn aangewezen"
kl_eq "no dossier event on case 2" "$(ol_events "$ref2" dossier)" ""
for f in $(fx_smtp_messages | grep -vxF -f "$FX_DIR/seen"); do
	if fx_smtp_envelope "$f" | grep -q "X-Sink-Rcpt-To: <$OL_BOB>"; then
		kl_decoded "$f" > "$FX_DIR/tobob.txt"
		kl_absent "nothing of case 2 to bob" "$FX_DIR/tobob.txt" "GEHEIMOTTER|geheim-verslag|Els Geheim"
		kl_absent "no file of case 2 to bob" "$f" "$(base64 -w0 < "$secret" | cut -c1-40)"
	fi
done
send "$(ol_find notify "$OL_CARLA" "$ref")" "$OL_CARLA" "Carla Smit" "#file $ref2"
check "$(ol_find dossier "$OL_CARLA" "$ref2")" "geheim-verslag.pdf=$secret"
kl_contains "carla gets the content" "$FX_DIR/file.txt" "GEHEIMOTTER"
kl_absent "and nothing of case 1" "$FX_DIR/file.txt" "LANTAARNZEBRA|schadeformulier"

# ---- a reference to another case: anna (all categories) from case 1
send "$notif" "$OL_ANNA" "Anna de Vries" "#file [$ref2]"
check "$(ol_find dossier "$OL_ANNA" "$ref2")" "geheim-verslag.pdf=$secret"
send "$notif" "$OL_ANNA" "Anna de Vries" "#dossier KL-1999-99999"
ol_body "$(ol_find cmd-error "$OL_ANNA" "$ref")" > "$FX_DIR/nocase.txt"
kl_contains "unknown case" "$FX_DIR/nocase.txt" "er is geen klacht KL-1999-99999"

# ---- the total: 8K lets the PNG and the 5000 bytes through, not the PDF
KL_LIMITS='dossier_attachments_total = "8K";' kl_config "$(kl_smtp_conf)
$(ol_officers)"
send "$notif" "$OL_ANNA" "Anna de Vries" "#dossier"
check "$(ol_find dossier "$OL_ANNA" "$ref")" "gat-in-de-weg.png=$png" "nog-een-foto.bin=$bin"
kl_contains "the PDF is listed with its SHA-256" "$FX_DIR/file.txt" \
    "^1\. schadeformulier\.pdf \(application/pdf, 30 KB\)"
kl_contains "... its hash" "$FX_DIR/file.txt" "SHA-256 $(sha256sum "$pdf" | cut -d' ' -f1)"
kl_contains "... and how to get it" "$FX_DIR/file.txt" "klachtctl attachment $ref 1 > bestand"
kl_contains "the page says so too" "$FX_DIR/file.html" "nee: klachtctl attachment $ref 1"
ol_body "$(ol_find confirm "$OL_ANNA" "$ref")" > "$FX_DIR/confirm.txt"
kl_contains "confirmation says how many" "$FX_DIR/confirm.txt" "2 van de 3 bijlagen zijn bijgevoegd"

# ---- klachtctl: show lists them, attachment writes them
kl_ctl show "$ref" > "$FX_DIR/show.txt" || fx_fail "klachtctl show failed"
kl_contains "show lists attachment 1" "$FX_DIR/show.txt" "^ +1  schadeformulier\.pdf \(application/pdf, $(wc -c < "$pdf") bytes\)"
kl_contains "show lists attachment 2 with its hash" "$FX_DIR/show.txt" "SHA-256 $(sha256sum "$png" | cut -d' ' -f1)"
kl_contains "show lists attachment 3" "$FX_DIR/show.txt" "^ +3  nog-een-foto\.bin"
kl_ctl --json show "$ref" | kl_json 'len(j["attachments"]), j["attachments"][0]["sha256"]' > "$FX_DIR/json.txt"
kl_eq "show --json" "$(cat "$FX_DIR/json.txt")" "3 $(sha256sum "$pdf" | cut -d' ' -f1)"
n=1
for f in "$pdf" "$png" "$bin"; do
	kl_ctl attachment "$ref" $n > "$FX_DIR/out.$n" || fx_fail "klachtctl attachment $n failed"
	cmp "$f" "$FX_DIR/out.$n" || fx_fail "attachment $n is not byte-identical"
	n=$((n + 1))
done
for bad in -1 0 4 x; do
	rc=0
	kl_ctl attachment "$ref" "$bad" > "$FX_DIR/bad.out" 2> "$FX_DIR/bad.err" || rc=$?
	[ "$rc" != 0 ] || fx_fail "klachtctl attachment $ref $bad succeeded"
	[ ! -s "$FX_DIR/bad.out" ] || fx_fail "klachtctl attachment $ref $bad wrote something"
done
kl_contains "a bad N is explained" "$FX_DIR/bad.err" "N must be a number from 1"
kl_ctl attachment "$ref" 4 2> "$FX_DIR/bad.err" > /dev/null && fx_fail "N=4 succeeded"
kl_contains "a missing N is explained" "$FX_DIR/bad.err" "there is no attachment 4 \(the case has 3\)"

# ---- the complainant writes "#dossier": runs nothing, an ordinary reply
before=$(kl_sql "select count(*) from outbox where kind = 'dossier'")
mkmail "$FX_DIR/c1-cmd.eml" "Jan de Boer <$OL_JAN>" "Re: Gat in de weg [$ref]" \
    "#dossier
#file $ref2" "$ack"
ol_deliver "$FX_DIR/c1-cmd.eml"
kl_eq "no file for the complainant" "$(kl_sql "select count(*) from outbox where kind = 'dossier'")" "$before"
kl_eq "no file at the sink for the complainant" "$(ol_count dossier "$OL_JAN")" 0
kl_eq "nothing to jan but letters" "$(kl_sql "select count(*) from outbox where rcpt = '$OL_JAN' and kind not in ('ack', 'update')")" 0
kl_eq "filed as an ordinary reply" "$(kl_sql "select kind from messages where message_id = 'c1-cmd.eml@client.example'")" reply
kl_eq "no event of it but the message" "$(ol_events "$ref" dossier | grep -vc '^anna|')" 0

echo "PASS: #dossier sends the whole file, byte-identical, to the asking officer only"
