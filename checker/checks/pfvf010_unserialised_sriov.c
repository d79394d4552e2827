// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF010: pci_enable_sriov()/pci_disable_sriov() called from a context
 * the PCI core does not serialise (module init/exit, work items,
 * netdev/devlink ops, debugfs: anything but .probe, .remove and
 * .sriov_configure) without a device lock held. Two such paths, or one
 * and sysfs sriov_numvfs, can both see VFs enabled and remove them twice.
 */
#include <stdlib.h>
#include "checks/checks.h"

const struct rule_info pfvf010_info = {
	.id = "PFVF010",
	.name = "unserialised-sriov-change",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "SR-IOV enabled or disabled outside the core's serialisation",
	.full_desc = "pci_enable_sriov() or pci_disable_sriov() is reached from a context the "
		"PCI core does not serialise against sysfs sriov_numvfs, .probe and .remove "
		"(module init or exit, a work item, a netdev, devlink or debugfs operation), "
		"with no device lock held. Two such paths can race: both see VFs enabled, both "
		"remove them. Do SR-IOV changes from .sriov_configure, or hold the PF's "
		"device_lock() around them.",
};

/* The path goes through pci_unregister_driver(): the core's .remove, locked. */
static bool through_unbind(const struct effect *e)
{
	for (; e; e = e->via)
		if (e->via && e->site->api &&
		    e->site->api->action == A_UNREGISTER_DRIVER)
			return true;
	return false;
}

static bool holds_device_lock(const struct heldset *h)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (h->k[i].kind == LK_DEVICE && !h->k[i].cls)
			return true;
	return false;
}

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	char *where;

	if (be->eff->kind != EF_SRIOV || holds_device_lock(&be->held) ||
	    through_unbind(be->eff))
		return;
	where = entry_describe(be->entry);
	findings_add(st->out, &pfvf010_info, st->index, be,
		     xasprintf("'%s' in '%s' is reached from %s with no device lock held: the PCI core does not serialise this path against sriov_numvfs, .probe or .remove",
			       be->eff->leaf->name, be->eff->leaf_fn->name, where));
	free(where);
}

void pfvf010_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
