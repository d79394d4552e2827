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
 * sees only when both paths run. PFVF005 reports the cycles through one of
 * them: a device lock node (device_lock(PF), device_lock(VF of drv),
 * pci_cfg_access(...)) or an order the core imposes (no witness); the
 * others are PFVF011's.
 */
bool cycle_lockdep_blind(const struct lockgraph *g, const int_vec *cyc)
{
	size_t i;

	for (i = 0; i < cyc->n; i++) {
		const struct lg_edge *e = &g->edges.v[cyc->v[i]];

		if (!e->witness.eff || strchr(g->nodes.v[e->from], '('))
			return true;
	}
	return false;
}

/* Report @cyc as a finding of @info: both orders as thread flows. */
static void report_cycle(struct findings *out, const struct rule_info *info, int index,
			 const struct lockgraph *g, const int_vec *cyc)
{
	const struct lg_edge *first = NULL, *other = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	/*
	 * X -> device_lock(VF) -> X is a lock held across an SR-IOV change
	 * that a VF callback takes: PFVF009's finding, which also checks that
	 * the VF driver can bind that PF's VFs.
	 */
	if (cyc->n == 2 &&
	    (is_vf_lock(g->nodes.v[g->edges.v[cyc->v[0]].from]) ||
	     is_vf_lock(g->nodes.v[g->edges.v[cyc->v[1]].from])))
		return;
	for (i = 0; i < cyc->n; i++) {
		const struct lg_edge *e = &g->edges.v[cyc->v[i]];

		/* a VF taking its PF's device lock is PFVF001's finding */
		if (is_vf_lock(g->nodes.v[e->from]) &&
		    !strcmp(g->nodes.v[e->to], "device_lock(PF)"))
			return;
		if (!e->witness.eff)
			continue;
		if (!first)
			first = e;
		else if (!other)
			other = e;
	}
	if (!first)
		return;		/* the core's own order only */
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
		findings_add_pair(out, info, index, &first->witness, &other->witness,
				  strbuf_detach(&sb));
	else
		findings_add(out, info, index, &first->witness, strbuf_detach(&sb));
}

void report_cycles(const struct analysis *an, struct findings *out, const struct rule_info *info,
		   int index, bool lockdep_blind)
{
	const struct lockgraph *g = an->graph;
	size_t c;

	for (c = 0; c < g->cycles.n; c++)
		if (cycle_lockdep_blind(g, &g->cycles.v[c]) == lockdep_blind)
			report_cycle(out, info, index, g, &g->cycles.v[c]);
}

void pfvf005_check(const struct analysis *an, struct findings *out, int index)
{
	report_cycles(an, out, &pfvf005_info, index, true);
}
