#!/bin/sh
# Files both ways (issue 13), through the real SMTP sink.
#
# To officers: the new-case notification carries the complaint's PNG
# byte-identical (SHA-256 at the sink), and so does the mail to the
# officer it is assigned to; a file over limits.notify_attachments_total
# is listed with its SHA-256 and how to get it, not attached.
# From officers: the PDF on an #antwoord reaches the complainant
# byte-identical and the confirmation lists it; a program (.exe) on
# #antwoord, or a PDF on #sluit over limits.max_outgoing_attachments_total,
# is an error reply and nothing reaches the complainant; a 60 MB
# attachment is refused at intake with the default limits (exit 65: the
# MTA bounces it to the officer) and, with max_message_size raised, gets
# an error reply -- nothing is ever sent without its file.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
fx_require smtp
ol_setup

echo $$ > "$FX_DIR/pid"
export FX_DIR

# mkfile PATH SIZE MAGIC: SIZE random bytes starting with MAGIC (hex).
mkfile() {
	/usr/bin/python3 - "$@" <<'PY'
import os, sys
path, size, magic = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
with open(path, "wb") as f:
    f.write(magic)
    left = size - len(magic)
    while left > 0:
        n = min(left, 1 << 20)
        f.write(os.urandom(n))
        left -= n
PY
}

# mail OUT FROM TO SUBJECT BODYFILE [IRT] [NAME:TYPE:PATH...]: a
# multipart/mixed mail as a mail client writes it (base64 files).
mail() {
	/usr/bin/python3 - "$@" <<'PY'
import sys, os
from email.message import EmailMessage
out, frm, to, subj, body, irt = sys.argv[1:7]
m = EmailMessage()
m["From"], m["To"], m["Subject"] = frm, to, subj
m["Date"] = "Wed, 11 Mar 2026 08:15:00 +0100"
m["Message-ID"] = "<%s.%s@werkplek.example>" % (os.path.basename(out), open(os.environ["FX_DIR"] + "/pid").read().strip())
if irt:
    m["In-Reply-To"] = m["References"] = "<%s>" % irt
m.set_content(open(body, encoding="utf-8").read())
for spec in sys.argv[7:]:
    name, ctype, path = spec.split(":", 2)
    main, sub = ctype.split("/")
    m.add_attachment(open(path, "rb").read(), maintype=main, subtype=sub,
                     filename=name)
open(out, "wb").write(bytes(m))
PY
	[ $? = 0 ] || fx_fail "mail $1 failed"
}

# sha FILE: SHA-256 of a file.  att_sha MSG NAME: of the attachment NAME
# in a sink message ("none" when it has none of that name).
sha() { sha256sum "$1" | cut -d' ' -f1; }
att_sha() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, hashlib, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
got = [hashlib.sha256(p.get_payload(decode=True)).hexdigest()
       for p in m.iter_attachments() if p.get_filename() == sys.argv[1]]
print(got[0] if len(got) == 1 else "none" if not got else "twice")' "$2"
}
# atts MSG: the file names attached to a sink message, one line.
atts() {
	fx_smtp_content "$1" | /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
print(" ".join(p.get_filename() or "?" for p in m.iter_attachments()))'
}

# The complaint: text, a 30 KB photo and an 11 MB video (over the 10 MB
# that go along by default).
mkfile "$FX_DIR/gat.png" 30000 89504e470d0a1a0a
mkfile "$FX_DIR/film.mp4" 11000000 000000186674797069736f6d
printf 'De stoep voor Dorpsstraat 4 heeft een groot gat.\nZie de foto.\n' > "$FX_DIR/c.txt"
mail "$FX_DIR/complaint.eml" "Jan de Boer <$OL_JAN>" klachten@testdorp.example \
    "Gat in de stoep" "$FX_DIR/c.txt" "" "gat.png:image/png:$FX_DIR/gat.png" \
    "film.mp4:video/mp4:$FX_DIR/film.mp4"
ol_new_case "$FX_DIR/complaint.eml"
ref=$OL_REF
png=$(sha "$FX_DIR/gat.png")

