// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF009: a lock held across pci_enable_sriov()/pci_disable_sriov() that
 * the VF driver's .probe/.remove takes. The core runs VF .probe/.remove
 * inside those calls, under the VF's device lock, on the same thread:
 * with the same lock this deadlocks at once (rtnl held across
 * pci_disable_sriov() while VF .remove calls unregister_netdev()). A
 * member of a per-device struct is, for the VF, likely its own instance
 * of the class: lockdep reports the nesting as recursive locking, and it
 * deadlocks only if the VF reaches the PF's. Classes whose instances
 * lockdep tells apart (devlink's) are no finding.
 */
#include <string.h>
#include "analysis/role.h"
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
	const struct reg *pfdrv;
	struct bound_effect best;		/* the likeliest VF driver's acquisition */
	size_t best_score;
	unsigned best_why;			/* PAIR_* evidence for it */
};

static const char *want_field(const struct bound_effect *sriov)
{
	return sriov->eff->api->action == A_ENABLE_SRIOV ? "probe" : "remove";
}

/*
 * The VF side: .probe for an enable, .remove for a disable, of a driver
 * that can bind this PF's VFs, taking a lock held across the change.
 * Among several such drivers the one named most like the PF's wins
 * (ixgbe -> ixgbevf).
 */
static void check_vf(const struct bound_effect *vf, void *arg)
{
	struct pfvf009 *st = arg;
	const struct entry *v = vf->entry;
	size_t score;
	unsigned why;

	/* a class whose instances are told apart: the VF takes its own */
	if (vf->eff->kind != EF_ACQUIRE || vf->key.kind != LK_CLASS ||
	    model_instance_class(st->an->prog->model, vf->key.cls) ||
	    !v->cb || !v->reg || strcmp(v->cb->struct_type, "pci_driver") ||
	    strcmp(v->cb->field, want_field(st->sriov)) ||
	    vf->self_vf == 0 || !heldset_has(&st->sriov->held, &vf->key))
		return;
	score = pair_score(st->an->prog, st->pfdrv->tu_file, st->pfdrv->var,
			   v->reg->tu_file, v->reg->var, &why);
	if (score > st->best_score) {
		st->best = *vf;
		st->best_score = score;
		st->best_why = why;
	}
}

/* Is any driver of the scan paired with @pf's VFs (itself included)? */
static bool vf_driver_in_scan(const struct program *p, const struct reg *pf)
{
	size_t i;
	unsigned why;

	for (i = 0; i < p->regs.n; i++)
		if (!strcmp(p->regs.v[i].struct_type, "pci_driver") &&
		    pair_score(p, pf->tu_file, pf->var, p->regs.v[i].tu_file, p->regs.v[i].var, &why))
			return true;
	return false;
}

static void check_sriov(const struct bound_effect *be, void *arg)
{
	struct pfvf009 *st = arg;
	const struct bound_effect *vf = &st->best;
	struct finding *f;
	char key[96];
	bool member;

	if (be->eff->kind != EF_SRIOV || be->self_vf == 1)
		return;		/* a VF has no VFs */
	st->sriov = be;
	st->pfdrv = entry_driver(be->entry);
	st->best_score = 0;
	if (!st->pfdrv)
		return;
	if (!vf_driver_in_scan(st->an->prog, st->pfdrv)) {
		findings_notice(st->ctx.out, xasprintf("PFVF009 not checked for '%s': no VF driver in the scan "
						       "that the code pairs with it (scan its VF driver too)",
						       st->pfdrv->var));
		return;
	}
	analysis_for_each(st->an, check_vf, st);
	if (!st->best_score)
		return;
	lockkey_format(&vf->key, key, sizeof(key));
	member = vf->key.cls && strstr(vf->key.cls, "::");
	f = findings_add_pair(st->ctx.out, &pfvf009_info, st->ctx.index, be, vf,
		xasprintf("'%s' is held across '%s' in '%s', and VF .%s '%s' of '%s' takes %s: the PCI core runs it inside that call%s",
			  key, be->eff->leaf->name, be->eff->leaf_fn->name,
			  want_field(be), vf->entry->fn->name, vf->entry->reg->var,
			  member ? "that class" : "it",
			  member ? " (lockdep: recursive locking; a deadlock if the VF's is the PF's instance)"
				 : ""));
	if (f) {
		char why[160];

		finding_note_taken(f, &be->held, &vf->key);
		finding_note(f, vf->entry->reg->file, vf->entry->reg->line, vf->entry->reg->col,
			     xasprintf("'%s' binds the VFs of '%s': %s", vf->entry->reg->var,
				       st->pfdrv->var, pair_why(st->best_why, why, sizeof(why))));
	}
}

void pfvf009_check(const struct analysis *an, struct findings *out, int index)
{
	struct pfvf009 st = { an, { out, index } };

	analysis_for_each(an, check_sriov, &st);
}
