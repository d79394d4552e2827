/*
 * Loading the rules/ YAML files with libyaml's document API: every node keeps its
 * line, so a bad entry is reported as 'file:line: what is wrong'.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "analysis/model.h"
#include "util/diag.h"

struct loader {
	struct model *m;
	const char *path;
	yaml_document_t doc;
};

static int bad(struct loader *l, yaml_node_t *n, const char *what, const char *detail)
{
	return error("%s:%lu: %s%s%s", l->path,
		     n ? (unsigned long)n->start_mark.line + 1 : 0UL, what,
		     detail ? ": " : "", detail ? detail : "");
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *node(struct loader *l, int id)
{
	return yaml_document_get_node(&l->doc, id);
}

/* Fields of one rule entry, checked against the keys its section allows. */
struct entry {
	yaml_node_t *self;
	const char *keys[12];
	yaml_node_t *vals[12];
	int n;
};

static int entry_read(struct loader *l, yaml_node_t *n, const char *const *allowed,
		      struct entry *e)
{
	yaml_node_pair_t *p;

	memset(e, 0, sizeof(*e));
	e->self = n;
	if (n->type != YAML_MAPPING_NODE)
		return bad(l, n, "expected a mapping (key: value entries)", NULL);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(l, p->key));
		const char *const *a;

		for (a = allowed; *a && k && strcmp(*a, k); a++)
			;
		if (!k || !*a)
			return bad(l, node(l, p->key), "unknown key", k);
		if (e->n == 12)
			return bad(l, n, "too many keys", NULL);
		e->keys[e->n] = k;
		e->vals[e->n++] = node(l, p->value);
	}
	return 0;
}

static yaml_node_t *entry_get(struct entry *e, const char *key)
{
	int i;

	for (i = 0; i < e->n; i++)
		if (!strcmp(e->keys[i], key))
			return e->vals[i];
	return NULL;
}

static int entry_str(struct loader *l, struct entry *e, const char *key,
		     bool required, const char **out)
{
	yaml_node_t *v = entry_get(e, key);

	*out = NULL;
	if (!v) {
		if (required)
			return bad(l, e->self, "missing key", key);
		return 0;
	}
	if (!scalar(v) || !*scalar(v))
		return bad(l, v, "expected a non-empty string for", key);
	*out = strpool_intern(l->m->pool, scalar(v));
	return 0;
}

static int entry_int(struct loader *l, struct entry *e, const char *key,
		     int dflt, int *out)
{
	yaml_node_t *v = entry_get(e, key);
	char *end;
	long x;

	*out = dflt;
	if (!v)
		return 0;
	if (!scalar(v))
		return bad(l, v, "expected a number for", key);
	x = strtol(scalar(v), &end, 10);
	if (*end || x < 0 || x > 31)
		return bad(l, v, "expected an argument index 0..31 for", key);
	*out = (int)x;
	return 0;
}

static int entry_enum(struct loader *l, struct entry *e, const char *key,
		      const char *const *names, int dflt, int *out)
{
	const char *s;
	int i;

	*out = dflt;
	if (entry_str(l, e, key, dflt < 0, &s))
		return -1;
	if (!s)
		return 0;
	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], s)) {
			*out = i;
			return 0;
		}
	return bad(l, entry_get(e, key), "unknown value", s);
}

/*
 * In enum order. The NULL at A_DRVDATA ends the list a locks entry may
 * name: the drvdata section implies the last two.
 */
static const char *const action_names[] = {
	[A_ACQUIRE] = "acquire", [A_RELEASE] = "release", [A_TRYLOCK] = "trylock",
	[A_TAKES] = "takes", [A_ENABLE_SRIOV] = "enable_sriov",
	[A_DISABLE_SRIOV] = "disable_sriov", [A_UNREGISTER_DRIVER] = "unregister_driver",
	[A_ASSERT] = "assert", [A_TEARDOWN] = "teardown", [A_ASSERT_NOT_HELD] = "assert_not_held",
	[A_PUT] = "put", [A_READ_SIDE] = "read_side", [A_DRVDATA] = NULL, [A_CHECKED] = NULL,
};

const char *model_action_name(enum api_action a)
{
	return a == A_DRVDATA ? "drvdata" : a == A_CHECKED ? "checked" : action_names[a];
}

