/* Building findings and their witness paths from bound effects. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analysis/role.h"
#include "report/finding.h"
#include "util/hash.h"

char *entry_describe(const struct entry *e)
{
	if (!e->cb || !e->reg)
		return xasprintf("'%s'", e->fn->name);
	return xasprintf("'%s' (.%s of '%s')", e->fn->name, e->cb->field,
			 e->reg->var);
}

static char *entry_note(const struct entry *e)
{
	struct strbuf sb = STRBUF_INIT;
	char k[96];
	unsigned i;

	if (!e->cb && e->table) {
		strbuf_addf(&sb, "'%s' is reached through .%s of '%s' (struct %s), which no model in rules/ "
			    "describes: its callers and the locks they hold are unknown; analysed with no lock held",
			    e->fn->name, e->table->field, e->table->var, e->table->struct_type);
		return strbuf_detach(&sb);
	}
	if (!e->cb) {
		strbuf_addf(&sb, "'%s' has no caller in the scan: analysed as an entry point with no lock held",
			    e->fn->name);
		return strbuf_detach(&sb);
	}
	if (e->reg)
		strbuf_addf(&sb, "entry point '%s' is the .%s callback of '%s' (struct %s), called by %s",
			    e->fn->name, e->cb->field, e->reg->var, e->cb->struct_type,
			    e->cb->caller);
	else
		strbuf_addf(&sb, "entry point '%s', called by %s", e->fn->name,
			    e->cb->caller);
	for (i = 0; i < e->cb->held.n; i++) {
		lockkey_format(&e->cb->held.k[i], k, sizeof(k));
		strbuf_addf(&sb, "%s'%s'", i ? ", " : " with ", k);
	}
	if (e->cb->held.n)
		strbuf_addstr(&sb, " held");
	if (e->cb->runs_for == RUNS_ANY && e->self_vf == 1)
		strbuf_addf(&sb, "; it runs for VFs (%s)", evidence_why(e->vf_evidence));
	else if (e->cb->runs_for == RUNS_ANY && e->self_vf == 0)
		strbuf_addf(&sb, "; it runs for PFs only (%s)", evidence_why(e->vf_evidence));
	else if (e->cb->runs_for == RUNS_ANY && entry_binds_vf(e))
		strbuf_addf(&sb, "; the PCI core may bind this driver to a VF (%s)",
			    evidence_why(e->vf_evidence));
	return strbuf_detach(&sb);
}

/* Stable across line shifts: rule, entry, the function and API, the lock. */
static void fingerprint(struct finding *f, const struct bound_effect *be,
			const struct func *leaf_fn, const struct event *leaf)
{
	struct hasher *h = hasher_new();
	char key[96];

	lockkey_format(&be->key, key, sizeof(key));
	hasher_addstr(h, f->rule->id);
	hasher_addstr(h, be->entry->fn->name);
	hasher_addstr(h, leaf_fn->name);
	hasher_addstr(h, leaf->name);
	hasher_addstr(h, key);
	hasher_finish(h, f->fingerprint);
}

/* The deepest call on @be's path that is in a main file: where to point. */
static const struct effect *primary_of(const struct bound_effect *be)
{
	const struct effect *e, *primary = be->eff;

	for (e = be->eff; e; e = e->via)
		if (e->fn->in_main)
			primary = e;
	return primary;
}

static const char *verb(enum effect_kind k)
{
	switch (k) {
	case EF_ACQUIRE:
		return "takes";
	case EF_TRYLOCK:
		return "tries";
	case EF_SRIOV:
		return "changes the VFs of";
	case EF_ASSERT:
		return "requires";
	case EF_ASSERT_NOT_HELD:
		return "requires not held";
	case EF_DRVDATA:
		return "reads the drvdata of";
	case EF_VF_USE:
		break;
	}
	return "uses";
}

static void push(step_vec *v, const char *file, int line, int col, char *msg,
		 int nesting)
{
	struct step *s = VEC_PUSH(*v);

	s->loc.file = file;
	s->loc.line = line;
	s->loc.col = col;
	s->message = msg;
	s->nesting = nesting;
}

