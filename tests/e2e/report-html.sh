#!/bin/sh
# `klachtctl report --format html` on the generated year is one
# self-contained page (charset, inline stylesheet with print rules, three
# inline SVG charts that are well-formed XML, the blocks of issue 15
# (trends with their method, hearings, first contact, satisfaction,
# measures), nothing fetched: no script,
# link, image, font or url()), and it looks right in a real browser:
# headless Chromium renders it without console messages, and the
# screenshot is not blank and shows the bars in the category, on-time and
# late colours.  A page with a script error and a blank page are shown to
# fail the same checks.  Skips (77) only when Chromium is not installed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/e2e/report-lib.sh"
. "$top_srcdir/tests/e2e/chromium-lib.sh"
kl_setup
rp_conf
rp_generate 2025

html="$FX_DIR/report.html"
kl_ctl report --year 2025 --format html > "$html" || fx_fail "html report failed"

# Self-contained, by construction.
rp_py "$html" <<'PY' || fx_fail "the page is not self-contained"
import re, sys, xml.etree.ElementTree as ET
s = open(sys.argv[1], encoding="utf-8").read()
bad = []
if not s.startswith("<!DOCTYPE html>\n<html lang=\"nl\">"):
    bad.append("doctype/lang")
if '<meta charset="utf-8">' not in s.split("</head>")[0]:
    bad.append("no <meta charset> in head")
if "@media print" not in s or "@page" not in s:
    bad.append("no print stylesheet")
for pat in (r"<script", r"<link", r"<img", r"<iframe", r"<object", r"<embed",
            r"\bsrc\s*=", r"\bhref\s*=", r"url\(", r"@import", r"@font-face"):
    if re.search(pat, s, re.I):
        bad.append("has " + pat)
rest = s.replace('xmlns="http://www.w3.org/2000/svg"', "")
if re.search(r"https?:", rest):
    bad.append("names an http(s) URL")
svgs = re.findall(r"<svg .*?</svg>", s, re.S)
if len(svgs) != 3:
    bad.append("%d svg charts, want 3" % len(svgs))
for x in svgs:
    try:
        ET.fromstring(x)
    except ET.ParseError as e:
        bad.append("svg not well-formed: %s" % e)
if s.count("<rect") < 50:
    bad.append("too few bars")
# Issue 15: the learning blocks, each a section of its own.
for sid in ("trends", "hearings", "first-contact", "satisfaction", "measures"):
    if '<section id="%s">' % sid not in s:
        bad.append("no %s block" % sid)
if '<p class="method">' not in s.split('<section id="trends">')[-1]:
    bad.append("the trend method is not stated")
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

chromium_require "the HTML report was checked, not rendered"

render "$html" "$FX_DIR/report.png" "$FX_DIR/report.log"
console_clean "$FX_DIR/report.log" || fx_fail "console messages while rendering the report"
/usr/bin/python3 "$KL_DATA/pngcheck.py" "$FX_DIR/report.png" \
    --min-nonwhite 0.05 --min-colours 20 \
    --colour 1f77b4:2000 --colour ff7f0e:2000 --colour 2ca02c:1000 \
    --colour 2e8540:5000 --colour c9302c:1000 >&2 ||
	fx_fail "the screenshot is blank or lacks the charts"

# The checks can fail: a script error is seen, a blank page is blank.
sed 's#</body>#<script>window.addEventListener("load", function () { notAFunction(); });</script></body>#' \
    "$html" > "$FX_DIR/broken.html"
render "$FX_DIR/broken.html" "$FX_DIR/broken.png" "$FX_DIR/broken.log"
if console_clean "$FX_DIR/broken.log" 2>/dev/null; then
	fx_fail "a page with a script error passed the console check"
fi
grep -q 'Uncaught ReferenceError: notAFunction' "$FX_DIR/broken.log" ||
	fx_fail "the script error is not in the console log"
printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>x</title></head><body></body></html>\n' \
    > "$FX_DIR/blank.html"
render "$FX_DIR/blank.html" "$FX_DIR/blank.png" "$FX_DIR/blank.log"
if /usr/bin/python3 "$KL_DATA/pngcheck.py" "$FX_DIR/blank.png" \
    --min-nonwhite 0.05 --min-colours 20 --colour 1f77b4:2000 >/dev/null; then
	fx_fail "a blank page passed the screenshot check"
fi
echo "PASS: the HTML report renders in Chromium, charts visible, no console errors"
