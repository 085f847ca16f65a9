/*
 * report_write.h -- the complaints report and the yearly register written
 * out: text, CSV and JSON (report_write.c) and one self-contained HTML
 * page (report_html.c), from the figures of report.h.  The writers depend
 * on the figures, never the other way round; report_write.c hands the
 * HTML form to report_html.c, which needs nothing from report_write.c.
 * Every writer appends to a struct buf and does no I/O.
 */
#ifndef KLACHT_REPORT_WRITE_H
#define KLACHT_REPORT_WRITE_H

#include "report.h"

enum report_format { REPORT_TEXT, REPORT_CSV, REPORT_JSON, REPORT_HTML };
/* "text", "csv", "json", "html"; 0/-1. */
int		 report_format_parse(const char *, enum report_format *);

/* ------------------------------------------------------ report_write.c */

/* Writers: append the report to b. */
void		 report_write(struct buf *, const struct report *,
		    enum report_format);
void		 report_text(struct buf *, const struct report *);
void		 report_csv(struct buf *, const struct report *);
void		 report_json(struct buf *, const struct report *);

/*
 * The yearly register of complaints for publication (Awb 9:12a): one row
 * per case received in the period (and category), ordered by reference,
 * with reference, date received, category, judgement, date decided and
 * handling time in days -- and nothing else: no names, addresses,
 * subjects or texts.
 */
void		 report_register(struct buf *, const struct report_input *,
		    enum report_format);

/* ------------------------------------------------------- report_html.c */

/* One self-contained page, charts as inline SVG, no scripts, fonts or
 * images from anywhere. */
void		 report_html(struct buf *, const struct report *);
/* The register as an HTML page: rows as report_register_rows() gives
 * them. */
void		 report_register_html(struct buf *,
		    const struct report_input *, const struct report_case **,
		    size_t);

#endif
