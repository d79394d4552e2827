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

extern const struct rule rules[];
extern const size_t nrules;

/** The rule with @id (case-insensitive), or NULL. */
const struct rule *rule_find(const char *id);

#endif
