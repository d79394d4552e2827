/* The rule registry: each rule's metadata and its check over the analysis. */
#ifndef PFVF_CHECKS_H
#define PFVF_CHECKS_H

#include "analysis/analysis.h"
#include "report/finding.h"

struct rule {
	const struct rule_info *info;
	/** Add the rule's findings for @an to @out; @index is its ruleIndex. */
	void (*check)(const struct analysis *an, struct findings *out, int index);
};

#define RULE(id, slug) \
	extern const struct rule_info slug##_info; \
	void slug##_check(const struct analysis *an, struct findings *out, int index);
#include "checks/rule_list.h"
#undef RULE

/** What every check passes through analysis_for_each(). */
struct rule_ctx {
	struct findings *out;
	int index;
};

/**
 * True if @be's entry is a callback that may run for a VF and runs under
 * its device's own lock: the context of PFVF001 and PFVF007.
 */
bool in_vf_callback(const struct bound_effect *be);
/**
 * Report the lock graph's cycles that lockdep cannot see (@lockdep_blind:
 * through a device lock or the core's own order; PFVF005) or the others
 * (PFVF011) as findings of @info, both orders as the two paths.
 */
void report_cycles(const struct analysis *an, struct findings *out, const struct rule_info *info,
		   int index, bool lockdep_blind);

extern const struct rule rules[];
extern const size_t nrules;

/** The rule with @id (case-insensitive), or NULL. */
const struct rule *rule_find(const char *id);

#endif
