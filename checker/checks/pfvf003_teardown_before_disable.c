// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF003: a PF path (.remove, module exit) tears down state VF drivers
 * use (netdev, devlink, drvdata, hardware) before pci_disable_sriov().
 * VF drivers are still bound until that call returns, and
 * pci_iov_get_pf_drvdata() relies on exactly this order (seed 000).
 * The other side of the same lifetime: a PF that keeps its VFs' pci_devs
 * and uses them after pci_disable_sriov() removed those VFs.
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
		"first in .remove. Call pci_disable_sriov() before the teardown. "
		"Conversely, a VF pci_dev the PF keeps is stale once pci_disable_sriov() "
		"has removed the VFs: using it afterwards reaches a removed device (freed, "
		"unless the PF holds a reference). Use the VFs before disabling SR-IOV, "
		"and only drop the references after.",
};

/* A kept VF used where the VFs were removed. */
static void check_vf_use(const struct bound_effect *be, struct rule_ctx *st)
{
	const struct expr *vf = be->eff->vf;
	const struct heldset *h = &be->held;
	int g = heldset_find_kind(h, LK_VFS_GONE);
	struct finding *f;

	if (g < 0)
		return;
	f = findings_add(st->out, &pfvf003_info, st->index, be,
			 xasprintf("'%s' is passed the VF kept in '%s' after '%s()' removed the VFs: that pci_dev is stale",
				   be->eff->leaf->name, vf->name, h->k[g].cls));
	if (f)
		finding_note_taken(f, h, &h->k[g]);
}

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	const struct heldset *h = &be->held;
	struct finding *f;
	char what[96];
	int i;

	if (be->eff->kind == EF_VF_USE) {
		check_vf_use(be, st);
		return;
	}
	if (be->eff->kind != EF_SRIOV || be->eff->api->action != A_DISABLE_SRIOV)
		return;
	i = heldset_find_kind(h, LK_STATE);
	if (i < 0)
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