/* The witness path of @be: the entry, each call, the API call. */
static void path_steps(step_vec *v, const struct bound_effect *be)
{
	const struct effect *e;
	char key[96];
	int depth = 0;

	push(v, be->entry->fn->file, be->entry->fn->line, be->entry->fn->col,
	     entry_note(be->entry), 0);
	if (be->eff->kind == EF_DRVDATA || be->eff->kind == EF_SRIOV)
		role_format(be->key.role, key, sizeof(key));
	else
		lockkey_format(&be->key, key, sizeof(key));
	for (e = be->eff; e; e = e->via) {
		depth++;
		if (e->via)
			push(v, e->site->file, e->site->line, e->site->col,
			     xasprintf("'%s' calls '%s'", e->fn->name, e->site->name),
			     depth);
		else if (e->kind == EF_VF_USE)
			push(v, e->site->file, e->site->line, e->site->col,
			     xasprintf("'%s' passes the VF kept in '%s' to '%s'", e->fn->name,
				       e->vf->name, e->site->name),
			     depth);
		else
			push(v, e->site->file, e->site->line, e->site->col,
			     xasprintf("'%s' %s '%s' ('%s')", e->fn->name,
				       verb(e->kind), key, e->site->name),
			     depth);
	}
}

static void finding_release(struct finding *f)
{
	size_t j;

	free(f->message);
	for (j = 0; j < f->steps.n; j++)
		free(f->steps.v[j].message);
	for (j = 0; j < f->steps2.n; j++)
		free(f->steps2.v[j].message);
	VEC_FREE(f->steps);
	VEC_FREE(f->steps2);
}

/* The number of calls from the entry to the API call. */
static int path_length(const struct bound_effect *be)
{
	const struct effect *e;
	int n = 0;

	for (e = be->eff; e; e = e->via)
		n++;
	return n;
}

static struct finding *new_finding(struct findings *fs, const struct rule_info *rule,
				   int rule_index, const struct bound_effect *be,
				   const struct effect *primary, char *message)
{
	struct finding *f = NULL;
	size_t i;

	/*
	 * One finding per rule and place; its witness is the shortest path
	 * (the first entry in source order among equals): a driver's own
	 * callback rather than another driver's reaching it through an ops
	 * member.
	 */
	for (i = 0; i < fs->v.n && !f; i++) {
		struct finding *o = &fs->v.v[i];

		if (o->rule != rule || o->loc.file != primary->site->file ||
		    o->loc.line != primary->site->line || o->loc.col != primary->site->col)
			continue;
		if (path_length(be) >= o->path_length) {
			free(message);
			return NULL;
		}
		finding_release(o);
		f = o;
	}
	if (!f)
		f = VEC_PUSH(fs->v);
	memset(f, 0, sizeof(*f));
	f->path_length = path_length(be);
	f->rule = rule;
	f->rule_index = rule_index;
	f->level = rule->level;
	f->message = message;
	f->loc.file = primary->site->file;
	f->loc.line = primary->site->line;
	f->loc.col = primary->site->col;
	f->function = primary->fn->name;
	path_steps(&f->steps, be);
	fingerprint(f, be, be->eff->leaf_fn, be->eff->leaf);
	return f;
}

struct finding *findings_add(struct findings *fs, const struct rule_info *rule,
			     int rule_index, const struct bound_effect *be,
			     char *message)
{
	return new_finding(fs, rule, rule_index, be, primary_of(be), message);
}

struct finding *findings_add_at(struct findings *fs, const struct rule_info *rule,
				int rule_index, const struct bound_effect *be,
				const struct effect *at, char *message)
{
	struct finding *f = new_finding(fs, rule, rule_index, be, at, message);
	const struct event *leaf = be->eff->leaf;

	if (f && at->site != leaf) {
		f->related.file = leaf->file;
		f->related.line = leaf->line;
		f->related.col = leaf->col;
	}
	return f;
}

struct finding *findings_add_pair(struct findings *fs, const struct rule_info *rule,
				  int rule_index, const struct bound_effect *be,
				  const struct bound_effect *other, char *message)
{
	struct finding *f = new_finding(fs, rule, rule_index, be, primary_of(be), message);
	const struct effect *p;

	if (!f)
		return NULL;
	path_steps(&f->steps2, other);
	p = primary_of(other);
	f->related.file = p->site->file;
	f->related.line = p->site->line;
	f->related.col = p->site->col;
	return f;
}

