// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF007: a VF callback try-locks its PF's device lock. It cannot
 * deadlock, but it fails whenever anything else holds the PF's lock (any
 * sysfs access, reset, SR-IOV change), so the VF path fails spuriously.
 */
#include "checks/checks.h"

const struct rule_info pfvf007_info = {
	.id = "PFVF007",
	.name = "pf-device-trylock-in-vf-callback",
	.level = LEVEL_NOTE,
	.precision = "high",
	.short_desc = "trylock of the PF device lock from a VF callback",
	.full_desc = "A callback that runs under the VF's device lock try-locks the PF's "
		"device lock. This avoids the deadlock of PFVF001 but fails whenever the PF "
		"lock is busy for any reason, so the operation fails spuriously. Prefer "
		"pci_iov_get_pf_drvdata() and the PF driver's own locks.",
};

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct rule_ctx *st = arg;
	char key[96];

	if (be->eff->kind != EF_TRYLOCK || !lockkey_is_pf_device(&be->key) ||
	    !in_vf_callback(be))
		return;
	lockkey_format(&be->key, key, sizeof(key));
	findings_add(st->out, &pfvf007_info, st->index, be,
		     xasprintf("'%s' of PF device lock '%s' on the .%s path of '%s' fails whenever the PF is busy",
			       be->eff->leaf->name, key,
			       be->entry->cb->field, be->entry->fn->name));
}

void pfvf007_check(const struct analysis *an, struct findings *out, int index)
{
	struct rule_ctx st = { out, index };

	analysis_for_each(an, check_effect, &st);
}
