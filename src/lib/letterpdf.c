/*
 * letterpdf.c -- a letter as an A4 PDF, with cairo and pango.
 *
 * For complainants without email the letter goes on paper, folded into
 * a window envelope, so the page keeps to DIN 5008 form B -- the layout
 * Dutch window envelopes (NEN 1026, left window) are cut for.  All
 * measurements from the top left corner of the A4 sheet (210 x 297 mm):
 *
 *   letterhead            0 - 45 mm: logo left, organisation right
 *   address field         20 mm from the left, 45 mm from the top,
 *                         85 x 45 mm (what the window shows):
 *     return address      45 - 50 mm, one line in 7 pt
 *     (notes zone)        50 - 62.7 mm, left empty
 *     addressee           62.7 - 90 mm, at most 6 lines in 10 pt;
 *                         text starts 5 mm inside the field (25 mm)
 *   information block     125 mm from the left, 50 mm from the top:
 *                         our reference, the date
 *   subject               98.4 mm from the top, bold
 *   text                  25 mm left margin, 20 mm right margin
 *                         (165 mm wide), from 108.4 mm on the first
 *                         page and 25 mm on the next, down to 272 mm
 *   page number           282 mm, right-aligned: "Pagina 1 van 2"
 *   fold marks            105 mm and 210 mm (fold in three), punch
 *                         mark 148.5 mm, at the left edge
 *
 * Text is set with pango in DejaVu Sans (fonts-dejavu-core, found by
 * fontconfig) at 72 dpi, so a pango point is a PDF point; it is only
 * ever set as text, never as markup, so nothing in a letter can change
 * the layout.  The body is wrapped at words (inside a word only when a
 * word is wider than the line) and broken over pages line by line; the
 * first pass counts the pages for "van N", the second draws them.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "letterpdf.h"
#include "util.h"

#define MM(x)		((x) * 72.0 / 25.4)
#define PAGE_W		MM(210)
#define PAGE_H		MM(297)
#define TEXT_X		MM(25)
#define TEXT_W		MM(165)
#define FIELD_X		MM(20)
#define FIELD_W		MM(85)
#define RETURN_Y	MM(45.8)
#define ADDR_Y		MM(62.7)
#define ADDR_LINES	6
#define INFO_X		MM(125)
#define INFO_Y		MM(50)
#define INFO_W		MM(65)
#define HEAD_Y		MM(12)
#define LOGO_W		MM(60)
#define LOGO_H		MM(25)
#define SUBJECT_Y	MM(98.4)
#define BODY_Y1		MM(108.4)
#define BODY_YN		MM(25)
#define BODY_END	MM(272)
#define FOOT_Y		MM(282)

#define FONT		"DejaVu Sans"

struct doc {
	const struct letter	*l;
	cairo_t			*cr;
	PangoContext		*pc;
	cairo_surface_t		*logo;
	char			*return_line;
	int			 pages;		/* total, from the first pass */
};

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A copy that is valid UTF-8 (g_free). */
static char *
valid(const char *s)
{
	return g_utf8_make_valid(s != NULL ? s : "", -1);
}

/* A layout of text in font ("DejaVu Sans 10"), wrapped at width points
 * (0 = no wrapping).  Caller unrefs. */
static PangoLayout *
text_layout(struct doc *d, const char *font, double width, const char *text)
{
	PangoLayout		*pl = pango_layout_new(d->pc);
	PangoFontDescription	*fd = pango_font_description_from_string(font);
	char			*v = valid(text);

	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(pl, v, -1);
	g_free(v);
	return pl;
}

/* Draws text with its top left corner at x, y. */
static void
show(struct doc *d, const char *font, double x, double y, double width,
    const char *text)
{
	PangoLayout *pl = text_layout(d, font, width, text);

	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, pl);
	g_object_unref(pl);
}

static void
grey(cairo_t *cr, double v)
{
	cairo_set_source_rgb(cr, v, v, v);
}

