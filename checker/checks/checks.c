/* The rule table, built from rule_list.h. */
#include <strings.h>
#include "checks/checks.h"

const struct rule rules[] = {
#define RULE(id, slug) { &slug##_info, slug##_check },
#include "checks/rule_list.h"
#undef RULE
};

const size_t nrules = sizeof(rules) / sizeof(rules[0]);

const struct rule *rule_find(const char *id)
{
	size_t i;

	for (i = 0; i < nrules; i++)
		if (!strcasecmp(rules[i].info->id, id))
			return &rules[i];
	return NULL;
}

bool in_vf_callback(const struct bound_effect *be)
{
	return be->self_vf != 0 && entry_may_be_vf(be->entry) &&
	       held_self_device(&be->entry->cb->held);
}
