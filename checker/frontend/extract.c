/*
 * One AST walk per TU: lower each function body to a CFG whose blocks hold
 * call events, describe every call argument as a symbolic expression
 * (analysis/expr.h), and record callback registrations in struct
 * initializers. Locations are expansion locations, so calls that come from
 * macros (guard(), scoped_guard(), wrappers) are seen at the macro's use.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "frontend/extract.h"
#include "util/diag.h"
#include "util/mem.h"

/* Header inline functions are followed this many calls deep from main-file code. */
#define MAX_HEADER_DEPTH 2
/* Expressions longer than this are recorded as unknown. */
#define MAX_EXPR_LEN 240

typedef VEC(CXCursor) cursor_vec;

struct cleanup {
	const char *dtor, *usr, *arg;	/* usr: the destructor's, or NULL */
};

struct scope {
	unsigned id;
	VEC(struct cleanup) cleanups;
};

struct loop {
	int brk, cont;		/* target blocks; cont -1 inside a switch */
	size_t depth;		/* scope depth at the loop statement */
};

struct binding {
	CXCursor decl;
	const char *expr;
};

struct label {
	const char *name;
	int block;
	unsigned *scopes;	/* enclosing scope ids, outermost first */
	size_t nscopes;
};

struct emitted {
	CXCursor call;
	int idx;
};

struct fn {
	struct extractor *x;
	struct fact_func *f;
	CXCursor params[32];
	int nparams;
	int cur;		/* current block, -1 when unreachable */
	VEC(struct binding) locals;
	VEC(struct scope) scopes;
	VEC(struct loop) loops;
	VEC(struct label) labels;
	VEC(struct emitted) calls;
	VEC(int) switches;	/* dispatch block of each enclosing switch */
	VEC(int) has_default;
	unsigned next_scope;
	bool labels_scanned;
	int depth;		/* header-inline depth of this function */
	CXCursor body, decl;
};

struct queued {
	CXCursor def;
	int depth;
};

/* The sparse lock annotations of one declared function, P<n>-relative. */
#define MAX_ANNOTS 4
struct annots {
	const char *usr;		/* interned */
	int n;
	const char *name[MAX_ANNOTS];	/* "__acquires", ... */
	const char *expr[MAX_ANNOTS];
};

struct dtor {
	const char *name;	/* interned */
	CXCursor def;		/* null if the TU defines none */
};

struct extractor {
	struct tu_facts *tf;
	VEC(struct annots) annots;	/* per callee USR, filled on first call */
	CXTranslationUnit tu;
	CXFile main_file;
	VEC(struct queued) queue;
	struct strpool seen;	/* USRs of extracted functions */
	/* CXFile -> interned absolute path */
	VEC(CXFile) file_keys;
	VEC(const char *) file_paths;
	/* cleanup destructors looked up by name (no call names them) */
	VEC(struct dtor) dtors;
};

static const char *intern(struct extractor *x, const char *s)
{
	return strpool_intern(&x->tf->strings, s);
}

static const char *intern_cx(struct extractor *x, CXString cs)
{
	const char *s = clang_getCString(cs);
	const char *r = intern(x, s ? s : "");

	clang_disposeString(cs);
	return r;
}

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData d)
{
	cursor_vec *v = d;

	*VEC_PUSH(*v) = c;
	return CXChildVisit_Continue;
}

static void children(CXCursor c, cursor_vec *out)
{
	out->n = 0;
	clang_visitChildren(c, collect, out);
}

static const char *file_path(struct extractor *x, CXFile file)
{
	char buf[PATH_MAX];
	const char *name;
	CXString cs;
	size_t i;

	if (!file)
		return intern(x, "<built-in>");
	for (i = 0; i < x->file_keys.n; i++)
		if (clang_File_isEqual(x->file_keys.v[i], file))
			return x->file_paths.v[i];
	cs = clang_getFileName(file);
	name = clang_getCString(cs);
	if (name && realpath(name, buf))
		name = buf;
	*VEC_PUSH(x->file_keys) = file;
	*VEC_PUSH(x->file_paths) = intern(x, name ? name : "<unknown>");
	clang_disposeString(cs);
	return x->file_paths.v[x->file_paths.n - 1];
}

static void location(struct extractor *x, CXCursor c, const char **file,
		     int *line, int *col)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXFile f;
	unsigned l, cl;

	clang_getExpansionLocation(loc, &f, &l, &cl, NULL);
	*file = file_path(x, f);
	*line = (int)l;
	*col = (int)cl;
}

/* Strip the no-op wrappers libclang leaves around expressions. */
static CXCursor strip(CXCursor c)
{
	cursor_vec ch = { 0 };

	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			break;
		children(c, &ch);
		if (!ch.n)
			break;
		/* a cast's children are [TypeRef?, expr]: the expression is last */
		c = ch.v[ch.n - 1];
	}
	VEC_FREE(ch);
	return c;
}

/* The first token's spelling of @c, or "" (used for operators). */
static void first_token(struct extractor *x, CXCursor c, char *buf, size_t n)
{
	CXToken *toks = NULL;
	unsigned ntoks = 0;

	buf[0] = '\0';
	clang_tokenize(x->tu, clang_getCursorExtent(c), &toks, &ntoks);
	if (ntoks) {
		CXString s = clang_getTokenSpelling(x->tu, toks[0]);

		snprintf(buf, n, "%s", clang_getCString(s));
		clang_disposeString(s);
	}
	clang_disposeTokens(x->tu, toks, ntoks);
}

/* The operator of a binary expression: the first token after its LHS. */
static void binary_op(struct extractor *x, CXCursor c, CXCursor lhs,
		      char *buf, size_t n)
{
	CXSourceRange lr = clang_getCursorExtent(lhs);
	unsigned lend, off, ntoks = 0, i;
	CXToken *toks = NULL;

	buf[0] = '\0';
	clang_getSpellingLocation(clang_getRangeEnd(lr), NULL, NULL, NULL, &lend);
	clang_tokenize(x->tu, clang_getCursorExtent(c), &toks, &ntoks);
	for (i = 0; i < ntoks; i++) {
		CXSourceLocation l = clang_getTokenLocation(x->tu, toks[i]);

		clang_getSpellingLocation(l, NULL, NULL, NULL, &off);
		if (off >= lend) {
			CXString s = clang_getTokenSpelling(x->tu, toks[i]);

			snprintf(buf, n, "%s", clang_getCString(s));
			clang_disposeString(s);
			break;
		}
	}
	clang_disposeTokens(x->tu, toks, ntoks);
}

static int param_index(struct fn *fn, CXCursor decl)
{
	int i;

	for (i = 0; i < fn->nparams; i++)
		if (clang_equalCursors(fn->params[i], decl))
			return i;
	return -1;
}

static struct binding *local_binding(struct fn *fn, CXCursor decl)
{
	size_t i;

	for (i = fn->locals.n; i-- > 0;)
		if (clang_equalCursors(fn->locals.v[i].decl, decl))
			return &fn->locals.v[i];
	return NULL;
}

/*
 * "pci_dev" for a member of 'struct pci_dev', also when it sits in an
 * anonymous union or struct inside it (pci_dev::physfn does); "?" if no
 * enclosing record has a name.
 */
static const char *record_name(struct extractor *x, CXCursor field)
{
	CXCursor rec = clang_getCursorSemanticParent(field);

	while (clang_Cursor_isAnonymous(rec) || clang_Cursor_isAnonymousRecordDecl(rec)) {
		CXCursor up = clang_getCursorSemanticParent(rec);

		if (clang_getCursorKind(up) != CXCursor_StructDecl &&
		    clang_getCursorKind(up) != CXCursor_UnionDecl)
			break;
		rec = up;
	}
	if (!clang_Cursor_isAnonymous(rec)) {
		CXString s = clang_getCursorSpelling(rec);
		const char *name = clang_getCString(s);

		/* clang 14 spells some unnamed structs "struct (unnamed at ...)" */
		if (name && *name && !strchr(name, ' ')) {
			const char *r = intern(x, name);

			clang_disposeString(s);
			return r;
		}
		clang_disposeString(s);
	}
	return intern(x, "?");
}

static void describe(struct fn *fn, CXCursor c, struct strbuf *sb);

