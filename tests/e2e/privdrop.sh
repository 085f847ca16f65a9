#!/bin/sh
# `klachtd deliver`, `klachtd --once` and klachtctl run as root on a state
# directory another user owns (as the klachtd user owns /var/lib/klachtd)
# become that user: every file they create there is that user's, never
# root's.  On a root-owned state directory they stay root, as before.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
[ "$(id -u)" = 0 ] || fx_skip "not root: the privilege drop is only taken as root"
owner=nobody
id "$owner" >/dev/null 2>&1 || fx_skip "no user $owner on this machine"
kl_setup
chmod 0755 "$FX_DIR"
chown "$owner" "$KL_STATE"
chmod 0700 "$KL_STATE"
msg="$KL_DATA/samples/$(ls "$KL_DATA/samples" | head -1)"
[ -f "$msg" ] || fx_fail "no sample message"

roots() { # files under the state directory not owned by $owner
	find "$KL_STATE" ! -user "$owner" -printf '%u %p\n'
}
kl_deliver "$msg"
kl_eq "deliver as root exit status" "$KL_RC" 0
[ -f "$KL_STATE/klachtd.db" ] || fx_fail "no database after deliver"
kl_eq "files not owned by $owner after deliver" "$(roots)" ""

kl_once
kl_eq "--once as root exit status" "$KL_RC" 0
[ -n "$(ls "$KL_STATE/outgoing/new" 2>/dev/null)" ] || fx_fail "no acknowledgement written"
kl_eq "files not owned by $owner after --once" "$(roots)" ""

kl_ctl list > "$FX_DIR/list.out" 2>&1 || { cat "$FX_DIR/list.out" >&2; fx_fail "klachtctl list as root failed"; }
kl_contains "klachtctl list shows the case" "$FX_DIR/list.out" "KL-[0-9]{4}-00001"
mkdir "$FX_DIR/bak" && chown "$owner" "$FX_DIR/bak"
kl_ctl backup "$FX_DIR/bak/copy.db" > "$FX_DIR/backup.out" 2>&1 ||
	{ cat "$FX_DIR/backup.out" >&2; fx_fail "klachtctl backup as root failed"; }
kl_eq "the backup's owner" "$(stat -c %U "$FX_DIR/bak/copy.db")" "$owner"
kl_eq "files not owned by $owner after klachtctl" "$(roots)" ""

# A root-owned state directory: root stays root (a root-only setup).
KL_STATE="$FX_DIR/rootstate"; mkdir -m 0700 "$KL_STATE"
kl_config ""
kl_deliver "$msg"
kl_eq "deliver on root's state" "$KL_RC" 0
kl_eq "the database's owner on root's state" "$(stat -c %U "$KL_STATE/klachtd.db")" root
echo PASS
