/*
 * gcc-style text: what Vim's quickfix, Emacs' compilation mode and CI
 * problem matchers parse. Note-level findings print as 'remark:' so they
 * are not mistaken for a witness 'note:' of the finding above them.
 */
#include "report/report.h"

static const char *level_word(enum level l)
{
	switch (l) {
	case LEVEL_ERROR:
		return "error";
	case LEVEL_WARNING:
		return "warning";
	default:
		return "remark";
	}
}

int report_text(FILE *out, const struct findings *fs)
{
	size_t i, j;

	for (i = 0; i < fs->v.n; i++) {
		const struct finding *f = &fs->v.v[i];

		if (f->baseline == BASELINE_UNCHANGED)
			continue;
		fprintf(out, "%s:%d:%d: %s: %s [%s]\n", display_path(f->loc.file),
			f->loc.line, f->loc.col, level_word(f->level),
			f->message, f->rule->id);
		for (j = 0; j < f->steps.n + f->steps2.n; j++) {
			const struct step *s = j < f->steps.n ? &f->steps.v[j]
						: &f->steps2.v[j - f->steps.n];

			fprintf(out, "%s:%d:%d: note: %s%s\n",
				display_path(s->loc.file), s->loc.line,
				s->loc.col, j == f->steps.n ? "and: " : "",
				s->message);
		}
	}
	return ferror(out) ? -1 : 0;
}