static void describe_call(struct fn *fn, CXCursor c, struct strbuf *sb)
{
	CXCursor callee = clang_getCursorReferenced(c);
	cursor_vec ch = { 0 };
	size_t i;

	if (clang_getCursorKind(callee) != CXCursor_FunctionDecl) {
		strbuf_addstr(sb, "?");
		return;
	}
	strbuf_addf(sb, "@%s(", intern_cx(fn->x, clang_getCursorSpelling(callee)));
	children(c, &ch);
	for (i = 1; i < ch.n; i++) {
		if (i > 1)
			strbuf_addstr(sb, ",");
		describe(fn, ch.v[i], sb);
	}
	strbuf_addstr(sb, ")");
	VEC_FREE(ch);
}

/*
 * container_of(ptr, T, m) is a statement expression whose first
 * declaration is 'void *__mptr = (void *)(ptr)': its value is ptr's.
 */
static bool describe_container_of(struct fn *fn, CXCursor c, struct strbuf *sb)
{
	cursor_vec ch = { 0 }, st = { 0 }, decl = { 0 };
	bool done = false;
	size_t i;

	children(c, &ch);
	if (ch.n != 1 || clang_getCursorKind(ch.v[0]) != CXCursor_CompoundStmt)
		goto out;
	children(ch.v[0], &st);
	for (i = 0; i < st.n && !done; i++) {
		CXString s;

		if (clang_getCursorKind(st.v[i]) != CXCursor_DeclStmt)
			continue;
		children(st.v[i], &decl);
		if (!decl.n || clang_getCursorKind(decl.v[0]) != CXCursor_VarDecl)
			continue;
		s = clang_getCursorSpelling(decl.v[0]);
		if (!strcmp(clang_getCString(s), "__mptr")) {
			cursor_vec init = { 0 };

			children(decl.v[0], &init);
			if (init.n) {
				describe(fn, init.v[init.n - 1], sb);
				done = true;
			}
			VEC_FREE(init);
		}
		clang_disposeString(s);
	}
out:
	VEC_FREE(ch);
	VEC_FREE(st);
	VEC_FREE(decl);
	return done;
}

/*
 * A pointer to an object ('struct pci_dev *'), not to pointers: an array
 * of pointers is marked where an element is read ('vfs[i]'), not where
 * the array itself is used (kfree(priv->vfs)).
 */
static bool is_pointer(CXType t)
{
	return t.kind == CXType_Pointer &&
	       clang_getPointeeType(t).kind != CXType_Pointer;
}

/*
 * An integer literal or enumerator: "K0" or "K1" by whether it is zero,
 * "K" if clang cannot evaluate it.
 */
static const char *const_str(CXCursor c)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	const char *s = "K";

	if (r && clang_EvalResult_getKind(r) == CXEval_Int)
		s = clang_EvalResult_getAsLongLong(r) ? "K1" : "K0";
	if (r)
		clang_EvalResult_dispose(r);
	return s;
}

/* Append the symbolic expression of @c (syntax: analysis/expr.h). */
static void describe(struct fn *fn, CXCursor c, struct strbuf *sb)
{
	cursor_vec ch = { 0 };
	CXCursor ref;
	CXString s;

	c = strip(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_UnaryOperator:
		/* &x and *x name the same object for our purposes */
		children(c, &ch);
		if (ch.n == 1)
			describe(fn, ch.v[0], sb);
		else
			strbuf_addstr(sb, "?");
		break;
	case CXCursor_DeclRefExpr: {
		int pi;

		ref = clang_getCursorReferenced(c);
		pi = param_index(fn, ref);
		if (pi >= 0) {
			strbuf_addf(sb, "P%d", pi);
		} else if (clang_getCursorKind(ref) == CXCursor_VarDecl) {
			struct binding *b = local_binding(fn, ref);

			if (b) {
				strbuf_addstr(sb, b->expr);
			} else if (clang_getCursorKind(
				   clang_getCursorSemanticParent(ref)) ==
				   CXCursor_TranslationUnit) {
				s = clang_getCursorSpelling(ref);
				strbuf_addf(sb, "G:%s", clang_getCString(s));
				clang_disposeString(s);
			} else {
				strbuf_addstr(sb, "?");
			}
		} else if (clang_getCursorKind(ref) == CXCursor_EnumConstantDecl) {
			/* the kernel's false and true are enumerators */
			strbuf_addstr(sb, const_str(c));
		} else {
			strbuf_addstr(sb, "?");
		}
		break;
	}
	case CXCursor_MemberRefExpr:
		ref = clang_getCursorReferenced(c);
		children(c, &ch);
		if (ch.n >= 1)
			describe(fn, ch.v[0], sb);
		else
			strbuf_addstr(sb, "?");
		s = clang_getCursorSpelling(c);
		strbuf_addf(sb, ".%s::%s%s", record_name(fn->x, ref),
			    clang_getCString(s), is_pointer(clang_getCursorType(ref)) ? "*" : "");
		clang_disposeString(s);
		break;
	case CXCursor_ArraySubscriptExpr:
		/*
		 * an element is named by its array: 'priv->vfs[i]' as
		 * 'priv->vfs', a pointer if the element is one
		 */
		children(c, &ch);
		if (ch.n != 2) {
			strbuf_addstr(sb, "?");
			break;
		}
		describe(fn, ch.v[0], sb);
		if (sb->len && sb->buf[sb->len - 1] == '*')
			sb->buf[--sb->len] = '\0';
		if (is_pointer(clang_getCursorType(c)))
			strbuf_addstr(sb, "*");
		break;
	case CXCursor_CallExpr:
		describe_call(fn, c, sb);
		break;
	case CXCursor_StmtExpr:
		if (!describe_container_of(fn, c, sb))
			strbuf_addstr(sb, "?");
		break;
	case CXCursor_IntegerLiteral:
		strbuf_addstr(sb, const_str(c));
		break;
	default:
		strbuf_addstr(sb, "?");
		break;
	}
	VEC_FREE(ch);
}

static const char *describe_str(struct fn *fn, CXCursor c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	describe(fn, c, &sb);
	r = intern(fn->x, sb.len <= MAX_EXPR_LEN ? sb.buf : "?");
	strbuf_release(&sb);
	return r;
}

static int new_block(struct fn *fn)
{
	return fn->f->nblocks++;
}

static void add_edge(struct fn *fn, int src, int dst, int cond, int pol)
{
	struct fact_edge *e;

	if (src < 0 || dst < 0)
		return;
	e = VEC_PUSH(fn->f->edges);
	e->src = src;
	e->dst = dst;
	e->cond = cond;
	e->polarity = pol;
	e->param = -1;
	e->param_truth = -1;
}

static void goto_block(struct fn *fn, int b)
{
	add_edge(fn, fn->cur, b, -1, 0);
	fn->cur = b;
}

static int current(struct fn *fn)
{
	/* code after a return or goto, before any label: its own block */
	if (fn->cur < 0)
		fn->cur = new_block(fn);
	return fn->cur;
}

static int emit(struct fn *fn, CXCursor at, enum event_kind kind,
		const char *name, const char *usr, const char *args)
{
	struct fact_event *e = VEC_PUSH(fn->f->events);

	e->idx = (int)fn->f->events.n - 1;
	e->block = current(fn);
	e->kind = kind;
	e->name = name;
	e->usr = usr;
	e->args = args;
	location(fn->x, at, &e->file, &e->line, &e->col);
	return e->idx;
}

static void queue_definition(struct fn *fn, CXCursor decl)
{
	CXCursor def = clang_getCursorDefinition(decl);
	CXFile file;
	struct queued *q;

	if (clang_Cursor_isNull(def) || fn->depth >= MAX_HEADER_DEPTH)
		return;
	clang_getExpansionLocation(clang_getCursorLocation(def), &file,
				   NULL, NULL, NULL);
	if (clang_File_isEqual(file, fn->x->main_file))
		return;		/* main-file functions are all extracted */
	q = VEC_PUSH(fn->x->queue);
	q->def = def;
	q->depth = fn->depth + 1;
}

static void lower_expr(struct fn *fn, CXCursor c);
static void lower_stmt(struct fn *fn, CXCursor c);

/*
 * Sparse's lock annotations: __acquires(x), __releases(x), __must_hold(x)
 * on a function's declaration expand to nothing outside sparse, so they
 * are read from the tokens between the parameter list and the ';' or '{'.
 * x is turned into a symbolic expression over the function's parameters
 * ('&pf->dev.mutex' -> 'P0.pci_dev::dev.device::mutex'); what cannot be
 * (calls, indexing, casts) is skipped.
 */
static const char *const annot_names[] = { "__acquires", "__releases", "__must_hold", NULL };

