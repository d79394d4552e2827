/* --diff: the lines a change touches, to keep findings whose path crosses one. */
#ifndef PFVF_DIFF_H
#define PFVF_DIFF_H

#include <stdbool.h>
#include <stdio.h>
#include "report/finding.h"

struct diff_range {
	char *file;		/* absolute */
	int first, last;	/* lines of the new file, inclusive */
};

struct diffmap {
	struct diff_range *v;
	size_t n, alloc;
};

/**
 * Read a unified diff from @in (paths relative to @root): every added or
 * changed line of the new files, and the line where lines were deleted.
 * Returns 0 or -1 (reported).
 */
int diffmap_read(struct diffmap *d, FILE *in, const char *root);
/**
 * The diff of @range (e.g. 'origin/master..HEAD') in the git repository
 * at @dir, or a unified diff on stdin when @range is '-'. Returns 0 or -1.
 */
int diffmap_load(struct diffmap *d, const char *range, const char *dir);
/** True if @f's primary location or a step of its paths is a changed line. */
bool diffmap_touches(const struct diffmap *d, const struct finding *f);
void diffmap_release(struct diffmap *d);

#endif