static int load_api(struct loader *l, yaml_node_t *n, bool drvdata)
{
	static const char *const lock_keys[] = {
		"function", "field", "action", "lock", "arg", "class", "success", "takes",
		"or_class", "or_arg", "rule", NULL,
	};
	static const char *const drvdata_keys[] = { "function", "arg", "checked", NULL };
	const char *const *keys = drvdata ? drvdata_keys : lock_keys;
	static const char *const kinds[] = { "device", "lock", "instance", NULL };
	static const char *const success[] = { "nonzero", "zero", NULL };
	static const char *const yesno[] = { "false", "true", NULL };
	struct entry e;
	struct api *a;
	int action = A_DRVDATA, kind = 1, succ = 0, checked = 0;
	const char *field = NULL;

	if (entry_read(l, n, keys, &e))
		return -1;
	a = VEC_PUSH(l->m->apis);
	a->file = l->path;
	a->line = (int)n->start_mark.line + 1;
	if (!drvdata && entry_str(l, &e, "field", false, &field))
		return -1;
	/*
	 * a lock member: '{ field: device::mutex, lock: device }', or one
	 * whose every instance has its own lockdep class ('lock: instance')
	 */
	if (field) {
		if (entry_get(&e, "function") || entry_get(&e, "action") || !strstr(field, "::"))
			return bad(l, n, "a lock field entry is '{ field: struct::member, lock: device|instance }'", NULL);
		a->function = field;
		action = A_ACQUIRE;
	}
	if ((!field && entry_str(l, &e, "function", true, &a->function)) ||
	    (!drvdata && !field && entry_enum(l, &e, "action", action_names, -1, &action)) ||
	    entry_enum(l, &e, "lock", kinds, drvdata ? 0 : 1, &kind) ||
	    entry_int(l, &e, "arg", -1, &a->arg) ||
	    entry_str(l, &e, "class", false, &a->cls) ||
	    entry_enum(l, &e, "success", success, 0, &succ) ||
	    entry_enum(l, &e, "checked", yesno, 0, &checked) ||
	    entry_str(l, &e, "rule", false, &a->rule) ||
	    entry_str(l, &e, "or_class", false, &a->alt_cls) ||
	    entry_int(l, &e, "or_arg", -1, &a->alt_arg))
		return -1;
	if (a->alt_cls && action != A_ASSERT)
		return bad(l, n, "'or_class' is for assert entries", NULL);
	if (checked)
		action = A_CHECKED;
	a->action = (enum api_action)action;
	a->device = kind == 0 || action == A_ENABLE_SRIOV || action == A_DISABLE_SRIOV;
	a->instance = kind == 2;
	if (a->instance && !field)
		return bad(l, n, "'lock: instance' is for a lock field entry", NULL);
	if (entry_get(&e, "takes")) {
		yaml_node_t *t = entry_get(&e, "takes");
		yaml_node_item_t *it;

		if (t->type != YAML_SEQUENCE_NODE)
			return bad(l, t, "'takes' must be a list of lock families", NULL);
		for (it = t->data.sequence.items.start; it < t->data.sequence.items.top; it++) {
			const char *fam = scalar(node(l, *it));

			if (!fam || a->ntakes == 4)
				return bad(l, node(l, *it), "expected at most 4 lock family names", NULL);
			a->takes[a->ntakes++] = strpool_intern(l->m->pool, fam);
		}
	}
	a->success_zero = succ == 1;
	if (field && (kind == 1 || a->arg >= 0))
		return bad(l, n, "a lock field entry takes 'lock: device' or 'lock: instance', and no 'arg'", NULL);
	if (field)
		return 0;
	if (a->arg < 0 && !a->cls && a->action != A_TEARDOWN && a->action != A_READ_SIDE)
		return bad(l, n, "an entry needs 'arg' (which argument is the lock) or 'class'", NULL);
	return 0;
}

static int load_role(struct loader *l, yaml_node_t *n)
{
	static const char *const keys[] = { "function", "field", "arg", "role", NULL };
	static const char *const effects[] = {
		"same", "pf", "other", "driver", "vf", "vf_key", "is_vf", "is_pf", NULL,
	};
	struct role_rule *r = VEC_PUSH(l->m->roles);
	struct entry e;
	int eff;

	if (entry_read(l, n, keys, &e) ||
	    entry_str(l, &e, "function", false, &r->function) ||
	    entry_str(l, &e, "field", false, &r->field) ||
	    entry_int(l, &e, "arg", 0, &r->arg) ||
	    entry_enum(l, &e, "role", effects, -1, &eff))
		return -1;
	if (!r->function == !r->field)
		return bad(l, n, "a role entry needs exactly one of 'function' and 'field'", NULL);
	if (r->field && !strstr(r->field, "::"))
		return bad(l, n, "a field is written 'struct::member'", r->field);
	r->effect = (enum role_effect)eff;
	if (r->field && r->effect == RE_VF_KEY)
		return bad(l, n, "'vf_key' is the role of a function's result", NULL);
	if (!r->field && (r->effect == RE_IS_VF || r->effect == RE_IS_PF))
		return bad(l, n, "'is_vf' and 'is_pf' are roles of a member", NULL);
	return 0;
}