struct field_search {
	const char *name;
	CXCursor found;
};

static enum CXVisitorResult find_field(CXCursor c, CXClientData d)
{
	struct field_search *fs = d;
	CXString s = clang_getCursorSpelling(c);
	bool hit = !strcmp(clang_getCString(s), fs->name);

	clang_disposeString(s);
	if (hit)
		fs->found = c;
	return hit ? CXVisit_Break : CXVisit_Continue;
}

static char *token(CXTranslationUnit tu, CXToken t)
{
	CXString s = clang_getTokenSpelling(tu, t);
	char *r = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return r;
}

static bool token_is(CXTranslationUnit tu, CXToken t, const char *text)
{
	CXString s = clang_getTokenSpelling(tu, t);
	bool r = !strcmp(clang_getCString(s), text);

	clang_disposeString(s);
	return r;
}

/* Tokenize from @start to @more bytes past offset @off of @f (clipped). */
static void tokens_from(struct extractor *x, CXSourceLocation start, CXFile f,
			unsigned off, unsigned more, CXToken **t, unsigned *n)
{
	size_t size = 0;

	*t = NULL;
	*n = 0;
	if (!f || !clang_getFileContents(x->tu, f, &size))
		return;
	clang_tokenize(x->tu, clang_getRange(start, clang_getLocationForOffset(x->tu, f,
			(unsigned)(off + more < size ? off + more : size))), t, n);
}

/* With t[open] a '(': the index just past its ')', or 0 if it has none. */
static unsigned past_paren(CXTranslationUnit tu, CXToken *t, unsigned n, unsigned open)
{
	unsigned j;
	int depth = 0;

	for (j = open; j < n; j++) {
		depth += token_is(tu, t[j], "(") - token_is(tu, t[j], ")");
		if (!depth)
			return j + 1;
	}
	return 0;
}

/* tokens [i, end) of one annotation argument -> symbolic expression, or NULL */
static const char *annot_expr(struct extractor *x, CXCursor decl, CXToken *t,
			      unsigned i, unsigned end)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r = NULL;
	CXType ty = { CXType_Invalid };
	char *tok;
	int np = clang_Cursor_getNumArguments(decl), k;

	while (i < end && (token_is(x->tu, t[i], "&") || token_is(x->tu, t[i], "*")))
		i++;
	if (i >= end || clang_getTokenKind(t[i]) != CXToken_Identifier)
		goto out;
	tok = token(x->tu, t[i++]);
	for (k = 0; k < np; k++) {
		CXCursor a = clang_Cursor_getArgument(decl, (unsigned)k);
		CXString s = clang_getCursorSpelling(a);
		bool hit = !strcmp(clang_getCString(s), tok);

		clang_disposeString(s);
		if (hit) {
			strbuf_addf(&sb, "P%d", k);
			ty = clang_getCursorType(a);
			break;
		}
	}
	/*
	 * a bare name that is no parameter is mostly a context, not a lock
	 * (RCU, rcu, bitlock, tracepoint_srcu): only with members is it one
	 */
	if (k == np && (i >= end || i + 1 == end)) {
		free(tok);
		goto out;
	}
	if (k == np)
		strbuf_addf(&sb, "G:%s", tok);
	free(tok);
	while (i + 1 < end) {
		struct field_search fs = { NULL, clang_getNullCursor() };

		if ((!token_is(x->tu, t[i], "->") && !token_is(x->tu, t[i], ".")) ||
		    ty.kind == CXType_Invalid)
			goto out;
		fs.name = token(x->tu, t[i + 1]);
		ty = clang_getCanonicalType(ty);
		if (ty.kind == CXType_Pointer)
			ty = clang_getCanonicalType(clang_getPointeeType(ty));
		if (ty.kind == CXType_Record)
			clang_Type_visitFields(ty, find_field, &fs);
		if (clang_Cursor_isNull(fs.found)) {
			free((char *)fs.name);
			goto out;
		}
		ty = clang_getCursorType(fs.found);
		strbuf_addf(&sb, ".%s::%s%s", record_name(x, fs.found), fs.name,
			    clang_getCanonicalType(ty).kind == CXType_Pointer ? "*" : "");
		free((char *)fs.name);
		i += 2;
	}
	if (i == end && sb.len <= MAX_EXPR_LEN)
		r = intern(x, sb.buf);
out:
	strbuf_release(&sb);
	return r;
}

static void scan_annots(struct extractor *x, CXCursor decl, struct annots *an)
{
	CXSourceRange ext = clang_getCursorExtent(decl);
	CXSourceLocation start = clang_getRangeStart(ext);
	CXString name = clang_getCursorSpelling(decl);
	CXToken *t;
	unsigned n, i, off, j;
	CXFile f;
	int depth = 0, k;
	bool in_params = false;

	/* the annotation may follow the extent's end: look 512 bytes on */
	clang_getSpellingLocation(clang_getRangeEnd(ext), &f, NULL, NULL, &off);
	tokens_from(x, start, f, off, 512, &t, &n);
	for (i = 0; i < n; i++) {
		char *s = token(x->tu, t[i]);

		if (!in_params && !depth && !strcmp(s, clang_getCString(name)) && i + 1 < n) {
			in_params = true;	/* the name: its '(' follows */
		} else if (!strcmp(s, "(")) {
			depth++;
		} else if (!strcmp(s, ")")) {
			depth--;
		} else if (!depth && (!strcmp(s, ";") || !strcmp(s, "{"))) {
			free(s);
			break;
		}
		for (k = 0; in_params && depth == 0 && annot_names[k]; k++) {
			if (strcmp(s, annot_names[k]) || i + 1 >= n)
				continue;
			/* __acquires ( ... ): the argument up to the matching ')' */
			j = past_paren(x->tu, t, n, i + 1);
			if (j && an->n < MAX_ANNOTS) {
				const char *e = annot_expr(x, decl, t, i + 2, j - 1);

				if (e) {
					an->name[an->n] = intern(x, annot_names[k]);
					an->expr[an->n++] = e;
				}
			}
			i = (j ? j : n) - 1;
		}
		free(s);
	}
	if (t)
		clang_disposeTokens(x->tu, t, n);
	clang_disposeString(name);
}

static const struct annots *annots_of(struct extractor *x, CXCursor callee, const char *usr)
{
	struct annots *an;
	size_t i;

	for (i = 0; i < x->annots.n; i++)
		if (x->annots.v[i].usr == usr)
			return &x->annots.v[i];
	an = VEC_PUSH(x->annots);
	memset(an, 0, sizeof(*an));
	an->usr = usr;
	/* the prototype in a header, else the declaration the call sees */
	scan_annots(x, clang_getCanonicalCursor(callee), an);
	if (!an->n && !clang_equalCursors(clang_getCanonicalCursor(callee), callee))
		scan_annots(x, callee, an);
	return an;
}

/* @expr with each P<n> replaced by the n-th of the ';'-separated @args. */
static bool bind_args(const char *expr, const char *args, struct strbuf *sb)
{
	const char *p = expr;

	while (*p) {
		if (*p == 'P' && (p == expr || strchr("(,", p[-1])) && p[1] >= '0' && p[1] <= '9') {
			char *end;
			long n = strtol(p + 1, &end, 10);
			const char *a = args;

			while (n-- > 0 && a && (a = strchr(a, ';')))
				a++;
			if (!a || !*a)
				return false;
			strbuf_add(sb, a, strcspn(a, ";"));
			p = end;
		} else {
			strbuf_add(sb, p++, 1);
		}
	}
	return true;
}

