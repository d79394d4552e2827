/* --with-sparse: sparse's context checking, folded into our report. */
#ifndef PFVF_SPARSE_H
#define PFVF_SPARSE_H

#include "frontend/compdb.h"
#include "report/finding.h"

extern const struct rule_info sparse_context_rule;

/**
 * Run sparse on every TU of @tus (@jobs at once) with kbuild's checker
 * flags and the TU's own, and add its context warnings (imbalance,
 * unexpected unlock, requirement not met) to @fs, once per location.
 * Returns 0, or -1 if sparse cannot be run.
 */
int sparse_check(const struct tu_list *tus, int jobs, struct findings *fs,
		 struct strpool *pool);

/**
 * kbuild's checker line, handed to sparse as it is (CHECK="pfvf-lockcheck
 * --with-sparse --kbuild" stands in for sparse): its output goes straight
 * through. Returns sparse's exit status, or -1.
 */
int sparse_passthrough(char *const *args, size_t nargs);

#endif