notif=$(ol_find notify "$OL_ANNA" "$ref")
kl_eq "notification carries the PNG byte-identical" "$(att_sha "$notif" gat.png)" "$png"
kl_eq "notification: only the PNG (the video is over the total)" "$(atts "$notif")" gat.png
ol_body "$notif" > "$FX_DIR/n.txt"
kl_contains "PNG listed as attached" "$FX_DIR/n.txt" "^- gat\.png \(image/png, 30 KB\) -- bijgevoegd$"
kl_contains "video listed with SHA-256 and how to get it" "$FX_DIR/n.txt" \
    "^- film\.mp4 \(video/mp4, 10\.4 MB\) -- niet bijgevoegd .*SHA-256 $(sha "$FX_DIR/film.mp4"); op te vragen met #dossier of klachtctl attachment $ref 2$"
kl_eq "bob (afval) got the PNG too" "$(att_sha "$(ol_find notify "$OL_BOB" "$ref")" gat.png)" "$png"

# send NOTIF FROM NAME TEXT [NAME:TYPE:PATH...]: the officer answers NOTIF.
send() {
	s__n=$1 s__from=$2 s__name=$3
	printf '%s\n\nMet vriendelijke groet,\n%s\n' "$4" "$s__name" > "$FX_DIR/body.txt"
	shift 4
	OL_SEQ=$((OL_SEQ + 1))
	OL_REPLY="$FX_DIR/reply-$OL_SEQ.eml"
	mail "$OL_REPLY" "$s__name <$s__from>" "$(ol_header "$s__n" Reply-To)" \
	    "Re: [$ref]" "$FX_DIR/body.txt" "$(ol_header "$s__n" Message-ID | tr -d '<>')" "$@"
	OL_REPLY_ID="reply-$OL_SEQ.eml.$(cat "$FX_DIR/pid")@werkplek.example"
}
jan() { kl_sql "select count(*) from outbox where rcpt = '$OL_JAN' and kind in ('update', 'outcome')"; }

# #toewijzen: bob gets the complaint with the PNG.
send "$notif" "$OL_ANNA" "Anna de Vries" "#toewijzen bob"
ol_deliver "$OL_REPLY"
assigned=$(ol_find assigned "$OL_BOB" "$ref")
kl_eq "assignment mail carries the PNG byte-identical" "$(att_sha "$assigned" gat.png)" "$png"
kl_eq "assignment mail: only the PNG" "$(atts "$assigned")" gat.png
ol_body "$assigned" > "$FX_DIR/a.txt"
kl_contains "assignment lists the video" "$FX_DIR/a.txt" "^- film\.mp4 .* niet bijgevoegd"
# A category move does not send the files to anyone new: the case is
# assigned (notify_category), so carla gets nothing.
kl_eq "carla got no files" "$(ol_count category-moved "$OL_CARLA")" 0

# #antwoord with a PDF: to the complainant byte-identical.
mkfile "$FX_DIR/schadeformulier.pdf" 120000 255044462d312e340a
send "$assigned" "$OL_BOB" "Bob Jansen" "#antwoord In de bijlage vindt u het schadeformulier." \
    "schadeformulier.pdf:application/pdf:$FX_DIR/schadeformulier.pdf"
ol_deliver "$OL_REPLY"
upd=$(ol_find update "$OL_JAN" "$ref")
kl_eq "the PDF reached the complainant byte-identical" "$(att_sha "$upd" schadeformulier.pdf)" "$(sha "$FX_DIR/schadeformulier.pdf")"
ol_body "$upd" > "$FX_DIR/u.txt"
kl_contains "with the officer's text" "$FX_DIR/u.txt" "In de bijlage vindt u het schadeformulier"
ol_body "$(ol_find confirm "$OL_BOB" "$ref")" > "$FX_DIR/conf.txt"
kl_contains "confirmation lists the PDF" "$FX_DIR/conf.txt" "^- schadeformulier\.pdf \(application/pdf, 118 KB\)$"
kl_contains "confirmation says it went along" "$FX_DIR/conf.txt" "met 1 bijlage\(n\) van uw mail"
sent=$(jan)
kl_eq "one update to the complainant" "$sent" 1

# errcheck WHAT PATTERN: the last mail got a cmd-error matching PATTERN
# and nothing more reached the complainant.
errcheck() {
	e__m=$(ol_find cmd-error "$OL_BOB" "$ref")
	kl_eq "$1: the error answers the last mail" "$(ol_header "$e__m" In-Reply-To)" "<$OL_REPLY_ID>"
	ol_body "$e__m" > "$FX_DIR/err.txt"
	kl_contains "$1: error" "$FX_DIR/err.txt" "$2"
	kl_eq "$1: nothing to the complainant" "$(jan)" "$sent"
	kl_eq "$1: nothing at the sink for the complainant" "$(ol_count update "$OL_JAN")" 1
}
# A program is never sent: error, nothing goes, the text neither.
mkfile "$FX_DIR/formulier.exe" 5000 4d5a
send "$assigned" "$OL_BOB" "Bob Jansen" "#antwoord Zie het programma." \
    "formulier.exe:application/octet-stream:$FX_DIR/formulier.exe"
