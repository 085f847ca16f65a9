/*
 * util.h -- allocation, strings and growable buffers used everywhere.
 *
 * Error convention of the whole code base (see README "Hacking"):
 *   - functions that can fail return 0 on success and -1 on failure (or
 *     NULL for pointers), and when given a non-NULL `char **cause` store a
 *     malloc'd, human-readable reason there that the caller frees;
 *   - where the caller must act on the kind of failure they return an
 *     enum kres (below);
 *   - x* allocators never return NULL: out of memory is fatal.
 */
#ifndef KLACHT_UTIL_H
#define KLACHT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Result kinds for callers that must tell failures apart. */
enum kres {
	KR_OK = 0,
	KR_TEMP,	/* try again later: locked, disk full, I/O, network */
	KR_PERM,	/* will never work: rejected, malformed beyond repair */
	KR_INVALID,	/* bad input or usage from the caller */
	KR_DUP		/* already done before: nothing to do */
};
const char	*kres_name(enum kres);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Returns a malloc'd formatted string; never NULL. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list);
/* Stores a malloc'd formatted string in *cause when cause is not NULL. */
void	 set_cause(char **cause, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* For byte-at-a-time helpers such as buf_addc: a fuzzing build leaves
 * them out of its coverage, whose trace of their size check on every
 * byte taught the fuzzer nothing and cost a fifth of fuzz_officer's time. */
#if defined(__clang__) && __clang_major__ >= 13
#define NO_FUZZ_COVERAGE	__attribute__((no_sanitize("coverage")))
#else
#define NO_FUZZ_COVERAGE
#endif

/* Growable byte buffer; always NUL-terminated after the data. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};
void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (who frees it) and resets the buffer. */
char	*buf_detach(struct buf *, size_t *);
/* For a buffer of problems, one per line: empty, frees it and returns 0;
 * else hands it to *cause (freed when cause is NULL) and returns -1. */
int	 buf_to_cause(struct buf *, char **cause);

/* String helpers. */
int	 str_startswith(const char *, const char *);
int	 str_casestartswith(const char *, const char *);
char	*str_trim(char *);		/* in place; returns its argument */
void	 str_lower(char *);
/* Copy with CR, LF and other C0 controls removed (header-safe value). */
char	*str_header_safe(const char *);
/* Copy with control characters escaped as \xNN, for log lines. */
char	*str_log_safe(const char *, size_t maxlen);

/* Files. */
/* Reads a whole file (at most max bytes, 0 = no cap) into a malloc'd,
 * NUL-terminated buffer; *len gets its length. */
char	*file_read(const char *path, size_t max, size_t *len, char **cause);
/* Secrets are read by secret.h, which wipes what it read. */
/* Reads all of an fd (at most max bytes) as file_read. */
char	*fd_read_all(int fd, size_t max, size_t *len, char **cause);
/* mkdir -p with the given mode for the directories it creates. */
int	 mkdir_p(const char *path, int mode, char **cause);

/* Milliseconds on a clock that only moves forward (timeouts, slices). */
int64_t	 mono_ms(void);

/* Hex SHA-256 (65 bytes incl. NUL) of data. */
void	 sha256_hex(const void *, size_t, char out[65]);
/* The value of hex digit c (0-9, a-f, A-F), or -1. */
int	 hex_digit(int c);

#endif
