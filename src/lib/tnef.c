/*
 * tnef.c -- files and body text out of Outlook's winmail.dat.
 *
 * A TNEF stream is a signature, a key and a list of attributes (level,
 * id, length, data, 16-bit checksum); two attribute kinds hold blocks of
 * MAPI properties.  libytnef (Debian's libytnef0) does the reading, but it
 * was written for files its user chose to open: it prints to stdout on
 * every error, it had a long series of memory-safety CVEs (2017), its
 * error paths leave half-filled structures for TNEFFree(), and its source
 * keeps one buffer per attribute kind without freeing the old one when a
 * kind comes twice.  So check_stream() walks the whole stream first, with
 * the same reading rules as libytnef and every bound checked, and only a
 * stream it fully accepts is handed over, with the values over libytnef's
 * size limits cut out and put back afterwards (shrink_stream, restore_big):
 * libytnef should never take an error path on mail.  Should another
 * version refuse more, the error is caught, its output kept off stdout,
 * and the stream kept as it is.  The
 * compressed RTF body is decompressed and turned into text by
 * tnef_rtf.c (tnef_rtf_decompress, tnef_rtf_to_text) rather than with
 * libytnef's DecompressRTF(), which reads past its input on a corrupt
 * stream.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textconv.h"
#include "tnef.h"
#include "util.h"

/* libytnef's headers #define BYTE, WORD, DWORD, ...: keep them last. */
#include <ytnef.h>

#define TNEF_SIGNATURE		0x223E9F78U
#define MV_FLAG_BIT		0x1000U
#define PROP_INTERNET_CPID	0x3FDEU
#define PROP_BODY		0x1000U
#define PROP_RTF_COMPRESSED	0x1009U
#define PROP_BODY_HTML		0x1013U
#define PROP_ATTACH_DATA	0x3701U
#define PROP_ATTACH_FILENAME	0x3704U
#define PROP_ATTACH_LONG_FN	0x3707U
#define PROP_ATTACH_MIME_TAG	0x370EU

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* ------------------------------------------------------------ checking */

/* The properties libytnef copies into TNEF->subject. */
static int
is_subject(unsigned id)
{
	return id == 0x0037 || id == 0x0039 || id == 0x0049 ||
	    id == 0x0070 || id == 0x0E1D;
}

/*
 * libytnef refuses a property value of more than 512 KiB (Debian's 2.0:
 * "invalid alloc size ... suspected corruption") and a Unicode one of
 * more than 100000 bytes, failing the whole stream.  Outlook writes both
 * (an HTML or RTF body with images, an attachment as PR_ATTACH_DATA_OBJ,
 * a long PR_BODY_W), so such values are cut out of the copy libytnef gets
 * (left empty) and put back from the original afterwards.
 */
#define YTNEF_VALUE_MAX		(512U * 1024)
#define YTNEF_UNICODE_MAX	100000U

struct big_value {
	long			 owner;	/* -1 the message, else attachment */
	uint32_t		 tag;	/* property tag as in the stream */
	const unsigned char	*lenp;	/* its length field in the stream */
	uint32_t		 len;
};

struct bigs {
	struct big_value	*v;
	size_t			 n;
};

static void
big_add(struct bigs *b, long owner, uint32_t tag, const unsigned char *lenp,
    uint32_t len)
{
	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	b->v[b->n].owner = owner;
	b->v[b->n].tag = tag;
	b->v[b->n].lenp = lenp;
	b->v[b->n].len = len;
	b->n++;
}

/*
 * Checks one block of MAPI properties the way libytnef's TNEFFillMapi()
 * reads it, so that it reads it without an error: 0 when fine.  Values
 * over libytnef's limits are added to big (owner: see struct big_value)
 * instead; only those of a single-valued, unnamed property can be.
 */
