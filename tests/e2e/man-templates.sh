#!/bin/sh
# klachtd-templates(5) documents the template catalogue as the code has
# it: every template klachtd renders (tmpl_catalogue[] in
# src/lib/tmplcat.c, which `klachtd -n` checks), every variable it knows
# (tmpl_catalogue_vars[]), and for each template at least the variables its
# shipped nl and en files use.  A template or variable added to the code
# without its man page entry fails here.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
fx_tmpdir
/usr/bin/python3 - "$top_srcdir" <<'PY' || fx_fail "klachtd-templates(5) is out of step with the code"
import os, re, sys
top = sys.argv[1]
src = open(os.path.join(top, "src/lib/tmplcat.c"), encoding="utf-8").read()
man = open(os.path.join(top, "man/klachtd-templates.5"), encoding="utf-8").read()
tlist = re.search(r"tmpl_catalogue\[\] = \{(.*?)\};", src, re.S).group(1)
templates = re.findall(r'"([a-z-]+)"', tlist)
vlist = re.search(r"tmpl_catalogue_vars\[\] = \{(.*?)\n\};", src, re.S).group(1)
variables = re.findall(r'\{ "([a-z_]+)",', vlist)
assert len(templates) >= 20 and len(variables) >= 50, "could not read the catalogue"
bad = []
sec = lambda name: man.split(".SH " + name, 1)[1].split("\n.SH ", 1)[0]
tsec, vsec = sec("TEMPLATES"), sec("VARIABLES")
# Each template's entry: from its ".B name.txt" to the next .TP.
entries = {}
for m in re.finditer(r"^\.B ([a-z\\-]+)\.txt\n(.*?)(?=^\.TP|\Z)", tsec, re.S | re.M):
    entries[m.group(1).replace("\\-", "-")] = m.group(2)
for t in templates:
    if t not in entries:
        bad.append("template %s is not in the TEMPLATES section" % t)
        continue
    listed = set(re.findall(r"\\fB([a-z_]+)\\fR", entries[t]))
    for lang in ("nl", "en"):
        path = os.path.join(top, "etc/templates", lang, t + ".txt")
        if not os.path.exists(path):
            if lang == "nl":
                bad.append("no etc/templates/nl/%s.txt" % t)
            continue
        used = set(re.findall(r"\{\{[#/]?(?:if )?([a-z_]+)\}\}", open(path, encoding="utf-8").read())) - {"if"}
        for v in sorted(used - listed):
            bad.append("%s/%s.txt uses {{%s}}, not listed for it" % (lang, t, v))
for t in entries:
    if t not in templates:
        bad.append("the man page names %s.txt, which klachtd does not render" % t)
for lang in ("nl", "en"):
    for f in sorted(os.listdir(os.path.join(top, "etc/templates", lang))):
        if f.endswith(".txt") and f[:-4] not in templates:
            bad.append("etc/templates/%s/%s is not in the catalogue" % (lang, f))
documented = set(re.findall(r"^\.B ([a-z_]+)$", vsec, re.M))
for v in variables:
    if v not in documented:
        bad.append("variable %s is not in the VARIABLES section" % v)
for v in documented - set(variables):
    bad.append("the man page documents variable %s, which klachtd does not know" % v)
for b in bad:
    print("FAIL: " + b)
print("%d templates, %d variables checked" % (len(templates), len(variables)))
sys.exit(1 if bad else 0)
PY
# And it renders without a groff warning (like the other pages).
if command -v groff >/dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$top_srcdir/man/klachtd-templates.5" > "$FX_DIR/warn" 2>&1 ||
		fx_fail "groff failed on klachtd-templates.5"
	[ ! -s "$FX_DIR/warn" ] || { cat "$FX_DIR/warn" >&2; fx_fail "groff warnings in klachtd-templates.5"; }
fi
echo "PASS: klachtd-templates(5) names every template and variable"
