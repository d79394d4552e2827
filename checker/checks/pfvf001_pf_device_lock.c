// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF001: a callback that runs under its own device lock (and may run for
 * a VF) takes the device lock of its PF. The core takes the PF's lock
 * first and the VF's second (sriov_numvfs -> .sriov_configure ->
 * pci_disable_sriov -> VF .remove), so this self-deadlocks or inverts.
 */
#include "checks/checks.h"

const struct rule_info pfvf001_info = {
	.id = "PFVF001",
	.name = "pf-device-lock-in-vf-callback",
	.level = LEVEL_WARNING,
	.precision = "high",
	.short_desc = "PF device lock taken from a VF callback",
	.full_desc = "A callback that the PCI core calls with the VF's device lock held "
		"(probe, remove, shutdown, error handlers, reset) takes the device lock of "
		"the PF. The core holds the PF's lock while it enables or disables VFs and "
		"takes each VF's lock inside it, so this deadlocks when SR-IOV is disabled "
		"and inverts the lock order otherwise. Lockdep cannot see it: device mutexes "
		"are in its novalidate class.",
};

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	char key[96];

	if (be->eff->kind != EF_ACQUIRE || !lockkey_is_pf_device(&be->key) ||
	    !in_vf_callback(be))
		return;
	lockkey_format(&be->key, key, sizeof(key));
	findings_add(st->out, &pfvf001_info, st->index, be,
		     xasprintf("PF device lock '%s' taken with '%s' on the .%s path of '%s', which runs with its own device lock held",
			       key, be->eff->leaf->name,
			       be->entry->cb->field, be->entry->fn->name));
}

void pfvf001_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