static int
check_mapi(const unsigned char *d, size_t size, long owner, struct bigs *big,
    char **cause)
{
	size_t		 off = 0, i, j;
	uint32_t	 count, id, type, n, len;

#define NEED(x) do {							\
	if ((x) > size - off) {						\
		set_cause(cause, "MAPI property block cut short");	\
		return -1;						\
	}								\
} while (0)
	NEED(4);
	count = le32(d);
	off = 4;
	if (count > 1000) {
		set_cause(cause, "MAPI block claims %u properties", count);
		return -1;
	}
	for (i = 0; i < count; i++) {
		NEED(4);
		id = le32(d + off);
		off += 4;
		if ((id >> 16) >= 0x8000) {
			/* A named property: GUID, then names or an id. */
			NEED(16 + 4);
			off += 16;
			n = le32(d + off);
			off += 4;
			if (n > 64) {
				set_cause(cause, "named property with %u "
				    "names", n);
				return -1;
			}
			for (j = 0; j < n; j++) {
				NEED(4);
				len = le32(d + off);
				off += 4;
				if (len > 100) {
					set_cause(cause, "property name of %u "
					    "bytes", len);
					return -1;
				}
				len = (len + 3) & ~3U;
				NEED(len);
				off += len;
			}
			if (n == 0) {
				NEED(4);
				off += 4;
			}
		}
		type = id & 0xffff;
		n = 1;
		if (type & MV_FLAG_BIT) {
			type -= MV_FLAG_BIT;
			NEED(4);
			n = le32(d + off);
			off += 4;
			if (n == 0 || n > 1000) {
				set_cause(cause, "property with %u values", n);
				return -1;
			}
		}
		for (j = 0; j < n; j++) {
			switch (type) {
			case PT_BINARY:
			case PT_OBJECT:
			case PT_STRING8:
			case PT_UNICODE:
				if (!(id & MV_FLAG_BIT)) {
					NEED(4);	/* number of values */
					off += 4;
				}
				NEED(4);
				len = le32(d + off);
				off += 4;
				if (len == 0 && is_subject(id >> 16)) {
					/* libytnef would take it and leak it */
					set_cause(cause, "empty subject "
					    "property");
					return -1;
				}
				if (len > size || (size_t)len + 3 > size) {
					set_cause(cause, "property of %u bytes "
					    "in a block of %zu", len, size);
					return -1;
				}
				if (len > YTNEF_VALUE_MAX || (type ==
				    PT_UNICODE && len > YTNEF_UNICODE_MAX)) {
					if ((id & MV_FLAG_BIT) ||
					    (id >> 16) >= 0x8000 ||
					    is_subject(id >> 16)) {
						set_cause(cause, "property "
						    "0x%08x of %u bytes", id,
						    len);
						return -1;
					}
					big_add(big, owner, id, d + off - 4,
					    len);
				}
				len = (len + 3) & ~3U;
				NEED(len);
				off += len;
				break;
			case PT_I2:
			case PT_BOOLEAN:
			case PT_LONG:
			case PT_R4:
			case PT_CURRENCY:
			case PT_APPTIME:
			case PT_ERROR:
				NEED(4);
				off += 4;
				break;
			case PT_DOUBLE:
			case PT_I8:
			case PT_SYSTIME:
				NEED(8);
				off += 8;
				break;
			case PT_CLSID:
				NEED(16);
				off += 16;
				break;
			default:
				set_cause(cause, "property of unknown type "
				    "0x%x", type);
				return -1;
			}
		}
	}
#undef NEED
	if (off != size) {
		set_cause(cause, "MAPI block of %zu bytes holds %zu bytes of "
		    "properties", size, off);
		return -1;
	}
	return 0;
}

/*
 * Walks the attribute list: every length inside the stream, every
 * checksum right, every attribute that libytnef interprets of a size it
 * copes with.  libytnef keeps one buffer per kind of attribute and leaks
 * the first when a kind comes twice, and it never frees what is set
 * before the first attachment starts: both are refused.  *nattach gets
 * the number of attachments.
 */
static int
check_stream(const unsigned char *d, size_t len, size_t *nattach,
    struct bigs *big, char **cause)
{
	/* Attributes libytnef stores once per message or per attachment. */
	static const uint32_t msg_once[] = { attBody, attFrom, attOemCodepage,
	    attOriginalMessageClass, attMAPIProps, 0 };
	static const uint32_t att_once[] = { attAttachTitle, attAttachData,
	    attAttachMetaFile, attAttachment, 0 };
	unsigned	 msg_seen = 0, att_seen = 0;
	size_t		 off = 6, i;
	uint32_t	 id, size;
	uint16_t	 sum;

