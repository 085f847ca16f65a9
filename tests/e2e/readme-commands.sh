#!/bin/sh
# The README's two commands, taken from the README itself, work one after
# the other on a fresh checkout as root with no sudo installed: command 1
# builds out of tree and runs the demo, then command 2 (tests/ci.sh) gets
# past its configure -- the in-tree build that once made it fail with
# "source directory already configured" must not come back.
# apt-get is replaced by a stand-in that only checks each package it is
# asked for is installed here (no network, nothing changes on the machine);
# sudo is kept off PATH.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
# It builds its own copy of the sources (no sanitizers), so the ASan
# build of the suite would only run it a second time.
if nm "$KLACHTD" 2>/dev/null | grep -q __asan_init; then
	fx_skip "ASan build: this test builds its own copy and runs in the plain build"
fi
[ "$(id -u)" = 0 ] || fx_skip "not root: the README's commands are tested as root without sudo"
command -v git >/dev/null 2>&1 || fx_skip "git not found (apt-get install git)"
fx_tmpdir

# The commands: the first two lines indented by four spaces.
cmds=$(grep -m2 '^    [^ ]' "$top_srcdir/README" | sed 's/^    //')
cmd1=$(printf '%s\n' "$cmds" | sed -n 1p)
cmd2=$(printf '%s\n' "$cmds" | sed -n 2p)
fx_log "command 1: $cmd1"
fx_log "command 2: $cmd2"
case $cmd1 in *apt-get*install*autogen.sh*make\ demo*) ;;
	*) fx_fail "README command 1 is not the install+build+demo line: $cmd1" ;; esac
kl_eq "README command 2" "$cmd2" "sh tests/ci.sh"

# A fresh checkout: what git tracks (and new files not ignored), from the
# working tree, so no build output of this tree comes along.
co="$FX_DIR/klachtd"
mkdir -p "$co"
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top_srcdir" && git ls-files --cached --others --exclude-standard |
	    while IFS= read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done |
	    tar -cf - -T -) | tar -xf - -C "$co" || fx_fail "copying the checkout failed"
else
	(cd "$top_srcdir" && tar -cf - --exclude=./_build --exclude=./demo .) |
	    tar -xf - -C "$co" || fx_fail "copying the tree failed"
fi
# (A release tarball has a configure script, but no tree is configured.)
[ ! -e "$co/config.status" ] || fx_fail "the copied tree is already configured"

# PATH: every program of the real PATH except sudo, plus stand-ins for
# apt-get and debconf-set-selections.
bin="$FX_DIR/bin"; sys="$FX_DIR/sys"
mkdir -p "$bin" "$sys"
IFS=:; for d in $PATH; do
	[ -d "$d" ] || continue
	for p in "$d"/*; do
		n=${p##*/}
		[ -x "$p" ] && [ "$n" != sudo ] && [ ! -e "$sys/$n" ] && ln -s "$p" "$sys/$n"
	done
done; unset IFS
cat > "$bin/apt-get" <<SH
#!/bin/sh
echo "apt-get \$*" >> "$FX_DIR/apt.log"
[ "\$(id -u)" = 0 ] || { echo "apt-get: not root" >&2; exit 100; }
[ "\$1" = update ] && exit 0
for p; do
	case \$p in -*|install) continue ;; esac
	dpkg-query -W -f='\${Status}' "\$p" 2>/dev/null | grep -q 'install ok installed' ||
		{ echo "apt-get stand-in: \$p is not installed on this machine" >&2; exit 100; }
done
SH
printf '#!/bin/sh\ncat >/dev/null\n' > "$bin/debconf-set-selections"
chmod +x "$bin/apt-get" "$bin/debconf-set-selections"
TPATH="$bin:$sys"
PATH=$TPATH command -v sudo >/dev/null 2>&1 && fx_fail "sudo is still on the test PATH"

# Builds with two jobs whatever make check was given.
unset MAKEFLAGS MFLAGS MAKELEVEL
run() { # LOG COMMAND
	# As a newcomer runs them: not with the switches of the run that
	# runs this test (SKIP_APT, CI_STOP from outside).
	(cd "$co" && env -u SKIP_APT -u CI_STOP PATH="$TPATH" MAKEFLAGS=-j2 \
	    ${CI_STOP_RUN:+CI_STOP=$CI_STOP_RUN} sh -c "$2") > "$FX_DIR/$1" 2>&1
}

fx_log "running command 1 in $co"
run cmd1.out "$cmd1" || { tail -40 "$FX_DIR/cmd1.out" >&2; fx_fail "README command 1 failed"; }
kl_contains "command 1 ran apt-get install" "$FX_DIR/apt.log" "^apt-get install -y .*libgmime-3.0-dev"
kl_contains "command 1 ran the demo" "$FX_DIR/cmd1.out" "klachtctl list"
[ -x "$co/_build/demo/klachtd" ] || fx_fail "command 1 built no _build/demo/klachtd"
[ ! -e "$co/config.status" ] || fx_fail "command 1 configured the source directory in place"

fx_log "running command 2 up to its first configure"
: > "$FX_DIR/apt.log"
rc=0; CI_STOP_RUN=configure run cmd2.out "$cmd2" || rc=$?
kl_absent "no in-tree clash" "$FX_DIR/cmd2.out" "already configured"
[ $rc = 0 ] || { tail -30 "$FX_DIR/cmd2.out" >&2; fx_fail "README command 2 failed before its configure finished ($rc)"; }
kl_contains "command 2 installed the test packages" "$FX_DIR/apt.log" "^apt-get install .*dovecot-imapd"
kl_contains "command 2 configured" "$FX_DIR/cmd2.out" "^configured: .*/_build/normal$"
[ -f "$co/_build/normal/config.status" ] || fx_fail "no _build/normal/config.status"
[ -x "$co/_build/demo/klachtd" ] || fx_fail "command 2 removed the demo build"
echo PASS