static void lower_call(struct fn *fn, CXCursor c)
{
	CXCursor callee = clang_getCursorReferenced(c);
	struct strbuf args = STRBUF_INIT;
	cursor_vec ch = { 0 };
	const char *name, *usr = NULL;
	enum event_kind kind = EV_CALL;
	struct emitted *em;
	size_t i;

	children(c, &ch);
	for (i = 0; i < ch.n; i++)
		lower_expr(fn, ch.v[i]);
	for (i = 1; i < ch.n; i++) {
		size_t before = args.len;

		if (i > 1)
			strbuf_addstr(&args, ";");
		describe(fn, ch.v[i], &args);
		if (args.len - before > MAX_EXPR_LEN) {
			args.len = before;
			strbuf_addstr(&args, i > 1 ? ";?" : "?");
		}
	}
	if (clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
		name = intern_cx(fn->x, clang_getCursorSpelling(callee));
		usr = intern_cx(fn->x, clang_getCursorUSR(callee));
		queue_definition(fn, callee);
	} else {
		/* through a pointer: name the struct member it was loaded from */
		CXCursor f = ch.n ? strip(ch.v[0]) : clang_getNullCursor();

		kind = EV_ICALL;
		if (clang_getCursorKind(f) == CXCursor_MemberRefExpr) {
			CXString s = clang_getCursorSpelling(f);

			name = strpool_internf(&fn->x->tf->strings, "%s::%s",
					       record_name(fn->x, clang_getCursorReferenced(f)),
					       clang_getCString(s));
			clang_disposeString(s);
		} else {
			name = intern(fn->x, "?");
		}
	}
	em = VEC_PUSH(fn->calls);
	em->call = c;
	em->idx = emit(fn, c, kind, name, usr, intern(fn->x, args.len ? args.buf : ""));
	if (usr) {
		const struct annots *an = annots_of(fn->x, callee, usr);
		int k;

		for (k = 0; k < an->n; k++) {
			struct strbuf sb = STRBUF_INIT;

			if (bind_args(an->expr[k], args.buf ? args.buf : "", &sb))
				emit(fn, c, EV_ANNOT, an->name[k], NULL, intern(fn->x, sb.buf ? sb.buf : "?"));
			strbuf_release(&sb);
		}
	}
	strbuf_release(&args);
	VEC_FREE(ch);
}

/* 'a == b', 'a != b' where a side is a call or member result (not NULL). */
static void compare(struct fn *fn, CXCursor c, cursor_vec *ch, const char *op)
{
	const char *a, *b;

	if (strcmp(op, "==") && strcmp(op, "!="))
		return;
	a = describe_str(fn, ch->v[0]);
	b = describe_str(fn, ch->v[1]);
	if (a[0] == 'K' || b[0] == 'K' ||
	    (!strpbrk(a, "@.") && !strpbrk(b, "@.")))
		return;
	{
		struct emitted *em = VEC_PUSH(fn->calls);

		em->call = c;
		em->idx = emit(fn, c, EV_COMPARE, intern(fn->x, op), NULL,
			       strpool_internf(&fn->x->tf->strings, "%s;%s", a, b));
	}
}

/*
 * 'x->member = value' (or 'x->member[i] = value') of a pointer member and
 * a value that is a call or member result: what a driver keeps in its
 * structs (the VF pci_devs a PF stores, PFVF003).
 */
static void store(struct fn *fn, CXCursor c, CXCursor lhs, CXCursor rhs)
{
	CXCursor member = lhs;
	const char *l, *r;

	if (clang_getCursorKind(lhs) == CXCursor_ArraySubscriptExpr) {
		cursor_vec ch = { 0 };

		children(lhs, &ch);
		member = ch.n ? strip(ch.v[0]) : clang_getNullCursor();
		VEC_FREE(ch);
	}
	if (clang_getCursorKind(member) != CXCursor_MemberRefExpr)
		return;
	l = describe_str(fn, lhs);
	r = describe_str(fn, rhs);
	if (l[strlen(l) - 1] != '*' || !strpbrk(r, "@."))
		return;
	emit(fn, c, EV_STORE, intern(fn->x, "="), NULL,
	     strpool_internf(&fn->x->tf->strings, "%s;%s", l, r));
}

static void assign(struct fn *fn, CXCursor c, cursor_vec *ch, const char *op)
{
	CXCursor lhs = strip(ch->v[0]), ref;
	struct binding *b;

	if (strcmp(op, "="))
		return;
	if (clang_getCursorKind(lhs) != CXCursor_DeclRefExpr) {
		store(fn, c, lhs, ch->v[1]);
		return;
	}
	ref = clang_getCursorReferenced(lhs);
	if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
	    clang_getCursorKind(clang_getCursorSemanticParent(ref)) ==
	    CXCursor_TranslationUnit)
		return;
	b = local_binding(fn, ref);
	if (!b) {
		b = VEC_PUSH(fn->locals);
		b->decl = ref;
	}
	b->expr = describe_str(fn, ch->v[1]);
}

/*
 * The name of the macro whose use produced the cast @c, or NULL if the
 * cast is written in the source: a cast starts with '(', so an identifier
 * at its expansion location is the macro's name. (libclang 14's spelling
 * locations of macro expansions cannot tell the two apart.)
 */
static const char *macro_at(struct extractor *x, CXCursor c)
{
	CXSourceLocation loc = clang_getCursorLocation(c), exp;
	CXFile ef;
	unsigned eo;
	CXToken *tok;
	const char *name = NULL;

	clang_getExpansionLocation(loc, &ef, NULL, NULL, &eo);
	exp = clang_getLocationForOffset(x->tu, ef, eo);
	tok = clang_getToken(x->tu, exp);
	if (tok && clang_getTokenKind(*tok) == CXToken_Identifier)
		name = intern_cx(x, clang_getTokenSpelling(x->tu, *tok));
	if (tok)
		clang_disposeTokens(x->tu, tok, 1);
	return name;
}

/*
 * The argument of the macro use at @c's expansion location, from its
 * tokens, over @fn's parameters: for a macro whose expansion drops it
 * ('__acquire(x)' is '(void)0' outside sparse). NULL if not understood.
 */
static const char *macro_arg(struct fn *fn, CXCursor c)
{
	struct extractor *x = fn->x;
	CXToken *t;
	unsigned n, off, j;
	const char *r = NULL;
	CXFile f;

	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, &off);
	tokens_from(x, clang_getLocationForOffset(x->tu, f, off), f, off, 256, &t, &n);
	/* NAME ( ... ) */
	j = n > 2 && token_is(x->tu, t[1], "(") ? past_paren(x->tu, t, n, 1) : 0;
	if (j)
		r = annot_expr(x, fn->decl, t, 2, j - 1);
	if (t)
		clang_disposeTokens(x->tu, t, n);
	return r;
}

/*
 * '(void)(x)' from a macro: an assertion compiled out (lockdep off); or
 * '(void)0', whose macro's argument is read from its tokens (sparse's
 * __acquire(x) and __release(x) statements).
 */
static void lower_void_cast(struct fn *fn, CXCursor c, cursor_vec *ch)
{
	const char *macro, *arg;

	if (clang_getCursorType(c).kind != CXType_Void || !ch->n)
		return;
	macro = macro_at(fn->x, c);
	if (!macro)
		return;
	arg = describe_str(fn, ch->v[ch->n - 1]);
	if (arg[0] == 'K')
		arg = macro_arg(fn, c);
	if (arg)
		emit(fn, c, EV_MACRO, macro, NULL, arg);
}

static void lower_expr(struct fn *fn, CXCursor c)
{
	cursor_vec ch = { 0 };
	size_t i;

	switch (clang_getCursorKind(c)) {
	case CXCursor_CStyleCastExpr:
		children(c, &ch);
		for (i = 0; i < ch.n; i++)
			lower_expr(fn, ch.v[i]);
		lower_void_cast(fn, c, &ch);
		break;
	case CXCursor_CallExpr:
		lower_call(fn, c);
		return;
	case CXCursor_StmtExpr:
		children(c, &ch);
		for (i = 0; i < ch.n; i++)
			lower_stmt(fn, ch.v[i]);
		break;
	case CXCursor_BinaryOperator:
		children(c, &ch);
		for (i = 0; i < ch.n; i++)
			lower_expr(fn, ch.v[i]);
		if (ch.n == 2) {
			char op[8];

			binary_op(fn->x, c, ch.v[0], op, sizeof(op));
			assign(fn, c, &ch, op);
			compare(fn, c, &ch, op);
		}
		break;
	default:
		if (clang_isExpression(clang_getCursorKind(c)) ||
		    clang_getCursorKind(c) == CXCursor_InitListExpr) {
			children(c, &ch);
			for (i = 0; i < ch.n; i++)
				lower_expr(fn, ch.v[i]);
		}
		break;
	}
	VEC_FREE(ch);
}

/*
 * The event whose value decides a branch on @cond, and whether a non-zero
 * value takes the true edge: 'if (!mutex_trylock(l))' gives (trylock, 0).
 * A call's result, a comparison ('pci_physfn(pdev) != pdev'), or a member
 * read ('if (!pdev->is_virtfn)'), for which an EV_TEST is emitted here: the
 * analysis reads from them what the branch tells (the device is a VF).
 */
