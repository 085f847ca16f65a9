#!/bin/sh
# Issue 18: a state directory left 0755 and a database left 0644 (an old
# install, a restore with cp, a loose umask) are repaired to 0700/0600 by
# whatever opens them -- `klachtd deliver`, klachtctl -- with a warning
# saying so; -wal and -shm as well.  What is not ours to change is
# warned about and left alone (as root: a directory owned by nobody).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
mode() { stat -c %a "$1"; }
mail() {	# N
	printf 'From: Anna <anna@example.org>\r\nTo: klachten@testdorp.example\r\nSubject: Klacht %s\r\nMessage-ID: <m%s@example.org>\r\n\r\nIk klaag.\r\n' "$1" "$1" > "$FX_DIR/m$1.eml"
	echo "$FX_DIR/m$1.eml"
}
kl_deliver "$(mail 1)"
kl_eq "deliver" "$KL_RC" 0
db="$KL_STATE/klachtd.db"

# The daemon's pipe entry repairs them.
chmod 755 "$KL_STATE"
chmod 644 "$db"
: > "$FX_DIR/klachtd.log"
kl_deliver "$(mail 2)"
kl_eq "deliver after chmod" "$KL_RC" 0
kl_eq "state dir repaired" "$(mode "$KL_STATE")" 700
kl_eq "database repaired" "$(mode "$db")" 600
kl_contains "dir: warned" "$FX_DIR/klachtd.log" "warning: state directory $KL_STATE was mode 0755, open to other accounts: set to 0700"
kl_contains "db: warned" "$FX_DIR/klachtd.log" "warning: database file $db was mode 0644, open to other accounts: set to 0600"
kl_eq "the mail was still taken" "$(kl_sql "select count(*) from cases")" 2

# A -wal and -shm left readable, and klachtctl.
for f in "$db-wal" "$db-shm"; do
	[ -e "$f" ] || : > "$f"
	chmod 640 "$f"
done
chmod 604 "$db"
kl_ctl list > /dev/null 2> "$FX_DIR/ctl.err" || fx_fail "klachtctl list failed"
kl_eq "database repaired by klachtctl" "$(mode "$db")" 600
for f in "$db-wal" "$db-shm"; do
	[ ! -e "$f" ] || kl_eq "$(basename "$f") repaired" "$(mode "$f")" 600
done
kl_contains "klachtctl: warned" "$FX_DIR/ctl.err" "database file $db-wal was mode 0640"

# Nothing to say when all is well.
: > "$FX_DIR/klachtd.log"
kl_deliver "$(mail 3)"
kl_absent "no warning when private" "$FX_DIR/klachtd.log" "open to other accounts"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP (not root): a state directory owned by someone else"
	echo "PASS: state directory and database modes repaired"
	exit 0
fi
# As root on a state directory another account owns, klachtd works as
# that account (privdrop.h): the directory is then its own to repair, and
# nothing it writes there is root's.
chown -R nobody "$KL_STATE"
chmod 755 "$KL_STATE"
: > "$FX_DIR/klachtd.log"
kl_deliver "$(mail 4)"
kl_eq "deliver as root into nobody's dir" "$KL_RC" 0
kl_eq "repaired as its owner" "$(mode "$KL_STATE")" 700
kl_eq "no root-owned file in it" "$(find "$KL_STATE" -user root | wc -l)" 0
kl_contains "warned" "$FX_DIR/klachtd.log" "state directory $KL_STATE was mode 0755, open to other accounts: set to 0700"

echo "PASS: state directory and database modes repaired, also as root on another account's state"
