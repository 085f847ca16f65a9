#!/bin/sh
# Every commented example in the shipped etc/klachtd.conf works when
# uncommented as-is, and a list with a trailing comma gets a hint.
#
# An example block is a run of comment lines that, with one "# " taken
# off, read as configuration (settings, brackets, and nested comments);
# prose lines end a block.  Each block is uncommented on its own in a
# copy of the shipped file and the copy must pass `klachtd -n`.  The copy
# only has its absolute paths moved under the test directory (where the
# secret files and the templates the examples name are made), and a
# templates path when no example sets one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
E=$FX_DIR/etc/klachtd
mkdir -p "$E" "$FX_DIR/var/lib/klachtd"
ln -s "$top_srcdir/etc/templates" "$E/templates"
for f in imap.password smtp.password; do
	echo secret > "$E/$f"
	chmod 600 "$E/$f"
done
out=$FX_DIR/out

/usr/bin/python3 - "$top_srcdir/etc/klachtd.conf" "$FX_DIR" <<'PY' || fx_fail "could not cut the examples"
import os, re, sys
src, d = sys.argv[1], sys.argv[2]
lines = open(src, encoding="utf-8").read().split("\n")
conf = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*\s*=|[{}()\[\]]|#)")
setting = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*=")
def strip(l):
    return re.sub(r"^(\s*)# ?", r"\1", l, count=1)
blocks, cur = [], []
for i, l in enumerate(lines + [""]):
    if re.match(r"^\s*#", l) and conf.match(strip(l)):
        cur.append(i)
        continue
    if any(setting.match(strip(lines[j])) for j in cur):
        blocks.append(cur)
    cur = []
# What an example needs elsewhere: the "wkkgz" profile an outcome
# letter's geschilleninstantie (organisation.disputes_body).
needs = [i for i, l in enumerate(lines) if re.match(r"^\s*# disputes_body =", l)]
assert needs, "no disputes_body example"
for n, b in enumerate(blocks, 1):
    what = "lines %d-%d: %s" % (b[0] + 1, b[-1] + 1, lines[b[0]].strip())
    if any('profile = "wkkgz"' in lines[i] for i in b):
        b = b + needs
    out = [strip(l) if i in b else l for i, l in enumerate(lines)]
    text = "\n".join(out)
    text = text.replace("/etc/klachtd/", d + "/etc/klachtd/")
    text = text.replace("/var/lib/klachtd", d + "/var/lib/klachtd")
    if not re.search(r"^\s*templates\s*=", text, re.M):
        text += '\ntemplates = "%s/etc/klachtd/templates";\n' % d
    with open("%s/example-%02d.conf" % (d, n), "w", encoding="utf-8") as f:
        f.write(text)
    with open("%s/example-%02d.what" % (d, n), "w", encoding="utf-8") as f:
        f.write(what)
PY
n=0
for c in "$FX_DIR"/example-*.conf; do
	n=$((n + 1))
	what=$(cat "${c%.conf}.what")
	rc=0
	"$KLACHTD" -c "$c" -n > "$out" 2>&1 || rc=$?
	[ "$rc" = 0 ] || { cat "$out" >&2; fx_fail "example at $what: klachtd -n exit $rc"; }
	fx_log "ok: $what"
done
# The examples this test must find (a broken cutter finds none).
for want in "# categories = (" "# ladder = (" "# unassigned = (" \
    "# officers = (" "# imap = {" "# smtp = {" "# maildir = {" "# timezone ="; do
	grep -qF -- "$want" "$FX_DIR"/example-*.what ||
		fx_fail "no example block found starting with '$want'"
done
fx_log "$n example blocks uncommented, each accepted"

# A trailing comma: the hint, at the closing bracket's line.
printf 'categories = (\n  { id = "a"; name = "A"; },\n);\n' > "$KL_CONF"
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "trailing comma: exit" "$rc" 78
kl_contains "trailing comma: the hint" "$out" \
    "klachtd.conf:3: syntax error \(a trailing comma after the last element\?"
printf 'workdays = {\n  holidays = [ "2026-12-24", ];   # a comment, ]\n};\n' > "$KL_CONF"
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_contains "trailing comma in an array: the hint" "$out" \
    "klachtd.conf:2: syntax error \(a trailing comma"
# Another syntax error: no hint that would mislead.
printf 'categories = (\n  { id = "a"; name = "A"; }\n  { id = "b"; name = "B"; }\n);\n' > "$KL_CONF"
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "missing comma: exit" "$rc" 78
kl_contains "missing comma: syntax error" "$out" "klachtd.conf:3: syntax error"
kl_absent "missing comma: no trailing-comma hint" "$out" "trailing comma"
echo "PASS: $n commented examples work uncommented; a trailing comma gets a hint"
