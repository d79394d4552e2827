/* Reading facts into memory and linking calls to definitions. */
#include <stdlib.h>
#include <string.h>
#include "analysis/program.h"
#include "analysis/role.h"
#include "analysis/summary.h"
#include "util/diag.h"

static const char *col_intern(struct program *p, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? strpool_intern(p->pool, (const char *)s) : NULL;
}

/* The TUs to load go into a temporary table the queries join on. */
static int select_tus(struct factsdb *db, const int64_t *ids, size_t n)
{
	sqlite3_stmt *st;
	size_t i;

	if (facts_exec(db, "CREATE TEMP TABLE IF NOT EXISTS scan_tu(id INTEGER PRIMARY KEY)") ||
	    facts_exec(db, "DELETE FROM scan_tu"))
		return -1;
	if (!n)
		return facts_exec(db, "INSERT INTO scan_tu SELECT id FROM tu");
	st = facts_prepare(db, "INSERT OR IGNORE INTO scan_tu VALUES(?)");
	if (!st)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (facts_step(db, st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static int load_funcs(struct program *p, struct factsdb *db)
{
	sqlite3_stmt *st = facts_prepare(db,
		"SELECT f.id, f.usr, f.name, f.file, t.file, f.line, f.col, f.is_static, f.in_main, f.nparams, f.nblocks, t.module "
		"FROM func f JOIN tu t ON f.tu=t.id JOIN scan_tu s ON s.id=t.id ORDER BY f.id");
	int rc;

	if (!st)
		return -1;
	while ((rc = facts_step(db, st)) == SQLITE_ROW) {
		struct func *f = xcalloc(1, sizeof(*f));

		f->id = sqlite3_column_int64(st, 0);
		f->usr = col_intern(p, st, 1);
		f->name = col_intern(p, st, 2);
		f->file = col_intern(p, st, 3);
		f->tu_file = col_intern(p, st, 4);
		f->line = sqlite3_column_int(st, 5);
		f->col = sqlite3_column_int(st, 6);
		f->is_static = sqlite3_column_int(st, 7);
		f->in_main = sqlite3_column_int(st, 8);
		f->nparams = sqlite3_column_int(st, 9);
		f->nblocks = sqlite3_column_int(st, 10);
		f->module = col_intern(p, st, 11);
		*VEC_PUSH(p->funcs) = f;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

const struct event *func_event(const struct func *f, int idx)
{
	int i;

	for (i = 0; i < f->nevents; i++)
		if (f->events[i].idx == idx)
			return &f->events[i];
	return NULL;
}

/* Functions are sorted by id: find one by binary search. */
static struct func *func_by_id(struct program *p, int64_t id)
{
	size_t lo = 0, hi = p->funcs.n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->funcs.v[mid]->id < id)
			lo = mid + 1;
		else if (p->funcs.v[mid]->id > id)
			hi = mid;
		else
			return p->funcs.v[mid];
	}
	return NULL;
}

static int load_events(struct program *p, struct factsdb *db)
{
	sqlite3_stmt *st = facts_prepare(db,
		"SELECT e.func, e.idx, e.block, e.kind, e.name, e.usr, e.args, e.file, e.line, e.col "
		"FROM event e JOIN func f ON e.func=f.id JOIN scan_tu s ON s.id=f.tu "
		"ORDER BY e.func, e.block, e.idx");
	VEC(struct event) evs = { 0 };
	struct func *cur = NULL;
	int rc;

	if (!st)
		return -1;
	for (;;) {
		struct func *f = NULL;

		rc = facts_step(db, st);
		if (rc == SQLITE_ROW)
			f = func_by_id(p, sqlite3_column_int64(st, 0));
		if (cur && (rc != SQLITE_ROW || f != cur)) {
			cur->events = evs.v;
			cur->nevents = (int)evs.n;
			memset(&evs, 0, sizeof(evs));
		}
		if (rc != SQLITE_ROW)
			break;
		cur = f;
		if (!f)
			continue;
		{
			struct event *e = VEC_PUSH(evs);

			e->idx = sqlite3_column_int(st, 1);
			e->block = sqlite3_column_int(st, 2);
			e->kind = (enum event_kind)sqlite3_column_int(st, 3);
			e->name = col_intern(p, st, 4);
			e->usr = col_intern(p, st, 5);
			e->nargs = expr_parse_args((const char *)sqlite3_column_text(st, 6),
						   p->pool, &e->args);
			e->file = col_intern(p, st, 7);
			e->line = sqlite3_column_int(st, 8);
			e->col = sqlite3_column_int(st, 9);
		}
	}
	VEC_FREE(evs);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_edges(struct program *p, struct factsdb *db)
{
	sqlite3_stmt *st = facts_prepare(db,
		"SELECT g.func, g.src, g.dst, g.cond, g.polarity, g.param, g.param_truth "
		"FROM edge g JOIN func f ON g.func=f.id JOIN scan_tu s ON s.id=f.tu "
		"ORDER BY g.func");
	VEC(struct edge) es = { 0 };
	struct func *cur = NULL;
	int rc;

	if (!st)
		return -1;
	for (;;) {
		struct func *f = NULL;

		rc = facts_step(db, st);
		if (rc == SQLITE_ROW)
			f = func_by_id(p, sqlite3_column_int64(st, 0));
		if (cur && (rc != SQLITE_ROW || f != cur)) {
			cur->edges = es.v;
			cur->nedges = (int)es.n;
			memset(&es, 0, sizeof(es));
		}
		if (rc != SQLITE_ROW)
			break;
		cur = f;
		if (f) {
			struct edge *e = VEC_PUSH(es);

			e->src = sqlite3_column_int(st, 1);
			e->dst = sqlite3_column_int(st, 2);
			e->cond = sqlite3_column_int(st, 3);
			e->polarity = sqlite3_column_int(st, 4);
			e->param = sqlite3_column_int(st, 5);
			e->param_truth = sqlite3_column_int(st, 6);
		}
	}
	VEC_FREE(es);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_regs(struct program *p, struct factsdb *db)
{
	sqlite3_stmt *st = facts_prepare(db,
		"SELECT r.var, r.struct_type, r.field, r.func_name, r.func_usr, r.file, r.line, r.col, r.target_kind, t.file, t.module "
		"FROM reg r JOIN scan_tu s ON s.id=r.tu JOIN tu t ON t.id=r.tu ORDER BY r.file, r.line, r.col");
	int rc;

	if (!st)
		return -1;
	while ((rc = facts_step(db, st)) == SQLITE_ROW) {
		struct reg *r = VEC_PUSH(p->regs);

		r->var = col_intern(p, st, 0);
		r->struct_type = col_intern(p, st, 1);
		r->field = col_intern(p, st, 2);
		r->func_name = col_intern(p, st, 3);
		r->func_usr = col_intern(p, st, 4);
		r->file = col_intern(p, st, 5);
		r->line = sqlite3_column_int(st, 6);
		r->col = sqlite3_column_int(st, 7);
		r->target = (enum reg_target)sqlite3_column_int(st, 8);
		r->tu_file = col_intern(p, st, 9);
		r->module = col_intern(p, st, 10);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	st = facts_prepare(db, "SELECT t.file, i.var, i.vendor, i.device, i.vf FROM idtable i "
			   "JOIN scan_tu s ON s.id=i.tu JOIN tu t ON t.id=i.tu");
	if (!st)
		return -1;
	while ((rc = facts_step(db, st)) == SQLITE_ROW) {
		struct idrow *d = VEC_PUSH(p->ids);

		d->tu_file = col_intern(p, st, 0);
		d->var = col_intern(p, st, 1);
		d->vendor = sqlite3_column_int(st, 2);
		d->device = sqlite3_column_int(st, 3);
		d->vf = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Interned-pointer hash map from a name or USR to a function. */
struct fmap {
	const char **key;
	struct func **val;
	size_t cap;
};

static size_t fmap_slot(struct fmap *m, const char *k)
{
	size_t h = ((size_t)(uintptr_t)k >> 3) * 2654435761u;

	h &= m->cap - 1;
	while (m->key[h] && m->key[h] != k)
		h = (h + 1) & (m->cap - 1);
	return h;
}

static void fmap_init(struct fmap *m, size_t n)
{
	m->cap = 64;
	while (m->cap < n * 2 + 2)
		m->cap *= 2;
	m->key = xcalloc(m->cap, sizeof(*m->key));
	m->val = xcalloc(m->cap, sizeof(*m->val));
}

/* The first definition wins: header inlines repeat in every TU. */
static void fmap_put(struct fmap *m, const char *k, struct func *f)
{
	size_t s = fmap_slot(m, k);

	if (!m->key[s]) {
		m->key[s] = k;
		m->val[s] = f;
	}
}

static void fmap_set(struct fmap *m, const char *k, struct func *f)
{
	size_t s = fmap_slot(m, k);

	m->key[s] = k;
	m->val[s] = f;
}

static void fmap_free(struct fmap *m)
{
	free(m->key);
	free(m->val);
}

static struct func *fmap_get(struct fmap *m, const char *k)
{
	size_t s;

	if (!k)
		return NULL;
	s = fmap_slot(m, k);
	return m->key[s] ? m->val[s] : NULL;
}

static void add_callee(struct event *e, struct func *f)
{
	int i;

	if (!f)
		return;
	for (i = 0; i < e->ncallees; i++)
		if (e->callees[i] == f)
			return;
	e->callees = xrealloc(e->callees, (size_t)(e->ncallees + 1) * sizeof(*e->callees));
	e->callees[e->ncallees++] = f;
	f->ncallers++;
}

static bool reg_matches(const struct reg *rg, const char *member)
{
	const char *sep = strstr(member, "::");
	size_t tl = strlen(rg->struct_type);

	return sep && rg->fn && (size_t)(sep - member) == tl &&
	       !strncmp(member, rg->struct_type, tl) && !strcmp(sep + 2, rg->field);
}

static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) : 0;
}

bool same_dir(const char *a, const char *b)
{
	size_t n = dir_len(a);

	return dir_len(b) == n && !strncmp(a, b, n);
}

/*
 * 'ops->fn(...)' calls every function registered in that member, but a
 * driver calls its own ops: when the caller's directory registers any,
 * only those count. Otherwise (the core calling a driver's callback)
 * all of them do.
 */
static void link_indirect(struct program *p, struct func *f, struct event *e)
{
	size_t r;
	bool local = false;

	/*
	 * A member the model lists as a core callback (pci_driver::remove,
	 * pci_error_handlers::reset_done) is called by the core for the
	 * device's own driver, under the locks the model gives: those
	 * functions are entry points with that context, not callees of
	 * whichever code makes the indirect call.
	 */
	for (r = 0; r < p->model->callbacks.n; r++) {
		const struct callback *cb = &p->model->callbacks.v[r];
		size_t tl;

		if (!cb->struct_type)
			continue;
		tl = strlen(cb->struct_type);

		if (!strncmp(e->name, cb->struct_type, tl) && e->name[tl] == ':' &&
		    !strcmp(e->name + tl + 2, cb->field))
			return;
	}

	for (r = 0; r < p->regs.n && !local; r++)
		local = reg_matches(&p->regs.v[r], e->name) &&
			same_dir(p->regs.v[r].tu_file, f->tu_file);
	for (r = 0; r < p->regs.n; r++) {
		struct reg *rg = &p->regs.v[r];

		if (!reg_matches(rg, e->name))
			continue;
		if (local && !same_dir(rg->tu_file, f->tu_file))
			continue;
		add_callee(e, rg->fn);
	}
}

/*
 * pci_unregister_driver(&drv): the core calls drv's .remove for every
 * device bound to it, so the .remove functions registered in 'drv' are
 * callees of this call.
 */
static void link_unregister(struct program *p, struct event *e)
{
	const struct expr *a = e->nargs > e->api->arg && e->api->arg >= 0
			       ? e->args[e->api->arg] : NULL;
	size_t r;

	if (!a || a->kind != X_GLOBAL)
		return;
	for (r = 0; r < p->regs.n; r++) {
		struct reg *rg = &p->regs.v[r];

		if (rg->var == a->name && rg->fn && !strcmp(rg->field, "remove"))
			add_callee(e, rg->fn);
	}
}

/*
 * A static function's USR names its file by base name only: two 'efx.c'
 * (sfc/ and sfc/siena/) give their statics the same USR. Key main-file
 * statics by TU as well.
 */
static const char *static_key(struct program *p, const char *tu, const char *usr)
{
	return strpool_internf(p->pool, "%s|%s", tu, usr);
}

/*
 * Two modules built from one source tree (a PF and a VF module) define the
 * same global names: a call is linked to a definition in the caller's own
 * module first (TUs without KBUILD_MODNAME make one module of their own),
 * then to any. Definitions that still cannot be told apart are counted
 * once, for one warning.
 */
struct linker {
	struct program *p;
	struct fmap by_usr, by_name, by_static, by_module;
	struct fmap clash;	/* global name -> its definition in a second module */
	const char *dup_name, *dup_a, *dup_b;	/* the first duplicate seen */
	size_t ndup;
};

static const char *module_key(struct program *p, const char *module, const char *name)
{
	return strpool_internf(p->pool, "%s|%s", module ? module : "", name);
}

static void note_dup(struct linker *l, const struct func *a, const struct func *b)
{
	if (!l->ndup++) {
		l->dup_name = a->name;
		l->dup_a = a->file;
		l->dup_b = b->file;
	}
}

static void linker_add(struct linker *l, struct func *f)
{
	fmap_put(&l->by_usr, f->usr, f);
	if (f->is_static) {
		if (f->in_main)
			fmap_put(&l->by_static, static_key(l->p, f->tu_file, f->usr), f);
		return;
	}
	if (f->in_main) {
		const char *k = module_key(l->p, f->module, f->name);
		struct func *o = fmap_get(&l->by_module, k), *g = fmap_get(&l->by_name, f->name);

		if (o && o->in_main && o->tu_file != f->tu_file)
			note_dup(l, o, f);	/* one module, two definitions */
		else if (g && g->in_main && g->module != f->module)
			fmap_put(&l->clash, f->name, f);	/* the second module's */
		fmap_put(&l->by_module, k, f);
	}
	fmap_put(&l->by_name, f->name, f);
}

/* The definition a reference from @tu (of @module) to @usr / @name means. */
static struct func *linker_find(struct linker *l, const char *tu, const char *module,
				const char *usr, const char *name)
{
	struct func *d = usr ? fmap_get(&l->by_static, static_key(l->p, tu, usr)) : NULL;

	/* a global's USR ('c:@F@name') is the same in every module: look by name */
	if (!d && name && (!usr || !strncmp(usr, "c:@F@", 5))) {
		d = fmap_get(&l->by_module, module_key(l->p, module, name));
		if (!d && (d = fmap_get(&l->by_name, name)) && fmap_get(&l->clash, name)) {
			note_dup(l, d, fmap_get(&l->clash, name));
			fmap_set(&l->clash, name, NULL);	/* counted once */
		}
	}
	if (!d)
		d = fmap_get(&l->by_usr, usr);
	if (!d)
		d = fmap_get(&l->by_name, name);
	return d;
}

/* A call from module @from into module @to (a symbol @to exports), once. */
static void note_module_call(struct program *p, const char *from, const char *to)
{
	size_t i;

	if (!from || !to || from == to)
		return;
	for (i = 0; i < p->module_calls.n; i++)
		if (p->module_calls.v[i].from == from && p->module_calls.v[i].to == to)
			return;
	{
		struct module_call *c = VEC_PUSH(p->module_calls);

		c->from = from;
		c->to = to;
	}
}

static void link_program(struct program *p)
{
	struct linker l = { .p = p };
	size_t i, r;
	int j;

	fmap_init(&l.by_usr, p->funcs.n);
	fmap_init(&l.by_name, p->funcs.n);
	fmap_init(&l.by_static, p->funcs.n);
	fmap_init(&l.by_module, p->funcs.n);
	fmap_init(&l.clash, 16);
	for (i = 0; i < p->funcs.n; i++)
		linker_add(&l, p->funcs.v[i]);
	for (r = 0; r < p->regs.n; r++) {
		struct reg *rg = &p->regs.v[r];

		if (rg->target == REG_FUNC)
			rg->fn = linker_find(&l, rg->tu_file, rg->module, rg->func_usr, rg->func_name);
	}
	for (i = 0; i < p->funcs.n; i++) {
		struct func *f = p->funcs.v[i];

		for (j = 0; j < f->nevents; j++) {
			struct event *e = &f->events[j];

			if (e->kind == EV_CALL) {
				/* the model describes an API; its body is not ours to walk */
				e->api = model_api(p->model, e->name);
				if (e->api && e->api->action == A_UNREGISTER_DRIVER)
					link_unregister(p, e);
				if (e->api)
					continue;
				add_callee(e, linker_find(&l, f->tu_file, f->module, e->usr, e->name));
				/* a header inline is every TU's own copy, not an export */
				if (e->ncallees && !e->callees[e->ncallees - 1]->is_static &&
				    e->callees[e->ncallees - 1]->in_main)
					note_module_call(p, f->module, e->callees[e->ncallees - 1]->module);
			} else if (e->kind == EV_ICALL) {
				link_indirect(p, f, e);
			} else if (e->kind == EV_MACRO) {
				e->api = model_api(p->model, e->name);
			} else if (e->kind == EV_ANNOT && j > 0) {
				/*
				 * A declaration's annotation stands for a body we
				 * don't have: the model's entry or the body in the
				 * scan says more. A requirement stays: bodies
				 * seldom assert what __must_hold says.
				 */
				int c = j - 1;
				const struct event *call;

				while (c > 0 && f->events[c].kind == EV_ANNOT)
					c--;
				call = &f->events[c];
				e->api = model_api(p->model, e->name);
				if (call->api || (call->ncallees && e->api && e->api->action != A_ASSERT))
					e->api = NULL;
				/* witness notes name the call: 'f (annotated __acquires)' */
				e->name = strpool_internf(p->pool, "%s (annotated %s)", call->name, e->name);
			}
		}
	}
	if (l.ndup)
		warning("%zu global function%s defined more than once where the scan cannot tell the "
			"definitions apart (the same module, or no KBUILD_MODNAME), e.g. '%s' in '%s' and "
			"'%s': calls are linked to the first",
			l.ndup, l.ndup == 1 ? " is" : "s are", l.dup_name, l.dup_a, l.dup_b);
	fmap_free(&l.by_usr);
	fmap_free(&l.by_name);
	fmap_free(&l.by_static);
	fmap_free(&l.by_module);
	fmap_free(&l.clash);
}

/*
 * Mark in @seen the blocks reachable from the entry when parameter @param
 * is assumed not to take edges whose test gives @truth (-2: follow all).
 * @first/@order: the edges of each source block.
 */
/*
 * Blocks reachable from the entry without an edge labelled (@param,
 * @truth) in @lp/@lt (per edge); @param -2 follows all.
 */
static void reach(const struct func *f, const int *first, const int *order, int *stack,
		  bool *seen, const int *lp, const int *lt, int param, int truth)
{
	int sp = 0, b, k;

	memset(seen, 0, (size_t)f->nblocks * sizeof(*seen));
	seen[0] = true;
	stack[sp++] = 0;
	while (sp) {
		b = stack[--sp];
		for (k = first[b]; k < first[b + 1]; k++) {
			const struct edge *g = &f->edges[order[k]];

			if (g->dst < 0 || g->dst >= f->nblocks || seen[g->dst] ||
			    (lp[order[k]] == param && lt[order[k]] == truth))
				continue;
			seen[g->dst] = true;
			stack[sp++] = g->dst;
		}
	}
}

/*
 * A block that runs only for some values of a parameter ('if (locked)
 * pci_walk_bus_locked()', 'if (!num_vfs) return' before an enable; 'if
 * (pdev->is_virtfn)') gets that parameter and the value (1, 0, or -1:
 * the test holds, value unknown), from the edge labels @lp/@lt; the first
 * parameter found wins. The code after the join of 'if (p) x();' runs for
 * both values and is not guarded.
 */
static void guards_from(struct func *f, const int *lp, const int *lt, int *guard, int *truth)
{
	size_t nb = (size_t)f->nblocks + 1, ne = (size_t)f->nedges + 1;
	int *stack = xmalloc(ne * sizeof(int) + nb * sizeof(int));
	int *first = xcalloc(nb + 1, sizeof(int)), *order = xmalloc(ne * sizeof(int));
	int *fill = xcalloc(nb, sizeof(int)), *params = xmalloc(ne * sizeof(int));
	bool *all = xcalloc(nb, sizeof(bool)), *r1 = xcalloc(nb, sizeof(bool));
	bool *r0 = xcalloc(nb, sizeof(bool)), *ru = xcalloc(nb, sizeof(bool));
	int b, i, k, np = 0;

	for (b = 0; b < f->nblocks; b++) {
		guard[b] = -1;
		truth[b] = -1;
	}
	if (f->nblocks <= 0)
		goto out;
	/* edges by source block (counting sort); the parameters tested */
	for (i = 0; i < f->nedges; i++) {
		const struct edge *g = &f->edges[i];

		if (g->src >= 0 && g->src < f->nblocks)
			first[g->src + 1]++;
		for (k = 0; lp[i] >= 0 && k < np && params[k] != lp[i]; k++)
			;
		if (lp[i] >= 0 && k == np)
			params[np++] = lp[i];
	}
	if (!np)
		goto out;
	for (b = 0; b < f->nblocks; b++)
		first[b + 1] += first[b];
	for (i = 0; i < f->nedges; i++) {
		int s = f->edges[i].src;

		if (s >= 0 && s < f->nblocks)
			order[first[s] + fill[s]++] = i;
	}
	reach(f, first, order, stack, all, lp, lt, -2, 0);
	for (k = 0; k < np; k++) {
		reach(f, first, order, stack, r1, lp, lt, params[k], 0);	/* p non-zero */
		reach(f, first, order, stack, r0, lp, lt, params[k], 1);	/* p zero */
		reach(f, first, order, stack, ru, lp, lt, params[k], -1);	/* test fails */
		for (b = 0; b < f->nblocks; b++) {
			int t = r1[b] && !r0[b] ? 1 : r0[b] && !r1[b] ? 0 : !ru[b] ? -1 : -2;

			if (!all[b] || guard[b] >= 0 || t == -2)
				continue;
			guard[b] = params[k];
			truth[b] = t;
		}
	}
out:
	free(stack);
	free(first);
	free(order);
	free(fill);
	free(params);
	free(all);
	free(r1);
	free(r0);
	free(ru);
}

/* Label each edge with what it tells about a device parameter; then the guards. */
static void mark_guards(const struct model *m, struct func *f)
{
	size_t ne = (size_t)f->nedges + 1;
	int *lp = xmalloc(ne * sizeof(int)), *lt = xmalloc(ne * sizeof(int));
	int i;

	for (i = 0; i < f->nedges; i++) {
		struct edge *g = &f->edges[i];
		const struct event *c = g->cond >= 0 ? func_event(f, g->cond) : NULL;
		int t = 0;

		lp[i] = g->param;
		lt[i] = g->param_truth;
		g->vf_param = c ? vf_test(m, c, &t) : -1;
		g->vf_truth = g->polarity ? t : !t;
	}
	f->guard = xmalloc(((size_t)f->nblocks + 1) * sizeof(int));
	f->guard_truth = xmalloc(((size_t)f->nblocks + 1) * sizeof(int));
	guards_from(f, lp, lt, f->guard, f->guard_truth);
	for (i = 0; i < f->nedges; i++) {
		lp[i] = f->edges[i].vf_param;
		lt[i] = f->edges[i].vf_truth;
	}
	f->vf_guard = xmalloc(((size_t)f->nblocks + 1) * sizeof(int));
	f->vf_guard_truth = xmalloc(((size_t)f->nblocks + 1) * sizeof(int));
	guards_from(f, lp, lt, f->vf_guard, f->vf_guard_truth);
	free(lp);
	free(lt);
}

static void index_blocks(struct func *f)
{
	int b, i = 0;

	f->block_first = xcalloc((size_t)f->nblocks + 1, sizeof(int));
	for (b = 0; b <= f->nblocks; b++) {
		while (i < f->nevents && f->events[i].block < b)
			i++;
		f->block_first[b] = i;
	}
}

int program_load(struct program *p, struct factsdb *db, const struct model *m,
		 const int64_t *tu_ids, size_t ntus)
{
	size_t i;

	p->model = m;
	if (select_tus(db, tu_ids, ntus) || load_funcs(p, db) ||
	    load_events(p, db) || load_edges(p, db) || load_regs(p, db))
		return -1;
	for (i = 0; i < p->funcs.n; i++) {
		index_blocks(p->funcs.v[i]);
		mark_guards(m, p->funcs.v[i]);
	}
	link_program(p);
	return 0;
}

/* @e without calls that return their argument ('pci_dev_get(vfdev)'). */
static const struct expr *unwrap(const struct model *m, const struct expr *e)
{
	const struct role_rule *rr;
	const struct expr *arg;

	while (e && e->kind == X_CALL && (rr = role_rule_of(m, e)) &&
	       rr->effect == RE_SAME && (arg = role_operand(e, rr)))
		e = arg;
	return e;
}

/*
 * @v is a VF in @f: a lookup by a VF's devfn, a kept VF, or a device whose
 * PF @f compares ('vfdev->physfn == pdev', 'pci_physfn(vf) != pdev').
 */
static bool is_vf_in(const struct model *m, const struct func *f, const struct expr *v)
{
	struct role r = eval_role(m, v);
	int i, j;

	if (r.base == RB_VF && !r.pf)
		return true;
	v = unwrap(m, v);
	for (i = 0; i < f->nevents; i++) {
		const struct event *c = &f->events[i];

		for (j = 0; c->kind == EV_COMPARE && j < c->nargs; j++) {
			const struct expr *a = c->args[j];
			const struct role_rule *rr = role_rule_of(m, a);

			if (rr && rr->effect == RE_PF &&
			    expr_eq(unwrap(m, role_operand(a, rr)), v))
				return true;
		}
	}
	return false;
}

void program_learn_vf_fields(struct program *p, struct model *m)
{
	bool changed = true;
	size_t i;
	int j;

	/* again while a new member makes a store of it a VF store elsewhere */
	while (changed) {
		changed = false;
		for (i = 0; i < p->funcs.n; i++) {
			const struct func *f = p->funcs.v[i];

			for (j = 0; j < f->nevents; j++) {
				const struct event *s = &f->events[j];
				const struct expr *lhs = s->nargs == 2 ? s->args[0] : NULL;

				if (s->kind != EV_STORE || !lhs || lhs->kind != X_FIELD ||
				    eval_role(m, lhs).base == RB_VF || !is_vf_in(m, f, s->args[1]))
					continue;
				model_add_vf_field(m, lhs->name);
				changed |= eval_role(m, lhs).base == RB_VF;
			}
		}
	}
}

void program_release(struct program *p)
{
	size_t i;
	int j, k;

	for (i = 0; i < p->funcs.n; i++) {
		struct func *f = p->funcs.v[i];

		for (j = 0; j < f->nevents; j++) {
			for (k = 0; k < f->events[j].nargs; k++)
				expr_free(f->events[j].args[k]);
			free(f->events[j].args);
			free(f->events[j].callees);
		}
		free(f->events);
		free(f->edges);
		free(f->block_first);
		free(f->guard);
		free(f->guard_truth);
		free(f->vf_guard);
		free(f->vf_guard_truth);
		summary_free(f->sum);
		free(f);
	}
	VEC_FREE(p->funcs);
	VEC_FREE(p->regs);
	VEC_FREE(p->ids);
	VEC_FREE(p->module_calls);
	VEC_FREE(p->tus);
}