ol_deliver "$OL_REPLY"
errcheck ".exe" "#antwoord: de bijlage \"formulier\.exe\" is een programma of script"
kl_contains ".exe: nothing was done" "$FX_DIR/err.txt" "niets uitgevoerd en niets gewijzigd"

# A file inside a forwarded message (an internal mail forwarded as an
# attachment) is not the officer's own: error, nothing sent.
send "$assigned" "$OL_BOB" "Bob Jansen" "#antwoord Zie de bijlage."
/usr/bin/python3 - "$OL_REPLY" "$FX_DIR/schadeformulier.pdf" <<'PY'
import sys
from email import message_from_binary_file, policy
from email.message import EmailMessage
m = message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
inner = EmailMessage()
inner["From"], inner["To"], inner["Subject"] = "jurist@gemeente.example", "bob@gemeente.example", "Intern advies"
inner.set_content("Intern advies, niet voor de klager.")
inner.add_attachment(open(sys.argv[2], "rb").read(), maintype="application",
                     subtype="pdf", filename="intern-advies.pdf")
m.make_mixed()
m.add_attachment(inner)
open(sys.argv[1], "wb").write(bytes(m))
PY
ol_deliver "$OL_REPLY"
errcheck "forwarded" "#antwoord: de bijlage \"intern-advies\.pdf\" zit in een doorgestuurd bericht"

# Over limits.max_outgoing_attachments_total (20 MB): two files of 11 MB
# on #sluit -- each stored, together too much.
mkfile "$FX_DIR/deel1.pdf" 11000000 255044462d312e340a
mkfile "$FX_DIR/deel2.pdf" 11000000 255044462d312e340a
send "$assigned" "$OL_BOB" "Bob Jansen" "#sluit gegrond De container is nu geleegd." \
    "deel1.pdf:application/pdf:$FX_DIR/deel1.pdf" "deel2.pdf:application/pdf:$FX_DIR/deel2.pdf"
ol_deliver "$OL_REPLY"
errcheck "over the total" "#sluit: de bijlagen zijn samen 20\.9 MB, meer dan 20\.0 MB \(limits\.max_outgoing_attachments_total\)"
kl_eq "over the total: the case is not closed" "$(ol_case "$ref" status)" in_progress

# 60 MB with the default limits: over limits.max_message_size (50 MB),
# `klachtd deliver` exits 65 so the MTA bounces it to the officer with
# the reason; nothing is taken in, nothing sent.
mkfile "$FX_DIR/groot.pdf" 60000000 255044462d312e340a
send "$assigned" "$OL_BOB" "Bob Jansen" "#antwoord Hierbij het grote rapport." \
    "groot.pdf:application/pdf:$FX_DIR/groot.pdf"
rm -f "$FX_DIR/groot.pdf"
kl_deliver "$OL_REPLY"
kl_eq "60 MB: deliver refuses it (the MTA bounces)" "$KL_RC" 65
kl_contains "60 MB: the log says why" "$FX_DIR/klachtd.log" "deliver: input larger than [0-9]+ bytes"
ol_run
kl_eq "60 MB: nothing to the complainant" "$(jan)" "$sent"

