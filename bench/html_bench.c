/*
 * html_bench.c -- seconds html_to_text() takes on adversarial HTML (issue
 * 18 F3).  Not a test: it prints, it never fails on time.
 *
 *   bench/html-bench [MEGABYTES]      (default 8, the size html_to_text reads)
 *
 * Each shape is one unit repeated to the size; the line gives the size,
 * the seconds, the peak RSS so far and what the pre-scan handed on.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "htmlscan.h"
#include "textconv.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*head;
	const char	*unit;		/* "%zu" gets a counter */
	const char	*tail;
} shapes[] = {
	{ "attributes, one element", "<div", " a%zu=\"x\"", ">t</div>" },
	{ "attribute tag soup", "", "<div a=x", "" },
	{ "deep nesting", "", "<div>", "t" },
	{ "unclosed inline nesting", "", "<span><font>", "t" },
	{ "end-priority nesting", "", "<b><div></b>", "t" },
	{ "many elements", "", "<p>x</p>", "" },
	{ "elements with 5 attributes", "",
	  "<b style=a class=b id=c%zu href=d alt=e>y</b>", "" },
	{ "auto-closed list items", "<ul>", "<li><p>x", "" },
	{ "table soup", "<table>", "<tr><td>a<td>b", "" },
	{ "style rules", "<style>", ".c%zu,.d p>.e{display:none} ",
	  "</style><p class=e>t" },
	{ "long class list", "<style>.a.b.c{display:none}</style><p class=\"",
	  "a b ", "c\">t" },
	{ "comments", "", "<!-- <div a=x> -->x", "" },
};

int
main(int argc, char **argv)
{
	size_t			 mb = argc > 1 ? strtoul(argv[1], NULL, 10) : 8;
	size_t			 size = mb * 1024 * 1024, i, k;
	struct html_scan_stats	 st;
	struct timespec		 a, b;
	struct rusage		 ru;
	struct buf		 h;
	char			*s;
	double			 secs, worst = 0;

	textconv_init();
	for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		buf_init(&h);
		buf_adds(&h, shapes[i].head);
		for (k = 0; h.len < size - strlen(shapes[i].tail); k++)
			buf_printf(&h, shapes[i].unit, k);
		buf_adds(&h, shapes[i].tail);
		clock_gettime(CLOCK_MONOTONIC, &a);
		s = html_to_text_scan(h.data, h.len, &st);
		clock_gettime(CLOCK_MONOTONIC, &b);
		secs = (double)(b.tv_sec - a.tv_sec) +
		    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		if (secs > worst)
			worst = secs;
		getrusage(RUSAGE_SELF, &ru);
		printf("%-28s %5.1f MB %6.2f s  rss %4ld MB  elements %zu "
		    "attrs %zu (dropped %zu) depth %zu dropped-elements %zu%s\n",
		    shapes[i].name, (double)h.len / 1048576, secs,
		    ru.ru_maxrss / 1024, st.elements, st.attrs,
		    st.attrs_dropped, st.max_depth, st.elements_dropped,
		    st.cut ? " cut" : "");
		free(s);
		buf_free(&h);
	}
	printf("worst: %.2f s\n", worst);
	return 0;
}
