// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF002: the drvdata of another device (the PF, a device looked up
 * by bus/slot, a VF the PF keeps) read without that device's lock and
 * outside pci_iov_get_pf_drvdata(): nothing keeps the other driver bound,
 * so the pointer may be freed under the reader; and a VF's driver may not
 * be the one the reader assumes (vfio-pci), or there may be none.
 */
#include <stdlib.h>
#include "checks/checks.h"

const struct rule_info pfvf002_info = {
	.id = "PFVF002",
	.name = "foreign-drvdata-read",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "drvdata of a foreign device read without a lifetime guarantee",
	.full_desc = "pci_get_drvdata()/dev_get_drvdata() of the PF (or of a device found "
		"by lookup) is read without holding that device's lock. Nothing stops the "
		"PF driver from unbinding and freeing its drvdata meanwhile. A VF driver "
		"must use pci_iov_get_pf_drvdata(), which checks the PF's driver and relies "
		"on the PF calling pci_disable_sriov() before it frees its drvdata; taking "
		"the PF's device lock instead deadlocks (PFVF001). A PF reading the drvdata "
		"of a VF it keeps assumes the VF's driver: the VF may be bound to vfio-pci "
		"(assigned to a guest) or to no driver at all.",
};

/* The reader holds the lock of the device whose drvdata it reads. */
static bool holds_owner(const struct bound_effect *be)
{
	return (be->key.role.pf && held_pf_device(&be->held)) ||
	       heldset_has(&be->held, &be->key);
}

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	char role[48];
	char *where;

	if (be->eff->kind != EF_DRVDATA ||
	    (!be->key.role.pf && be->key.role.base != RB_OTHER && be->key.role.base != RB_VF) ||
	    holds_owner(be))
		return;
	role_format(be->key.role, role, sizeof(role));
	where = entry_describe(be->entry);
	findings_add(st->out, &pfvf002_info, st->index, be,
		     xasprintf("drvdata of %s read by '%s' without its device lock; %s (entry %s)",
			       role, be->eff->leaf_fn->name,
			       be->key.role.pf ? "use 'pci_iov_get_pf_drvdata()'"
			       : be->key.role.base == RB_VF
					? "a VF may be bound to another driver (vfio-pci) or to none"
					: "hold that device's lock or keep a reference to what you need",
			       where));
	free(where);
}

void pfvf002_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
