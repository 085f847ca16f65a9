#!/bin/sh
# `make install` over an existing install keeps an edited klachtd.conf and
# an edited template: the new file goes beside it as FILE.dist and make
# says so.  Unedited files are installed as before, with no .dist, and
# `make uninstall` removes the .dist files too.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/service-lib.sh"
fx_tmpdir
MAKE=${MAKE:-make}
D="$FX_DIR/root"
conf=$D/etc/klachtd/klachtd.conf
tmpl=$D/etc/klachtd/templates/nl/ack.txt
install_to() { # LOG
	$MAKE -C "$top_builddir" install DESTDIR="$D" prefix=/usr sysconfdir=/etc \
	    localstatedir=/var > "$FX_DIR/$1" 2>&1 ||
		{ tail -30 "$FX_DIR/$1" >&2; fx_fail "make install failed"; }
}

install_to install1.log
kl_absent "first install: nothing kept" "$FX_DIR/install1.log" "^klachtd: kept"
[ -z "$(find "$D" -name '*.dist')" ] || fx_fail "first install wrote .dist files"

# The administrator's edits.
printf 'state_dir = "/srv/klachten";  # local edit\n' >> "$conf"
printf '\nMet vriendelijke groet, de klachtencoordinator (local edit)\n' >> "$tmpl"
install_to install2.log
kl_contains "edited config kept" "$conf" "^state_dir = \"/srv/klachten\";  # local edit$"
kl_contains "edited template kept" "$tmpl" "local edit"
cmp -s "$conf.dist" "$top_srcdir/etc/klachtd.conf" || fx_fail "no new klachtd.conf.dist beside the edited one"
cmp -s "$tmpl.dist" "$top_srcdir/etc/templates/nl/ack.txt" || fx_fail "no new ack.txt.dist beside the edited one"
kl_contains "make install names the kept config" "$FX_DIR/install2.log" \
    "^klachtd: kept your $conf .*the new one is $conf.dist$"
kl_contains "make install names the kept template" "$FX_DIR/install2.log" \
    "^klachtd: kept your $tmpl .*the new one is $tmpl.dist$"
kl_eq ".dist files" "$(cd "$D" && find . -name '*.dist' | sort | tr '\n' ' ')" \
    "./etc/klachtd/klachtd.conf.dist ./etc/klachtd/templates/nl/ack.txt.dist "
cmp -s "$D/etc/klachtd/templates/en/ack.txt" "$top_srcdir/etc/templates/en/ack.txt" ||
	fx_fail "an unedited template was not installed"
# Installing a third time changes nothing and the edits are still there.
install_to install3.log
kl_contains "edited config still kept" "$conf" "local edit"
# Binaries and man pages are not configuration: installed as ever.
[ ! -e "$D/usr/sbin/klachtd.dist" ] || fx_fail "a program was treated as configuration"

$MAKE -C "$top_builddir" uninstall DESTDIR="$D" prefix=/usr sysconfdir=/etc \
    localstatedir=/var > "$FX_DIR/uninstall.log" 2>&1 || fx_fail "make uninstall failed"
kl_eq "files left after uninstall" "$(cd "$D" && find . -type f)" ""
echo PASS
