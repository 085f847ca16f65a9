#!/bin/sh
# The installed klachtd.service passes `systemd-analyze verify` (offline,
# the binary and man pages from a DESTDIR install) with no complaint, and
# `systemd-analyze security --offline=yes` rates its exposure at most 2.0.
# Both checks are shown to fail on a broken unit, so a pass means something.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
SA=$(command -v systemd-analyze 2>/dev/null) ||
	fx_skip "systemd-analyze not found (apt-get install systemd)"
grep -q '^INSTALL_SYSTEMD_UNIT_TRUE = #' "$top_builddir/Makefile" &&
	fx_skip "configured without a systemd unit directory (pkg-config systemd)"
fx_tmpdir
D="$FX_DIR/root"
${MAKE:-make} -C "$top_builddir" install DESTDIR="$D" prefix=/usr sysconfdir=/etc \
    localstatedir=/var > "$FX_DIR/install.log" 2>&1 ||
	{ tail -30 "$FX_DIR/install.log" >&2; fx_fail "make install failed"; }
unit="$D/usr/lib/systemd/system/klachtd.service"

# The directives the design asks for are there.
for d in 'Type=notify' 'User=klachtd' 'WatchdogSec=' 'StateDirectory=klachtd' \
    'StateDirectoryMode=0700' 'ConfigurationDirectory=klachtd' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
    'PrivateDevices=yes' 'NoNewPrivileges=yes' \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
    'SystemCallFilter=@system-service' 'SystemCallArchitectures=native' \
    'CapabilityBoundingSet=$' 'UMask=0077' 'ProtectProc=invisible' \
    'ProcSubset=pid' 'LoadCredential=' 'ExecReload=/bin/kill -HUP \$MAINPID'; do
	kl_contains "$d" "$unit" "^$d"
done
kl_absent "the network is not denied" "$unit" "^IPAddressDeny="

# verify: offline, against the installed binary and man pages.
verify() { # UNITFILE -> output in $FX_DIR/verify.out, status
	mkdir -p "$FX_DIR/v"
	sed "s|=/usr/sbin/klachtd|=$D/usr/sbin/klachtd|" "$1" > "$FX_DIR/v/klachtd.service"
	MANPATH="$D/usr/share/man" "$SA" verify "$FX_DIR/v/klachtd.service" \
	    > "$FX_DIR/verify.out" 2>&1
}
rc=0; verify "$unit" || rc=$?
[ $rc = 0 ] && [ ! -s "$FX_DIR/verify.out" ] ||
	{ cat "$FX_DIR/verify.out" >&2; fx_fail "systemd-analyze verify: status $rc"; }
sed 's/^UMask=0077$/UMask=0077\nUnknownSetting=1/' "$unit" > "$FX_DIR/broken.service"
verify "$FX_DIR/broken.service" || :
kl_contains "verify catches a broken unit" "$FX_DIR/verify.out" "UnknownSetting"

# security: exposure <= 2.0.
exposure() { # UNITFILE
	"$SA" security --offline=yes "$1" 2>&1 |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
e=$(exposure "$unit")
[ -n "$e" ] || fx_fail "no exposure level from systemd-analyze security"
fx_log "systemd-analyze security: exposure $e"
awk "BEGIN { exit !($e <= 2.0) }" || fx_fail "exposure $e > 2.0"
grep -v -e '^ProtectSystem=' -e '^SystemCallFilter=' -e '^CapabilityBoundingSet=' \
    -e '^PrivateUsers=' -e '^User=' -e '^RestrictNamespaces=' "$unit" > "$FX_DIR/v/klachtd.service"
e2=$(exposure "$FX_DIR/v/klachtd.service")
awk "BEGIN { exit !($e2 > 2.0) }" || fx_fail "a weakened unit still rates $e2: the check proves nothing"
echo "PASS: exposure $e"
