/*
 * Entry points: functions registered in a struct member the model lists
 * as a core callback (.probe of struct pci_driver, ...), each with the
 * locks the core holds; and roots, functions with no caller in the scan
 * (reached through ops tables or exported), analysed with nothing held.
 */
#include <stdlib.h>
#include <string.h>
#include "analysis/analysis.h"
#include "analysis/lockgraph.h"
#include "analysis/role.h"

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->fn->file, y->fn->file);

	if (c)
		return c;
	if (x->fn->line != y->fn->line)
		return x->fn->line - y->fn->line;
	/* callbacks before roots, then by callback name */
	if (!x->cb != !y->cb)
		return x->cb ? -1 : 1;
	return x->cb ? strcmp(x->cb->field, y->cb->field) : 0;
}

static struct entry *add_entry(struct analysis *an, struct func *f,
				const struct callback *cb)
{
	struct entry *e = VEC_PUSH(an->entries);

	e->fn = f;
	e->cb = cb;
	f->is_entry = true;
	return e;
}

/* entry_driver()'s answer, computed once per entry by analysis_run(). */
static const struct reg *find_driver(const struct program *p, const struct entry *e)
{
	const struct reg *in_module = NULL;
	int nmodule = 0;
	size_t i;

	if (e->cb && e->cb->function)
		return NULL;	/* named by function: no driver */
	if (e->reg && !strcmp(e->reg->struct_type, "pci_driver"))
		return e->reg;
	/*
	 * A table the driver names (.driver.pm = &x_pm_ops, .err_handler =
	 * &x_err_handler) is the driver's, wherever it is defined.
	 */
	for (i = 0; e->reg && i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];

		if (r->target == REG_VAR && !strcmp(r->struct_type, "pci_driver") &&
		    r->func_name && !strcmp(r->func_name, e->reg->var) &&
		    (r->tu_file == e->reg->tu_file ||
		     (r->module && e->reg->module && !strcmp(r->module, e->reg->module))))
			return r;
	}
	for (i = 0; i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];

		if (strcmp(r->struct_type, "pci_driver"))
			continue;
		if (r->tu_file == e->fn->tu_file)
			return r;
		/* one row per registered member: count drivers, not rows */
		if (e->fn->module && r->module && !strcmp(r->module, e->fn->module) &&
		    (!in_module || strcmp(in_module->var, r->var))) {
			in_module = r;
			nmodule++;
		}
	}
	/*
	 * An ops callback in another file of the module (devlink.c of ice)
	 * belongs to the module's PCI driver when it has just one.
	 */
	return nmodule == 1 ? in_module : NULL;
}

void analysis_run(struct analysis *an, struct program *p)
{
	size_t i;

	memset(an, 0, sizeof(*an));
	an->prog = p;
	for (i = 0; i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];
		const struct callback *cb;
		struct entry *e;

		if (!r->fn)
			continue;
		cb = model_callback(p->model, r->struct_type, r->field);
		if (!cb)
			continue;
		e = add_entry(an, r->fn, cb);
		e->reg = r;
	}
	/* entry points the model names by function (hypercalls) */
	for (i = 0; i < p->funcs.n; i++) {
		struct func *f = p->funcs.v[i];
		const struct callback *cb = f->in_main ? model_entry_function(p->model, f->name) : NULL;

		if (cb && !f->is_entry)
			add_entry(an, f, cb);
	}
	/* the ops members that reach a function no model describes */
	for (i = 0; i < p->regs.n; i++) {
		const struct reg *r = &p->regs.v[i];

		if (r->fn && !r->fn->is_entry && !r->fn->table)
			r->fn->table = r;
	}
	for (i = 0; i < p->funcs.n; i++) {
		struct func *f = p->funcs.v[i];

		/* the model stands for an API's body: don't analyse it as code */
		if (f->in_main && !f->ncallers && !f->is_entry &&
		    !model_api(p->model, f->name))
			add_entry(an, f, NULL)->table = f->table;
	}
	if (an->entries.n)
		qsort(an->entries.v, an->entries.n, sizeof(*an->entries.v), entry_cmp);
	for (i = 0; i < an->entries.n; i++)
		summary_compute(p, an->entries.v[i].fn);
	for (i = 0; i < an->entries.n; i++) {
		struct entry *e = &an->entries.v[i];
		const struct reg *d;

		e->driver = find_driver(p, e);	/* a root's too: PFVF009's PF driver */
		d = e->cb ? e->driver : NULL;
		/* with no driver known, the core allows any device */
		e->vf_evidence = d ? driver_evidence(p, d->tu_file, d->var) : DRV_NO_TABLE;
		e->self_vf = !e->cb ? -1 : e->cb->runs_for == RUNS_PF ? 0 :
			     e->cb->runs_for == RUNS_VF ? 1 : evidence_self_vf(e->vf_evidence);
	}
	an->graph = xcalloc(1, sizeof(*an->graph));
	lockgraph_build(an->graph, an);
}

