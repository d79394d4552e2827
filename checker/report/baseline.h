/* A previous SARIF report as a baseline: which findings are new (CI gate). */
#ifndef PFVF_BASELINE_H
#define PFVF_BASELINE_H

#include <jansson.h>
#include "report/finding.h"

struct baseline {
	json_t *root;		/* the old log */
	json_t *results;	/* its results, borrowed from root */
};

/** Read @path. Returns 0, or -1 with the problem reported. */
int baseline_load(struct baseline *b, const char *path);
/** Mark each finding new or unchanged (fingerprint 'pfvfLockcheck/v1'). */
void baseline_mark(const struct baseline *b, struct findings *fs);
/** The old results no finding matches, copied, with baselineState 'absent'. */
json_t *baseline_absent(const struct baseline *b, const struct findings *fs);
void baseline_release(struct baseline *b);

#endif
