// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF003: a PF path (.remove, module exit) tears down state VF drivers
 * use (netdev, devlink, drvdata, hardware) before pci_disable_sriov().
 * VF drivers are still bound until that call returns, and
 * pci_iov_get_pf_drvdata() relies on exactly this order (seed 000).
 */
#include "checks/checks.h"

const struct rule_info pfvf003_info = {
	.id = "PFVF003",
	.name = "teardown-before-sriov-disable",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "PF state torn down before pci_disable_sriov()",
	.full_desc = "A PF path frees or tears down state (its netdev, devlink, drvdata, "
		"hardware resources) and only then calls pci_disable_sriov(). Until that call "
		"returns, VF drivers are bound and may use the PF through "
		"pci_iov_get_pf_drvdata(), whose safety rests on the PF disabling SR-IOV "
		"first in .remove. Call pci_disable_sriov() before the teardown.",
};

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	const struct heldset *h = &be->held;
	struct finding *f;
	char what[96];
	unsigned i;

	if (be->eff->kind != EF_SRIOV || be->eff->api->action != A_DISABLE_SRIOV)
		return;
	for (i = 0; i < h->n; i++)
		if (h->k[i].kind == LK_STATE)
			break;
	if (i == h->n)
		return;
	lockkey_format(&h->k[i], what, sizeof(what));
	f = findings_add(st->out, &pfvf003_info, st->index, be,
			 xasprintf("'%s' in '%s' runs after state was %s: VF drivers are still bound until it returns",
				   be->eff->leaf->name, be->eff->leaf_fn->name, what));
	if (f)
		finding_note_taken(f, h, &h->k[i]);
}

void pfvf003_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
