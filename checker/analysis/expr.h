/*
 * Symbolic expressions: how the front end describes a call argument, and
 * how the analysis turns one into a device role or a lock class.
 *
 *   P<n>              the function's n-th parameter (0-based)
 *   G:<name>          a global variable
 *   K, K0, K1         an integer constant (NULL, 0, true): unknown, zero,
 *                     non-zero
 *   ?                 anything else
 *   <e>.<rec>::<fld>  member <fld> of struct <rec> reached from <e>
 *                     ('->' and '.' alike; '&' and '*' are dropped);
 *                     a trailing '*' says the member is a pointer
 *   @<fn>(<e>,...)    the result of calling <fn>
 *
 * Example: '&pci_physfn(pdev)->dev' with pdev the first parameter is
 * '@pci_physfn(P0).pci_dev::dev'.
 */
#ifndef PFVF_EXPR_H
#define PFVF_EXPR_H

#include <stdbool.h>
#include "util/mem.h"

enum expr_kind {
	X_UNKNOWN,
	X_PARAM,
	X_GLOBAL,
	X_CONST,
	X_FIELD,
	X_CALL,
};

struct expr {
	enum expr_kind kind;
	int param;		/* X_PARAM; X_CONST: 0 zero, 1 non-zero, -1 unknown */
	int ptr;		/* X_FIELD: the member is a pointer */
	const char *name;	/* X_GLOBAL name, X_FIELD 'rec::fld', X_CALL fn */
	struct expr *base;	/* X_FIELD */
	struct expr **args;	/* X_CALL */
	int nargs;
};

/**
 * Parse one expression; @pool interns names. Never fails: what cannot be
 * parsed becomes X_UNKNOWN. The result is freed with expr_free().
 */
struct expr *expr_parse(const char *s, struct strpool *pool);
/** Parse a ';'-separated argument list into @out (count returned). */
int expr_parse_args(const char *s, struct strpool *pool, struct expr ***out);
void expr_free(struct expr *e);
/** True if @a and @b describe the same expression (names are interned). */
bool expr_eq(const struct expr *a, const struct expr *b);

#endif
