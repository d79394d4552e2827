/*
 * gcc-style text: what Vim's quickfix, Emacs' compilation mode and CI
 * problem matchers parse. gcc has only error, warning and note, and 'note:'
 * is taken by the witness steps, so a note-level finding (PFVF007) prints
 * as 'warning:' (clang's 'remark:' reads as an error in Emacs and is
 * skipped by VS Code's $gcc matcher); SARIF keeps its level, note.
 */
#include "report/report.h"

static const char *level_word(enum level l)
{
	switch (l) {
	case LEVEL_ERROR:
		return "error";
	default:
		return "warning";
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
