#!/bin/sh
# The man pages render without a single groff warning; klachtd.conf(5)
# documents every setting of the schema in src/lib/cfg.c; klachtd(8) and
# klachtctl(8) document every option and command their --help shows;
# both programs answer --help and --version.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
command -v groff >/dev/null 2>&1 || fx_skip "groff not found (apt-get install groff-base)"
fx_tmpdir
man="$top_srcdir/man"

for p in klachtd.8 klachtd.conf.5 klachtctl.8 klachtd-commands.7; do
	[ -f "$man/$p" ] || fx_fail "missing man page $p"
	groff -man -Tutf8 -ww -z "$man/$p" > "$FX_DIR/warn" 2>&1 ||
		fx_fail "groff failed on $p"
	[ ! -s "$FX_DIR/warn" ] || { cat "$FX_DIR/warn" >&2; fx_fail "groff warnings in $p"; }
	groff -man -Tutf8 -P-cbou "$man/$p" 2>/dev/null > "$FX_DIR/$p.txt"
	kl_contains "$p has a NAME" "$FX_DIR/$p.txt" "^NAME"
	kl_contains "$p has SEE ALSO" "$FX_DIR/$p.txt" "^SEE ALSO"
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man -l "$man/$p" > "$FX_DIR/man.out" 2>&1 ||
			{ cat "$FX_DIR/man.out" >&2; fx_fail "man -l $p failed"; }
	fi
done

# Every key of the configuration schema is in klachtd.conf(5).
# (One row per setting in the key tables: K("name", ...), STR("name", ...),
# { "name", KT_... }.)
keys=$(sed -n '/^static const struct key k_/,/END };/p' "$top_srcdir/src/lib/cfg.c" |
    grep -oE '(\b[A-Z]+\(|\{ )"[a-z0-9_]+"' | sed -E 's/.*"([a-z0-9_]+)"/\1/' | sort -u)
[ "$(echo "$keys" | wc -l)" -ge 30 ] || fx_fail "could not read the schema from cfg.c"
for k in $keys; do
	grep -Eq "(^|[^a-z_])$k([^a-z_]|$)" "$FX_DIR/klachtd.conf.5.txt" ||
		fx_fail "klachtd.conf(5) does not document the setting \"$k\" (src/lib/cfg.c): add it to man/klachtd.conf.5"
done

# Every option of --help is in the page.
opts() { "$1" --help | grep -o -- '--[a-z][a-z-]*' | sort -u; }
for o in $(opts "$KLACHTD"); do
	grep -q -- "$o" "$FX_DIR/klachtd.8.txt" || fx_fail "klachtd(8) lacks $o"
done
for o in $(opts "$KLACHTCTL"); do
	grep -q -- "$o" "$FX_DIR/klachtctl.8.txt" || fx_fail "klachtctl(8) lacks $o"
done
# Every klachtctl command of --help is in klachtctl(8).
"$KLACHTCTL" --help | sed -n '/^commands:/,/^$/p' | awk 'NF { print $1 ($2 ~ /^[a-z]+$/ ? " " $2 : "") }' |
    sed 1d > "$FX_DIR/cmds"
[ "$(wc -l < "$FX_DIR/cmds")" -ge 8 ] || fx_fail "could not read commands from klachtctl --help"
while read -r c; do
	grep -q "$c" "$FX_DIR/klachtctl.8.txt" || fx_fail "klachtctl(8) lacks the command \"$c\""
done < "$FX_DIR/cmds"
# The officer commands, in both languages.
for c in assign toewijzen status category categorie priority prioriteit note notitie \
    reply antwoord extend verleng hear hoorzitting close sluit reopen heropen \
    consent instemming help hulp; do
	grep -q "#$c" "$FX_DIR/klachtd-commands.7.txt" || fx_fail "klachtd-commands(7) lacks #$c"
done
for j in gegrond deels-gegrond ongegrond niet-ontvankelijk ingetrokken; do
	grep -q "$j" "$FX_DIR/klachtd-commands.7.txt" || fx_fail "klachtd-commands(7) lacks $j"
done
# The MTA recipes.
kl_contains "postfix" "$FX_DIR/klachtd.8.txt" "user=klachtd argv=/usr/sbin/klachtd-deliver"
kl_contains "exim" "$FX_DIR/klachtd.8.txt" "temp_errors = 75"
kl_contains "opensmtpd" "$FX_DIR/klachtd.8.txt" 'action "klacht" mda "/usr/sbin/klachtd-deliver" user klachtd'

# --help and --version on every program.
for p in "$KLACHTD" "$KLACHTCTL"; do
	"$p" --help > "$FX_DIR/help" 2>&1 || fx_fail "$p --help failed"
	kl_contains "$p --help" "$FX_DIR/help" "^usage: "
	"$p" --version | grep -Eq "^$(basename "$p") [0-9]+\.[0-9]+" || fx_fail "$p --version"
	rc=0; "$p" --no-such-option > /dev/null 2>&1 || rc=$?
	kl_eq "$p bad option" "$rc" 64
done
echo PASS
