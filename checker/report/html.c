/*
 * A single self-contained HTML page for readers without a SARIF viewer:
 * each finding with its witness path, every step with its source line.
 */
#include <stdlib.h>
#include <string.h>
#include "report/report.h"
#include "version.h"

static void esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

static void steps_html(FILE *out, const step_vec *v, const char *title)
{
	size_t i;

	fprintf(out, "<h3>%s</h3>\n<ol class=\"path\">\n", title);
	for (i = 0; i < v->n; i++) {
		const struct step *s = &v->v[i];
		char *src = source_line(s->loc.file, s->loc.line);

		fprintf(out, "<li style=\"margin-left:%dem\"><span class=\"loc\">", s->nesting * 2);
		esc(out, display_path(s->loc.file));
		fprintf(out, ":%d</span> ", s->loc.line);
		esc(out, s->message);
		if (src) {
			fputs("<pre>", out);
			esc(out, src);
			fputs("</pre>", out);
		}
		fputs("</li>\n", out);
		free(src);
	}
	fputs("</ol>\n", out);
}

int report_html(FILE *out, const struct findings *fs)
{
	size_t i;

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<title>pfvf-lockcheck: %zu finding%s</title>\n<style>\n"
		"body{font-family:sans-serif;margin:2em;max-width:72em;color:#222}\n"
		".finding{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:1em 0}\n"
		".warning{border-left:6px solid #d97706}.note{border-left:6px solid #2563eb}\n"
		".rule{font-weight:bold;font-family:monospace;margin-right:.5em}\n"
		".loc{font-family:monospace;color:#555}\n"
		"pre{background:#f6f6f6;padding:.2em .5em;margin:.2em 0;overflow-x:auto}\n"
		"ol.path{padding-left:1.5em}h3{font-size:1em;margin:.6em 0 .2em}\n"
		"</style></head><body>\n<h1>pfvf-lockcheck %s: %zu finding%s</h1>\n",
		fs->v.n, fs->v.n == 1 ? "" : "s", PFVF_VERSION, fs->v.n,
		fs->v.n == 1 ? "" : "s");
	for (i = 0; i < fs->v.n; i++) {
		const struct finding *f = &fs->v.v[i];

		fprintf(out, "<div class=\"finding %s\" id=\"f%zu\">\n<p><span class=\"rule\">%s</span>",
			f->level == LEVEL_NOTE ? "note" : "warning", i + 1, f->rule->id);
		esc(out, f->message);
		fputs("<br><span class=\"loc\">", out);
		esc(out, display_path(f->loc.file));
		fprintf(out, ":%d:%d</span></p>\n", f->loc.line, f->loc.col);
		steps_html(out, &f->steps, "Witness path");
		if (f->steps2.n)
			steps_html(out, &f->steps2, "The other path");
		fputs("</div>\n", out);
	}
	fputs("</body></html>\n", out);
	return ferror(out) ? -1 : 0;
}