static int cond_event(struct fn *fn, CXCursor cond, int *pol)
{
	cursor_vec ch = { 0 };
	char tok[8];
	size_t i;
	int r = -1;

	*pol = 1;
	for (;;) {
		cond = strip(cond);
		if (clang_getCursorKind(cond) != CXCursor_UnaryOperator)
			break;
		first_token(fn->x, cond, tok, sizeof(tok));
		if (strcmp(tok, "!"))
			break;
		children(cond, &ch);
		if (ch.n != 1)
			break;
		cond = ch.v[0];
		*pol = !*pol;
	}
	VEC_FREE(ch);
	if (clang_getCursorKind(cond) == CXCursor_MemberRefExpr ||
	    clang_getCursorKind(cond) == CXCursor_DeclRefExpr) {
		const char *d = describe_str(fn, cond);

		/* a parameter itself is the edge's param test; a local may hold a member */
		return strchr(d, '.') ? emit(fn, cond, EV_TEST, intern(fn->x, "test"), NULL, d) : -1;
	}
	if (clang_getCursorKind(cond) != CXCursor_CallExpr &&
	    clang_getCursorKind(cond) != CXCursor_BinaryOperator)
		return -1;
	for (i = fn->calls.n; i-- > 0;)
		if (clang_equalCursors(fn->calls.v[i].call, cond)) {
			r = fn->calls.v[i].idx;
			break;
		}
	return r;
}

/*
 * The parameter a condition tests: 'p', '!p', 'p > K', 'p == K' (after
 * casts and parentheses), or -1. A branch on it depends on the caller.
 */
static int cond_param(struct fn *fn, CXCursor cond)
{
	cursor_vec ch = { 0 };
	int r = -1;
	size_t i;

	cond = strip(cond);
	switch (clang_getCursorKind(cond)) {
	case CXCursor_DeclRefExpr:
		r = param_index(fn, clang_getCursorReferenced(cond));
		break;
	case CXCursor_UnaryOperator:
	case CXCursor_BinaryOperator:
		children(cond, &ch);
		for (i = 0; i < ch.n && r < 0; i++)
			if (clang_getCursorKind(strip(ch.v[i])) != CXCursor_CallExpr)
				r = cond_param(fn, ch.v[i]);
		break;
	default:
		break;
	}
	VEC_FREE(ch);
	return r;
}

/*
 * 1 if @cond is true exactly when parameter @param is non-zero ('if (p)'),
 * 0 when it is zero ('if (!p)'), else -1: a caller's constant argument
 * then decides the branch.
 */
static int cond_truth(struct fn *fn, CXCursor cond, int param)
{
	cursor_vec ch = { 0 };
	char tok[4];
	int r = -1;

	cond = strip(cond);
	switch (clang_getCursorKind(cond)) {
	case CXCursor_DeclRefExpr:
		if (param_index(fn, clang_getCursorReferenced(cond)) == param)
			r = 1;
		break;
	case CXCursor_UnaryOperator:
		first_token(fn->x, cond, tok, sizeof(tok));
		children(cond, &ch);
		if (!strcmp(tok, "!") && ch.n == 1) {
			r = cond_truth(fn, ch.v[0], param);
			if (r >= 0)
				r = !r;
		}
		break;
	default:
		break;
	}
	VEC_FREE(ch);
	return r;
}

static void scope_push(struct fn *fn)
{
	struct scope *s = VEC_PUSH(fn->scopes);

	s->id = fn->next_scope++;
}

static void emit_cleanups(struct fn *fn, struct scope *s, CXCursor at)
{
	size_t i;

	for (i = s->cleanups.n; i-- > 0;)
		emit(fn, at, EV_CALL, s->cleanups.v[i].dtor, s->cleanups.v[i].usr,
		     s->cleanups.v[i].arg);
}

static void scope_pop(struct fn *fn, CXCursor at)
{
	struct scope *s = &fn->scopes.v[fn->scopes.n - 1];

	if (fn->cur >= 0)
		emit_cleanups(fn, s, at);
	VEC_FREE(s->cleanups);
	fn->scopes.n--;
}

/* Leaving scopes deeper than @depth by a jump: run their cleanups. */
static void unwind(struct fn *fn, size_t depth, CXCursor at)
{
	size_t i;

	if (fn->cur < 0)
		return;
	for (i = fn->scopes.n; i-- > depth;)
		emit_cleanups(fn, &fn->scopes.v[i], at);
}

/* Pre-pass for goto with live cleanups: which scopes enclose each label. */
typedef VEC(unsigned) scope_stack;

static void scan_labels(struct fn *fn, CXCursor c, scope_stack *stack,
			unsigned *next)
{
	cursor_vec ch = { 0 };
	enum CXCursorKind k = clang_getCursorKind(c);
	bool opens = k == CXCursor_CompoundStmt || k == CXCursor_ForStmt;
	size_t i;

	if (opens)
		*VEC_PUSH(*stack) = (*next)++;
	if (k == CXCursor_LabelStmt) {
		struct label *l = VEC_PUSH(fn->labels);

		l->name = intern_cx(fn->x, clang_getCursorSpelling(c));
		l->block = -1;
		l->nscopes = stack->n;
		l->scopes = xmalloc(stack->n * sizeof(unsigned) + 1);
		memcpy(l->scopes, stack->v, stack->n * sizeof(unsigned));
	}
	children(c, &ch);
	for (i = 0; i < ch.n; i++)
		scan_labels(fn, ch.v[i], stack, next);
	VEC_FREE(ch);
	if (opens)
		stack->n--;
}

static struct label *label_get(struct fn *fn, const char *name)
{
	struct label *l;
	size_t i;

	for (i = 0; i < fn->labels.n; i++)
		if (fn->labels.v[i].name == name)
			return &fn->labels.v[i];
	l = VEC_PUSH(fn->labels);
	l->name = name;
	l->block = -1;
	return l;
}

static int label_block(struct fn *fn, struct label *l)
{
	if (l->block < 0)
		l->block = new_block(fn);
	return l->block;
}

static bool has_cleanups(struct fn *fn)
{
	size_t i;

	for (i = 0; i < fn->scopes.n; i++)
		if (fn->scopes.v[i].cleanups.n)
			return true;
	return false;
}

static void lower_goto(struct fn *fn, CXCursor c, CXCursor body)
{
	const char *name = intern_cx(fn->x,
		clang_getCursorSpelling(clang_getCursorReferenced(c)));
	struct label *l;
	size_t depth = 0;

	if (has_cleanups(fn) && !fn->labels_scanned) {
		scope_stack stack = { 0 };
		unsigned next = 0;

		fn->labels_scanned = true;
		scan_labels(fn, body, &stack, &next);
		VEC_FREE(stack);
	}
	l = label_get(fn, name);
	/* the scopes the label shares with us are not left */
	while (depth < fn->scopes.n && depth < l->nscopes &&
	       l->scopes[depth] == fn->scopes.v[depth].id)
		depth++;
	unwind(fn, depth, c);
	add_edge(fn, fn->cur, label_block(fn, l), -1, 0);
	fn->cur = -1;
}

static enum CXChildVisitResult find_definition(CXCursor c, CXCursor parent, CXClientData d)
{
	struct dtor *t = d;
	CXString s;
	bool hit;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	s = clang_getCursorSpelling(c);
	hit = !strcmp(clang_getCString(s), t->name);
	clang_disposeString(s);
	if (!hit)
		return CXChildVisit_Continue;
	t->def = c;
	return CXChildVisit_Break;
}

/*
 * The definition of the function @name (interned) in the TU, or a null
 * cursor. Only a guard's destructor is looked up so: the cleanup attribute
 * names it, and libclang does not expose the attribute's argument.
 */
static CXCursor tu_function(struct extractor *x, const char *name)
{
	struct dtor *t;
	size_t i;

	for (i = 0; i < x->dtors.n; i++)
		if (x->dtors.v[i].name == name)
			return x->dtors.v[i].def;
	t = VEC_PUSH(x->dtors);
	t->name = name;
	t->def = clang_getNullCursor();
	clang_visitChildren(clang_getTranslationUnitCursor(x->tu), find_definition, t);
	return t->def;
}

/*
 * A variable with __attribute__((cleanup)): the kernel's guard classes
 * (cleanup.h) name it 'class_X_t' with destructor 'class_X_destructor';
 * the destructor gets the guard, which holds the constructor's first
 * argument.
 */
