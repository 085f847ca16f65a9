#!/bin/sh
# install-conf.sh CONFROOT INSTALL-COMMAND... -- SOURCE... DEST
#
# `make install`'s INSTALL_DATA (mk/etc.am).  Outside CONFROOT (the
# installed $(sysconfdir)/klachtd) it is INSTALL-COMMAND, unchanged.
# Inside, a file that is already there and differs from the one being
# installed -- the administrator's edited klachtd.conf or template -- is
# kept: the new file goes beside it as FILE.dist and a line says so.  DEST
# is a directory, or the target file name when there is one SOURCE.
set -eu
root=$1; shift
n=0
for a; do
	[ "$a" = -- ] && break
	n=$((n + 1))
done
# The install command itself: the first n arguments.
cmd=
i=0
for a; do
	[ $i -lt $n ] || break
	cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	i=$((i + 1))
done
shift $((n + 1))
for dest; do :; done
case $dest in
"$root" | "$root"/*) ;;
*) eval "exec $cmd \"\$@\"" ;;
esac
i=0
for src; do
	i=$((i + 1))
	[ $i -lt $# ] || break
	if [ -d "$dest" ]; then t=$dest/${src##*/}; else t=$dest; fi
	if [ -f "$t" ] && ! cmp -s "$src" "$t"; then
		eval "$cmd \"\$src\" \"\$t.dist\""
		echo "klachtd: kept your $t (it differs from the new one); the new one is $t.dist"
	else
		eval "$cmd \"\$src\" \"\$t\""
	fi
done
