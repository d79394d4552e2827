// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF011: a lock-order cycle among ordinary locks (no device lock, no
 * order only the core imposes), across all entry points. Lockdep reports
 * it too, but only in a boot that runs both paths; a static checker sees
 * both orders at once (one on the .sriov_configure path, the other from an
 * ndo callback through a helper in another file).
 */
#include "checks/checks.h"

const struct rule_info pfvf011_info = {
	.id = "PFVF011",
	.name = "ordinary-lock-order-cycle",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "lock-order cycle (ABBA) among ordinary locks",
	.full_desc = "Two paths take the same locks in opposite orders (or a longer cycle). "
		"Lockdep reports this at run time only when both paths run in one boot; "
		"both are here. Locks are told apart by class (a struct member, a global), "
		"so two instances of one class count as one. Pick one order and keep to it.",
};

void pfvf011_check(const struct analysis *an, struct findings *out, int index)
{
	report_cycles(an, out, &pfvf011_info, index, false);
}
