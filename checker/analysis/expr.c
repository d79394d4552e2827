/* Parser for the symbolic expressions of expr.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/expr.h"

struct cursor {
	const char *s;
	struct strpool *pool;
};

static struct expr *new_expr(enum expr_kind k)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = k;
	return e;
}

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '?' || c == '$';
}

static const char *ident(struct cursor *c, int allow_colons)
{
	const char *start = c->s;
	char buf[256];
	size_t n;

	while (ident_char(*c->s) || (allow_colons && *c->s == ':'))
		c->s++;
	n = (size_t)(c->s - start);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return strpool_intern(c->pool, buf);
}

static struct expr *parse(struct cursor *c);

static struct expr *primary(struct cursor *c)
{
	struct expr *e;

	switch (*c->s) {
	case 'P':
		e = new_expr(X_PARAM);
		e->param = atoi(++c->s);
		while (isdigit((unsigned char)*c->s))
			c->s++;
		return e;
	case 'G':
		if (c->s[1] != ':')
			break;
		c->s += 2;
		e = new_expr(X_GLOBAL);
		e->name = ident(c, 0);
		return e;
	case 'K':
		c->s++;
		e = new_expr(X_CONST);
		e->param = -1;		/* value not known */
		if (*c->s == '0' || *c->s == '1')
			e->param = *c->s++ - '0';
		return e;
	case '?':
		c->s++;
		return new_expr(X_UNKNOWN);
	case '@':
		c->s++;
		e = new_expr(X_CALL);
		e->name = ident(c, 0);
		if (*c->s != '(')
			return e;
		c->s++;
		while (*c->s && *c->s != ')') {
			e->args = xrealloc(e->args, (size_t)(e->nargs + 1) * sizeof(*e->args));
			e->args[e->nargs++] = parse(c);
			if (*c->s == ',')
				c->s++;
			else if (*c->s != ')')
				break;
		}
		if (*c->s == ')')
			c->s++;
		return e;
	}
	/* unknown syntax: consume up to the next separator */
	while (*c->s && !strchr(",;)", *c->s))
		c->s++;
	return new_expr(X_UNKNOWN);
}

static struct expr *parse(struct cursor *c)
{
	struct expr *e = primary(c);

	while (*c->s == '.') {
		struct expr *f = new_expr(X_FIELD);

		c->s++;
		f->name = ident(c, 1);
		f->base = e;
		if (*c->s == '*') {
			f->ptr = 1;
			c->s++;
		}
		e = f;
	}
	return e;
}

struct expr *expr_parse(const char *s, struct strpool *pool)
{
	struct cursor c = { s, pool };

	return parse(&c);
}

int expr_parse_args(const char *s, struct strpool *pool, struct expr ***out)
{
	struct cursor c = { s, pool };
	int n = 0;

	*out = NULL;
	if (!*s)
		return 0;
	for (;;) {
		*out = xrealloc(*out, (size_t)(n + 1) * sizeof(**out));
		(*out)[n++] = parse(&c);
		while (*c.s && *c.s != ';')
			c.s++;	/* resynchronise after junk */
		if (*c.s != ';')
			break;
		c.s++;
	}
	return n;
}

void expr_free(struct expr *e)
{
	int i;

	if (!e)
		return;
	expr_free(e->base);
	for (i = 0; i < e->nargs; i++)
		expr_free(e->args[i]);
	free(e->args);
	free(e);
}

bool expr_eq(const struct expr *a, const struct expr *b)
{
	int i;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->param != b->param || a->name != b->name ||
	    a->nargs != b->nargs || !expr_eq(a->base, b->base))
		return false;
	for (i = 0; i < a->nargs; i++)
		if (!expr_eq(a->args[i], b->args[i]))
			return false;
	return true;
}
