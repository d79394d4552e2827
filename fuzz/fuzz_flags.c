/*
 * libFuzzer: the compile-flag filter, on any command line (NUL-separated),
 * with every option libclang would judge taken as rejected (no probe).
 */
#include <stdlib.h>
#include <string.h>
#include "frontend/flags.h"
#include "util/mem.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	const char *argv[256];
	struct argv_list out = { 0 };
	struct flag_verdicts fv = { 0 };
	size_t n = 0, i = 0;

	memcpy(buf, data, size);
	buf[size] = '\0';
	while (i <= size && n < 256) {
		argv[n++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	flag_verdicts_add(&fv, argv, n);
	for (i = 0; i < fv.v.n; i++)
		fv.v.v[i].drop = true;
	flags_filter(argv, n, n > 1 ? argv[n - 1] : "x.c", "/tmp", &fv, &out);
	argv_release(&out);
	flag_verdicts_release(&fv);
	free(buf);
	return 0;
}