static void lower_var(struct fn *fn, CXCursor var)
{
	cursor_vec ch = { 0 }, init = { 0 };
	CXCursor value = clang_getNullCursor();
	bool cleanup = false;
	struct binding *b;
	const char *expr;
	size_t i;

	children(var, &ch);
	for (i = 0; i < ch.n; i++) {
		enum CXCursorKind k = clang_getCursorKind(ch.v[i]);

		if (clang_isAttribute(k))
			cleanup = true;	/* only cleanup() survives on locals */
		else if (clang_isExpression(k) || k == CXCursor_InitListExpr)
			value = ch.v[i];
	}
	if (!clang_Cursor_isNull(value))
		lower_expr(fn, value);
	/* the value first: it may name the variable itself ('p = f(sizeof(*p))') */
	expr = clang_Cursor_isNull(value) ? intern(fn->x, "?") : describe_str(fn, value);
	b = VEC_PUSH(fn->locals);
	b->decl = var;
	b->expr = expr;
	if (cleanup) {
		CXString ts = clang_getTypeSpelling(clang_getCursorType(var));
		const char *t = clang_getCString(ts);
		size_t tl = strlen(t);

		if (!strncmp(t, "class_", 6) && tl > 8 && !strcmp(t + tl - 2, "_t")) {
			struct cleanup *cl = VEC_PUSH(fn->scopes.v[fn->scopes.n - 1].cleanups);
			CXCursor call = strip(value);

			CXCursor def;

			cl->dtor = strpool_internf(&fn->x->tf->strings,
						   "%.*s_destructor", (int)(tl - 2), t);
			/*
			 * Its body (the unlock) is what the call means: no call
			 * expression names it, so queue it here
			 */
			def = tu_function(fn->x, cl->dtor);
			cl->usr = NULL;
			if (!clang_Cursor_isNull(def)) {
				cl->usr = intern_cx(fn->x, clang_getCursorUSR(def));
				queue_definition(fn, def);
			}
			cl->arg = b->expr;
			if (clang_getCursorKind(call) == CXCursor_CallExpr) {
				children(call, &init);
				if (init.n > 1)
					cl->arg = describe_str(fn, init.v[1]);
			}
			b->expr = cl->arg;
		}
		clang_disposeString(ts);
	}
	VEC_FREE(ch);
	VEC_FREE(init);
}

static void lower_if(struct fn *fn, cursor_vec *ch)
{
	int pol, cond, tb, eb, join;

	lower_expr(fn, ch->v[0]);
	cond = cond_event(fn, ch->v[0], &pol);
	current(fn);
	tb = new_block(fn);
	join = new_block(fn);
	eb = ch->n > 2 ? new_block(fn) : join;
	add_edge(fn, fn->cur, tb, cond, pol);
	add_edge(fn, fn->cur, eb, cond, !pol);
	{
		int param = cond_param(fn, ch->v[0]);
		size_t n = fn->f->edges.n;

		/*
		 * The two branch edges just added, then and else: each with
		 * the value that takes it; a test of unknown value ('if
		 * (state > D0)') marks the then edge only.
		 */
		if (param >= 0 && n >= 2) {
			int t = cond_truth(fn, ch->v[0], param);

			fn->f->edges.v[n - 2].param = param;
			fn->f->edges.v[n - 2].param_truth = t;
			if (t >= 0) {
				fn->f->edges.v[n - 1].param = param;
				fn->f->edges.v[n - 1].param_truth = !t;
			}
		}
	}
	fn->cur = tb;
	lower_stmt(fn, ch->v[1]);
	add_edge(fn, fn->cur, join, -1, 0);
	if (ch->n > 2) {
		fn->cur = eb;
		lower_stmt(fn, ch->v[2]);
		add_edge(fn, fn->cur, join, -1, 0);
	}
	fn->cur = join;
}

static void loop_push(struct fn *fn, int brk, int cont)
{
	struct loop *l = VEC_PUSH(fn->loops);

	l->brk = brk;
	l->cont = cont;
	l->depth = fn->scopes.n;
}

/* while (cond) body; for (init; cond; inc) body; do body while (cond); */
static void lower_loop(struct fn *fn, enum CXCursorKind k, cursor_vec *ch)
{
	CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor();
	CXCursor inc = clang_getNullCursor(), body;
	int head, bodyb, incb, exit, c = -1, pol = 1;

	if (k == CXCursor_DoStmt) {
		body = ch->v[0];
		cond = ch->n > 1 ? ch->v[1] : clang_getNullCursor();
	} else {
		body = ch->v[ch->n - 1];
		if (k == CXCursor_WhileStmt) {
			cond = ch->v[0];
		} else if (ch->n == 4) {
			init = ch->v[0];
			cond = ch->v[1];
			inc = ch->v[2];
		} else if (ch->n > 1) {
			/* libclang omits empty parts: guess by shape */
			size_t i = 0;

			if (clang_getCursorKind(ch->v[0]) == CXCursor_DeclStmt)
				init = ch->v[i++];
			if (i < ch->n - 1)
				cond = ch->v[i++];
			if (i < ch->n - 1)
				inc = ch->v[i];
		}
	}
	scope_push(fn);
	if (!clang_Cursor_isNull(init))
		lower_stmt(fn, init);
	head = new_block(fn);
	bodyb = new_block(fn);
	incb = new_block(fn);
	exit = new_block(fn);
	if (k == CXCursor_DoStmt) {
		goto_block(fn, bodyb);
	} else {
		goto_block(fn, head);
		if (!clang_Cursor_isNull(cond)) {
			lower_expr(fn, cond);
			c = cond_event(fn, cond, &pol);
			add_edge(fn, current(fn), exit, c, !pol);
		}
		add_edge(fn, current(fn), bodyb, c, pol);
	}
	loop_push(fn, exit, incb);
	fn->cur = bodyb;
	lower_stmt(fn, body);
	fn->loops.n--;
	goto_block(fn, incb);
	if (!clang_Cursor_isNull(inc))
		lower_expr(fn, inc);
	if (k == CXCursor_DoStmt) {
		if (!clang_Cursor_isNull(cond)) {
			lower_expr(fn, cond);
			c = cond_event(fn, cond, &pol);
		}
		add_edge(fn, current(fn), bodyb, c, pol);
		add_edge(fn, current(fn), exit, c, !pol);
	} else {
		add_edge(fn, current(fn), head, -1, 0);
	}
	fn->cur = exit;
	scope_pop(fn, body);
}

static void lower_switch(struct fn *fn, cursor_vec *ch)
{
	int exit, dispatch;
	struct loop *l;

	lower_expr(fn, ch->v[0]);
	dispatch = current(fn);
	exit = new_block(fn);
	*VEC_PUSH(fn->switches) = dispatch;
	*VEC_PUSH(fn->has_default) = 0;
	loop_push(fn, exit, -1);
	l = &fn->loops.v[fn->loops.n - 1];
	/* continue inside a switch belongs to the enclosing loop */
	if (fn->loops.n > 1)
		l->cont = fn->loops.v[fn->loops.n - 2].cont;
	fn->cur = -1;
	lower_stmt(fn, ch->v[ch->n - 1]);
	add_edge(fn, fn->cur, exit, -1, 0);
	if (!fn->has_default.v[fn->has_default.n - 1])
		add_edge(fn, dispatch, exit, -1, 0);
	fn->loops.n--;
	fn->switches.n--;
	fn->has_default.n--;
	fn->cur = exit;
}

static void lower_jump(struct fn *fn, CXCursor c, bool is_break)
{
	struct loop *l = fn->loops.n ? &fn->loops.v[fn->loops.n - 1] : NULL;
	int target = l ? (is_break ? l->brk : l->cont) : -1;

	if (target >= 0) {
		unwind(fn, l->depth, c);
		add_edge(fn, fn->cur, target, -1, 0);
	}
	fn->cur = -1;
}

