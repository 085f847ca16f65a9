#!/bin/sh
# `klachtd -n` accepts a good configuration and explains every mistake
# with file and line (exit 78), including templates and secret files.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
out="$FX_DIR/out"

"$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || fx_fail "good config refused: $(cat "$out")"
kl_contains "ok" "$out" "configuration OK"

# The shipped, fully commented config is valid.
"$KLACHTD" -c "$top_srcdir/etc/klachtd.conf" -n > "$out" 2>&1 && rc=0 || rc=$?
# Its templates path is the installed one; only templates may be missing.
if [ $rc -ne 0 ]; then kl_absent "shipped config" "$out" "klachtd.conf:[0-9]+:"; fi

kl_config 'outgoing = { retry = { mn = "1s"; }; };'
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "typo exit" "$rc" 78
kl_contains "typo line" "$out" "klachtd.conf:5: unknown setting \"outgoing.retry.mn\" \(allowed here: min, max, give_up\)"

kl_config 'outgoing = { smtp = { url = "smtp://127.0.0.1:1"; user = "u"; password_file = "/nonexistent/pw"; }; };'
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "missing secret exit" "$rc" 78
kl_contains "missing secret" "$out" "password_file: /nonexistent/pw: No such file"

cp -r "$top_srcdir/etc/templates" "$FX_DIR/tpl"
chmod -R u+w "$FX_DIR/tpl"
printf 'Subject: x [{{referentie}}]\n\nbody\n' > "$FX_DIR/tpl/en/ack.txt"
KL_TEMPLATES="$FX_DIR/tpl" kl_config ""
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "bad template exit" "$rc" 78
kl_contains "bad template named" "$out" "tpl/en/ack.txt:1: unknown variable \{\{referentie\}\}"

printf 'organisation = {\n  name = "x"\n' > "$KL_CONF"
rc=0; "$KLACHTD" -c "$KL_CONF" -n > "$out" 2>&1 || rc=$?
kl_eq "syntax exit" "$rc" 78
kl_contains "syntax line" "$out" "klachtd.conf:[0-9]+: syntax error"

rc=0; "$KLACHTD" -c "$FX_DIR/none.conf" -n > "$out" 2>&1 || rc=$?
kl_eq "missing file exit" "$rc" 78
kl_contains "missing file" "$out" "none.conf: cannot read"

rc=0; "$KLACHTD" --bogus > "$out" 2>&1 || rc=$?
kl_eq "usage exit" "$rc" 64
rc=0; "$KLACHTD" -c "$KL_CONF" frobnicate > "$out" 2>&1 || rc=$?
kl_eq "unknown command exit" "$rc" 64
"$KLACHTD" --help | grep -q "deliver" || fx_fail "--help lacks deliver"
"$KLACHTD" --version | grep -Eq "^klachtd [0-9]" || fx_fail "--version"
"$KLACHTCTL" --help | grep -q "outbox" || fx_fail "klachtctl --help"
echo PASS
