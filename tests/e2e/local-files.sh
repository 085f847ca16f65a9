#!/bin/sh
# Issue 18, F11: klachtctl writes a backup or an export only as a new
# file or directory of its own, never through a symbolic link, and only
# in a directory that the caller or root alone can change.
#   backup: to a new file (0600, a whole database); a symlink at the
#   target is refused and what it points to is untouched; a dangling
#   symlink creates nothing; an existing file is not overwritten; a
#   directory writable by others or owned by another account is refused.
#   export: into a directory owned by another account, or under one
#   writable by others, is refused and nothing is written.
# The checks with another account's directory need root (chown nobody);
# as another user they are skipped with a message.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
kl_setup
printf 'From: Anna <anna@example.org>\r\nTo: klachten@testdorp.example\r\nSubject: Klacht\r\nMessage-ID: <a1@example.org>\r\n\r\nIk klaag.\r\n' > "$FX_DIR/c.eml"
kl_deliver "$FX_DIR/c.eml"
kl_eq "deliver" "$KL_RC" 0
mode() { stat -c %a "$1"; }

# refused WHAT CMD...: CMD exits 73 (EX_CANTCREAT).
refused() {
	what=$1
	shift
	rc=0
	kl_ctl "$@" > /dev/null 2> "$FX_DIR/err" || rc=$?
	kl_eq "$what: refused" "$rc" 73
}

# A backup that works.
umask 022
kl_ctl backup "$FX_DIR/ok.db" > /dev/null || fx_fail "backup failed"
kl_eq "backup mode" "$(mode "$FX_DIR/ok.db")" 600
/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from cases").fetchone()[0])' \
    "$FX_DIR/ok.db" > "$FX_DIR/n" || fx_fail "the backup is no database"
kl_eq "backup holds the case" "$(cat "$FX_DIR/n")" 1

# Never over an existing file.
echo "keep me" > "$FX_DIR/exists.db"
chmod 644 "$FX_DIR/exists.db"
refused "existing file" backup "$FX_DIR/exists.db"
kl_contains "says why" "$FX_DIR/err" "exists"
kl_eq "existing file untouched" "$(cat "$FX_DIR/exists.db")" "keep me"
kl_eq "existing file mode" "$(mode "$FX_DIR/exists.db")" 644

# A symlink at the target: refused, its target unchanged (content, mode).
mkdir "$FX_DIR/etc"
echo "root:x:0:0" > "$FX_DIR/etc/passwd"
chmod 644 "$FX_DIR/etc/passwd"
ln -s "$FX_DIR/etc/passwd" "$FX_DIR/link.db"
refused "symlink" backup "$FX_DIR/link.db"
kl_eq "link target content" "$(cat "$FX_DIR/etc/passwd")" "root:x:0:0"
kl_eq "link target mode" "$(mode "$FX_DIR/etc/passwd")" 644
[ -L "$FX_DIR/link.db" ] || fx_fail "the symlink was replaced"

# A dangling symlink: nothing created where it points.
ln -s "$FX_DIR/etc/shadow" "$FX_DIR/dangling.db"
refused "dangling symlink" backup "$FX_DIR/dangling.db"
[ ! -e "$FX_DIR/etc/shadow" ] || fx_fail "the dangling link's target was created"

# A directory anyone can write to.
mkdir "$FX_DIR/open"
chmod 777 "$FX_DIR/open"
refused "dir writable by others" backup "$FX_DIR/open/b.db"
kl_contains "says why" "$FX_DIR/err" "writable by others"
[ -z "$(ls -A "$FX_DIR/open")" ] || fx_fail "wrote into a world-writable dir"
mkdir "$FX_DIR/open/sub"
refused "under a dir writable by others" backup "$FX_DIR/open/sub/b.db"
[ -z "$(ls -A "$FX_DIR/open/sub")" ] || fx_fail "wrote under a world-writable dir"

refused "export under a dir writable by others" export \
    --email anna@example.org --dir "$FX_DIR/open/exp"
[ ! -e "$FX_DIR/open/exp" ] || fx_fail "export created under a world-writable dir"

if [ "$(id -u)" != 0 ]; then
	echo "SKIP (not root): the checks with a directory owned by another account"
	echo "PASS: backup and export refuse links and open directories"
	exit 0
fi
# Another account's directory (root could write anywhere: it must not).
mkdir "$FX_DIR/theirs" "$FX_DIR/theirs/exp"
chown nobody "$FX_DIR/theirs" "$FX_DIR/theirs/exp"
refused "backup into another account's dir" backup "$FX_DIR/theirs/b.db"
kl_contains "says why" "$FX_DIR/err" "belongs to uid"
refused "export into another account's dir" export \
    --email anna@example.org --dir "$FX_DIR/theirs/new"
kl_contains "says why" "$FX_DIR/err" "belongs to uid"
refused "export into another account's existing dir" export \
    --email anna@example.org --dir "$FX_DIR/theirs/exp"
[ -z "$(ls -A "$FX_DIR/theirs/exp")" ] || fx_fail "wrote into another account's dir"
kl_eq "nothing in theirs" "$(ls "$FX_DIR/theirs")" "exp"
echo "PASS: backup and export refuse links and others' directories"