	*nattach = 0;
	if (len < 6 || le32(d) != TNEF_SIGNATURE) {
		set_cause(cause, "no TNEF signature");
		return -1;
	}
	while (off < len) {
		if (len - off < 9) {
			set_cause(cause, "attribute header cut short at byte "
			    "%zu", off);
			return -1;
		}
		id = le32(d + off + 1);
		size = le32(d + off + 5);
		off += 9;
		if (size == 0 || size > len - off || len - off - size < 2) {
			set_cause(cause, "attribute 0x%08x of %u bytes runs "
			    "past the end", id, size);
			return -1;
		}
		for (sum = 0, i = 0; i < size; i++)
			sum = (uint16_t)(sum + d[off + i]);
		if (sum != le16(d + off + size)) {
			set_cause(cause, "attribute 0x%08x: bad checksum", id);
			return -1;
		}
		for (i = 0; msg_once[i] != 0; i++)
			if (id == msg_once[i] && (msg_seen & (1U << i))) {
				set_cause(cause, "attribute 0x%08x twice", id);
				return -1;
			} else if (id == msg_once[i])
				msg_seen |= 1U << i;
		for (i = 0; att_once[i] != 0; i++)
			if (id == att_once[i] && (*nattach == 0 ||
			    (att_seen & (1U << i)))) {
				set_cause(cause, "attachment attribute 0x%08x "
				    "%s", id, *nattach == 0 ? "before any "
				    "attachment" : "twice");
				return -1;
			} else if (id == att_once[i])
				att_seen |= 1U << i;
		switch (id) {
		case attTnefVersion:
			if (size < 4)
				goto small;
			break;
		case attDateSent:
		case attDateRecd:
		case attDateModified:
		case attAttachCreateDate:
		case attAttachModifyDate:
		case attDateStart:
		case attDateEnd:
			if (size < 14)
				goto small;
			break;
		case attMAPIProps:
		case attAttachment:
			if (check_mapi(d + off, size, id == attMAPIProps ? -1 :
			    (long)*nattach - 1, big, cause) == -1)
				return -1;
			break;
		case attSentFor:
			/* Pairs of 16-bit-length-prefixed name and address. */
			for (i = 0; i < size;) {
				int k;

				for (k = 0; k < 2; k++) {
					if (size - i < 2 ||
					    le16(d + off + i) > size - i - 2)
						goto bad_sent_for;
					i += 2 + le16(d + off + i);
				}
			}
			break;
		case attAttachRenddata:
			if (++*nattach > 10000) {
				set_cause(cause, "too many attachments");
				return -1;
			}
			att_seen = 0;
			break;
		}
		off += size + 2;
	}
	return 0;
small:
	set_cause(cause, "attribute 0x%08x of only %u bytes", id, size);
	return -1;
bad_sent_for:
	set_cause(cause, "malformed sent-for attribute");
	return -1;
}

/* ------------------------------------------------------------- strings */

static variableLength *
find_prop(MAPIProps *p, unsigned type, unsigned id)
{
	variableLength *v = MAPIFindProperty(p, PROP_TAG(type, id));

	if (v == MAPI_UNDEFINED || v == NULL || v->data == NULL ||
	    v->size <= 0)
		return NULL;
	return v;
}

/* A string property (8-bit in cs, or Unicode) as UTF-8, or NULL. */
static char *
string_prop(MAPIProps *p, unsigned id, const char *cs)
{
	variableLength	*v;

	if ((v = find_prop(p, PT_UNICODE, id)) != NULL)
		/* libytnef made it UTF-8 into 3 * size / 2 + 1 bytes. */
		return text_to_utf8((const char *)v->data,
		    strnlen((const char *)v->data, (size_t)v->size * 3 / 2 + 1),
		    "UTF-8", NULL);
	if ((v = find_prop(p, PT_STRING8, id)) != NULL)
		return text_to_utf8((const char *)v->data,
		    strnlen((const char *)v->data, (size_t)v->size), cs, NULL);
	return NULL;
}

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static char *
one_line(char *s)
{
	char *t = str_header_safe(s);

	free(s);
	str_trim(t);
	return t;
}

