#!/bin/sh
# The HTML page of the #dossier case file (issue 13) is one
# self-contained document -- charset, inline stylesheet, no script,
# link, image, frame or url(), nothing fetched -- in which everything
# that came from mail is text: a complaint whose subject, text and file
# name are HTML and script stays text in the page.  Headless Chromium
# renders it with no console message, and the screenshot is not blank.
# Skips (77) only when Chromium is not installed, after the page itself
# was checked.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/officer-lib.sh"
. "$top_srcdir/tests/e2e/chromium-lib.sh"
fx_require smtp
ol_setup

/usr/bin/python3 - "$FX_DIR/c.eml" <<'PY' || fx_fail "cannot make the complaint"
import sys, email.message, email.utils
m = email.message.EmailMessage()
m["From"] = "Kees <kees@example.org>"
m["To"] = "klachten@testdorp.example"
m["Subject"] = '<script>alert("onderwerp")</script> & <b>vet</b>'
m["Date"] = email.utils.formatdate(localtime=True)
m["Message-ID"] = "<hostile@example.org>"
m.set_content('Beste gemeente,\n\n<img src="http://evil.example/x.png" onerror="alert(1)">\n'
              '</pre><script>document.title="OWNED"</script>\n'
              '<a href="javascript:alert(2)">klik</a> <style>body{background:url(http://evil.example/bg)}</style>\n'
              'Met vriendelijke groet, Kees\n')
m.add_attachment(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), maintype="image", subtype="png",
                 filename='<img src=x onerror=alert(3)>.png')
open(sys.argv[1], "wb").write(bytes(m))
PY
ol_new_case "$FX_DIR/c.eml"
ref=$OL_REF
printf '#note Een notitie met <i>tags</i> & "quotes"\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$(ol_find notify "$OL_ANNA" "$ref")" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
printf '#dossier\n' > "$FX_DIR/body.txt"
ol_reply "$OL_DATA/plain.eml" "$(ol_find notify "$OL_ANNA" "$ref")" "$OL_ANNA" "Anna de Vries" "BODY=@file:$FX_DIR/body.txt"
ol_deliver "$OL_REPLY"
file=$(ol_find dossier "$OL_ANNA" "$ref")
html="$FX_DIR/dossier.html"

fx_smtp_content "$file" > "$FX_DIR/file.eml"
/usr/bin/python3 - "$FX_DIR/file.eml" "$html" <<'PY' || fx_fail "the page is not self-contained or lets mail through as HTML"
import email, email.policy, html.parser, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
pages = [p for p in m.iter_attachments() if p.get_content_type() == "text/html"]
assert len(pages) == 1, "%d HTML parts" % len(pages)
assert pages[0].get_param("charset") == "utf-8", "no charset on the page"
raw = pages[0].get_payload(decode=True)
open(sys.argv[2], "wb").write(raw)
s = raw.decode("utf-8")
bad = []
if not s.startswith("<!DOCTYPE html>\n<html lang=\"nl\">"):
    bad.append("doctype/lang")
if '<meta charset="utf-8">' not in s.split("</head>")[0]:
    bad.append("no <meta charset> in head")
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text, self.styles = [], [], [], []
        self.in_style = False
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [a for a, _ in attrs]
        self.in_style = tag == "style"
    def handle_endtag(self, tag):
        self.in_style = False
    def handle_data(self, d):
        (self.styles if self.in_style else self.text).append(d)
p = P()
p.feed(s)
for t in ("script", "img", "link", "iframe", "object", "embed", "a", "i", "b", "base", "form"):
    if t in p.tags:
        bad.append("a <%s> element" % t)
if p.tags.count("style") != 1:
    bad.append("%d <style> elements" % p.tags.count("style"))
for a in ("src", "href", "onerror", "onload", "style", "action"):
    if a in p.attrs:
        bad.append("an attribute " + a)
if re.search(r"url\(|@import|https?:", "".join(p.styles)):
    bad.append("the stylesheet fetches something")
text = "".join(p.text)
for w in ('<script>alert("onderwerp")</script> & <b>vet</b>',
          '<img src="http://evil.example/x.png" onerror="alert(1)">',
          '</pre><script>document.title="OWNED"</script>',
          '<img src=x onerror=alert(3)>.png', 'Een notitie met <i>tags</i> & "quotes"'):
    if w not in text:
        bad.append("not shown as text: " + w)
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

chromium_require "the case file's HTML was checked, not rendered"
render "$html" "$FX_DIR/dossier.png" "$FX_DIR/dossier.log"
console_clean "$FX_DIR/dossier.log" || fx_fail "console messages while rendering the case file"
grep -q OWNED "$FX_DIR/dossier.log" && fx_fail "a script from the mail ran"
# Text and the coloured bars of the entries (#246 header rule and message
# border, the light blue of a message).
/usr/bin/python3 "$KL_DATA/pngcheck.py" "$FX_DIR/dossier.png" \
    --min-nonwhite 0.02 --min-colours 8 --colour 224466:300 >&2 ||
	fx_fail "the screenshot of the case file is blank"
printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>x</title></head><body></body></html>\n' \
    > "$FX_DIR/blank.html"
render "$FX_DIR/blank.html" "$FX_DIR/blank.png" "$FX_DIR/blank.log"
if /usr/bin/python3 "$KL_DATA/pngcheck.py" "$FX_DIR/blank.png" \
    --min-nonwhite 0.02 --min-colours 8 --colour 224466:300 >/dev/null; then
	fx_fail "a blank page passed the screenshot check"
fi
echo "PASS: the case file's HTML is self-contained, escapes the mail and renders in Chromium"