/* "device_lock(SELF)", "device_lock(PF(SELF))" or a lock class name. */
static int parse_held(struct loader *l, yaml_node_t *n, struct lockkey *k)
{
	const char *s = scalar(n);

	memset(k, 0, sizeof(*k));
	if (!s)
		return bad(l, n, "expected a lock name", NULL);
	if (!strcmp(s, "device_lock(SELF)")) {
		k->kind = LK_DEVICE;
		k->role.base = RB_SELF;
	} else if (!strcmp(s, "device_lock(PF(SELF))")) {
		k->kind = LK_DEVICE;
		k->role.base = RB_SELF;
		k->role.pf = 1;
	} else if (strchr(s, '(')) {
		return bad(l, n, "unknown lock; expected device_lock(SELF), device_lock(PF(SELF)) or a lock class", s);
	} else {
		k->kind = LK_CLASS;
		k->cls = strpool_intern(l->m->pool, s);
	}
	return 0;
}

static int load_held_list(struct loader *l, yaml_node_t *list, struct heldset *out)
{
	yaml_node_item_t *it;

	if (!list)
		return 0;
	if (list->type != YAML_SEQUENCE_NODE)
		return bad(l, list, "a list of locks is expected here", NULL);
	for (it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		struct lockkey k;

		if (parse_held(l, node(l, *it), &k))
			return -1;
		heldset_add(out, &k);
	}
	return 0;
}

static int load_callback(struct loader *l, yaml_node_t *n)
{
	static const char *const keys[] = {
		"struct", "field", "function", "device_arg", "runs_for", "held",
		"maybe_held", "caller", NULL,
	};
	static const char *const runs[] = { "any", "pf", "vf", NULL };
	struct callback *cb = VEC_PUSH(l->m->callbacks);
	struct entry e;
	int rf;

	cb->file = l->path;
	cb->line = (int)n->start_mark.line + 1;
	if (entry_read(l, n, keys, &e) ||
	    entry_str(l, &e, "struct", false, &cb->struct_type) ||
	    entry_str(l, &e, "field", false, &cb->field) ||
	    entry_str(l, &e, "function", false, &cb->function) ||
	    entry_int(l, &e, "device_arg", 0, &cb->device_arg) ||
	    entry_enum(l, &e, "runs_for", runs, 0, &rf) ||
	    entry_str(l, &e, "caller", true, &cb->caller))
		return -1;
	if (!cb->function == !(cb->struct_type && cb->field))
		return bad(l, n, "a callback needs 'struct' and 'field', or 'function'", NULL);
	if (cb->function)
		cb->field = cb->function;	/* witness notes name it */
	cb->runs_for = (enum runs_for)rf;
	if (load_held_list(l, entry_get(&e, "held"), &cb->held) ||
	    load_held_list(l, entry_get(&e, "maybe_held"), &cb->maybe_held))
		return -1;
	return 0;
}

static int load_section(struct loader *l, const char *name, yaml_node_t *seq)
{
	yaml_node_item_t *it;

	if (seq->type != YAML_SEQUENCE_NODE)
		return bad(l, seq, "expected a list under", name);
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(l, *it);
		int rc;

		if (!strcmp(name, "locks"))
			rc = load_api(l, n, false);
		else if (!strcmp(name, "drvdata"))
			rc = load_api(l, n, true);
		else if (!strcmp(name, "roles"))
			rc = load_role(l, n);
		else
			rc = load_callback(l, n);
		if (rc)
			return -1;
	}
	return 0;
}

int model_load_file(struct model *m, const char *path)
{
	static const char *const sections[] = {
		"locks", "drvdata", "roles", "callbacks", NULL,
	};
	struct loader l = { m, NULL };
	yaml_parser_t parser;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	FILE *f;
	int ret = -1;

	f = fopen(path, "rb");
	if (!f)
		return error("cannot read rules file '%s': %s", path, strerror(errno));
	*VEC_PUSH(m->files) = xstrdup(path);
	l.path = m->files.v[m->files.n - 1];
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &l.doc)) {
		error("%s:%lu: invalid YAML: %s", path,
		      (unsigned long)parser.problem_mark.line + 1,
		      parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		fclose(f);
		return -1;
	}
	root = yaml_document_get_root_node(&l.doc);
	if (!root) {
		ret = error("%s: empty rules file", path);
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		bad(&l, root, "expected sections (locks, drvdata, roles, callbacks)", NULL);
		goto out;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(&l, p->key));
		const char *const *s;

		for (s = sections; *s && k && strcmp(*s, k); s++)
			;
		if (!k || !*s) {
			bad(&l, node(&l, p->key), "unknown section (expected locks, drvdata, roles or callbacks)", k);
			goto out;
		}
		if (load_section(&l, k, node(&l, p->value)))
			goto out;
	}
	ret = 0;
