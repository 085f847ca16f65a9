#!/bin/sh
# Installs what the build and the tests need (Debian 12), builds with
# warnings as errors, runs the whole suite, then builds again with
# AddressSanitizer + UndefinedBehaviorSanitizer and runs it again, then
# a short fuzz run.  Each test's verdict is printed as it finishes, and a
# count after each phase; the last line is the tally over all phases:
# "N passed, N failed, N skipped".
#
#   sh tests/ci.sh            as root, or as a user who may sudo apt-get
#   SKIP_APT=1 sh tests/ci.sh packages already installed
#   CI_STOP=configure sh tests/ci.sh   stop once the first build is
#                             configured (tests/e2e/readme-commands.sh)
#
# The packages (tests/deps.txt) are installed with --no-install-recommends.
# postfix and dovecot-imapd come with system services that Debian enables
# and starts on install; the tests never use them (they run their own
# instances on loopback), so when this script installed them it stops and
# disables them again.  Build trees: _build/{normal,asan,fuzz}; the
# README's first command builds in _build/demo, which is left alone.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
# Most end-to-end tests wait on servers and child processes rather than
# compute: three times as many at once as there are cores keeps the cores
# busy (CHECK_JOBS overrides).  No test's verdict depends on the pace.
check_jobs=${CHECK_JOBS:-$((jobs * 3))}
t_start=$(date +%s)

elapsed() {
	s=$(( $(date +%s) - t_start ))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

if [ "${SKIP_APT:-0}" != 1 ]; then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	pkgs=$(grep -v '^#' "$src/tests/deps.txt")
	# Which of the packages with a system service are new on this machine.
	new_services=
	for p in postfix:postfix dovecot-imapd:dovecot; do
		dpkg-query -W -f='${Status}' "${p%%:*}" 2>/dev/null |
		    grep -q 'install ok installed' || new_services="$new_services ${p#*:}"
	done
	echo "==> apt-get install $(echo $pkgs | wc -w) packages (tests/deps.txt) [$(elapsed)]"
	$sudo apt-get update -q
	# postfix asks a question on install; answer it up front.
	echo "postfix postfix/main_mailer_type select No configuration" |
	    $sudo debconf-set-selections
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
	    --no-install-recommends $pkgs
	for s in $new_services; do
		if command -v systemctl >/dev/null 2>&1; then
			echo "==> stopping and disabling the $s service (installed as a test tool only)"
			$sudo systemctl disable --now "$s" >/dev/null 2>&1 || :
		fi
	done
fi

cd "$src"
echo "==> ./autogen.sh [$(elapsed)]"
./autogen.sh

# count DIR VERDICT-REGEX: number of .trs files under DIR with that result.
count() {
	find "$1" -name '*.trs' -exec cat {} + 2>/dev/null |
	    grep -Ec ":test-result: ($2)\$" || :
}

run_suite() { # NAME CONFIGURE-ARGS...
	name=$1; shift
	dir=$src/_build/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "==> $name: configure $* [$(elapsed)]"
	if ! (cd "$dir" && "$src/configure" --enable-werror "$@" >configure.out 2>&1); then
		tail -20 "$dir/configure.out"
		echo "FAIL: $name: configure (see $dir/config.log)"
		return 0
	fi
	[ "${CI_STOP:-}" != configure ] || { echo "configured: $dir"; exit 0; }
	echo "==> $name: make [$(elapsed)]"
	if ! make -C "$dir" -j"$jobs" >"$dir/make.out" 2>&1; then
		tail -50 "$dir/make.out"
		echo "FAIL: $name: make"
		return 0
	fi
	echo "==> $name: make check, each verdict as it finishes [$(elapsed)]"
	# The test driver prints "PASS: name" (FAIL, SKIP, ...) per test when
	# it finishes; show those lines as they come.
	(make -C "$dir" -j"$check_jobs" check 2>&1 || :) | tee "$dir/check.out" |
	    grep --line-buffered -E '^(PASS|FAIL|ERROR|XPASS|XFAIL|SKIP):' || :
	# A test program that does not build leaves tests without a result:
	# that is a failure too, not a smaller count.
	want=$(make -s -C "$dir" list-tests 2>/dev/null | tr " " "\n" | grep -c "^tests/" || :)
	got=$(find "$dir" -name '*.trs' | wc -l)
	if [ "$got" -lt "$want" ]; then
		grep -E -B2 -A8 '(error|Error) ' "$dir/check.out" | tail -40
		echo "FAIL: $name: only $got of $want tests ran (see $dir/check.out)"
		printf ':test-result: FAIL\n' > "$dir/ci-incomplete.trs"
		printf 'only %s of %s tests ran\n' "$got" "$want" > "$dir/ci-incomplete.log"
	fi
	echo "==> $name: $(count "$dir" 'PASS|XFAIL') passed," \
	    "$(count "$dir" 'FAIL|ERROR|XPASS') failed, $(count "$dir" SKIP) skipped [$(elapsed)]"
}

run_suite normal
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions=$src/tests/lsan.supp:print_suppressions=0 \
    run_suite asan --enable-asan

# Every parser's libFuzzer target for a bounded time (clang build).  The
# outcome is recorded as one more test result.
echo "==> fuzz smoke (clang, libFuzzer, ${FUZZ_SECONDS:=8}s per target) [$(elapsed)]"
rm -rf _build/fuzz && mkdir -p _build/fuzz
if (cd _build/fuzz && CC=clang "$src/configure" --enable-werror \
    --enable-fuzzing --enable-asan >configure.out 2>&1 &&
    make -j"$jobs" >make.out 2>&1 &&
    make fuzz-smoke FUZZ_SECONDS="$FUZZ_SECONDS" >fuzz.out 2>&1); then
	result=PASS
else
	result=FAIL
fi
for f in fuzz.out make.out configure.out; do
	[ -s "_build/fuzz/$f" ] || continue
	grep -E '^(fuzz-smoke|  stat|FAIL)' "_build/fuzz/$f" || tail -20 "_build/fuzz/$f"
	cp "_build/fuzz/$f" _build/fuzz/fuzz-smoke.log
	break
done
echo "$result: fuzz-smoke"
printf ':test-result: %s\n' "$result" > _build/fuzz/fuzz-smoke.trs

# Every failing test's log, so CI output says why: its FAIL lines first
# (a test that fails then prints its servers' logs, which would push the
# reason out of the tail), then the tail.
dirs="_build/normal _build/asan _build/fuzz"
for trs in $(find $dirs -name '*.trs' 2>/dev/null); do
	if grep -Eq ':test-result: (FAIL|ERROR|XPASS)' "$trs"; then
		echo "---- ${trs%.trs}.log"
		grep -E -m 10 '^(FAIL|ERROR)' "${trs%.trs}.log" || :
		echo "---- (its last 40 lines)"
		tail -40 "${trs%.trs}.log"
	fi
done
pass=0 fail=0 skip=0
for d in $dirs; do
	pass=$((pass + $(count "$d" 'PASS|XFAIL')))
	fail=$((fail + $(count "$d" 'FAIL|ERROR|XPASS')))
	skip=$((skip + $(count "$d" SKIP)))
done
# A build that failed has no test results: count it as a failure.
for b in normal asan; do
	[ -x "_build/$b/klachtd" ] || fail=$((fail + 1))
done
echo "==> done in $(elapsed)"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