/* The first page: letterhead, window, information block, subject. */
static void
first_page(struct doc *d)
{
	const struct letter	*l = d->l;
	cairo_t			*cr = d->cr;
	PangoLayout		*pl;
	struct buf		 b;
	double			 w, h, s;
	size_t			 i;
	int			 en = lang_is_en(l->lang);

	if (d->logo != NULL) {
		w = cairo_image_surface_get_width(d->logo);
		h = cairo_image_surface_get_height(d->logo);
		s = LOGO_W / w < LOGO_H / h ? LOGO_W / w : LOGO_H / h;
		cairo_save(cr);
		cairo_translate(cr, TEXT_X, HEAD_Y);
		cairo_scale(cr, s, s);
		cairo_set_source_surface(cr, d->logo, 0, 0);
		cairo_paint(cr);
		cairo_restore(cr);
	}
	grey(cr, 0);
	show(d, FONT " Bold 13", INFO_X, HEAD_Y, INFO_W, l->org_name);
	buf_init(&b);
	for (i = 0; i < l->norg_postal; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", l->org_postal[i]);
	if (l->org_email != NULL)
		buf_printf(&b, "%s%s", b.len ? "\n" : "", l->org_email);
	grey(cr, 0.25);
	show(d, FONT " 8", INFO_X, HEAD_Y + MM(7), INFO_W, b.data);
	buf_free(&b);

	/* The return address, small and underlined, on the window's top
	 * line; cut with an ellipsis rather than wrapped out of it. */
	pl = text_layout(d, FONT " 7", 0, d->return_line);
	pango_layout_set_width(pl, (int)((FIELD_W - MM(5)) * PANGO_SCALE));
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	cairo_move_to(cr, TEXT_X, RETURN_Y);
	pango_cairo_show_layout(cr, pl);
	cairo_set_line_width(cr, 0.4);
	{
		PangoRectangle	ink;

		pango_layout_get_extents(pl, NULL, &ink);
		cairo_move_to(cr, TEXT_X, RETURN_Y + (double)ink.height /
		    PANGO_SCALE + 0.8);
		cairo_rel_line_to(cr, (double)ink.width / PANGO_SCALE, 0);
		cairo_stroke(cr);
	}
	g_object_unref(pl);

	/* The addressee: name, then the address lines, at most six lines
	 * so nothing hides under the window's edge. */
	buf_init(&b);
	if (l->to_name != NULL && *l->to_name != '\0')
		buf_adds(&b, l->to_name);
	if (l->to_address != NULL && *l->to_address != '\0')
		buf_printf(&b, "%s%s", b.len ? "\n" : "", l->to_address);
	grey(cr, 0);
	pl = text_layout(d, FONT " 10", FIELD_W - MM(5), b.data);
	buf_free(&b);
	pango_layout_set_height(pl, -ADDR_LINES);
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	cairo_move_to(cr, TEXT_X, ADDR_Y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);

	grey(cr, 0.35);
	show(d, FONT " 7.5", INFO_X, INFO_Y, INFO_W, en ? "Our reference" :
	    "Ons kenmerk");
	show(d, FONT " 7.5", INFO_X, INFO_Y + MM(10), INFO_W, en ? "Date" :
	    "Datum");
	grey(cr, 0);
	show(d, FONT " 10", INFO_X, INFO_Y + MM(3.5), INFO_W, l->reference);
	show(d, FONT " 10", INFO_X, INFO_Y + MM(13.5), INFO_W, l->date);

	if (l->subject != NULL && *l->subject != '\0')
		show(d, FONT " Bold 10", TEXT_X, SUBJECT_Y, TEXT_W, l->subject);

	/* Fold marks (in three) and the punch mark, at the left edge. */
	grey(cr, 0.5);
	cairo_set_line_width(cr, 0.3);
	cairo_move_to(cr, MM(3), MM(105));
	cairo_line_to(cr, MM(8), MM(105));
	cairo_move_to(cr, MM(3), MM(210));
	cairo_line_to(cr, MM(8), MM(210));
	cairo_move_to(cr, MM(3), MM(148.5));
	cairo_line_to(cr, MM(10), MM(148.5));
	cairo_stroke(cr);
	grey(cr, 0);
}

/* Continuation pages name the organisation and the reference. */
static void
next_page(struct doc *d)
{
	char	*s = xasprintf("%s \xe2\x80\x94 %s", d->l->org_name,
		    d->l->reference);

	grey(d->cr, 0.35);
	show(d, FONT " 7.5", TEXT_X, HEAD_Y, TEXT_W, s);
	grey(d->cr, 0);
	free(s);
}

/* "Pagina 2 van 3", right-aligned under the text, then the next sheet. */
static void
end_page(struct doc *d, int page)
{
	PangoLayout	*pl;
	char		*s;
	int		 en = d->l->lang != NULL && !strcmp(d->l->lang, "en");

	s = xasprintf(en ? "Page %d of %d" : "Pagina %d van %d", page,
	    d->pages);
	pl = text_layout(d, FONT " 7.5", TEXT_W, s);
	free(s);
	pango_layout_set_alignment(pl, PANGO_ALIGN_RIGHT);
	grey(d->cr, 0.35);
	cairo_move_to(d->cr, TEXT_X, FOOT_Y);
	pango_cairo_show_layout(d->cr, pl);
	grey(d->cr, 0);
	g_object_unref(pl);
	cairo_show_page(d->cr);
}

/*
 * Sets the body line by line: a line that would pass BODY_END starts a
 * new page.  Without draw it only counts; returns the number of pages.
 */
static int
body(struct doc *d, PangoLayout *pl, int draw)
{
	PangoLayoutIter	*it = pango_layout_get_iter(pl);
	PangoRectangle	 lr;
	double		 top = BODY_Y1, off = 0, ly, lh, base;
	int		 page = 1;

	if (draw)
		first_page(d);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		ly = (double)lr.y / PANGO_SCALE;
		lh = (double)lr.height / PANGO_SCALE;
		if (top + ly - off + lh > BODY_END && ly > off) {
			if (draw) {
				end_page(d, page);
				next_page(d);
			}
			page++;
			top = BODY_YN;
			off = ly;
		}
		if (!draw)
			continue;
		base = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		cairo_move_to(d->cr, TEXT_X + (double)lr.x / PANGO_SCALE,
		    top + base - off);
		pango_cairo_show_layout_line(d->cr,
		    pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (draw)
		end_page(d, page);
	return page;
}

static cairo_surface_t *
logo_load(const char *path, char **cause)
{
	cairo_surface_t	*s = cairo_image_surface_create_from_png(path);
	cairo_status_t	 st = cairo_surface_status(s);

	if (st != CAIRO_STATUS_SUCCESS) {
		set_cause(cause, "organisation.logo: %s: %s", path,
		    st == CAIRO_STATUS_FILE_NOT_FOUND ? "no such file" :
		    st == CAIRO_STATUS_READ_ERROR ? "cannot read it" :
		    cairo_status_to_string(st));
		cairo_surface_destroy(s);
		return NULL;
	}
	if (cairo_image_surface_get_width(s) < 1 ||
	    cairo_image_surface_get_height(s) < 1) {
		set_cause(cause, "organisation.logo: %s: empty image", path);
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

int
letter_logo_check(const char *path, char **cause)
{
	cairo_surface_t	*s = logo_load(path, cause);

	if (s == NULL)
		return -1;
	cairo_surface_destroy(s);
	return 0;
}

int
letter_pdf(const struct letter *l, char **pdf, size_t *len, int *pages,
    char **cause)
{
	cairo_surface_t		*surface;
	cairo_font_options_t	*fo;
	cairo_status_t		 st;
	PangoLayout		*pl;
	struct doc		 d;
	struct buf		 out, ret;
	size_t			 i;

	memset(&d, 0, sizeof d);
	d.l = l;
	if (l->logo != NULL && (d.logo = logo_load(l->logo, cause)) == NULL)
		return -1;
	buf_init(&ret);
	buf_adds(&ret, l->org_name);
	for (i = 0; i < l->norg_postal; i++)
		buf_printf(&ret, " \xc2\xb7 %s", l->org_postal[i]);
	d.return_line = buf_detach(&ret, NULL);

	buf_init(&out);
	surface = cairo_pdf_surface_create_for_stream(write_buf, &out, PAGE_W,
	    PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
	    l->subject != NULL ? l->subject : l->reference);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
	    l->org_name);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
	    "klachtd " PACKAGE_VERSION);
	d.cr = cairo_create(surface);
	d.pc = pango_cairo_create_context(d.cr);
	/* Points, not screen pixels; unhinted metrics lay out the same
	 * wherever the PDF is made. */
	pango_cairo_context_set_resolution(d.pc, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d.pc, fo);
	cairo_font_options_destroy(fo);

	pl = text_layout(&d, FONT " 10", TEXT_W, l->body);
	pango_layout_set_spacing(pl, (int)(1.5 * PANGO_SCALE));
	d.pages = body(&d, pl, 0);
	body(&d, pl, 1);
	g_object_unref(pl);

	g_object_unref(d.pc);
	cairo_destroy(d.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (d.logo != NULL)
		cairo_surface_destroy(d.logo);
	free(d.return_line);
	if (st != CAIRO_STATUS_SUCCESS) {
		set_cause(cause, "PDF letter %s: %s", l->reference,
		    cairo_status_to_string(st));
		buf_free(&out);
		return -1;
	}
	if (pages != NULL)
		*pages = d.pages;
	*pdf = buf_detach(&out, len);
	return 0;
}
