#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/role.h"
#include "analysis/summary.h"

/* PCI_ANY_ID tables (vfio-pci, pci-stub) bind by driver_override: no vendor. */
#define PCI_ANY_ID 0xffff

/* Device roles: what a device expression is relative to the parameters. */

static struct role unknown_role(void)
{
	struct role r = { RB_UNKNOWN, 0, 0 };

	return r;
}

static struct role pf_of(struct role r)
{
	r.pf = 1;
	return r;
}

/* @e is, or is computed from, a value naming a VF (pci_iov_virtfn_devfn()). */
static bool names_vf(const struct model *m, const struct expr *e)
{
	const struct role_rule *rr;
	int i;

	if (!e || e->kind != X_CALL)
		return false;
	rr = model_role_function(m, e->name);
	if (rr && rr->effect == RE_VF_KEY)
		return true;
	for (i = 0; i < e->nargs; i++)
		if (names_vf(m, e->args[i]))
			return true;
	return false;
}

const struct role_rule *role_rule_of(const struct model *m, const struct expr *e)
{
	if (e && e->kind == X_FIELD)
		return model_role_field(m, e->name);
	if (e && e->kind == X_CALL)
		return model_role_function(m, e->name);
	return NULL;
}

const struct expr *role_operand(const struct expr *e, const struct role_rule *rr)
{
	if (e->kind == X_FIELD)
		return e->base;
	return rr->arg < e->nargs ? e->args[rr->arg] : NULL;
}

struct role eval_role(const struct model *m, const struct expr *e)
{
	const struct role_rule *rr;
	struct role r = unknown_role();

	if (e && e->kind == X_PARAM) {
		r.base = RB_PARAM;
		r.param = (uint8_t)e->param;
		return r;
	}
	rr = role_rule_of(m, e);
	if (!rr)
		return r;
	switch (rr->effect) {
	case RE_SAME:
		return eval_role(m, role_operand(e, rr));
	case RE_PF:
		return pf_of(eval_role(m, role_operand(e, rr)));
	case RE_OTHER:
		/* a lookup by a VF's devfn finds that VF */
		r.base = e->kind == X_CALL && names_vf(m, e) ? RB_VF : RB_OTHER;
		return r;
	case RE_VF:
		r.base = RB_VF;
		return r;
	case RE_DRIVER:
	case RE_VF_KEY:
	case RE_IS_VF:
	case RE_IS_PF:
		break;	/* a driver, a devfn, a flag: not a device */
	}
	return r;
}

const struct expr *driver_of(const struct model *m, const struct expr *e)
{
	const struct role_rule *rr = role_rule_of(m, e);

	return rr && rr->effect == RE_DRIVER ? role_operand(e, rr) : NULL;
}

/*
 * What a branch condition says about a device parameter: (param, 1) if
 * the condition is non-zero exactly when it is a VF, (param, 0) when it is
 * a PF; param -1 if nothing. A member with an is_vf/is_pf role of the
 * parameter, or the parameter compared with its own PF.
 */
int vf_test(const struct model *m, const struct event *c, int *truth)
{
	const struct role_rule *rr;
	struct role a, b;

	if (c->kind == EV_TEST && c->nargs == 1 && (rr = role_rule_of(m, c->args[0])) &&
	    (rr->effect == RE_IS_VF || rr->effect == RE_IS_PF)) {
		a = eval_role(m, role_operand(c->args[0], rr));
		*truth = rr->effect == RE_IS_VF;
		return a.base == RB_PARAM && !a.pf ? a.param : -1;
	}
	if (c->kind != EV_COMPARE || c->nargs != 2)
		return -1;
	a = eval_role(m, c->args[0]);
	b = eval_role(m, c->args[1]);
	if (a.base != RB_PARAM || b.base != RB_PARAM || a.param != b.param || a.pf == b.pf)
		return -1;
	*truth = !strcmp(c->name, "!=");	/* a device equal to its PF is one */
	return a.param;
}

/* Blocks reachable from @from, not counting the exit (block 1). */
static void reach_from(const struct func *f, int from, bool *seen, int *stack)
{
	int sp = 0, b, i;

	memset(seen, 0, (size_t)f->nblocks * sizeof(*seen));
	if (from < 0 || from >= f->nblocks)
		return;
	seen[from] = true;
	stack[sp++] = from;
	while (sp) {
		b = stack[--sp];
		for (i = 0; i < f->nedges; i++) {
			int d = f->edges[i].dst;

			if (f->edges[i].src != b || d < 0 || d >= f->nblocks || d == 1 || seen[d])
				continue;
			seen[d] = true;
			stack[sp++] = d;
		}
	}
}

/* Nothing in the blocks @seen has an effect: no API, no callee that does. */
static bool side_does_nothing(const struct func *f, const bool *seen)
{
	int i, j;

	for (i = 0; i < f->nevents; i++) {
		const struct event *e = &f->events[i];

		if (!seen[e->block])
			continue;
		if (e->api)
			return false;
		for (j = 0; j < e->ncallees; j++)
			if (!e->callees[j]->sum || e->callees[j]->sum->effects.n)
				return false;
	}
	return true;
}

