#!/bin/sh
# The Debian package: `dpkg-buildpackage -us -uc -b` on a copy of the tree
# builds klachtd_*.deb with no lintian error; installing it (dpkg -i, on
# this machine) creates the klachtd user, /var/lib/klachtd, the units, the
# man pages, and makes klachtd.conf and the templates conffiles; `klachtd
# -n` and a delivery work as the klachtd user.  A rebuilt package with a
# higher version and a changed klachtd.conf upgrades over an edited
# /etc/klachtd/klachtd.conf (dpkg --force-confold): the edit survives, the
# new file is beside it as .dpkg-dist, the new version is installed.  The
# package is purged at the end (and on failure); the klachtd user and
# /var/lib/klachtd go too when this test created them.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
# It builds its own copy of the sources (no sanitizers), so the ASan
# build of the suite would only run it a second time.
if nm "$KLACHTD" 2>/dev/null | grep -q __asan_init; then
	fx_skip "ASan build: this test builds its own copy and runs in the plain build"
fi
[ "$(id -u)" = 0 ] || fx_skip "not root: the package is installed with dpkg -i"
for t in dpkg-buildpackage dh fakeroot runuser; do
	command -v $t >/dev/null 2>&1 ||
		fx_skip "$t not found (apt-get install debhelper dpkg-dev fakeroot)"
done
dpkg-query -W -f='${Status}' klachtd 2>/dev/null | grep -q 'installed' &&
	fx_skip "a klachtd package is installed on this machine: not touching it"
[ ! -e /etc/klachtd ] || fx_skip "/etc/klachtd exists (an install from source?): not touching it"
fx_tmpdir
had_user=no; id klachtd >/dev/null 2>&1 && had_user=yes
had_state=no; [ -e /var/lib/klachtd ] && had_state=yes
installed=no
fx_test_cleanup() {
	if [ $installed = yes ]; then
		dpkg_do --purge klachtd >/dev/null 2>&1 || :
	fi
	[ $had_state = yes ] || rm -rf /var/lib/klachtd
	[ $had_user = yes ] || ! id klachtd >/dev/null 2>&1 || userdel klachtd 2>/dev/null || :
	# systemd-sysusers also makes a group of the same name.
	[ $had_user = yes ] || ! getent group klachtd >/dev/null || groupdel klachtd 2>/dev/null || :
}

# dpkg ARGS: wait (bounded) while another dpkg or apt holds the lock.
dpkg_do() {
	i=0
	while :; do
		rc=0
		DEBIAN_FRONTEND=noninteractive dpkg "$@" > "$FX_DIR/dpkg.out" 2>&1 || rc=$?
		cat "$FX_DIR/dpkg.out"
		[ $rc != 0 ] && grep -q 'lock' "$FX_DIR/dpkg.out" && [ $i -lt 300 ] || return $rc
		i=$((i + 1)); sleep 1
	done
}

# A copy of the tree as git has it (no build output).
src="$FX_DIR/src/klachtd"
mkdir -p "$src"
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top_srcdir" && git ls-files --cached --others --exclude-standard |
	    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
	    tar -cf - -T -) | tar -xf - -C "$src" || fx_fail "copying the tree failed"
else
	(cd "$top_srcdir" && tar -cf - --exclude=./_build --exclude=./demo .) |
	    tar -xf - -C "$src" || fx_fail "copying the tree failed"
fi
[ -f "$src/debian/control" ] || fx_fail "no debian/control"
unset MAKEFLAGS MFLAGS MAKELEVEL
build() { # LOG [dpkg-buildpackage args]
	log=$1; shift
	(cd "$src" && DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage \
	    -us -uc -b "$@") > "$FX_DIR/$log" 2>&1 ||
		{ tail -40 "$FX_DIR/$log" >&2; fx_fail "dpkg-buildpackage failed"; }
}
version=$(cd "$src" && dpkg-parsechangelog -S Version)
fx_log "building klachtd $version"
build build1.log
deb="$FX_DIR/src/klachtd_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fx_fail "no $deb"
if command -v lintian >/dev/null 2>&1; then
	lintian "$FX_DIR"/src/klachtd_"${version}"_*.changes > "$FX_DIR/lintian.out" 2>&1 || :
	fx_log "lintian: $(grep -c '^[EW]:' "$FX_DIR/lintian.out") errors+warnings"
	kl_absent "no lintian errors" "$FX_DIR/lintian.out" '^E:'
else
	fx_log "lintian not found: not run"
fi

dpkg_do -i "$deb" > "$FX_DIR/install1.out" || { cat "$FX_DIR/install1.out" >&2; fx_fail "dpkg -i failed"; }
installed=yes
id klachtd >/dev/null 2>&1 || fx_fail "no klachtd user after installation"
kl_eq "/var/lib/klachtd" "$(stat -c '%U %a' /var/lib/klachtd)" "klachtd 700"
kl_eq "/etc/klachtd/credentials" "$(stat -c '%U %a' /etc/klachtd/credentials)" "root 700"
for f in /lib/systemd/system/klachtd.service /lib/systemd/system/klachtd@.service \
    /usr/share/man/man8/klachtd.8.gz /usr/share/man/man5/klachtd.conf.5.gz \
    /usr/sbin/klachtd /usr/sbin/klachtd-deliver /usr/share/man/man8/klachtd-deliver.8.gz \
    /usr/bin/klachtctl /etc/klachtd/templates/nl/ack.txt /usr/libexec/klachtd/klachtd-rest; do
	[ -f "$f" ] || fx_fail "not installed: $f"
