/*
 * json.c -- JSON string escaping and key/value helpers.
 */
#include "config.h"

#include "json.h"

void
json_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_adds(b, "null");
		return;
	}
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':	buf_adds(b, "\\\""); break;
		case '\\':	buf_adds(b, "\\\\"); break;
		case '\n':	buf_adds(b, "\\n"); break;
		case '\r':	buf_adds(b, "\\r"); break;
		case '\t':	buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\u%04x", c);
			else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

static void
key(struct buf *b, int *first, const char *k)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_str(b, k);
	buf_addc(b, ':');
}

void
json_kv_str(struct buf *b, int *first, const char *k, const char *v)
{
	key(b, first, k);
	json_str(b, v);
}

void
json_kv_int(struct buf *b, int *first, const char *k, int64_t v)
{
	key(b, first, k);
	buf_printf(b, "%lld", (long long)v);
}

void
json_kv_bool(struct buf *b, int *first, const char *k, int v)
{
	key(b, first, k);
	buf_adds(b, v ? "true" : "false");
}