/*
 * Does @probe return for devices of one kind without doing anything (the
 * side of a VF test on @arg that never joins the other and has no
 * effect: 'if (!pdev->is_virtfn) { dev_err(...); return -ENODEV; }')?
 * DRV_REFUSES_* bits. Needs the callees' summaries.
 */
static unsigned refusals(const struct func *probe, int arg)
{
	size_t nb = (size_t)probe->nblocks + 1;
	bool *side = xcalloc(nb, sizeof(bool)), *other = xcalloc(nb, sizeof(bool));
	int *stack = xmalloc(nb * sizeof(int));
	unsigned r = 0;
	int i, j, b;

	for (i = 0; i < probe->nedges; i++) {
		const struct edge *g = &probe->edges[i];

		if (g->vf_param != arg)
			continue;
		for (j = 0; j < probe->nedges; j++) {
			const struct edge *h = &probe->edges[j];
			bool joins = false;

			if (h->src != g->src || j == i || h->vf_param != arg || h->vf_truth == g->vf_truth)
				continue;
			reach_from(probe, g->dst, side, stack);
			reach_from(probe, h->dst, other, stack);
			for (b = 0; b < probe->nblocks && !joins; b++)
				joins = side[b] && other[b];
			if (!joins && side_does_nothing(probe, side))
				r |= g->vf_truth ? DRV_REFUSES_VF : DRV_REFUSES_PF;
		}
	}
	/* both sides return at once: nothing tells which one is the refusal */
	if (r == (DRV_REFUSES_PF | DRV_REFUSES_VF))
		r = 0;
	free(side);
	free(other);
	free(stack);
	return r;
}

/* Does @f change SR-IOV (a PF's driver, whatever its probe says)? */
static bool changes_sriov(const struct func *f)
{
	size_t i;

	for (i = 0; f->sum && i < f->sum->effects.n; i++)
		if (f->sum->effects.v[i]->kind == EF_SRIOV)
			return true;
	return false;
}

/* Does @f branch on the VF-ness of parameter @arg? */
static bool tests_vf(const struct func *f, int arg)
{
	int i;

	for (i = 0; i < f->nedges; i++)
		if (f->edges[i].vf_param == arg)
			return true;
	return false;
}

static unsigned id_evidence(const struct program *p, const char *tu, const char *table)
{
	unsigned ev = 0;
	size_t i;

	for (i = 0; i < p->ids.n; i++) {
		const struct idrow *x = &p->ids.v[i];

		if (x->var != table || x->tu_file != tu)
			continue;
		if (x->vf)
			ev |= DRV_VF_IDS;
		if (x->vendor == PCI_ANY_ID)
			ev |= DRV_ANY_ID;
	}
	return ev;
}

unsigned driver_evidence(const struct program *p, const char *tu, const char *drv)
{
	unsigned ev = DRV_NO_TABLE;
	bool pf_driver = false;
	size_t i;

	for (i = 0; i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];
		const struct callback *cb;

		if (r->var != drv || r->tu_file != tu || strcmp(r->struct_type, "pci_driver"))
			continue;
		if (r->target == REG_VAR && !strcmp(r->field, "id_table")) {
			ev &= ~(unsigned)DRV_NO_TABLE;
			ev |= id_evidence(p, tu, r->func_name);
			continue;
		}
		cb = model_callback(p->model, r->struct_type, r->field);
		if (!r->fn || !cb)
			continue;
		if (tests_vf(r->fn, cb->device_arg))
			ev |= DRV_TESTS_VF;
		if (!strcmp(r->field, "probe"))
			ev |= refusals(r->fn, cb->device_arg);
		pf_driver |= changes_sriov(r->fn);
	}
	if (pf_driver) {
		ev &= ~(unsigned)DRV_REFUSES_PF;
		ev |= DRV_PF;
	}
	return ev;
}

bool driver_binds_vf(const struct program *p, const char *tu, const char *drv)
{
	return evidence_binds_vf(driver_evidence(p, tu, drv));
}

bool evidence_binds_vf(unsigned ev)
{
	if (ev & DRV_REFUSES_VF)
		return false;
	return ev & (DRV_REFUSES_PF | DRV_TESTS_VF | DRV_VF_IDS | DRV_ANY_ID | DRV_NO_TABLE);
}

int evidence_self_vf(unsigned ev)
{
	if ((ev & DRV_REFUSES_PF) && !(ev & DRV_REFUSES_VF))
		return 1;
	if (ev & DRV_REFUSES_VF)
		return 0;
	return -1;
}

const char *evidence_why(unsigned ev)
{
	/* the strongest evidence first */
	static const struct { unsigned bit; const char *text; } reasons[] = {
		{ DRV_REFUSES_VF, "its probe refuses VFs" },
		{ DRV_REFUSES_PF, "its probe refuses PFs" },
		{ DRV_TESTS_VF, "it tests whether its device is a VF" },
		{ DRV_VF_IDS, "its id table names VF devices" },
		{ DRV_ANY_ID, "it binds any device (PCI_ANY_ID)" },
		{ DRV_NO_TABLE, "its id table is not in the scan" },
	};
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (ev & reasons[i].bit)
			return reasons[i].text;
	return "nothing in its code says it binds VFs";
}