static void lower_stmt(struct fn *fn, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	cursor_vec ch = { 0 };
	size_t i;

	children(c, &ch);
	switch (k) {
	case CXCursor_CompoundStmt:
		scope_push(fn);
		for (i = 0; i < ch.n; i++)
			lower_stmt(fn, ch.v[i]);
		scope_pop(fn, c);
		break;
	case CXCursor_IfStmt:
		if (ch.n >= 2)
			lower_if(fn, &ch);
		break;
	case CXCursor_WhileStmt:
	case CXCursor_ForStmt:
	case CXCursor_DoStmt:
		if (ch.n >= 1)
			lower_loop(fn, k, &ch);
		break;
	case CXCursor_SwitchStmt:
		if (ch.n >= 2)
			lower_switch(fn, &ch);
		break;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt: {
		int b = new_block(fn);

		if (fn->switches.n) {
			add_edge(fn, fn->switches.v[fn->switches.n - 1], b, -1, 0);
			if (k == CXCursor_DefaultStmt)
				fn->has_default.v[fn->has_default.n - 1] = 1;
		}
		goto_block(fn, b);
		if (ch.n)
			lower_stmt(fn, ch.v[ch.n - 1]);
		break;
	}
	case CXCursor_LabelStmt:
		goto_block(fn, label_block(fn, label_get(fn,
			intern_cx(fn->x, clang_getCursorSpelling(c)))));
		if (ch.n)
			lower_stmt(fn, ch.v[0]);
		break;
	case CXCursor_GotoStmt:
		lower_goto(fn, c, fn->body);
		break;
	case CXCursor_IndirectGotoStmt:
		fn->cur = -1;
		break;
	case CXCursor_ReturnStmt:
		for (i = 0; i < ch.n; i++)
			lower_expr(fn, ch.v[i]);
		unwind(fn, 0, c);
		add_edge(fn, current(fn), 1, -1, 0);
		fn->cur = -1;
		break;
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
		lower_jump(fn, c, k == CXCursor_BreakStmt);
		break;
	case CXCursor_DeclStmt:
		for (i = 0; i < ch.n; i++)
			if (clang_getCursorKind(ch.v[i]) == CXCursor_VarDecl)
				lower_var(fn, ch.v[i]);
		break;
	default:
		lower_expr(fn, c);
		break;
	}
	VEC_FREE(ch);
}

static CXCursor body_of(CXCursor fdecl)
{
	cursor_vec ch = { 0 };
	CXCursor body = clang_getNullCursor();
	size_t i;

	children(fdecl, &ch);
	for (i = 0; i < ch.n; i++)
		if (clang_getCursorKind(ch.v[i]) == CXCursor_CompoundStmt)
			body = ch.v[i];
	VEC_FREE(ch);
	return body;
}

static void extract_function(struct extractor *x, CXCursor c, int depth)
{
	struct fn fn = { 0 };
	struct fact_func *f;
	CXCursor body = body_of(c);
	size_t i;
	int n;

	if (clang_Cursor_isNull(body))
		return;
	f = VEC_PUSH(x->tf->funcs);
	f->usr = intern_cx(x, clang_getCursorUSR(c));
	f->name = intern_cx(x, clang_getCursorSpelling(c));
	f->is_static = clang_getCursorLinkage(c) == CXLinkage_Internal;
	f->in_main = depth == 0;
	location(x, c, &f->file, &f->line, &f->col);
	n = clang_Cursor_getNumArguments(c);
	f->nparams = n < 0 ? 0 : n;
	fn.x = x;
	fn.f = f;
	fn.depth = depth;
	fn.nparams = f->nparams < 32 ? f->nparams : 32;
	for (i = 0; i < (size_t)fn.nparams; i++)
		fn.params[i] = clang_Cursor_getArgument(c, (unsigned)i);
	f->nblocks = 2;		/* 0: entry, 1: exit */
	fn.cur = 0;
	fn.body = body;
	fn.decl = c;
	lower_stmt(&fn, body);
	add_edge(&fn, fn.cur, 1, -1, 0);	/* falling off the end */
	for (i = 0; i < fn.labels.n; i++)
		free(fn.labels.v[i].scopes);
	VEC_FREE(fn.labels);
	VEC_FREE(fn.locals);
	VEC_FREE(fn.scopes);
	VEC_FREE(fn.loops);
	VEC_FREE(fn.calls);
	VEC_FREE(fn.switches);
	VEC_FREE(fn.has_default);
}

/* "pci_driver" for a variable of type 'struct pci_driver' (or const). */
static const char *struct_name(struct extractor *x, CXType t)
{
	CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(t));

	if (clang_getCursorKind(decl) != CXCursor_StructDecl)
		return NULL;
	return intern_cx(x, clang_getCursorSpelling(decl));
}

struct field_list {
	VEC(CXCursor) v;
};

static enum CXVisitorResult collect_field(CXCursor c, CXClientData d)
{
	struct field_list *fl = d;

	*VEC_PUSH(fl->v) = c;
	return CXVisit_Continue;
}

static void record_init(struct extractor *x, const char *var, CXType type,
			CXCursor init);

static void record_value(struct extractor *x, const char *var, const char *st,
			 CXCursor field, CXCursor value)
{
	CXCursor v = strip(value), ref;
	struct fact_reg *r;

	if (clang_getCursorKind(v) == CXCursor_InitListExpr) {
		record_init(x, var, clang_getCursorType(field), v);
		return;
	}
	/* '.sriov_configure = IS_ENABLED(CONFIG_PCI_IOV) ? f : NULL' */
	if (clang_getCursorKind(v) == CXCursor_ConditionalOperator) {
		cursor_vec ch = { 0 };
		size_t i;

		children(v, &ch);
		for (i = 1; i < ch.n; i++)
			record_value(x, var, st, field, ch.v[i]);
		VEC_FREE(ch);
		return;
	}
	if (clang_getCursorKind(v) == CXCursor_UnaryOperator) {
		cursor_vec ch = { 0 };

		children(v, &ch);
		if (ch.n == 1)
			v = strip(ch.v[0]);
		VEC_FREE(ch);
	}
	if (clang_getCursorKind(v) != CXCursor_DeclRefExpr)
		return;
	ref = clang_getCursorReferenced(v);
	if (clang_getCursorKind(ref) != CXCursor_FunctionDecl &&
	    (clang_getCursorKind(ref) != CXCursor_VarDecl ||
	     clang_getCursorKind(clang_getCursorSemanticParent(ref)) !=
	     CXCursor_TranslationUnit))
		return;
	r = VEC_PUSH(x->tf->regs);
	r->target = clang_getCursorKind(ref) == CXCursor_FunctionDecl ? REG_FUNC : REG_VAR;
	r->var = var;
	r->struct_type = st;
	r->field = intern_cx(x, clang_getCursorSpelling(field));
	r->func_name = intern_cx(x, clang_getCursorSpelling(ref));
	r->func_usr = intern_cx(x, clang_getCursorUSR(ref));
	location(x, value, &r->file, &r->line, &r->col);
}

/*
 * Map an initializer list to fields. libclang shows designated entries as
 * an unexposed expression whose children are [MemberRef, value]; plain
 * entries follow field order.
 */
static void record_init(struct extractor *x, const char *var, CXType type,
			CXCursor init)
{
	const char *st = struct_name(x, type);
	struct field_list fields = { 0 };
	cursor_vec ch = { 0 }, sub = { 0 };
	size_t i, pos = 0;

	if (!st)
		return;
	clang_Type_visitFields(clang_getCanonicalType(type), collect_field, &fields);
	children(init, &ch);
	for (i = 0; i < ch.n; i++) {
		CXCursor field = clang_getNullCursor(), value = ch.v[i];
		size_t j;

		children(ch.v[i], &sub);
		for (j = 0; j < sub.n; j++)
			if (clang_getCursorKind(sub.v[j]) == CXCursor_MemberRef) {
				field = clang_getCursorReferenced(sub.v[j]);
				value = sub.v[sub.n - 1];
				break;
			}
		if (clang_Cursor_isNull(field)) {
			if (pos >= fields.v.n)
				break;
			field = fields.v.v[pos];
		} else {
			for (j = 0; j < fields.v.n; j++)
				if (clang_equalCursors(fields.v.v[j], field))
					pos = j;
		}
		pos++;
		record_value(x, var, st, field, value);
	}
	VEC_FREE(fields.v);
	VEC_FREE(ch);
	VEC_FREE(sub);
}

/* True if an identifier of @c's source names a VF: FOO_VF, VF_BAR, FOO_VF_2. */
static bool names_vf(struct extractor *x, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXToken *toks = NULL;
	unsigned n = 0, i;
	bool vf = false;

	clang_tokenize(x->tu, r, &toks, &n);
	for (i = 0; i < n && !vf; i++) {
		CXString s;
		const char *t, *p;

		if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
			continue;
		s = clang_getTokenSpelling(x->tu, toks[i]);
		t = clang_getCString(s);
		for (p = strstr(t, "VF"); p && !vf; p = strstr(p + 1, "VF"))
			vf = (p == t || p[-1] == '_') && (p[2] == '\0' || p[2] == '_');
		clang_disposeString(s);
	}
	clang_disposeTokens(x->tu, toks, n);
	return vf;
}