done
dpkg-query -W -f='${Conffiles}\n' klachtd > "$FX_DIR/conffiles"
kl_contains "klachtd.conf is a conffile" "$FX_DIR/conffiles" '^ /etc/klachtd/klachtd\.conf [0-9a-f]{32}$'
kl_contains "templates are conffiles" "$FX_DIR/conffiles" '^ /etc/klachtd/templates/nl/ack\.txt '
kl_eq "templates that are conffiles" "$(grep -c '^ /etc/klachtd/templates/' "$FX_DIR/conffiles")" \
    "$(find /etc/klachtd/templates -type f | wc -l)"

runuser -u klachtd -- /usr/sbin/klachtd -n > "$FX_DIR/n.out" 2>&1 ||
	{ cat "$FX_DIR/n.out" >&2; fx_fail "klachtd -n as klachtd failed"; }
kl_contains "klachtd -n" "$FX_DIR/n.out" "^/etc/klachtd/klachtd.conf: configuration OK$"
msg="$KL_DATA/samples/$(ls "$KL_DATA/samples" | head -1)"
# The recipes' entry: with no daemon running it hands the message to
# /usr/sbin/klachtd deliver beside it, which files it at once.
rc=0; runuser -u klachtd -- /usr/sbin/klachtd-deliver < "$msg" 2> "$FX_DIR/deliver.err" || rc=$?
[ $rc = 0 ] || { cat "$FX_DIR/deliver.err" >&2; fx_fail "klachtd-deliver as klachtd: exit $rc"; }
msg2="$KL_DATA/samples/$(ls "$KL_DATA/samples" | sed -n 2p)"
rc=0; runuser -u klachtd -- /usr/sbin/klachtd deliver < "$msg2" 2> "$FX_DIR/deliver2.err" || rc=$?
[ $rc = 0 ] || { cat "$FX_DIR/deliver2.err" >&2; fx_fail "klachtd deliver as klachtd: exit $rc"; }
kl_eq "the database's owner" "$(stat -c %U /var/lib/klachtd/klachtd.db)" klachtd
/usr/bin/klachtctl list > "$FX_DIR/list.out" 2>&1 || { cat "$FX_DIR/list.out" >&2; fx_fail "klachtctl list as root"; }
kl_contains "the case is there" "$FX_DIR/list.out" 'KL-[0-9]{4}-00001'
kl_contains "the second case is there" "$FX_DIR/list.out" 'KL-[0-9]{4}-00002'
kl_eq "root-owned files in /var/lib/klachtd" "$(find /var/lib/klachtd ! -user klachtd)" ""

# The installed daemon, started by hand as root, becomes klachtd (the
# state's owner) and, with nothing to do, rests in the small program from
# /usr/libexec/klachtd (include/rest.h): same process, another image.
/usr/sbin/klachtd -c /etc/klachtd/klachtd.conf 2> "$FX_DIR/daemon.log" &
dpid=$!
fx_track_pid $dpid
at_rest() { [ "$(cat /proc/$1/comm 2>/dev/null)" = klachtd-rest ]; }
fx_wait_for -t 90 at_rest $dpid || { cat "$FX_DIR/daemon.log" >&2; fx_fail "the installed daemon never rested"; }
kl_eq "the resting daemon's user" "$(stat -c %U /proc/$dpid)" klachtd
kl_eq "the resting daemon's program" "$(readlink /proc/$dpid/exe)" /usr/libexec/klachtd/klachtd-rest
rc=0; fx_stop_pid $dpid || rc=$?
kl_eq "the resting daemon's exit on SIGTERM" "$rc" 0

# The administrator edits the configuration; a new version changes it too.
printf '\n# local edit by the test\n' >> /etc/klachtd/klachtd.conf
printf '\n# shipped by the next version\n' >> "$src/etc/klachtd.conf"
new="$version+1"
{ printf 'klachtd (%s) unstable; urgency=medium\n\n  * Test rebuild.\n\n -- klachtd developers <klachtd-dev@example.org>  %s\n\n' \
    "$new" "$(date -R)"; cat "$src/debian/changelog"; } > "$FX_DIR/changelog"
cp "$FX_DIR/changelog" "$src/debian/changelog"
fx_log "rebuilding as $new"
build build2.log -nc
deb2="$FX_DIR/src/klachtd_${new}_$(dpkg --print-architecture).deb"
[ -f "$deb2" ] || fx_fail "no $deb2"
dpkg_do --force-confold -i "$deb2" > "$FX_DIR/install2.out" ||
	{ cat "$FX_DIR/install2.out" >&2; fx_fail "upgrade failed"; }
kl_eq "installed version" "$(dpkg-query -W -f='${Version}' klachtd)" "$new"
kl_contains "the edit survived the upgrade" /etc/klachtd/klachtd.conf "^# local edit by the test$"
kl_contains "the new one is beside it" /etc/klachtd/klachtd.conf.dpkg-dist "^# shipped by the next version$"
runuser -u klachtd -- /usr/sbin/klachtd -n > "$FX_DIR/n2.out" 2>&1 ||
	{ cat "$FX_DIR/n2.out" >&2; fx_fail "klachtd -n after the upgrade failed"; }
/usr/bin/klachtctl list > "$FX_DIR/list2.out" 2>&1 || fx_fail "klachtctl list after the upgrade"
kl_contains "the case survived the upgrade" "$FX_DIR/list2.out" 'KL-[0-9]{4}-00001'

dpkg_do --purge klachtd > "$FX_DIR/purge.out" || { cat "$FX_DIR/purge.out" >&2; fx_fail "purge failed"; }
installed=no
dpkg-query -W -f='${Status}' klachtd 2>/dev/null | grep -q 'ok installed' && fx_fail "still installed after purge"
[ ! -e /etc/klachtd ] || fx_fail "/etc/klachtd left after purge: $(find /etc/klachtd)"
[ ! -e /usr/sbin/klachtd ] || fx_fail "klachtd left after purge"
echo PASS
