// SPDX-License-Identifier: GPL-2.0
/*
 * PFVF005: a cycle in the lock order over all entry points, the PCI
 * core's implicit edges included (device_lock(PF) -> rescan lock at
 * .sriov_configure; any lock held across pci_enable/disable_sriov() ->
 * device_lock(VF)). Two threads each holding one lock of the cycle and
 * waiting for the next deadlock; lockdep never sees the device mutexes.
 */
#include <string.h>
#include "analysis/lockgraph.h"
#include "checks/checks.h"

const struct rule_info pfvf005_info = {
	.id = "PFVF005",
	.name = "lock-order-cycle",
	.level = LEVEL_WARNING,
	.precision = "medium",
	.short_desc = "lock-order cycle (ABBA), the PCI core's implicit order included",
	.full_desc = "Two paths take the same locks in opposite orders (or a longer cycle), "
		"counting the orders the PCI core imposes: it holds the PF's device lock "
		"and the rescan lock around .sriov_configure, and takes each VF's device lock "
		"inside pci_enable_sriov()/pci_disable_sriov(). Lockdep cannot report it for "
		"device locks (novalidate class). Pick one order and keep to it.",
};

/*
 * Lockdep validates ordinary locks at run time; what it cannot see are
 * device locks (novalidate class), and the core's own edges, which it
 * sees only when both paths run. Report the cycles through one of them:
 * a device lock node (device_lock(PF), device_lock(VF of drv),
 * pci_cfg_access(...)) or an order the core imposes (no witness).
 */
static bool lockdep_blind(const struct lockgraph *g, const int_vec *cyc)
{
	size_t i;

	for (i = 0; i < cyc->n; i++) {
		const struct lg_edge *e = &g->edges.v[cyc->v[i]];

		if (!e->witness.eff || strchr(g->nodes.v[e->from], '('))
			return true;
	}
	return false;
}

void pfvf005_check(const struct analysis *an, struct findings *out, int index)
{
	const struct lockgraph *g = an->graph;
	size_t c, i;

	for (c = 0; c < g->cycles.n; c++) {
		const int_vec *cyc = &g->cycles.v[c];
		const struct lg_edge *first = NULL, *other = NULL;
		struct strbuf sb = STRBUF_INIT;

		/*
		 * X -> device_lock(VF) -> X is a lock held across an SR-IOV
		 * change that a VF callback takes: PFVF009's finding, which
		 * also checks that the VF driver can bind that PF's VFs.
		 */
		if (cyc->n == 2 &&
		    (is_vf_lock(g->nodes.v[g->edges.v[cyc->v[0]].from]) ||
		     is_vf_lock(g->nodes.v[g->edges.v[cyc->v[1]].from]))) {
			strbuf_release(&sb);
			continue;
		}
		if (!lockdep_blind(g, cyc)) {
			strbuf_release(&sb);
			continue;
		}
		for (i = 0; i < cyc->n; i++) {
			const struct lg_edge *e = &g->edges.v[cyc->v[i]];

			/* a VF taking its PF's device lock is PFVF001's finding */
			if (is_vf_lock(g->nodes.v[e->from]) &&
			    !strcmp(g->nodes.v[e->to], "device_lock(PF)"))
				break;
			if (!e->witness.eff)
				continue;
			if (!first)
				first = e;
			else if (!other)
				other = e;
		}
		if (!first || i < cyc->n) {
			strbuf_release(&sb);
			continue;	/* the core's own order only, or PFVF001's */
		}
		strbuf_addstr(&sb, "lock-order cycle ");
		for (i = 0; i < cyc->n; i++)
			strbuf_addf(&sb, "'%s' -> ", g->nodes.v[g->edges.v[cyc->v[i]].from]);
		strbuf_addf(&sb, "'%s': '%s' takes '%s' while holding '%s'",
			    g->nodes.v[g->edges.v[cyc->v[0]].from],
			    first->witness.eff->leaf_fn->name, g->nodes.v[first->to],
			    g->nodes.v[first->from]);
		if (other)
			strbuf_addf(&sb, ", '%s' takes '%s' while holding '%s'",
				    other->witness.eff->leaf_fn->name,
				    g->nodes.v[other->to], g->nodes.v[other->from]);
		else
			strbuf_addstr(&sb, ", and the PCI core takes them in the other order");
		if (other)
			findings_add_pair(out, &pfvf005_info, index, &first->witness,
					  &other->witness, strbuf_detach(&sb));
		else
			findings_add(out, &pfvf005_info, index, &first->witness,
				     strbuf_detach(&sb));
	}
}