/* The integer value of a constant expression, or -1. */
static int eval_int(CXCursor c)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	int v = -1;

	if (r && clang_EvalResult_getKind(r) == CXEval_Int)
		v = (int)clang_EvalResult_getAsUnsigned(r);
	if (r)
		clang_EvalResult_dispose(r);
	return v;
}

/*
 * A 'struct pci_device_id' table: each element's vendor and device (the
 * first two members, also under PCI_DEVICE()/PCI_VDEVICE() designators).
 */
static void record_ids(struct extractor *x, const char *var, CXCursor init)
{
	cursor_vec elems = { 0 }, ch = { 0 }, sub = { 0 };
	size_t i, j, k;

	children(init, &elems);
	for (i = 0; i < elems.n; i++) {
		int vals[2] = { -1, -1 }, pos = 0;

		if (clang_getCursorKind(elems.v[i]) != CXCursor_InitListExpr)
			continue;
		children(elems.v[i], &ch);
		for (j = 0; j < ch.n && pos < 2; j++) {
			CXCursor value = ch.v[j];
			CXString name = { 0 };
			bool designated = false;

			children(ch.v[j], &sub);
			for (k = 0; k < sub.n; k++)
				if (clang_getCursorKind(sub.v[k]) == CXCursor_MemberRef) {
					name = clang_getCursorSpelling(sub.v[k]);
					value = sub.v[sub.n - 1];
					designated = true;
				}
			if (designated) {
				const char *n = clang_getCString(name);

				if (!strcmp(n, "vendor"))
					vals[0] = eval_int(value);
				else if (!strcmp(n, "device"))
					vals[1] = eval_int(value);
				clang_disposeString(name);
			} else {
				vals[pos] = eval_int(value);
			}
			pos++;
		}
		if (vals[0] > 0) {
			struct fact_id *id = VEC_PUSH(x->tf->ids);

			id->var = var;
			id->vendor = vals[0];
			id->device = vals[1];
			id->vf = names_vf(x, elems.v[i]);
		}
	}
	VEC_FREE(elems);
	VEC_FREE(ch);
	VEC_FREE(sub);
}

static void record_global(struct extractor *x, CXCursor var)
{
	CXType t = clang_getCursorType(var);
	cursor_vec ch = { 0 };
	size_t i;

	children(var, &ch);
	for (i = 0; i < ch.n; i++) {
		if (clang_getCursorKind(ch.v[i]) != CXCursor_InitListExpr)
			continue;
		if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) {
			const char *el = struct_name(x, clang_getArrayElementType(t));

			if (el && !strcmp(el, "pci_device_id"))
				record_ids(x, intern_cx(x, clang_getCursorSpelling(var)),
					   ch.v[i]);
		} else {
			record_init(x, intern_cx(x, clang_getCursorSpelling(var)),
				    t, ch.v[i]);
		}
	}
	VEC_FREE(ch);
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent,
					 CXClientData d)
{
	struct extractor *x = d;
	CXFile file;

	clang_getExpansionLocation(clang_getCursorLocation(c), &file,
				   NULL, NULL, NULL);
	/*
	 * A global function defined in an included file ('#include "sync.c"',
	 * how vendors build one source into a PF and a VF module) is this
	 * object's as much as the main file's are; header inlines are
	 * extracted where they are called.
	 */
	if (!clang_File_isEqual(file, x->main_file) &&
	    !(clang_getCursorKind(c) == CXCursor_FunctionDecl &&
	      clang_getCursorLinkage(c) == CXLinkage_External &&
	      !clang_Cursor_isFunctionInlined(c)))
		return CXChildVisit_Continue;
	switch (clang_getCursorKind(c)) {
	case CXCursor_FunctionDecl:
		if (clang_isCursorDefinition(c)) {
			strpool_intern(&x->seen, intern_cx(x, clang_getCursorUSR(c)));
			extract_function(x, c, 0);
		}
		break;
	case CXCursor_VarDecl:
		record_global(x, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

static void extract_queued(struct extractor *x)
{
	size_t i;

	for (i = 0; i < x->queue.n; i++) {
		struct queued q = x->queue.v[i];
		CXString usr = clang_getCursorUSR(q.def);
		size_t before = x->seen.n;

		strpool_intern(&x->seen, clang_getCString(usr));
		clang_disposeString(usr);
		if (x->seen.n != before)
			extract_function(x, q.def, q.depth);
	}
}

static void inclusion(CXFile f, CXSourceLocation *stack, unsigned n,
		      CXClientData d)
{
	struct extractor *x = d;
	struct fact_dep *dep = VEC_PUSH(x->tf->deps);

	dep->path = file_path(x, f);
}

static void collect_deps(struct extractor *x, struct depcache *dc)
{
	size_t i, j = 0;

	clang_getInclusions(x->tu, inclusion, x);
	for (i = 0; i < x->tf->deps.n; i++) {
		struct fact_dep d = x->tf->deps.v[i];
		const struct depcache_entry *e = depcache_get(dc, d.path);

		if (!e->ok)
			continue;	/* <built-in> and the like */
		d.mtime = e->mtime;
		d.size = e->size;
		memcpy(d.hash, e->hash, sizeof(d.hash));
		x->tf->deps.v[j++] = d;
	}
	x->tf->deps.n = j;
}

void tu_hash(const char *flags, const struct fact_dep *deps, size_t ndeps,
	     char *hex)
{
	struct hasher *h = hasher_new();
	size_t i;

	hasher_addstr(h, EXTRACTOR_VERSION);
	hasher_addstr(h, flags);
	for (i = 0; i < ndeps; i++) {
		hasher_addstr(h, deps[i].path);
		hasher_addstr(h, deps[i].hash);
	}
	hasher_finish(h, hex);
}

static void collect_diags(struct extractor *x)
{
	unsigned i, n = clang_getNumDiagnostics(x->tu), nerr = 0;
	struct strbuf sb = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(x->tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			if (nerr++ < 5) {
				CXString s = clang_formatDiagnostic(d,
					CXDiagnostic_DisplaySourceLocation |
					CXDiagnostic_DisplayColumn);

				strbuf_addf(&sb, "%s%s", sb.len ? "\n" : "",
					    clang_getCString(s));
				clang_disposeString(s);
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (nerr) {
		if (nerr > 5)
			strbuf_addf(&sb, "\n(%u more errors)", nerr - 5);
		x->tf->status = TU_ERRORS;
		x->tf->diag = intern(x, sb.buf);
	}
	strbuf_release(&sb);
}

int extract_tu(CXIndex index, const char *file, const char *directory,
	       const struct argv_list *args, struct depcache *dc,
	       struct tu_facts *tf)
{
	struct extractor x = { 0 };
	enum CXErrorCode rc;

	x.tf = tf;
	tf->file = intern(&x, file);
	tf->directory = intern(&x, directory);
	rc = clang_parseTranslationUnit2(index, file,
		(const char *const *)args->v, (int)args->n, NULL, 0,
		CXTranslationUnit_KeepGoing |
		CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &x.tu);
	if (rc != CXError_Success || !x.tu) {
		char path[PATH_MAX];

		/* say why when we can: an unreadable file is the usual cause */
		snprintf(path, sizeof(path), "%s%s%s", file[0] == '/' ? "" : directory,
			 file[0] == '/' ? "" : "/", file);
		tf->status = TU_FAILED;
		if (access(path, R_OK))
			tf->diag = strpool_internf(&tf->strings, "cannot read '%s': %s",
						   path, strerror(errno));
		else
			tf->diag = strpool_internf(&tf->strings,
				"libclang could not parse the file (error %d)", (int)rc);
		return -1;
	}
	x.main_file = clang_getFile(x.tu, file);
	collect_diags(&x);
	clang_visitChildren(clang_getTranslationUnitCursor(x.tu), top_level, &x);
	extract_queued(&x);
	collect_deps(&x, dc);
	tu_hash(tf->flags, tf->deps.v, tf->deps.n, tf->hash);
	VEC_FREE(x.queue);
	VEC_FREE(x.annots);
	VEC_FREE(x.file_keys);
	VEC_FREE(x.dtors);
	VEC_FREE(x.file_paths);
	strpool_release(&x.seen);
	clang_disposeTranslationUnit(x.tu);
	return 0;
}
