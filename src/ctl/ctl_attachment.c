/*
 * ctl_attachment.c -- a case's attachments (issue 13):
 *
 *	klachtctl attachment REF N > FILE
 *
 * writes attachment N of case REF (the numbers `klachtctl show` and the
 * #dossier case file list) to standard output, byte for byte as it was
 * received; and the list of attachments that `show` prints.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "json.h"
#include "store.h"
#include "util.h"

#include "ctl.h"

int
ctl_attachment_row(const struct attachment_row *a, void *arg)
{
	struct buf	*b = arg;

	if (ctl_json) {
		int first = 1;

		ctl_json_sep(b);
		buf_addc(b, '{');
		json_kv_int(b, &first, "n", a->n);
		json_kv_str(b, &first, "filename", a->filename);
		json_kv_str(b, &first, "content_type", a->content_type);
		json_kv_int(b, &first, "size", a->size);
		json_kv_str(b, &first, "sha256", a->sha256);
		json_kv_bool(b, &first, "stored", a->kept);
		buf_addc(b, '}');
	} else
		printf("  %3d  %s (%s, %lld bytes)%s\n       SHA-256 %s\n",
		    a->n, T(a->filename), T(a->content_type),
		    (long long)a->size, a->kept ? "" :
		    " -- not stored (over limits.max_attachment_size)",
		    T(a->sha256));
	return 0;
}

struct out {
	int	ex;
	char	ref[64];
};

static int
write_cb(const struct attachment_row *a, void *arg)
{
	struct out	*o = arg;

	if (!a->kept) {
		fprintf(stderr, "klachtctl: %s: attachment %d (%s) was not "
		    "stored: it was over limits.max_attachment_size; it is in "
		    "the raw message only\n", o->ref, a->n, T(a->filename));
		o->ex = EX_NOINPUT;
	} else if ((a->len > 0 && fwrite(a->data, 1, a->len, stdout) !=
	    a->len) || fflush(stdout) != 0) {
		fprintf(stderr, "klachtctl: writing the attachment: %s\n",
		    strerror(errno));
		o->ex = EX_IOERR;
	}
	return 1;
}

int
ctl_attachment_cmd(struct ctl *x, char **argv)
{
	struct case_row	 c;
	struct out	 o;
	char		*why = NULL, *end;
	long		 n;
	enum kres	 r;

	errno = 0;
	n = strtol(argv[1], &end, 10);
	if (errno != 0 || *end != '\0' || end == argv[1] || n < 1 ||
	    n > 1000000) {
		fprintf(stderr, "klachtctl: attachment: N must be a number "
		    "from 1 (as `klachtctl show %s` lists them), not \"%s\"\n",
		    T(argv[0]), T(argv[1]));
		return EX_USAGE;
	}
	if ((r = store_case_get_ref(x->k.st, argv[0], &c, &why)) != KR_OK)
		return ctl_fail(r, why);
	memset(&o, 0, sizeof o);
	snprintf(o.ref, sizeof o.ref, "%s", c.ref);
	if ((r = store_attachment_case_get(x->k.st, c.id, (int)n, write_cb,
	    &o, &why)) != KR_OK) {
		fprintf(stderr, "klachtctl: %s: %s\n", c.ref, why);
		free(why);
		case_row_free(&c);
		return r == KR_INVALID ? EX_NOINPUT : EX_TEMPFAIL;
	}
	case_row_free(&c);
	return o.ex;
}