/* --------------------------------------------------------------- files */

static void
add_file(struct tnef *out, size_t max, Attachment *a, const char *cs)
{
	struct tnef_file	*f;
	variableLength		*v;
	const unsigned char	*data = NULL;
	size_t			 len = 0;
	char			*name;

	if (a->FileData.size > 0 && a->FileData.data != NULL) {
		data = a->FileData.data;
		len = (size_t)a->FileData.size;
	} else if ((v = find_prop(&a->MAPI, PT_BINARY, PROP_ATTACH_DATA)) !=
	    NULL) {
		data = v->data;
		len = (size_t)v->size;
	} else if ((v = find_prop(&a->MAPI, PT_OBJECT, PROP_ATTACH_DATA)) !=
	    NULL && v->size > 16) {
		/* An embedded object: its interface id comes first. */
		data = v->data + 16;
		len = (size_t)v->size - 16;
	}
	name = string_prop(&a->MAPI, PROP_ATTACH_LONG_FN, cs);
	if (blank(name)) {
		free(name);
		name = string_prop(&a->MAPI, PROP_ATTACH_FILENAME, cs);
	}
	if (blank(name) && a->Title.size > 0 && a->Title.data != NULL) {
		free(name);
		name = text_to_utf8((const char *)a->Title.data,
		    strnlen((const char *)a->Title.data,
		    (size_t)a->Title.size), cs, NULL);
	}
	if (data == NULL && blank(name)) {
		free(name);
		return;		/* nothing there at all */
	}
	if (out->nfiles >= max) {
		out->nfiles_dropped++;
		free(name);
		return;
	}
	out->files = xreallocarray(out->files, out->nfiles + 1,
	    sizeof *out->files);
	f = &out->files[out->nfiles++];
	if (blank(name)) {
		free(name);
		name = xasprintf("attachment-%zu", out->nfiles);
	}
	f->name = one_line(name);
	f->type = string_prop(&a->MAPI, PROP_ATTACH_MIME_TAG, cs);
	if (blank(f->type) || strchr(f->type, '/') == NULL) {
		free(f->type);
		f->type = xstrdup("application/octet-stream");
	} else {
		f->type = one_line(f->type);
		str_lower(f->type);
	}
	f->len = len;
	f->data = xmalloc(len + 1);
	if (len > 0)
		memcpy(f->data, data, len);
	f->data[len] = '\0';
}

/* ---------------------------------------------------------------- body */

static char *
body_text(TNEFStruct *t, const char *cs, const char **source)
{
	variableLength	*v;
	char		*s, *u, *rtf;
	size_t		 n;

	s = string_prop(&t->MapiProperties, PROP_BODY, cs);
	if (blank(s) && t->body.size > 0 && t->body.data != NULL) {
		free(s);
		s = text_to_utf8((const char *)t->body.data,
		    strnlen((const char *)t->body.data, (size_t)t->body.size),
		    cs, NULL);
	}
	if (!blank(s)) {
		*source = "text";
		u = text_normalise_newlines(s, strlen(s));
		free(s);
		return u;
	}
	free(s);
	if ((v = find_prop(&t->MapiProperties, PT_BINARY, PROP_BODY_HTML)) !=
	    NULL || (v = find_prop(&t->MapiProperties, PT_STRING8,
	    PROP_BODY_HTML)) != NULL) {
		u = text_to_utf8((const char *)v->data, (size_t)v->size, cs,
		    NULL);
		s = html_to_text(u, strlen(u));
		free(u);
		if (!blank(s)) {
			*source = "html";
			return s;
		}
		free(s);
	}
	if ((v = find_prop(&t->MapiProperties, PT_BINARY,
	    PROP_RTF_COMPRESSED)) != NULL &&
	    (rtf = tnef_rtf_decompress(v->data, (size_t)v->size, &n,
	    NULL)) != NULL) {
		s = tnef_rtf_to_text(rtf, n);
		free(rtf);
		if (!blank(s)) {
			*source = "rtf";
			return s;
		}
		free(s);
	}
	return NULL;
}