/* The id table a pci_driver variable names, as (TU, variable). */
static const struct reg *id_table_of(const struct program *p, const char *tu,
				     const char *drv)
{
	size_t i;

	for (i = 0; i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];

		if (r->var == drv && r->tu_file == tu && r->target == REG_VAR &&
		    !strcmp(r->field, "id_table"))
			return r;
	}
	return NULL;
}

/* The module of driver variable @drv in @tu (its registrations'). */
static const char *module_of_driver(const struct program *p, const char *tu, const char *drv)
{
	size_t i;

	for (i = 0; i < p->regs.n; i++)
		if (p->regs.v[i].var == drv && p->regs.v[i].tu_file == tu)
			return p->regs.v[i].module;
	return NULL;
}

/*
 * What the id tables say: PAIR_VENDOR when they share a vendor,
 * PAIR_ADJACENT when a device id of @b is next to one of @a's (82576
 * 0x10c9 and its VF 0x10ca; ConnectX-4 0x1013 and 0x1014).
 */
static unsigned id_pairing(const struct program *p, const char *ta, const char *a,
			   const char *tb, const char *b)
{
	const struct reg *ra = id_table_of(p, ta, a), *rb = id_table_of(p, tb, b);
	unsigned why = 0;
	size_t i, j;

	if (!ra || !rb)
		return 0;
	for (i = 0; i < p->ids.n; i++) {
		const struct idrow *x = &p->ids.v[i];

		if (x->var != ra->func_name || x->tu_file != ta || x->vendor == PCI_ANY_ID)
			continue;
		for (j = 0; j < p->ids.n; j++) {
			const struct idrow *y = &p->ids.v[j];

			if (y->var != rb->func_name || y->tu_file != tb || y->vendor != x->vendor)
				continue;
			why |= PAIR_VENDOR;
			if (x->device >= 0 && y->device >= 0 && y->device != x->device &&
			    abs(y->device - x->device) <= 2)
				why |= PAIR_ADJACENT;
		}
	}
	return why;
}

size_t pair_score(const struct program *p, const char *ta, const char *a,
		  const char *tb, const char *b, unsigned *why_out)
{
	const char *ma, *mb;
	unsigned why, ev;
	size_t i, n = 0, weight = 0;

	*why_out = 0;
	if (a == b && ta == tb) {
		if (!driver_binds_vf(p, ta, a))
			return 0;
		*why_out = PAIR_SAME;
		return (size_t)-1;
	}
	why = id_pairing(p, ta, a, tb, b);
	ev = driver_evidence(p, tb, b);
	/*
	 * A candidate of the PF's vendor that does not refuse VFs and is not
	 * another PF's driver (unless it binds its own VFs too); the id table
	 * naming VFs counts, but is never enough alone.
	 */
	if (!(why & PAIR_VENDOR) || (ev & DRV_REFUSES_VF) ||
	    ((ev & DRV_PF) && !(ev & DRV_TESTS_VF)))
		return 0;
	ma = module_of_driver(p, ta, a);
	mb = module_of_driver(p, tb, b);
	if (ma && ma == mb)
		why |= PAIR_MODULE;
	if (same_dir(ta, tb))
		why |= PAIR_DIR;
	for (i = 0; ma && mb && i < p->module_calls.n; i++)
		if (p->module_calls.v[i].from == mb && p->module_calls.v[i].to == ma)
			why |= PAIR_CALLS_PF;
	weight = (why & PAIR_MODULE ? 8 : 0) + (why & PAIR_DIR ? 4 : 0) +
		 (why & PAIR_CALLS_PF ? 4 : 0) + (why & PAIR_ADJACENT ? 4 : 0);
	if (!weight)
		return 0;	/* a vendor alone pairs nothing; a name never does */
	if (ev & (DRV_REFUSES_PF | DRV_TESTS_VF | DRV_VF_IDS)) {
		why |= PAIR_BINDS_VF;
		weight += 2;
	}
	*why_out = why;
	/* among equals, the name most like the PF's (ixgbe -> ixgbevf) */
	while (a[n] && a[n] == b[n] && n < 15)
		n++;
	return weight * 16 + n;
}

const char *pair_why(unsigned why, char *buf, size_t n)
{
	static const struct { unsigned bit; const char *text; } reasons[] = {
		{ PAIR_SAME, "the same driver binds the VFs" },
		{ PAIR_MODULE, "the same module" },
		{ PAIR_DIR, "the same source directory" },
		{ PAIR_CALLS_PF, "it calls functions the PF's module defines" },
		{ PAIR_ADJACENT, "adjacent device ids of one vendor" },
		{ PAIR_BINDS_VF, "its code or id table says it binds VFs" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (why & reasons[i].bit)
			len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
						len ? ", " : "", reasons[i].text);
	return buf;
}
