/*
 * rest.c -- what klachtd and klachtd-rest share for the handover
 * (rest.h).  Linked into both; libc only.
 */
#include "config.h"

#include <signal.h>

#include "rest.h"

void
rest_signals_block(int block)
{
	sigset_t	set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}