# The same mail in the intake Maildir: moved aside, kept in quarantine,
# and bob is told at his configured address (no reply token: nothing
# proved who sent it), once.
mkdir -p "$KL_STATE/inbox/new" "$KL_STATE/inbox/cur" "$KL_STATE/inbox/tmp"
cp "$OL_REPLY" "$KL_STATE/inbox/new/1800000000.M1P1.groot"
ol_run
kl_eq "maildir 60 MB: quarantined" "$(kl_sql "select count(*) from quarantine where reason like 'over limits.max_message_size%'")" 1
big=$(ol_find too-large "$OL_BOB" "$ref")
ol_body "$big" > "$FX_DIR/big.txt"
kl_contains "maildir 60 MB: bob is told why" "$FX_DIR/big.txt" "^Uw mail \"Re: \[$ref\]\" is 7[0-9]\.[0-9] MB\. Dat is meer dan 50\.0 MB$"
kl_contains "maildir 60 MB: and that nothing was done" "$FX_DIR/big.txt" "commando uitgevoerd en er is niets naar de klager gestuurd"
kl_eq "maildir 60 MB: no reply token" "$(ol_header "$big" Reply-To)" ""
kl_eq "maildir 60 MB: answers his mail" "$(ol_header "$big" In-Reply-To)" "<$OL_REPLY_ID>"
kl_eq "maildir 60 MB: recorded on the case" "$(ol_events "$ref" commands-refused | grep -c 'over limits.max_message_size')" 1
kl_eq "maildir 60 MB: nothing to the complainant" "$(jan)" "$sent"
ol_run
kl_eq "maildir 60 MB: told once" "$(ol_count too-large "$OL_BOB")" 1

# With max_message_size raised the mail is taken in, but the 60 MB file
# is over limits.max_attachment_size and not stored: an error reply.
KL_LIMITS='max_message_size = "100M";'
kl_config "$(kl_smtp_conf)
$(ol_officers)"
ol_deliver "$OL_REPLY"
errcheck "60 MB" "#antwoord: de bijlage \"groot\.pdf\" \(57\.2 MB\) is groter dan 20\.0 MB \(limits\.max_attachment_size\)"
rm -f "$OL_REPLY"

# A mail with a file but no #antwoord/#sluit keeps it on the case and
# says it went nowhere.
send "$assigned" "$OL_BOB" "Bob Jansen" "#notitie foto van de buurman" \
    "buurman.png:image/png:$FX_DIR/gat.png"
ol_deliver "$OL_REPLY"
ol_body "$(ol_find confirm "$OL_BOB" "$ref")" > "$FX_DIR/conf.txt"
kl_contains "file kept, not sent" "$FX_DIR/conf.txt" "bijlagen van uw mail zijn bij de klacht bewaard; ze zijn naar niemand gestuurd"
kl_eq "still nothing more to the complainant" "$(jan)" "$sent"

# limits.notify_attachments_total = 0: listed only.
KL_LIMITS='notify_attachments_total = "0";'
kl_config "$(kl_smtp_conf)
$(ol_officers)"
mail "$FX_DIR/complaint2.eml" "Jan de Boer <$OL_JAN>" klachten@testdorp.example \
    "Nog een gat" "$FX_DIR/c.txt" "" "gat2.png:image/png:$FX_DIR/gat.png"
ol_new_case "$FX_DIR/complaint2.eml"
n2=$(ol_find notify "$OL_ANNA" "$OL_REF")
kl_eq "total 0: no files" "$(atts "$n2")" ""
ol_body "$n2" > "$FX_DIR/n2.txt"
kl_contains "total 0: listed with SHA-256" "$FX_DIR/n2.txt" "^- gat2\.png \(image/png, 30 KB\) -- niet bijgevoegd .*SHA-256 $png"

# Confidential: once the case is in gedrag, a complainant's reply with a
# photo goes -- text and file -- to its officers only (anna, carla),
# never to bob (afval).
KL_LIMITS=
kl_config "$(kl_smtp_conf)
$(ol_officers)"
ref=$OL_REF
send "$n2" "$OL_ANNA" "Anna de Vries" "#categorie gedrag"
ol_deliver "$OL_REPLY"
kl_eq "case is confidential now" "$(ol_case "$ref" category)" gedrag
printf 'Hier nog een foto.\n' > "$FX_DIR/r.txt"
mail "$FX_DIR/jan-reply.eml" "Jan de Boer <$OL_JAN>" klachten@testdorp.example \
    "Re: Nog een gat [$ref]" "$FX_DIR/r.txt" "" "nog-een.png:image/png:$FX_DIR/gat.png"
ol_deliver "$FX_DIR/jan-reply.eml"
kl_eq "carla got the photo" "$(att_sha "$(ol_find notify-reply "$OL_CARLA" "$ref")" nog-een.png)" "$png"
kl_eq "anna got the photo" "$(att_sha "$(ol_find notify-reply "$OL_ANNA" "$ref")" nog-een.png)" "$png"
kl_eq "bob got nothing of it" "$(ol_count notify-reply "$OL_BOB")" 0
exit 0
