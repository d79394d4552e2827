// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF004: the rescan/remove lock is inconsistent on a path (seed 002).
 * A driver's .probe/.remove runs with pci_rescan_remove_lock held on the
 * bus-scan, sysfs remove and hot-unplug paths but not on bind/unbind, so
 * taking it there deadlocks on the first kind; and removing devices (a
 * VF with pci_iov_remove_virtfn(), any with
 * pci_stop_and_remove_bus_device()) needs it held.
 */
#include <string.h>
#include "checks/checks.h"

const struct rule_info pfvf004_info = {
	.id = "PFVF004",
	.name = "rescan-remove-lock-inconsistent",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "pci_rescan_remove_lock taken where the core may hold it, or missing where devices are removed",
	.full_desc = "The PCI core calls .probe and .remove with pci_rescan_remove_lock held "
		"on some paths (bus scan, sysfs remove, hot-unplug, EEH) and without it on "
		"others (sysfs bind/unbind, module load/unload). Taking it in those callbacks "
		"deadlocks on the first kind of path; removing a device "
		"(pci_stop_and_remove_bus_device(), pci_iov_remove_virtfn()) without it races "
		"with rescans on the second.",
};

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	const struct callback *cb = be->entry->cb;
	char key[96];

	lockkey_format(&be->key, key, sizeof(key));
	if (be->eff->kind == EF_ACQUIRE && cb && heldset_has(&cb->maybe_held, &be->key)) {
		findings_add(st->out, &pfvf004_info, st->index, be,
			     xasprintf("'%s' takes '%s' in the .%s path of '%s', but %s may already hold it",
				       be->eff->leaf_fn->name, key, cb->field,
				       be->entry->fn->name, cb->caller));
		return;
	}
	if (be->eff->kind == EF_ASSERT && be->eff->api->rule &&
	    !strcmp(be->eff->api->rule, pfvf004_info.id) &&
	    !heldset_has(&be->held, &be->key))
		findings_add(st->out, &pfvf004_info, st->index, be,
			     xasprintf("'%s' removes a device without '%s' held on this path from '%s'",
				       be->eff->leaf->name, key, be->entry->fn->name));
}

void pfvf004_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