void analysis_release(struct analysis *an)
{
	if (an->graph)
		lockgraph_release(an->graph);
	free(an->graph);
	VEC_FREE(an->entries);
}

/*
 * Bind a summary key to the entry: its device parameter is SELF; where
 * SELF is a PF (@self_vf 0), its PF is itself.
 */
static struct lockkey bind(const struct entry *e, const struct lockkey *k, int self_vf)
{
	struct lockkey r = *k;

	if (k->role.base != RB_PARAM)
		return r;
	if (e->cb && k->role.param == e->cb->device_arg && k->kind == LK_DEVICE) {
		r.role.base = RB_SELF;
		if (!self_vf)
			r.role.pf = 0;
	} else if (k->kind == LK_DEVICE) {
		r.role.base = RB_UNKNOWN;
	} else {
		r.kind = LK_NONE;	/* a lock passed in by an unknown caller */
	}
	r.role.param = 0;
	return r;
}

void analysis_for_each(const struct analysis *an, effect_fn fn, void *arg)
{
	size_t i, j;
	unsigned k;

	for (i = 0; i < an->entries.n; i++) {
		const struct entry *e = &an->entries.v[i];
		const struct summary *s = e->fn->sum;

		for (j = 0; s && j < s->effects.n; j++) {
			struct bound_effect be = { 0 };

			be.entry = e;
			be.eff = s->effects.v[j];
			be.self_vf = e->self_vf;
			if (e->cb && be.eff->vf_guard == e->cb->device_arg) {
				/* a VF's branch of a PF-only callback never runs */
				if (e->self_vf >= 0 && e->self_vf != be.eff->vf_truth)
					continue;
				be.self_vf = be.eff->vf_truth;
			}
			be.key = bind(e, &be.eff->key, be.self_vf);
			if (be.key.kind == LK_NONE)
				continue;
			if (e->cb)
				be.held = e->cb->held;
			/* a callback may drop the core's lock before this point */
			for (k = 0; k < be.eff->released.n; k++) {
				struct lockkey r = bind(e, &be.eff->released.k[k], be.self_vf);

				heldset_del(&be.held, &r);
			}
			for (k = 0; k < be.eff->held.n; k++) {
				struct lockkey h = bind(e, &be.eff->held.k[k], be.self_vf);

				if (h.kind != LK_NONE)
					heldset_add_at(&be.held, &h, be.eff->held.at[k],
						       be.eff->held.at_fn[k]);
			}
			fn(&be, arg);
		}
	}
}

bool entry_may_be_vf(const struct entry *e)
{
	return e->cb && e->cb->runs_for != RUNS_PF;
}

const struct reg *entry_driver(const struct entry *e)
{
	return e->driver;
}

bool entry_binds_vf(const struct entry *e)
{
	if (!entry_may_be_vf(e))
		return false;
	return e->cb->runs_for == RUNS_VF || evidence_binds_vf(e->vf_evidence);
}

bool held_pf_device(const struct heldset *h)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (lockkey_is_pf_device(&h->k[i]))
			return true;
	return false;
}

bool held_self_device(const struct heldset *h)
{
	unsigned i;

	for (i = 0; i < h->n; i++)
		if (h->k[i].kind == LK_DEVICE && h->k[i].role.base == RB_SELF &&
		    !h->k[i].role.pf)
			return true;
	return false;
}