/*
 * The stream with the values in big left empty (length 0, no bytes), each
 * attribute's size and checksum made right again.  The caller frees it.
 */
static unsigned char *
shrink_stream(const unsigned char *d, size_t len, const struct bigs *big,
    size_t *outlen)
{
	struct buf		 b, a;
	const unsigned char	*p, *from;
	size_t			 off = 6, i = 0, k;
	uint32_t		 size;
	unsigned char		 hdr[9], tail[2];
	uint16_t		 sum;

	buf_init(&b);
	buf_add(&b, d, 6);
	while (off < len) {
		size = le32(d + off + 5);
		p = d + off + 9;
		buf_init(&a);
		for (from = p; i < big->n && big->v[i].lenp < p + size; i++) {
			/* Up to and with the length field, then the padded
			 * value is skipped. */
			buf_add(&a, from, (size_t)(big->v[i].lenp - from));
			buf_add(&a, "\0\0\0\0", 4);
			from = big->v[i].lenp + 4 +
			    (((size_t)big->v[i].len + 3) & ~(size_t)3);
		}
		buf_add(&a, from, (size_t)(p + size - from));
		memcpy(hdr, d + off, 9);
		hdr[5] = (unsigned char)(a.len & 0xff);
		hdr[6] = (unsigned char)((a.len >> 8) & 0xff);
		hdr[7] = (unsigned char)((a.len >> 16) & 0xff);
		hdr[8] = (unsigned char)((a.len >> 24) & 0xff);
		for (sum = 0, k = 0; k < a.len; k++)
			sum = (uint16_t)(sum + (unsigned char)a.data[k]);
		tail[0] = (unsigned char)(sum & 0xff);
		tail[1] = (unsigned char)(sum >> 8);
		buf_add(&b, hdr, 9);
		if (a.len > 0)
			buf_add(&b, a.data, a.len);
		buf_add(&b, tail, 2);
		buf_free(&a);
		off += 9 + (size_t)size + 2;
	}
	return (unsigned char *)buf_detach(&b, outlen);
}

/* Puts the values cut out by shrink_stream() back into what libytnef
 * read, where it left them empty; Unicode ones as UTF-8, as it does. */
static void
restore_big(TNEFStruct *t, const struct bigs *big)
{
	MAPIProps	*p;
	Attachment	*a;
	variableLength	*vl;
	size_t		 i;
	long		 k;
	DWORD		 j;
	char		*u;

	for (i = 0; i < big->n; i++) {
		p = &t->MapiProperties;
		if (big->v[i].owner >= 0) {
			for (a = t->starting_attach.next, k = 0; a != NULL &&
			    k < big->v[i].owner; a = a->next, k++)
				;
			if (a == NULL)
				continue;
			p = &a->MAPI;
		}
		for (j = 0; j < p->count; j++) {
			if (p->properties[j].id != big->v[i].tag ||
			    p->properties[j].custom != 0 ||
			    p->properties[j].count < 1 ||
			    p->properties[j].data == NULL)
				continue;
			vl = &p->properties[j].data[0];
			if (vl->size != 0 || vl->data != NULL)
				continue;
			if ((big->v[i].tag & 0xffff) == PT_UNICODE) {
				u = text_to_utf8((const char *)big->v[i].lenp +
				    4, big->v[i].len, "UTF-16LE", NULL);
				vl->data = (BYTE *)u;
				vl->size = (int)strlen(u);
			} else {
				vl->data = xmalloc(big->v[i].len);
				memcpy(vl->data, big->v[i].lenp + 4,
				    big->v[i].len);
				vl->size = (int)big->v[i].len;
			}
			break;
		}
	}
}

/*
 * What libytnef leaves after an error, made safe for TNEFFree(): a
 * property whose values were never allocated has none.
 */
