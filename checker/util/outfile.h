/*
 * Output files written whole or not at all: the report goes to a temporary
 * file next to its target and is renamed over it only when every byte is
 * written, so a full disk or a failed writer leaves the previous report
 * (which a CI job or an editor may be reading) as it was.
 */
#ifndef PFVF_OUTFILE_H
#define PFVF_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *f;		/* where to write; stdout when no path was given */
	char *path, *tmp;
};

/** Open @path for writing (NULL: stdout); error and -1 if it cannot be. */
int outfile_open(struct outfile *o, const char *path);
/**
 * Finish a report: flush it and move it into place. @ok is false when the
 * writer failed; then, or when flushing fails, the file is removed and
 * -1 returned after an error naming the path.
 */
int outfile_close(struct outfile *o, int ok);
/** Drop an unfinished report (the scan failed before writing it). */
void outfile_discard(struct outfile *o);

#endif
