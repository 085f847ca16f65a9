/*
 * util.c -- allocation that never fails, growable buffers, small string
 * and file helpers shared by every module.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

const char *
kres_name(enum kres r)
{
	switch (r) {
	case KR_OK:		return "ok";
	case KR_TEMP:		return "temporary";
	case KR_PERM:		return "permanent";
	case KR_INVALID:	return "invalid";
	case KR_DUP:		return "duplicate";
	}
	return "unknown";
}

static void
oom(void)
{
	/* Nothing sensible can be done; say so on stderr and stop. */
	fputs("fatal: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t	 len = strnlen(s, n);
	char	*p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1)
		oom();
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* set_cause() is in cause.c. */

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->size = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	need;

	if (extra > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + extra + 1;
	if (need <= b->size)
		return;
	if (b->size == 0)
		b->size = 256;
	while (b->size < need)
		b->size = b->size > SIZE_MAX / 2 ? need : b->size * 2;
	b->data = xrealloc(b->data, b->size);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

NO_FUZZ_COVERAGE void
buf_addc(struct buf *b, char c)
{
	/* Most callers add text a byte at a time (escaping, HTML to
	 * text): the byte and the NUL fit without a call, mostly. */
	if (b->len + 2 <= b->size) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_add(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char	*p;

	if (b->data == NULL)
		buf_grow(b, 0), b->data[0] = '\0';
	p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return p;
}

int
buf_to_cause(struct buf *b, char **cause)
{
	if (b->len == 0) {
		buf_free(b);
		return 0;
	}
	if (cause != NULL)
		*cause = buf_detach(b, NULL);
	else
		buf_free(b);
	return -1;
}

int
str_startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
str_casestartswith(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *
str_trim(char *s)
{
	char	*start = s, *end;

	while (*start != '\0' && isspace((unsigned char)*start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	if (start != s)
		memmove(s, start, (size_t)(end - start) + 1);
	return s;
}

void
str_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

char *
str_header_safe(const char *s)
{
	struct buf	b;

	buf_init(&b);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		/* CR/LF become a space so words stay apart; other C0 go. */
		if (c == '\r' || c == '\n' || c == '\t')
			c = ' ';
		else if (c < 0x20 || c == 0x7f)
			continue;
		if (c == ' ' && b.len > 0 && b.data[b.len - 1] == ' ')
			continue;
		buf_addc(&b, (char)c);
	}
	return buf_detach(&b, NULL);
}

char *
str_log_safe(const char *s, size_t maxlen)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	if (s == NULL)
		return xstrdup("-");
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (maxlen && i >= maxlen) {
			buf_adds(&b, "...");
			break;
		}
		if (c < 0x20 || c == 0x7f || c == '\\')
			buf_printf(&b, "\\x%02x", c);
		else
			buf_addc(&b, (char)c);
	}
	return buf_detach(&b, NULL);
}

char *
fd_read_all(int fd, size_t max, size_t *len, char **cause)
{
	struct buf	b;
	char		chunk[65536];
	ssize_t		n;

	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			set_cause(cause, "read: %s", strerror(errno));
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		if (max && b.len + (size_t)n > max) {
			set_cause(cause, "input larger than %zu bytes", max);
			buf_free(&b);
			errno = EFBIG;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	return buf_detach(&b, len);
}

char *
file_read(const char *path, size_t max, size_t *len, char **cause)
{
	int	 fd;
	char	*data, *why = NULL;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	data = fd_read_all(fd, max, len, &why);
	close(fd);
	if (data == NULL) {
		set_cause(cause, "%s: %s", path, why);
		free(why);
	}
	return data;
}

int
mkdir_p(const char *path, int mode, char **cause)
{
	char	*p, *s;

	p = xstrdup(path);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char save = *s;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) == -1 && errno != EEXIST) {
			set_cause(cause, "mkdir %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = save;
		if (save == '\0')
			break;
	}
	free(p);
	return 0;
}

void
sha256_hex(const void *data, size_t len, char out[65])
{
	GChecksum	*ck = g_checksum_new(G_CHECKSUM_SHA256);

	g_checksum_update(ck, data, (gssize)len);
	g_strlcpy(out, g_checksum_get_string(ck), 65);
	g_checksum_free(ck);
}

int64_t
mono_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