void findings_add_site(struct findings *fs, const struct rule_info *rule,
		       int rule_index, const struct func *fn,
		       const struct event *at, char *message)
{
	struct finding *f = VEC_PUSH(fs->v);
	struct hasher *h = hasher_new();

	f->rule = rule;
	f->rule_index = rule_index;
	f->level = rule->level;
	f->message = message;
	f->loc.file = at->file;
	f->loc.line = at->line;
	f->loc.col = at->col;
	f->function = fn->name;
	push(&f->steps, fn->file, fn->line, fn->col,
	     xasprintf("in '%s'", fn->name), 0);
	push(&f->steps, at->file, at->line, at->col,
	     xasprintf("'%s' here", at->name), 1);
	hasher_addstr(h, rule->id);
	hasher_addstr(h, fn->name);
	hasher_addstr(h, at->name);
	hasher_finish(h, f->fingerprint);
}

void finding_note_taken(struct finding *f, const struct heldset *held,
			const struct lockkey *key)
{
	int i = heldset_find(held, key);
	const struct event *at;
	char k[96];

	if (i < 0 || !held->at[i])
		return;
	at = held->at[i];
	lockkey_format(key, k, sizeof(k));
	push(&f->steps, at->file, at->line, at->col,
	     key->kind == LK_STATE
		? xasprintf("'%s' tears the state down here ('%s')",
			    held->at_fn[i]->name, at->name)
	     : key->kind == LK_VFS_GONE
		? xasprintf("'%s' removes the VFs here ('%s')",
			    held->at_fn[i]->name, at->name)
		: xasprintf("'%s' is taken here by '%s' ('%s') and still held",
			    k, held->at_fn[i]->name, at->name), 1);
}

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->loc.file, y->loc.file);

	if (c)
		return c;
	if (x->loc.line != y->loc.line)
		return x->loc.line - y->loc.line;
	if (x->loc.col != y->loc.col)
		return x->loc.col - y->loc.col;
	return strcmp(x->rule->id, y->rule->id);
}

void findings_sort(struct findings *fs)
{
	if (fs->v.n)
		qsort(fs->v.v, fs->v.n, sizeof(*fs->v.v), finding_cmp);
}

void findings_filter(struct findings *fs, bool (*keep)(const struct finding *f, const void *arg),
		     const void *arg)
{
	size_t i, j = 0;

	for (i = 0; i < fs->v.n; i++) {
		if (keep(&fs->v.v[i], arg))
			fs->v.v[j++] = fs->v.v[i];
		else
			finding_release(&fs->v.v[i]);
	}
	fs->v.n = j;
}

void finding_note(struct finding *f, const char *file, int line, int col, char *message)
{
	push(&f->steps, file, line, col, message, 1);
}

void findings_notice(struct findings *fs, char *message)
{
	size_t i;

	for (i = 0; i < fs->notices.n; i++)
		if (!strcmp(fs->notices.v[i], message)) {
			free(message);
			return;
		}
	*VEC_PUSH(fs->notices) = message;
}

void findings_release(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->v.n; i++)
		finding_release(&fs->v.v[i]);
	VEC_FREE(fs->v);
	for (i = 0; i < fs->notices.n; i++)
		free(fs->notices.v[i]);
	VEC_FREE(fs->notices);
}

char *source_line(const char *file, int line)
{
	char buf[4096];
	FILE *f = fopen(file, "r");
	int n = 0;

	if (!f)
		return NULL;
	while (fgets(buf, sizeof(buf), f))
		if (++n == line) {
			fclose(f);
			buf[strcspn(buf, "\n")] = '\0';
			return xstrdup(buf);
		}
	fclose(f);
	return NULL;
}

const char *display_path(const char *file)
{
	static char cwd[PATH_MAX];
	static size_t len;

	if (!len) {
		if (!getcwd(cwd, sizeof(cwd)))
			return file;
		len = strlen(cwd);
	}
	if (!strncmp(file, cwd, len) && file[len] == '/')
		return file + len + 1;
	return file;
}
