/*
 * fuzz_cmdparse.c -- libFuzzer target for the officer command parser.
 *
 * Feeds the input (cut at its first NUL, as a mail body string would be)
 * to cmd_parse in both languages and to cmd_find_quote_start, and aborts
 * when a promise of cmdparse.h is broken: rc matches nerrors, every
 * command lies above the cut and has non-NULL arg and text, limits hold,
 * and the quote finder agrees with the parser.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdparse.h"
#include "quotecut.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_list(const char *body, const struct cmd_list *l, int rc)
{
	size_t	i, len = strlen(body), cutno, off;

	if ((rc == -1) != (l->nerrors > 0) || (rc != 0 && rc != -1))
		abort();
	if (l->n > CMD_MAX_COMMANDS || l->nerrors > CMD_MAX_ERRORS)
		abort();
	if (l->free_text == NULL || strlen(l->free_text) > len)
		abort();
	if (l->cut_offset > len || (l->cut_line == 0) != (l->cut_offset == len))
		abort();
	off = cmd_find_quote_start(body, &cutno);
	if (off != l->cut_offset || cutno != l->cut_line)
		abort();
	for (i = 0; i < l->n; i++) {
		const struct cmd *c = &l->v[i];

		if ((unsigned)c->kind >= CMD_NKINDS || c->arg == NULL ||
		    c->text == NULL || c->line == 0)
			abort();
		if (l->cut_line != 0 && c->line >= l->cut_line)
			abort();
		if (i > 0 && c->line <= l->v[i - 1].line)
			abort();
		if (c->kind == CMD_EXTEND && (c->days < 1 ||
		    c->days > CMD_MAX_EXTEND_DAYS || *c->text == '\0'))
			abort();
		if ((c->kind == CMD_NOTE || c->kind == CMD_REPLY) &&
		    *c->text == '\0')
			abort();
		if (c->kind == CMD_CLOSE &&
		    (cmd_judgement(c->judgement) == NULL ||
		    strcmp(cmd_judgement(c->judgement), c->judgement) != 0))
			abort();
		/* A date, a date and a time, or the cancel word. */
		if (c->kind == CMD_HEAR && strlen(c->arg) != 10 &&
		    strlen(c->arg) != 16 && strcmp(c->arg, "cancel") != 0)
			abort();
		if ((c->kind == CMD_ASSIGN || c->kind == CMD_STATUS ||
		    c->kind == CMD_CATEGORY) &&
		    (*c->arg == '\0' || strlen(c->arg) > 64 ||
		    strspn(c->arg, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
		    strlen(c->arg)))
			abort();
	}
	for (i = 0; i < l->nerrors; i++) {
		if (l->errors[i] == NULL || *l->errors[i] == '\0')
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmd_list	 l;
	char		*body;
	int		 rc;

	body = xstrndup((const char *)data, size);

	rc = cmd_parse(body, "en", &l);
	check_list(body, &l, rc);
	cmd_list_free(&l);

	rc = cmd_parse(body, "nl", &l);
	check_list(body, &l, rc);
	cmd_list_free(&l);

	{
		const char	*ref = "KL-2026-00001";
		size_t		 len = strlen(body), n, off;

		off = quote_own_tail(body, ref, &n);
		if (off > len || (off == len) != (n == 0))
			abort();
		if (off < len && ((off > 0 && body[off - 1] != '\n') ||
		    strstr(body + off, ref) == NULL ||
		    strspn(body, " \t\r\n\f\v") >= off))
			abort();
	}
	(void)cmd_judgement(body);
	free(body);
	return 0;
}
