// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF006: a callee states a lock requirement (lockdep_assert_held(),
 * devl_assert_locked(), device_lock_assert()) that some path from a core
 * callback does not meet: on that path the lock is not held at all, so
 * the data it protects is used unlocked (seed 003's Xen assertion; mlx5's
 * error path after a failed pci_enable_sriov()).
 */
#include "checks/checks.h"

const struct rule_info pfvf006_info = {
	.id = "PFVF006",
	.name = "required-lock-not-held",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "a callee's lock requirement is not met on some path",
	.full_desc = "A function asserts that its caller holds a lock (lockdep_assert_held(), "
		"devl_assert_locked(), device_lock_assert()), and a path from a callback the "
		"PCI core calls reaches it without that lock held on every path. With lockdep "
		"the assertion fires; without it the data is used unlocked. Error paths count: "
		"a cleanup call after a failed pci_enable_sriov() is a path too.",
};

/*
 * Xen's pci_get_pdev(d, sbdf) is satisfied by the domain's pci_lock too,
 * but only when it is given a domain (not NULL).
 */
static bool alternative_held(const struct bound_effect *be)
{
	const struct api *a = be->eff->api;
	const struct event *leaf = be->eff->leaf;
	struct lockkey k = { LK_CLASS };

	if (!a->alt_cls)
		return false;
	if (a->alt_arg >= 0 && (a->alt_arg >= leaf->nargs ||
				leaf->args[a->alt_arg]->kind == X_CONST))
		return false;
	k.cls = a->alt_cls;
	return heldset_has(&be->held, &k);
}

/* Does @f itself take or release a lock of @k's class (on some path)? */
static bool handles_class(const struct program *p, const struct func *f, const struct lockkey *k)
{
	int i;

	for (i = 0; i < f->nevents; i++) {
		const struct api *a = f->events[i].api;

		struct lockkey h;

		if (!a || (a->action != A_ACQUIRE && a->action != A_RELEASE && a->action != A_TRYLOCK))
			continue;
		h = api_key(p->model, &f->events[i]);
		if (h.kind == k->kind && h.cls == k->cls)
			return true;
	}
	return false;
}

/*
 * Where the fix goes: the call toward the requirement made by the
 * outermost function on the path that handles that lock (it takes or
 * drops it on some path: the error path that forgot to). NULL when no
 * function on the path does: then nothing takes the lock anywhere on the
 * way, and the finding stays at the requirement's own call, one for every
 * path to it (not one per entry point).
 */
static const struct effect *fix_site(const struct program *p, const struct bound_effect *be)
{
	const struct effect *e;

	for (e = be->eff; e->via; e = e->via)
		if (handles_class(p, e->fn, &e->via->key))
			return e;
	return NULL;
}

struct pfvf006 {
	struct findings *out;
	int index;
	const struct analysis *an;
};

static void check_effect(const struct bound_effect *be, void *arg)
{
	struct pfvf006 *st = arg;
	const struct effect *at;
	char key[96];

	/*
	 * Only where the model says what the core holds: a function with no
	 * caller in the scan may well be called with the lock held.
	 */
	if (be->eff->kind == EF_ASSERT_NOT_HELD && be->entry->cb &&
	    heldset_has(&be->held, &be->key)) {
		lockkey_format(&be->key, key, sizeof(key));
		findings_add(st->out, &pfvf006_info, st->index, be,
			     xasprintf("'%s' requires '%s' not held ('%s'), but it is held on this path from '%s' (.%s)",
				       be->eff->leaf_fn->name, key, be->eff->leaf->name,
				       be->entry->fn->name, be->entry->cb->field));
		return;
	}
	/* a full held set may have dropped the lock: no proof it is missing */
	if (be->eff->kind != EF_ASSERT || be->eff->api->rule || !be->entry->cb ||
	    be->held.n == HELD_MAX || heldset_has(&be->held, &be->key) ||
	    alternative_held(be))
		return;
	lockkey_format(&be->key, key, sizeof(key));
	at = fix_site(st->an->prog, be);
	if (at)
		findings_add_at(st->out, &pfvf006_info, st->index, be, at,
				xasprintf("'%s' calls '%s' without '%s', which '%s' requires ('%s') on this path from '%s' (.%s)",
					  at->fn->name, at->site->name, key, be->eff->leaf_fn->name,
					  be->eff->leaf->name, be->entry->fn->name, be->entry->cb->field));
	else
		findings_add(st->out, &pfvf006_info, st->index, be,
			     xasprintf("'%s' requires '%s' ('%s'), not held on this path from '%s' (.%s)",
				       be->eff->leaf_fn->name, key, be->eff->leaf->name,
				       be->entry->fn->name, be->entry->cb->field));
}

void pfvf006_check(const struct analysis *an, struct findings *out, int index)
{
	struct pfvf006 st = { out, index, an };

	analysis_for_each(an, check_effect, &st);
}
