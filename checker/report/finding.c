/* Building findings and their witness paths from bound effects. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report/finding.h"
#include "util/hash.h"

char *entry_describe(const struct entry *e)
{
	if (!e->cb)
		return xasprintf("'%s'", e->fn->name);
	return xasprintf("'%s' (.%s of '%s')", e->fn->name, e->cb->field,
			 e->reg->var);
}

static char *entry_note(const struct entry *e)
{
	struct strbuf sb = STRBUF_INIT;
	char k[96];
	unsigned i;

	if (!e->cb) {
		strbuf_addf(&sb, "'%s' has no caller in the scan: analysed as an entry point with no lock held",
			    e->fn->name);
		return strbuf_detach(&sb);
	}
	strbuf_addf(&sb, "entry point '%s' is the .%s callback of '%s' (struct %s), called by %s",
		    e->fn->name, e->cb->field, e->reg->var, e->cb->struct_type,
		    e->cb->caller);
	for (i = 0; i < e->cb->held.n; i++) {
		lockkey_format(&e->cb->held.k[i], k, sizeof(k));
		strbuf_addf(&sb, "%s'%s'", i ? ", " : " with ", k);
	}
	if (e->cb->held.n)
		strbuf_addstr(&sb, " held");
	if (e->cb->runs_for == RUNS_ANY)
		strbuf_addstr(&sb, "; the PCI core may bind this driver to a VF");
	return strbuf_detach(&sb);
}

static void push_step(struct finding *f, const char *file, int line, int col,
		      char *msg, int nesting)
{
	struct step *s = VEC_PUSH(f->steps);

	s->loc.file = file;
	s->loc.line = line;
	s->loc.col = col;
	s->message = msg;
	s->nesting = nesting;
}

static void fingerprint(struct finding *f, const struct bound_effect *be,
			const struct effect *leaf)
{
	struct hasher *h = hasher_new();
	char key[96];

	lockkey_format(&be->key, key, sizeof(key));
	hasher_addstr(h, f->rule->id);
	hasher_addstr(h, be->entry->fn->name);
	hasher_addstr(h, leaf->fn->name);
	hasher_addstr(h, leaf->site->name);
	hasher_addstr(h, key);
	hasher_finish(h, f->fingerprint);
}

void findings_add(struct findings *fs, const struct rule_info *rule,
		  int rule_index, const struct bound_effect *be, char *message)
{
	const struct effect *e, *leaf = be->eff, *primary = be->eff;
	struct finding *f;
	char key[96];
	size_t i;
	int depth = 0;

	for (e = be->eff; e; e = e->via) {
		if (e->fn->in_main)
			primary = e;
		leaf = e;
	}
	for (i = 0; i < fs->v.n; i++) {
		struct finding *o = &fs->v.v[i];

		if (o->rule == rule && o->loc.file == primary->site->file &&
		    o->loc.line == primary->site->line &&
		    o->loc.col == primary->site->col) {
			free(message);
			return;
		}
	}
	f = VEC_PUSH(fs->v);
	f->rule = rule;
	f->rule_index = rule_index;
	f->level = rule->level;
	f->message = message;
	f->loc.file = primary->site->file;
	f->loc.line = primary->site->line;
	f->loc.col = primary->site->col;
	f->function = primary->fn->name;
	push_step(f, be->entry->fn->file, be->entry->fn->line,
		  be->entry->fn->col, entry_note(be->entry), 0);
	if (be->eff->kind == EF_DRVDATA)
		role_format(be->key.role, key, sizeof(key));
	else
		lockkey_format(&be->key, key, sizeof(key));
	for (e = be->eff; e; e = e->via) {
		depth++;
		if (e->via)
			push_step(f, e->site->file, e->site->line, e->site->col,
				  xasprintf("'%s' calls '%s'", e->fn->name, e->site->name),
				  depth);
		else
			push_step(f, e->site->file, e->site->line, e->site->col,
				  xasprintf("'%s' %s '%s' ('%s')", e->fn->name,
					    e->kind == EF_ACQUIRE ? "takes" :
					    e->kind == EF_TRYLOCK ? "tries" : "reads the drvdata of",
					    key, e->site->name),
				  depth);
	}
	fingerprint(f, be, leaf);
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

void findings_release(struct findings *fs)
{
	size_t i, j;

	for (i = 0; i < fs->v.n; i++) {
		free(fs->v.v[i].message);
		for (j = 0; j < fs->v.v[i].steps.n; j++)
			free(fs->v.v[i].steps.v[j].message);
		VEC_FREE(fs->v.v[i].steps);
	}
	VEC_FREE(fs->v);
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
