/*
 * satisfy.c -- the satisfaction question after closing and its answer
 * (satisfy.h says what it promises; issue 15).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mail.h"
#include "outmail.h"
#include "quotecut.h"
#include "satisfy.h"
#include "store.h"
#include "util.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
satisfy_parse(const char *text, size_t len, char **comment)
{
	const char	*p = text, *end = text + len;
	struct buf	 b;
	int		 score, space = 0;

	if (text == NULL)
		return 0;
	while (p < end && is_space(*p))
		p++;
	if (p == end || *p < '1' || *p > '5')
		return 0;
	score = *p++ - '0';
	/* Part of a longer number: no answer ("10", "4.5", "3,5"). */
	if (p < end && is_digit(*p))
		return 0;
	if (end - p >= 2 && (*p == '.' || *p == ',') && is_digit(p[1]))
		return 0;
	/* "4/5", "4 / 5": the scale written along. */
	{
		const char *q = p;

		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == '/') {
			q++;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '5' && (q + 1 == end ||
			    !is_digit(q[1])))
				p = q + 1;
		}
	}
	if (comment == NULL)
		return score;
	while (p < end && (is_space(*p) || strchr(".,:;-)", *p) != NULL))
		p++;
	buf_init(&b);
	for (; p < end && b.len < SATISFY_COMMENT_MAX; p++) {
		if (is_space(*p)) {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_printf(&b, " ");
		space = 0;
		buf_printf(&b, "%c", *p);
	}
	if (b.len == 0) {
		buf_free(&b);
		*comment = xstrdup("");
		return score;
	}
	/* Cut on a character boundary: never half a UTF-8 sequence. */
	if (p < end)
		while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xc0)
		    == 0x80)
			b.len--;
	if (p < end && b.len > 0 && ((unsigned char)b.data[b.len - 1] &
	    0xc0) == 0xc0)
		b.len--;
	*comment = xstrndup(b.data, b.len);
	buf_free(&b);
	return score;
}

/* Asks case id: claim, mail, event -- all in the caller's transaction. */
static enum kres
ask(struct klacht *k, int64_t id, int64_t now, int *n, char **cause)
{
	struct case_row	 c;
	struct outmail	 om;
	enum kres	 r;
	int		 fresh;
	char		*parent = NULL, *refs = NULL;

	if ((r = store_satisfy_claim(k->st, id, now, &fresh, cause)) !=
	    KR_OK || !fresh)
		return r;
	if ((r = store_case_get(k->st, id, &c, cause)) != KR_OK)
		return r;
	/* In the thread of the case, like the letters (letters.c). */
	if ((r = store_case_thread_parent(k->st, id, &parent, &refs,
	    cause)) != KR_OK) {
		case_row_free(&c);
		return r;
	}
	memset(&om, 0, sizeof om);
	om.kind = "satisfaction";
	om.template = "satisfaction";
	om.lang = NULL;			/* the case's language */
	om.to_addr = c.complainant_email;
	om.to_name = c.complainant_name;
	om.in_reply_to = parent;
	om.references = refs;
	om.auto_submitted = MAIL_AUTO_GENERATED;
	om.c = &c;
	if ((r = outmail_queue(k, &om, now, NULL, cause)) == KR_OK)
		r = store_event_add(k->st, id, now, "system",
		    "satisfaction-asked", "the complainant was asked how "
		    "satisfied they are (satisfaction.after)", cause);
	if (r == KR_OK) {
		(*n)++;
		log_info("case=%s satisfaction question queued", c.ref);
	}
	free(parent);
	free(refs);
	case_row_free(&c);
	return r;
}

enum kres
satisfy_scan(struct klacht *k, int64_t now, int *n, char **cause)
{
	int64_t		 after = k->cfg->satisfaction_after, *ids = NULL;
	size_t		 nids = 0, i;
	enum kres	 r;

	*n = 0;
	if (after <= 0)
		return KR_OK;
	if ((r = store_satisfy_due(k->st, now - after - SATISFY_CATCH_UP,
	    now - after, SATISFY_BATCH, &ids, &nids, cause)) != KR_OK)
		return r;
	for (i = 0; i < nids && r == KR_OK; i++)
		r = ask(k, ids[i], now, n, cause);
	free(ids);
	return r;
}

enum kres
satisfy_reply(struct klacht *k, const struct mail *m, int64_t case_id,
    int64_t now, int *taken, char *reason, size_t len, char **cause)
{
	size_t		 i;
	int		 yes = 0, score, first;
	char		*own, *comment = NULL, *d;
	enum kres	 r;

	*taken = 0;
	for (i = 0; i < m->nrefs && !yes; i++)
		if ((r = store_satisfy_is_question(k->st, case_id, m->refs[i],
		    &yes, cause)) != KR_OK)
			return r;
	if (!yes)
		return KR_OK;
	/* Their own words: not a forwarded part (body_own_len), nor the
	 * quoted question or a signature under them (quotecut.h). */
	own = xstrndup(m->body ? m->body : "", m->body ? m->body_own_len : 0);
	score = satisfy_parse(own, cmd_find_quote_start(own, NULL), &comment);
	free(own);
	if (score == 0)
		return KR_OK;
	*taken = 1;
	if ((r = store_satisfy_answer(k->st, case_id, score, comment, now,
	    &first, cause)) != KR_OK)
		goto out;
	d = first ? xasprintf("the complainant answered the satisfaction "
	    "question: %d of 5%s", score, *comment ? ", with a sentence" :
	    "") : xasprintf("a further answer to the satisfaction question "
	    "(%d of 5) is kept on the case; the first answer stands", score);
	r = store_event_add(k->st, case_id, now, "system", first ?
	    "satisfaction" : "satisfaction-again", d, cause);
	free(d);
	if (reason != NULL)
		snprintf(reason, len, "satisfaction answer %d%s", score,
		    first ? "" : " (a further one: not recorded)");
out:
	free(comment);
	return r;
}