static void
ytnef_sanitise(MAPIProps *p)
{
	DWORD	i;

	if (p->properties == NULL) {
		p->count = 0;
		return;
	}
	for (i = 0; i < p->count; i++) {
		if (p->properties[i].data == NULL)
			p->properties[i].count = 0;
		if (p->properties[i].propnames == NULL)
			p->properties[i].namedproperty = 0;
	}
}

/*
 * libytnef prints its errors (and more) to stdout, which is klachtd
 * deliver's answer to the MTA: while it runs, stdout is a memory stream
 * (glibc lets a program assign stdout), and what it printed becomes the
 * first line of a cause.  The daemon has one thread.
 */
static int
ytnef_parse_quiet(const unsigned char *d, size_t len, TNEFStruct *t,
    char *said, size_t saidlen)
{
	FILE	*saved = stdout, *mem;
	char	*buf = NULL;
	size_t	 n = 0;
	int	 rc;

	*said = '\0';
	fflush(stdout);
	if ((mem = open_memstream(&buf, &n)) != NULL)
		stdout = mem;
	rc = TNEFParseMemory((BYTE *)(uintptr_t)d, (long)len, t);
	if (mem != NULL) {
		stdout = saved;
		fclose(mem);
		if (buf != NULL)
			snprintf(said, saidlen, "%.*s", (int)strcspn(buf, "\n"),
			    buf);
		free(buf);
	}
	return rc;
}

int
tnef_decode(const void *data, size_t len, size_t max_files, struct tnef *out,
    char **cause)
{
	TNEFStruct	*t;
	Attachment	*a;
	variableLength	*v;
	char		 cs[32], *why = NULL, said[200];
	size_t		 nattach, slen = len;
	struct bigs	 big = { NULL, 0 };
	unsigned char	*small = NULL;
	unsigned	 cp = 0;
	int		 rc;

	memset(out, 0, sizeof *out);
	if (len > TNEF_MAX_SIZE) {
		set_cause(cause, "TNEF stream of %zu bytes is too large", len);
		return -1;
	}
	if (check_stream(data, len, &nattach, &big, &why) == -1) {
		set_cause(cause, "not a well-formed TNEF stream: %s", why);
		free(why);
		free(big.v);
		return -1;
	}
	if (big.n > 0)
		small = shrink_stream(data, len, &big, &slen);
	/* TNEFInitialize() leaves Debug (and more) unset: zero it all. */
	t = xcalloc(1, sizeof *t);
	TNEFInitialize(t);
	t->Debug = 0;
	rc = ytnef_parse_quiet(small != NULL ? small : data, slen, t, said,
	    sizeof said);
	free(small);
	if (rc < 0) {
		/* check_stream() should have refused what libytnef does;
		 * if a version refuses more, the stream is kept as it is. */
		ytnef_sanitise(&t->MapiProperties);
		for (a = t->starting_attach.next; a != NULL; a = a->next)
			ytnef_sanitise(&a->MAPI);
		TNEFFree(t);
		free(t);
		free(big.v);
		set_cause(cause, "libytnef cannot read the TNEF stream "
		    "(error %d%s%s)", rc, *said != '\0' ? ": " : "", said);
		return -1;
	}
	restore_big(t, &big);
	free(big.v);
	if ((v = find_prop(&t->MapiProperties, PT_LONG,
	    PROP_INTERNET_CPID)) != NULL && v->size >= 4)
		cp = le32(v->data);
	else if (t->CodePage.size >= 4 && t->CodePage.data != NULL)
		cp = le32(t->CodePage.data);
	tnef_codepage_name(cp, cs, sizeof cs);

	out->body = body_text(t, cs, &out->body_source);
	for (a = t->starting_attach.next; a != NULL; a = a->next)
		add_file(out, max_files, a, cs);
	TNEFFree(t);
	free(t);
	return 0;
}

void
tnef_free(struct tnef *t)
{
	size_t	i;

	if (t == NULL)
		return;
	free(t->body);
	for (i = 0; i < t->nfiles; i++) {
		free(t->files[i].name);
		free(t->files[i].type);
		free(t->files[i].data);
	}
	free(t->files);
	memset(t, 0, sizeof *t);
}