out:
	yaml_document_delete(&l.doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return ret;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int model_load_dir(struct model *m, const char *dir)
{
	VEC(char *) names = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t i;
	int ret = 0;

	if (!d)
		return error("cannot read rules directory '%s': %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml"))
			*VEC_PUSH(names) = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(char *), cmp_str);
	for (i = 0; i < names.n; i++) {
		if (!ret && model_load_file(m, names.v[i]))
			ret = -1;
		free(names.v[i]);
	}
	VEC_FREE(names);
	return ret;
}

void model_init(struct model *m, struct strpool *pool)
{
	memset(m, 0, sizeof(*m));
	m->pool = pool;
}

static size_t slot_of(const struct model *m, const char *key)
{
	size_t h = ((size_t)(uintptr_t)key >> 3) * 2654435761u;

	h &= m->map_cap - 1;
	while (m->map_key[h] && m->map_key[h] != key)
		h = (h + 1) & (m->map_cap - 1);
	return h;
}

void model_finish(struct model *m)
{
	size_t i;

	m->map_cap = 64;
	while (m->map_cap < m->apis.n * 2 + 2)
		m->map_cap *= 2;
	m->map_key = xcalloc(m->map_cap, sizeof(*m->map_key));
	m->map_val = xcalloc(m->map_cap, sizeof(*m->map_val));
	/* later files override earlier ones: user rules win */
	for (i = 0; i < m->apis.n; i++) {
		size_t s = slot_of(m, m->apis.v[i].function);

		m->map_key[s] = m->apis.v[i].function;
		m->map_val[s] = (int)i + 1;
	}
}

void model_release(struct model *m)
{
	size_t i;

	for (i = 0; i < m->files.n; i++)
		free(m->files.v[i]);
	VEC_FREE(m->files);
	VEC_FREE(m->apis);
	VEC_FREE(m->roles);
	VEC_FREE(m->callbacks);
	free(m->map_key);
	free(m->map_val);
	memset(m, 0, sizeof(*m));
}

const struct api *model_api(const struct model *m, const char *fn)
{
	size_t s;

	if (!m->map_cap || !fn)
		return NULL;
	s = slot_of(m, fn);
	return m->map_key[s] ? &m->apis.v[m->map_val[s] - 1] : NULL;
}

const struct role_rule *model_role_function(const struct model *m, const char *fn)
{
	size_t i;

	for (i = m->roles.n; i-- > 0;)
		if (m->roles.v[i].function == fn)
			return &m->roles.v[i];
	return NULL;
}

const struct role_rule *model_role_field(const struct model *m, const char *recfld)
{
	const char *member = strstr(recfld, "::");
	const struct role_rule *wild = NULL;
	size_t i;

	/* the last exact entry wins; '*::dev' only where none names the struct */
	for (i = m->roles.n; i-- > 0;) {
		const char *f = m->roles.v[i].field;

		if (!f)
			continue;
		if (f == recfld)
			return &m->roles.v[i];
		if (!wild && f[0] == '*' && member && !strcmp(f + 1, member))
			wild = &m->roles.v[i];
	}
	return wild;
}

bool model_instance_class(const struct model *m, const char *cls)
{
	const struct api *a = model_api(m, cls);

	return a && a->instance;
}

void model_add_vf_field(struct model *m, const char *recfld)
{
	const struct role_rule *o = model_role_field(m, recfld);
	struct role_rule *r;

	if (o && o->field == recfld)
		return;		/* the rules say what it is */
	r = VEC_PUSH(m->roles);
	memset(r, 0, sizeof(*r));
	r->field = recfld;
	r->effect = RE_VF;
}

const struct callback *model_entry_function(const struct model *m, const char *fn)
{
	size_t i;

	for (i = m->callbacks.n; i-- > 0;)
		if (m->callbacks.v[i].function == fn)
			return &m->callbacks.v[i];
	return NULL;
}

const struct callback *model_callback(const struct model *m,
				      const char *struct_type, const char *field)
{
	size_t i;

	for (i = m->callbacks.n; i-- > 0;)
		if (m->callbacks.v[i].struct_type == struct_type &&
		    m->callbacks.v[i].field == field)
			return &m->callbacks.v[i];
	return NULL;
}
