/*
 * cfg_changes.c -- what a reload changed: every setting of a file is
 * kept as a "path = value" line as written (cfg->settings), and two
 * configurations are compared line by line, so the log names each
 * setting that changed without a comparison per field of struct cfg.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cfg_int.h"

/* Appends "path = value" lines for s and everything under it. */
static void
flatten(struct buf *b, const config_setting_t *s, const char *prefix)
{
	const config_setting_t	*e;
	char			*path, *val;
	int			 i, n;

	n = config_setting_length(s);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (config_setting_name(e) != NULL)
			path = xasprintf("%s%s%s", prefix, *prefix ? "." : "",
			    config_setting_name(e));
		else
			path = xasprintf("%s[%d]", prefix, i);
		switch (config_setting_type(e)) {
		case CONFIG_TYPE_GROUP:
		case CONFIG_TYPE_LIST:
		case CONFIG_TYPE_ARRAY:
			if (config_setting_length(e) == 0)
				buf_printf(b, "%s = (empty)\n", path);
			flatten(b, e, path);
			free(path);
			continue;
		case CONFIG_TYPE_STRING:
			val = str_log_safe(config_setting_get_string(e), 200);
			buf_printf(b, "%s = \"%s\"\n", path, val);
			free(val);
			break;
		case CONFIG_TYPE_BOOL:
			buf_printf(b, "%s = %s\n", path,
			    config_setting_get_bool(e) ? "true" : "false");
			break;
		case CONFIG_TYPE_FLOAT:
			buf_printf(b, "%s = %g\n", path,
			    config_setting_get_float(e));
			break;
		default:
			buf_printf(b, "%s = %lld\n", path,
			    config_setting_get_int64(e));
			break;
		}
		free(path);
	}
}

/* The value part of the line for path in a flattened dump, or NULL. */
static const char *
dump_find(const char *dump, const char *path, size_t plen, size_t *vlen)
{
	const char	*p = dump, *nl;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (strncmp(p, path, plen) == 0 && strncmp(p + plen, " = ",
		    3) == 0) {
			*vlen = (size_t)(nl - p) - plen - 3;
			return p + plen + 3;
		}
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* Adds "path: old -> new" for each line of a that b lacks or differs in;
 * with reverse set, for lines only b has. */
static void
dump_diff(struct buf *out, int *n, const char *a, const char *b, int reverse)
{
	const char	*p = a, *nl, *eq, *v;
	size_t		 plen, vlen, alen;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		eq = strstr(p, " = ");
		if (nl == NULL || eq == NULL || eq > nl)
			break;
		plen = (size_t)(eq - p);
		alen = (size_t)(nl - eq) - 3;
		v = dump_find(b, p, plen, &vlen);
		if (reverse ? v == NULL : (v == NULL || vlen != alen ||
		    strncmp(v, eq + 3, alen) != 0)) {
			if ((*n)++ < 20) {
				buf_printf(out, "%s%.*s: ", out->len ? "; " :
				    "", (int)plen, p);
				if (reverse)
					buf_printf(out, "(default) -> %.*s",
					    (int)alen, eq + 3);
				else if (v == NULL)
					buf_printf(out, "%.*s -> (default)",
					    (int)alen, eq + 3);
				else
					buf_printf(out, "%.*s -> %.*s",
					    (int)alen, eq + 3, (int)vlen, v);
			}
		}
		p = nl + 1;
	}
}

char *
cfg_changes(const struct cfg *old, const struct cfg *new)
{
	struct buf	 out;
	const char	*a = old->settings ? old->settings : "";
	const char	*b = new->settings ? new->settings : "";
	int		 n = 0;

	buf_init(&out);
	dump_diff(&out, &n, a, b, 0);
	dump_diff(&out, &n, b, a, 1);
	if (n > 20)
		buf_printf(&out, "; and %d more", n - 20);
	if (n == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

char *
cfg_flatten(const config_setting_t *root)
{
	struct buf	dump;

	buf_init(&dump);
	flatten(&dump, root, "");
	return buf_detach(&dump, NULL);
}
