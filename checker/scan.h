/*
 * Extraction over a TU list: reuse the facts of TUs whose hash is
 * unchanged, parse the rest (in -j worker processes), and say which TUs
 * could not be analysed.
 */
#ifndef PFVF_SCAN_H
#define PFVF_SCAN_H

#include <stdbool.h>
#include "facts/db.h"
#include "frontend/compdb.h"
#include "report/report.h"

struct scan_opts {
	int jobs;
	int tu_timeout;		/* seconds one TU may take to parse (0: 300) */
	bool progress;		/* a progress line on stderr (a terminal) */
};

struct scan_result {
	VEC(int64_t) tu_ids;		/* every TU of the list with facts */
	VEC(struct tu_problem) problems;	/* TUs with errors (strings owned) */
	unsigned parsed, cached;
	unsigned with_errors;	/* analysed, but functions after an error may be missing */
	unsigned failed;	/* not analysed at all */
};

/** Bring the facts of every TU in @tus up to date. Returns 0 or -1. */
int scan_run(struct factsdb *db, const struct tu_list *tus,
	     const struct scan_opts *o, struct scan_result *r);
/** Fill @r with every TU of @db and its problems, parsing nothing. */
int scan_from_db(struct factsdb *db, struct scan_result *r);
void scan_result_release(struct scan_result *r);

#endif
