#!/bin/sh
# `make install DESTDIR=...` puts every file where it belongs, with the
# right modes, and nothing outside DESTDIR and the prefix; the systemd
# files are generated at install time, so a prefix given to make ends up
# in them; `make uninstall` leaves no file behind.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
fx_tmpdir
MAKE=${MAKE:-make}
D="$FX_DIR/root"

install_to() { # DESTDIR make-args...
	d=$1; shift
	$MAKE -C "$top_builddir" install DESTDIR="$d" "$@" > "$FX_DIR/install.log" 2>&1 ||
		{ tail -30 "$FX_DIR/install.log" >&2; fx_fail "make install failed"; }
}
with_unit=yes
grep -q '^INSTALL_SYSTEMD_UNIT_TRUE = #' "$top_builddir/Makefile" && with_unit=no

install_to "$D" prefix=/usr sysconfdir=/etc localstatedir=/var
# mode path: each must exist with exactly this mode.
while read -r mode path; do
	[ -e "$D$path" ] || fx_fail "not installed: $path"
	got=$(stat -c %a "$D$path")
	kl_eq "mode of $path" "$got" "$mode"
done <<LIST
755 /usr/sbin/klachtd
755 /usr/bin/klachtctl
644 /etc/klachtd/klachtd.conf
644 /etc/klachtd/templates/nl/ack.txt
644 /etc/klachtd/templates/en/ack.txt
644 /etc/klachtd/templates/nl/undeliverable.txt
644 /etc/klachtd/templates/en/undeliverable.txt
644 /usr/share/man/man8/klachtd.8
644 /usr/share/man/man8/klachtctl.8
644 /usr/share/man/man5/klachtd.conf.5
644 /usr/share/man/man7/klachtd-commands.7
LIST
if [ $with_unit = yes ]; then
	while read -r mode path; do
		[ -e "$D$path" ] || fx_fail "not installed: $path"
		kl_eq "mode of $path" "$(stat -c %a "$D$path")" "$mode"
	done <<LIST
644 /usr/lib/systemd/system/klachtd.service
644 /usr/lib/sysusers.d/klachtd.conf
644 /usr/lib/tmpfiles.d/klachtd.conf
700 /etc/klachtd/credentials
LIST
	unit="$D/usr/lib/systemd/system/klachtd.service"
	kl_contains "ExecStart" "$unit" "^ExecStart=/usr/sbin/klachtd -c /etc/klachtd/klachtd.conf$"
	kl_contains "credentials" "$unit" "^LoadCredential=klachtd:/etc/klachtd/credentials$"
	kl_contains "sysusers" "$D/usr/lib/sysusers.d/klachtd.conf" "^u klachtd - \".*\" /var/lib/klachtd$"
	kl_contains "tmpfiles state" "$D/usr/lib/tmpfiles.d/klachtd.conf" "^d /var/lib/klachtd 0700 klachtd klachtd -$"
	kl_contains "tmpfiles credentials" "$D/usr/lib/tmpfiles.d/klachtd.conf" "^d /etc/klachtd/credentials 0700 root root -$"
	! grep -rq '@[a-z]*@' "$unit" "$D/usr/lib/sysusers.d" "$D/usr/lib/tmpfiles.d" ||
		fx_fail "a placeholder was left unsubstituted"
else
	fx_log "configured without a systemd unit directory: unit not checked"
fi
# Nothing outside the prefix and sysconfdir (DESTDIR is honoured).
stray=$(cd "$D" && find . -type f ! -path './usr/*' ! -path './etc/*')
kl_eq "files outside /usr and /etc" "$stray" ""
"$D/usr/sbin/klachtd" --version | grep -Eq '^klachtd [0-9]' || fx_fail "installed klachtd does not run"
"$D/usr/bin/klachtctl" --version | grep -Eq '^klachtctl [0-9]' || fx_fail "installed klachtctl does not run"
# The installed configuration is the shipped, commented one.
cmp -s "$D/etc/klachtd/klachtd.conf" "$top_srcdir/etc/klachtd.conf" || fx_fail "klachtd.conf differs"

# Another prefix on the make command line reaches the generated files.
D2="$FX_DIR/root2"
install_to "$D2" prefix=/opt/kl
if [ $with_unit = yes ]; then
	kl_contains "prefix in ExecStart" "$D2/opt/kl/lib/systemd/system/klachtd.service" \
	    "^ExecStart=/opt/kl/sbin/klachtd -c /opt/kl/etc/klachtd/klachtd.conf$"
fi
stray=$(cd "$D2" && find . -type f ! -path './opt/kl/*')
kl_eq "files outside the prefix" "$stray" ""

# Uninstall leaves no file.
$MAKE -C "$top_builddir" uninstall DESTDIR="$D" prefix=/usr sysconfdir=/etc \
    localstatedir=/var > "$FX_DIR/uninstall.log" 2>&1 || fx_fail "make uninstall failed"
left=$(cd "$D" && find . -type f)
kl_eq "files left after uninstall" "$left" ""
echo PASS
