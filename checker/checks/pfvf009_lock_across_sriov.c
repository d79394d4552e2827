// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009: a lock held across pci_enable_sriov()/pci_disable_sriov() that
 * the VF driver's .probe/.remove takes. The core runs VF .probe/.remove
 * inside those calls, under the VF's device lock, on the same thread:
 * with the same lock instance this deadlocks at once (rtnl held across
 * pci_disable_sriov() while VF .remove calls unregister_netdev()); with
 * another instance of the class it is an ABBA through the core.
 */
#include <string.h>
#include "checks/checks.h"

const struct rule_info pfvf009_info = {
	.id = "PFVF009",
	.name = "lock-held-across-sriov-change",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "lock held across an SR-IOV change that a VF probe/remove path takes",
	.full_desc = "A lock is held across pci_enable_sriov() or pci_disable_sriov(), and the "
		"driver bound to the VFs takes the same lock class in .probe or .remove. The PCI "
		"core calls VF .probe/.remove from inside those calls, under the VF's device "
		"lock, so the thread waits for a lock it holds (or inverts the order against "
		"another thread). Drop the lock before changing SR-IOV state, or defer the VF "
		"work.",
};

struct pfvf009 {
	const struct analysis *an;
	struct rule_ctx ctx;
	const struct bound_effect *sriov;	/* the SR-IOV change being matched */
	const struct entry *pf_entry;
	bool done;
};

/* The pci_driver variable an entry belongs to: its own, or one in its TU. */
static const struct reg *driver_of(const struct program *p, const struct entry *e)
{
	size_t i;

	if (e->reg && !strcmp(e->reg->struct_type, "pci_driver"))
		return e->reg;
	for (i = 0; i < p->regs.n; i++)
		if (!strcmp(p->regs.v[i].struct_type, "pci_driver") &&
		    p->regs.v[i].tu_file == e->fn->tu_file)
			return &p->regs.v[i];
	return NULL;
}

/* The VF side: .probe for an enable, .remove for a disable. */
static void check_vf(const struct bound_effect *vf, void *arg)
{
	struct pfvf009 *st = arg;
	const struct bound_effect *s = st->sriov;
	const struct entry *v = vf->entry;
	const struct reg *pfdrv, *vfdrv;
	const char *want;
	char key[96];

	want = s->eff->api->action == A_ENABLE_SRIOV ? "probe" : "remove";
	if (st->done || vf->eff->kind != EF_ACQUIRE || vf->key.kind != LK_CLASS ||
	    !v->cb || strcmp(v->cb->struct_type, "pci_driver") ||
	    strcmp(v->cb->field, want) || v->cb->runs_for == RUNS_PF ||
	    !heldset_has(&s->held, &vf->key))
		return;
	pfdrv = driver_of(st->an->prog, st->pf_entry);
	vfdrv = v->reg;
	if (!pfdrv || !drivers_pair(st->an->prog, pfdrv->tu_file, pfdrv->var,
				    vfdrv->tu_file, vfdrv->var))
		return;
	lockkey_format(&vf->key, key, sizeof(key));
	findings_add_pair(st->ctx.out, &pfvf009_info, st->ctx.index, s, vf,
		xasprintf("'%s' is held across '%s' in '%s', and VF .%s '%s' of '%s' takes it: the PCI core runs it inside that call",
			  key, s->eff->leaf->name, s->eff->leaf_fn->name, want,
			  v->fn->name, vfdrv->var));
	st->done = true;
}

static void check_sriov(const struct bound_effect *be, void *arg)
{
	struct pfvf009 *st = arg;

	if (be->eff->kind != EF_SRIOV)
		return;
	st->sriov = be;
	st->pf_entry = be->entry;
	st->done = false;
	analysis_for_each(st->an, check_vf, st);
}

void pfvf009_check(const struct analysis *an, struct findings *out, int index)
{
	struct pfvf009 st = { an, { out, index } };

	analysis_for_each(an, check_sriov, &st);
}
