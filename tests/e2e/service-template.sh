#!/bin/sh
# klachtd@.service, one instance per organisation: the installed template
# runs klachtd on $sysconfdir/klachtd/%i.conf with its own state directory,
# passes `systemd-analyze verify` (as an instance, klachtd@acme) with no
# complaint and rates an exposure of at most 2.0, like klachtd.service
# (tests/e2e/service-unit.sh); both checks are shown to catch a broken
# template.  And both units keep the state where `klachtd deliver` and
# klachtctl look: StateDirectory= only when localstatedir is /var,
# otherwise ReadWritePaths= on $localstatedir/lib/klachtd.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
SA=$(command -v systemd-analyze 2>/dev/null) ||
	fx_skip "systemd-analyze not found (apt-get install systemd)"
grep -q '^INSTALL_SYSTEMD_UNIT_TRUE = #' "$top_builddir/Makefile" &&
	fx_skip "configured without a systemd unit directory (pkg-config systemd)"
fx_tmpdir
install_to() { # DESTDIR make-args...
	d=$1; shift
	${MAKE:-make} -C "$top_builddir" install DESTDIR="$d" "$@" > "$FX_DIR/install.log" 2>&1 ||
		{ tail -30 "$FX_DIR/install.log" >&2; fx_fail "make install failed"; }
}
D="$FX_DIR/root"
install_to "$D" prefix=/usr sysconfdir=/etc localstatedir=/var
unit="$D/usr/lib/systemd/system/klachtd@.service"
[ -f "$unit" ] || fx_fail "klachtd@.service not installed"
kl_eq "mode of klachtd@.service" "$(stat -c %a "$unit")" 644
kl_contains "ExecStart" "$unit" '^ExecStart=/usr/sbin/klachtd -c /etc/klachtd/%i\.conf$'
kl_contains "own state directory" "$unit" '^StateDirectory=klachtd/%i$'
kl_absent "no ReadWritePaths under /var" "$unit" '^ReadWritePaths='
kl_contains "plain unit: StateDirectory" "$D/usr/lib/systemd/system/klachtd.service" '^StateDirectory=klachtd$'
! grep -q '@[a-z]*@\|#VARSTATE#\|#OTHERSTATE#' "$unit" || fx_fail "a placeholder was left in the template"
# The hardening of the plain unit, line for line.
for d in 'Type=notify' 'User=klachtd' 'WatchdogSec=' 'StateDirectoryMode=0700' \
    'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' 'PrivateDevices=yes' \
    'NoNewPrivileges=yes' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
    'SystemCallFilter=@system-service' 'CapabilityBoundingSet=$' 'UMask=0077' \
    'ProtectProc=invisible' 'LoadCredential=klachtd:/etc/klachtd/credentials$'; do
	kl_contains "$d" "$unit" "^$d"
done

mkdir -p "$FX_DIR/v"
verify() { # TEMPLATEFILE -> $FX_DIR/verify.out, status
	sed "s|=/usr/sbin/klachtd|=$D/usr/sbin/klachtd|" "$1" > "$FX_DIR/v/klachtd@.service"
	(cd "$FX_DIR/v" && MANPATH="$D/usr/share/man" "$SA" verify \
	    "$FX_DIR/v/klachtd@acme.service") > "$FX_DIR/verify.out" 2>&1
}
rc=0; verify "$unit" || rc=$?
[ $rc = 0 ] && [ ! -s "$FX_DIR/verify.out" ] ||
	{ cat "$FX_DIR/verify.out" >&2; fx_fail "systemd-analyze verify klachtd@acme: status $rc"; }
sed 's/^UMask=0077$/UMask=0077\nUnknownSetting=1/' "$unit" > "$FX_DIR/broken"
verify "$FX_DIR/broken" || :
kl_contains "verify catches a broken template" "$FX_DIR/verify.out" "UnknownSetting"

exposure() { # UNITFILE
	cp "$1" "$FX_DIR/v/klachtd@.service"
	"$SA" security --offline=yes "$FX_DIR/v/klachtd@acme.service" 2>&1 |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
e=$(exposure "$unit")
[ -n "$e" ] || fx_fail "no exposure level from systemd-analyze security"
fx_log "systemd-analyze security klachtd@acme: exposure $e"
awk "BEGIN { exit !($e <= 2.0) }" || fx_fail "exposure $e > 2.0"
grep -v -e '^ProtectSystem=' -e '^SystemCallFilter=' -e '^CapabilityBoundingSet=' \
    -e '^PrivateUsers=' -e '^User=' -e '^RestrictNamespaces=' "$unit" > "$FX_DIR/weak"
e2=$(exposure "$FX_DIR/weak")
awk "BEGIN { exit !($e2 > 2.0) }" || fx_fail "a weakened template still rates $e2: the check proves nothing"

# A prefix whose state is not under /var: no StateDirectory= (systemd
# would put it in /var/lib, away from deliver's and klachtctl's).
D2="$FX_DIR/root2"
install_to "$D2" prefix=/opt/kl
for u in klachtd.service klachtd@.service; do
	f="$D2/opt/kl/lib/systemd/system/$u"
	kl_absent "$u: no StateDirectory outside /var" "$f" '^StateDirectory'
	kl_contains "$u: writes the state directory" "$f" '^ReadWritePaths=/opt/kl/var/lib/klachtd$'
done
kl_contains "tmpfiles creates it" "$D2/opt/kl/lib/tmpfiles.d/klachtd.conf" \
    '^d /opt/kl/var/lib/klachtd 0700 klachtd klachtd -$'
echo "PASS: exposure $e"
