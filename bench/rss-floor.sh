#!/bin/sh
# bench/rss-floor.sh -- the floor under the daemon's steady RSS (issue
# 17): bench/rss_floor.c built several times, each loading more of the
# libraries klachtd links and touching each once, then printing its own
# RSS, PSS and private dirty (KiB) and the number of shared libraries.
# No klachtd code runs: what it prints is what the libraries cost any
# process that loads them.  Needs gcc and the -dev packages of the build.
#
#   sh bench/rss-floor.sh
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
d=$(mktemp -d) || exit 1
trap 'rm -rf "$d"' EXIT
src=$top_srcdir/bench/rss_floor.c
core="gmime-3.0 sqlite3 libconfig"
build() { # build NAME DEFINES PKGS
	# shellcheck disable=SC2086
	gcc -O2 $2 "$src" -o "$d/$1" $(pkg-config --cflags --libs $3) \
	    -Wl,--no-as-needed $4 || exit 1
}
html="$core libxml-2.0 libsystemd libytnef"
hl="-lsystemd -lytnef"
build rest "-DREST_ONLY" "libsystemd"
build core "" "$core"
build html "-DWITH_XML" "$html" "$hl"
build curl "-DWITH_XML -DWITH_CURL" "$html libcurl" "$hl -lcurl"
build ical "-DWITH_XML -DWITH_ICAL" "$html libical" "$hl -lical"
build pango "-DWITH_XML -DWITH_PANGO" "$html pangocairo" \
    "$hl -lpangocairo-1.0 -lcairo"
build all "-DWITH_XML -DWITH_CURL -DWITH_ICAL -DWITH_PANGO" \
    "$html libcurl libical pangocairo" \
    "$hl -lcurl -lical -lpangocairo-1.0 -lcairo"
row() { # row NAME WHAT
	"$d/$1" | awk -v what="$2" -v libs="$(ldd "$d/$1" | grep -c '=>')" '
	    /^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Private_Dirty:/ { pd = $2 }
	    END { printf "%-50s %7d %7d %7d %5d\n", what, r, p, pd, libs }'
}
printf "%-50s %7s %7s %7s %5s\n" "libraries loaded (KiB)" RSS PSS "p.dirty" libs
row rest "libc, libsystemd (klachtd-rest, the daemon at rest)"
row core "GMime+GLib, SQLite, libconfig"
row html "+ libxml2 (ICU), libsystemd, libytnef"
row curl "  and libcurl (its TLS stacks)"
row ical "  and libical"
row pango "  and Pango+Cairo"
row all "all klachtd links (all of the above)"
