/*
 * uidset.h -- IMAP UID sets (RFC 3501 sequence-set) for commands that act
 * on a batch of messages at once: "101:105,108".  Pure, no I/O.
 */
#ifndef KLACHT_UIDSET_H
#define KLACHT_UIDSET_H

#include <stddef.h>
#include <stdint.h>

/* A set this long (bytes) keeps a command well under what servers take
 * on one line (RFC 7162 asks clients for at most 8,192). */
#define UIDSET_MAX	900

/*
 * Writes the first UIDs of uids[0..n-1] as one set into *out (caller
 * frees), runs of consecutive UIDs compressed into ranges, at most max
 * bytes long (one element is always written, however long), and returns
 * how many of uids it covers: call again on the rest until all are taken.
 * uids should be ascending (as a batch is); a repeated UID is covered
 * once, and a UID lower than the one before starts a new element, so any
 * order gives a correct, if longer, set.  n 0: *out NULL, returns 0.
 */
size_t	 uidset_take(const uint32_t *uids, size_t n, size_t max, char **out);

#endif
