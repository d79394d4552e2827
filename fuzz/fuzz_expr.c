/* libFuzzer: the symbolic expression parser, on any string. */
#include <stdlib.h>
#include "analysis/expr.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	struct strpool pool = { 0 };
	struct expr **args;
	int n, i;

	n = expr_parse_args(s, &pool, &args);
	for (i = 0; i < n; i++)
		expr_free(args[i]);
	free(args);
	expr_free(expr_parse(s, &pool));
	strpool_release(&pool);
	free(s);
	return 0;
}
