/*
 * Asking libclang which options it rejects: a tiny in-memory TU parsed with
 * the option, once per option, libclang version and target; verdicts are
 * kept in the facts database.
 */
#ifndef PFVF_PROBE_H
#define PFVF_PROBE_H

#include <stdio.h>
#include "facts/db.h"
#include "frontend/flags.h"

struct probe_stats {
	unsigned probed, cached, dropped;
	double seconds;		/* spent deciding: database look-ups and probes */
	char version[64];	/* the number of clang_getClangVersion(): "14.0.6" */
};

/**
 * Decide every verdict of @fv: read from @db when it has one for this
 * libclang, else by parsing a one-line C file with the option (and the
 * command's --target), which is dropped when libclang gives an error; new
 * verdicts are stored in @db. @db may be NULL (probe all, store nothing).
 * Returns 0 or -1 (a database error, reported).
 */
int flags_decide(struct flag_verdicts *fv, struct factsdb *db, struct probe_stats *st);

/** The --stats lines: how the options were judged, and those dropped. */
void flags_print_stats(const struct flag_verdicts *fv, const struct probe_stats *st,
		       FILE *f);

#endif
